"""Forms for the training needs assessment: the year's dates, an agency's need, the summary."""

from django import forms

from partnership.forms.learning import ThemesField, active_or_current, current_ids
from partnership.models import Agency, Theme
from partnership.widgets import govuk_formfield

from ..models import Level, Need, NeedPriority, NeedsAssessment
from .common import DATE_HINT, date_errors, date_widget


class NeedsAssessmentForm(forms.ModelForm):
    class Meta:
        model = NeedsAssessment
        formfield_callback = govuk_formfield
        fields = ["year", "opens_on", "closes_on"]
        labels = {
            "year": "Programme year it informs",
            "opens_on": "Opens to agency leads on",
            "closes_on": "Closes on",
        }
        help_texts = {
            "year": "2027 means the programme for April 2027 to March 2028.",
            "opens_on": DATE_HINT,
            "closes_on": "Agency leads can add needs until the end of this day. " + DATE_HINT,
        }
        widgets = {"year": forms.NumberInput(), "opens_on": date_widget(), "closes_on": date_widget()}
        error_messages = {
            "year": {
                "required": "Enter the programme year",
                "unique": "There is already a needs assessment for that year",
            },
            "opens_on": date_errors("the opening date"),
            "closes_on": date_errors("the closing date"),
        }


class NeedForm(forms.ModelForm):
    themes = ThemesField(help_text="The themes the need is about. Select all that apply.")
    level = forms.TypedChoiceField(
        label="Level of training",
        choices=[("", "Not sure"), *Level.choices],
        coerce=int,
        empty_value=None,
        required=False,
        widget=forms.RadioSelect,
    )
    priority = forms.ChoiceField(
        label="How important is it?", choices=NeedPriority.choices, widget=forms.RadioSelect
    )

    class Meta:
        model = Need
        fields = ["agency", "need", "staff_group", "staff_count", "level", "priority", "themes"]
        help_texts = {
            "need": "For example: Recognising neglect in adolescents, and what to do about it.",
            "staff_group": "For example: Health visitors and school nurses.",
        }
        widgets = {
            "need": forms.Textarea(attrs={"rows": 3}),
            "staff_count": forms.NumberInput(attrs={"class": "govuk-input--width-5"}),
        }
        error_messages = {
            "agency": {"required": "Choose the agency"},
            "need": {"required": "Enter what staff need to learn"},
        }

    def __init__(self, *args, agencies_allowed, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["themes"].queryset = active_or_current(Theme, current_ids(self.instance, "themes"))
        agency_ids = list(agencies_allowed.values_list("pk", flat=True))
        self.fields["agency"].queryset = Agency.objects.filter(pk__in=agency_ids).order_by("name")
        self.fields["agency"].empty_label = "Choose an agency" if len(agency_ids) > 1 else None
        if len(agency_ids) == 1 and not self.is_bound and self.instance.agency_id is None:
            self.initial["agency"] = agency_ids[0]


class NeedsSummaryForm(forms.Form):
    summary = forms.CharField(
        label="Summary for the Training subgroup",
        required=False,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text="What the needs show, the gaps and how the programme will answer them.",
    )
