"""Recording a senior manager's response to the partnership's escalation letter."""

from django import forms

from partnership.widgets import GovukDateField


class EscalationResponseForm(forms.Form):
    received_on = GovukDateField(
        label="When did the response arrive?",
        error_messages={
            "required": "Enter the date the response arrived",
            "invalid": "Date the response arrived must be a real date",
        },
    )
    response = forms.CharField(
        label="What did the senior manager say?",
        help_text="Summarise, for each improvement, what has been done, what is still to do and by when.",
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={"required": "Enter what the senior manager said"},
    )
