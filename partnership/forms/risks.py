"""Flagging a risk from a source of learning, and recording the agency's response."""

from django import forms

from ..models import Agency, RiskFlag
from ..widgets import GovukDateField, GovukDateInput
from .responses import ResponseForm


class RiskFlagForm(forms.ModelForm):
    class Meta:
        model = RiskFlag
        fields = ["agency", "partner", "risk", "response_due_on"]
        labels = {
            "agency": "Which agency does the risk concern?",
            "partner": "Which safeguarding partner should follow it up?",
            "risk": "What is the risk?",
            "response_due_on": "When is the agency's response due?",
        }
        help_texts = {
            "risk": "Say what the activity found and why it cannot wait for the action plan. "
            "Name children only by their pseudonym.",
        }
        widgets = {"risk": forms.Textarea(attrs={"rows": 6}), "response_due_on": GovukDateInput()}
        field_classes = {"response_due_on": GovukDateField}
        error_messages = {
            "agency": {"required": "Choose the agency the risk concerns"},
            "partner": {"required": "Choose the safeguarding partner who should follow it up"},
            "risk": {"required": "Describe the risk"},
            "response_due_on": {
                "required": "Enter the date the response is due",
                "invalid": "Date the response is due must be a real date",
            },
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = Agency.objects.filter(active=True)
        self.fields["agency"].empty_label = "Choose an agency"
        self.fields["partner"].queryset = Agency.objects.filter(
            active=True, partner_status=Agency.PartnerStatus.STATUTORY_PARTNER
        )
        self.fields["partner"].empty_label = "Choose a safeguarding partner"


class RiskResponseForm(ResponseForm):
    responder = "the agency"
    response_label = "What did the agency say it has done or will do?"
