"""Flagging a risk an activity identified to the agency concerned and a safeguarding partner,
and recording the agency's response (partnership/models/risks.py)."""

from datetime import date, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction

from .. import permissions
from ..emails import send_email_on_commit
from ..models import Agency, Role, RoleAssignment
from ..models.risks import ALREADY_FLAGGED, RESPONSE_DAYS, RiskFlag
from .guards import require
from .history import save_tracked
from .responses import response_record


def default_response_due_on(today: date) -> date:
    return today + timedelta(days=RESPONSE_DAYS)


def _recipients(*agencies: Agency) -> list[str]:
    """Each agency's senior manager and active leads, once each."""
    emails = {a.senior_manager_email for a in agencies if a.senior_manager_email}
    emails |= set(
        RoleAssignment.objects.filter(
            role=Role.AGENCY_LEAD, agency__in=agencies, user__is_active=True
        ).values_list("user__email", flat=True)
    )
    return sorted(emails)


def risk_flag_raise(*, flag: RiskFlag, actor, today: date) -> RiskFlag:
    """Flag the risk and tell the agency's senior manager and leads and the partner's, once
    (after commit). The same risk flagged twice for the same agency is refused."""
    require(permissions.can_flag_risk(actor, flag.source), "Only the business unit or the subgroup's chair can flag a risk from this source.")  # fmt: skip
    require(
        flag.partner.partner_status == Agency.PartnerStatus.STATUTORY_PARTNER,
        "Choose one of the statutory safeguarding partners",
        field="partner",
    )
    require(bool(flag.risk.strip()), "Describe the risk", field="risk")
    require(flag.response_due_on >= today, "The response cannot be due in the past", field="response_due_on")
    flag.risk = flag.risk.strip()
    flag.raised_by, flag.raised_on = actor, today
    require(
        not RiskFlag.objects.filter(source=flag.source, agency=flag.agency, risk=flag.risk).exists(),
        ALREADY_FLAGGED,
        field="risk",
    )
    try:
        with transaction.atomic():
            save_tracked(flag, actor=actor)
    except IntegrityError:  # the same risk submitted twice at once: the second is refused
        require(False, ALREADY_FLAGGED, field="risk")
    send_email_on_commit(
        to=_recipients(flag.agency, flag.partner) or [settings.BUSINESS_UNIT_EMAIL],
        cc=[settings.BUSINESS_UNIT_EMAIL],
        template_prefix="partnership/risk_flagged",
        context={"flag": flag, "url": settings.SITE_URL + flag.get_absolute_url()},
    )
    return flag


def risk_flag_respond(*, flag: RiskFlag, received_on: date, response: str, actor) -> RiskFlag:
    """Record the agency's response to a flagged risk (its lead, or the business unit)."""
    require(permissions.can_respond_to_risk(actor, flag), "Only the agency's lead or the business unit can record the response.")  # fmt: skip
    return response_record(
        flag,
        received_on=received_on,
        response=response,
        actor=actor,
        responder="the agency",
        not_before=flag.raised_on,
        not_before_message="The response cannot come before the risk was flagged",
    )
