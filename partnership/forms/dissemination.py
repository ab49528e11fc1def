"""Forms for dissemination: a row of a source's dissemination plan, an agency's confirmation
that it cascaded a briefing, and a practitioner's short feedback on a briefing. The rules are
the services' (`partnership/services/dissemination.py`)."""

from django import forms

from ..models import Agency, CascadeMethod, DisseminationItem
from ..widgets import GovukDateField, GovukDateInput


class DisseminationItemForm(forms.ModelForm):
    class Meta:
        model = DisseminationItem
        fields = ["agency", "audience", "message", "due_on"]
        labels = {
            "agency": "Which agency must cascade it?",
            "audience": "Or who else must hear it?",
            "message": "What must they hear?",
            "due_on": "By when?",
        }
        help_texts = {
            "agency": "Its safeguarding lead is asked to confirm the cascade when a briefing is published.",
            "audience": "For example, GP practices, or the early help teams. Leave blank if an agency is chosen.",
            "message": "The key message, in a sentence or two. Name children only by their pseudonym.",
            "due_on": "For example, 27 3 2027",
        }
        widgets = {"message": forms.Textarea(attrs={"rows": 4}), "due_on": GovukDateInput()}
        field_classes = {"due_on": GovukDateField}
        error_messages = {
            "message": {"required": "Enter what they must hear"},
            "due_on": {
                "required": "Enter the date they must hear it by",
                "invalid": "The date must be a real date",
            },
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = Agency.objects.filter(active=True)
        self.fields["agency"].empty_label = "Not one agency"
        self.fields["agency"].required = False

    def clean(self):
        cleaned = super().clean()
        if (
            not cleaned.get("agency")
            and not (cleaned.get("audience") or "").strip()
            and "agency" not in self.errors
        ):
            self.add_error("agency", "Choose the agency, or say who else must hear it")
        return cleaned


class CascadeConfirmForm(forms.Form):
    """How the agency cascaded a briefing and how many staff it reached."""

    method = forms.ChoiceField(
        label="How did you cascade it?",
        choices=CascadeMethod.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose how you cascaded it"},
    )
    staff_reached = forms.IntegerField(
        label="How many staff did it reach?",
        min_value=0,
        max_value=100000,
        help_text="An estimate is fine: the number of staff who heard or read it.",
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-5"}),
        error_messages={
            "required": "Enter how many staff it reached",
            "invalid": "Enter the number of staff as a whole number, like 40",
            "min_value": "The number of staff cannot be less than 0",
            "max_value": "Enter a number of staff up to 100,000",
        },
    )
    confirmed_by = forms.CharField(
        label="Your name",
        max_length=200,
        error_messages={"required": "Enter your name"},
    )
    notes = forms.CharField(
        label="Anything else to tell us (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For example, teams you could not reach yet.",
    )

    def __init__(self, *args, signed_in=False, **kwargs):
        super().__init__(*args, **kwargs)
        if signed_in:
            del self.fields["confirmed_by"]  # the person signed in confirms


RATINGS = [(5, "5: very useful"), (4, "4"), (3, "3"), (2, "2"), (1, "1: not useful")]


class BriefingFeedbackForm(forms.Form):
    rating = forms.TypedChoiceField(
        label="How useful was it for your practice?",
        choices=RATINGS,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose how useful it was, from 1 to 5"},
    )
    will_do_differently = forms.CharField(
        label="What will you do differently?",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="One line is enough. Do not name children or families.",
    )
