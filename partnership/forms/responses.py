"""Recording a response the partnership awaited (partnership.models.responses): when it arrived
and what it said. A use names who responds (`responder`) and what they were asked."""

from django import forms

from ..widgets import GovukDateField


class ResponseForm(forms.Form):
    """Subclass and set `responder` ("the agency", "the senior manager"), `response_label` and,
    where it helps, `response_help`; the error messages follow from them."""

    responder = "they"
    response_label = "What did they say?"
    response_help = ""

    received_on = GovukDateField(label="When did the response arrive?")
    response = forms.CharField(widget=forms.Textarea(attrs={"rows": 8}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        received, response = self.fields["received_on"], self.fields["response"]
        received.error_messages.update(
            required="Enter the date the response arrived",
            invalid="Date the response arrived must be a real date",
        )
        response.label, response.help_text = self.response_label, self.response_help
        response.error_messages["required"] = f"Enter {self.responder}'s response"
