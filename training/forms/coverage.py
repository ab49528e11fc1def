"""The form of an agency's single-agency training return for a year and level."""

from django import forms

from partnership.models import Agency

from ..models import Level


class CoverageReturnForm(forms.Form):
    agency = forms.ModelChoiceField(
        label="Agency", queryset=Agency.objects.none(), error_messages={"required": "Choose the agency"}
    )
    year = forms.IntegerField(
        label="Year",
        min_value=2000,
        max_value=2100,
        help_text="The partnership year: 2026 means April 2026 to March 2027.",
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-4"}),
        error_messages={
            "required": "Enter the year",
            "invalid": "Enter the year as a number, for example 2026",
        },
    )
    level = forms.TypedChoiceField(
        label="Level",
        choices=Level.choices,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the level"},
    )
    staff_in_scope = forms.IntegerField(
        label="Staff in scope",
        min_value=0,
        help_text="How many of your agency's staff need training at this level.",
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-5"}),
        error_messages={"required": "Enter how many staff need training at this level"},
    )
    staff_trained = forms.IntegerField(
        label="Staff trained",
        min_value=0,
        help_text="How many of them have had training at this level that is still current.",
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-5"}),
        error_messages={"required": "Enter how many of them are trained"},
    )

    def __init__(self, *args, agencies_allowed, **kwargs):
        super().__init__(*args, **kwargs)
        agency_ids = list(agencies_allowed.values_list("pk", flat=True))
        self.fields["agency"].queryset = Agency.objects.filter(pk__in=agency_ids).order_by("name")
        self.fields["agency"].empty_label = "Choose an agency" if len(agency_ids) > 1 else None
