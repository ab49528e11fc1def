"""Escalating a Section 11 return's outstanding improvements to the agency's senior manager.

Six months after a round's overview was reported (`ESCALATE_AFTER_MONTHS`, the same six months
as the outstanding actions report to the subgroup), each return with improvements still open
gets one letter from the partnership to its agency's senior manager, asking for a response
within `RESPONSE_DAYS`. The job in audits/reminders.py writes and sends it once; the business
unit records the response here. The letter is written once and kept as sent, so the record
says what the agency was told even after its actions move on.
"""

from datetime import date, timedelta

from django.conf import settings
from django.db import transaction

from partnership.emails import render_plain_text
from partnership.services.guards import require
from partnership.services.history import save_tracked
from partnership.services.responses import response_record

from .. import permissions
from ..models import Escalation, PlannedImprovement, Return
from ..models.escalations import ESCALATE_AFTER_MONTHS, RESPONSE_DAYS


def escalation_write(
    *, agency_return: Return, improvements: list[PlannedImprovement], today: date
) -> Escalation:
    """The return's letter: written now from its outstanding improvements, or the one already
    written (a rerun, or a retry after a failed send, reuses it unchanged)."""
    agency = agency_return.agency
    round_ = agency_return.round
    response_due_on = today + timedelta(days=RESPONSE_DAYS)
    addressee = ", ".join(p for p in (agency.senior_manager_name, agency.senior_manager_role) if p)
    context = {
        "agency": agency,
        "round": round_,
        "addressee": addressee or f"Senior manager, {agency.name}",
        "improvements": improvements,
        "today": today,
        "response_due_on": response_due_on,
        "reported_on": round_.overview_reported_on,
        "months": ESCALATE_AFTER_MONTHS,
        "partnership_name": settings.PARTNERSHIP_NAME,
        "business_unit_email": settings.BUSINESS_UNIT_EMAIL,
    }
    with transaction.atomic():
        escalation, _created = Escalation.objects.get_or_create(
            agency_return=agency_return,
            defaults={
                "addressee": context["addressee"],
                "sent_to": agency.senior_manager_email,
                "subject": f"{round_.title}: {agency.name}'s Section 11 improvements outstanding",
                "letter": render_plain_text("audits/escalation_letter.txt", context).strip(),
                "outstanding": len(improvements),
                "written_on": today,
                "response_due_on": response_due_on,
            },
        )
    return escalation


def escalation_mark_sent(escalation: Escalation, when) -> None:
    if escalation.sent_at is None:
        escalation.sent_at = when
        save_tracked(escalation, actor=None, update_fields=["sent_at"])


def escalation_response_record(
    *, escalation: Escalation, received_on: date, response: str, actor
) -> Escalation:
    """Record the senior manager's response to the letter (the business unit)."""
    require(
        permissions.can_manage_section11(actor),
        "Only the business unit can record a response to an escalation.",
    )
    require(
        escalation.sent_at is not None, "The letter has not been sent yet, so there is no response to record."
    )
    return response_record(
        escalation,
        received_on=received_on,
        response=response,
        actor=actor,
        responder="the senior manager",
        not_before=escalation.sent_at.date(),
        not_before_message="The response cannot be received before the letter was sent",
    )
