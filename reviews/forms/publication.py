"""The form of an LCSPR's parallel proceedings (criminal trial, inquest, investigation).

The rules (publication held until they conclude, a warning when a date moves) are in
`reviews/services/publication.py`."""

from django import forms

from partnership.widgets import govuk_formfield

from ..models import ParallelProceeding


class ProceedingForm(forms.ModelForm):
    class Meta:
        model = ParallelProceeding
        formfield_callback = govuk_formfield
        fields = ["kind", "reference", "expected_on", "concluded_on"]
        labels = {
            "kind": "What kind of proceeding",
            "reference": "Reference",
            "expected_on": "Expected date",
            "concluded_on": "Date it concluded",
        }
        help_texts = {
            "reference": "The court's, coroner's or investigator's reference, if known.",
            "expected_on": "The date of the trial or inquest, or when the investigation should conclude. "
            "Publication waits until the working day after. For example, 3 3 2027",
            "concluded_on": "Leave empty while it is still running. For example, 3 3 2027",
        }
        widgets = {"kind": forms.RadioSelect}
        error_messages = {
            "kind": {"required": "Choose the kind of proceeding"},
            "expected_on": {
                "required": "Enter the expected date",
                "invalid": "Enter the expected date as a real date, for example 3 3 2027",
            },
        }
