"""Escalation letters: recording the senior manager's response on the return."""

from django.http import Http404
from django.utils import timezone

from partnership.views.toolkit import form_page, posted, require

from ... import permissions
from ...forms.escalations import EscalationResponseForm
from ...services import escalations as services
from .return_pages import visible_return


def escalation_response_view(request, pk: int):
    agency_return = visible_return(request, pk)
    require(permissions.can_manage_section11(request.user))
    escalation = getattr(agency_return, "escalation", None)  # the return's own, seen through its selector
    if escalation is None or escalation.sent_at is None:
        raise Http404("No letter has been sent about this return yet.")
    initial = {
        "received_on": escalation.response_received_on or timezone.localdate(),
        "response": escalation.response,
    }
    form = EscalationResponseForm(posted(request), initial=initial)
    return form_page(
        request,
        form,
        call=lambda form: services.escalation_response_record(
            escalation=escalation,
            received_on=form.cleaned_data["received_on"],
            response=form.cleaned_data["response"],
            actor=request.user,
        ),
        success=lambda saved: f"{agency_return.agency.name}'s response recorded",
        next_url=escalation.get_absolute_url(),
        template="audits/escalation_response.html",
        title="Record the senior manager's response",
        caption=f"{agency_return.round.title}: {agency_return.agency.name}",
        button="Record the response",
        escalation=escalation,
        cancel_url=escalation.get_absolute_url(),
    )
