"""Recording a senior manager's response to the partnership's escalation letter."""

from partnership.forms.responses import ResponseForm


class EscalationResponseForm(ResponseForm):
    responder = "the senior manager"
    response_label = "What did the senior manager say?"
    response_help = "Summarise, for each improvement, what has been done, what is still to do and by when."
