"""Writes to Section 11 rounds: setting one up, inviting agencies and opening it (each invited
agency's lead is then emailed a link to their return, once). The moves a round's status may
make are `ROUND_TRANSITIONS`; the peer challenge panel reports a round's overview
(`audits/services/panel.py`). Every write names the actor in the history.
"""

from django.db import transaction

from partnership.services import DomainError
from partnership.services.guards import check_transition, require_actor
from partnership.services.history import save_tracked

from ... import permissions
from ...models import Return, Round, RoundStatus

# What each status of a round may move to: it opens once; once open (or closed to returns) its
# overview may be reported, and the date reported corrected.
ROUND_TRANSITIONS = {
    RoundStatus.DRAFT: {RoundStatus.OPEN},
    RoundStatus.OPEN: {RoundStatus.CLOSED, RoundStatus.REPORTED},
    RoundStatus.CLOSED: {RoundStatus.REPORTED},
    RoundStatus.REPORTED: {RoundStatus.REPORTED},
}


@transaction.atomic
def round_create(*, round_: Round, agencies, actor) -> Round:
    """Set up a round and invite agencies (one return each). Nobody is emailed until it opens."""
    require_actor(
        actor, permissions.can_manage_section11, "Only the business unit can set up Section 11 rounds."
    )
    if round_.due_on <= round_.opens_on:
        raise DomainError("The due date must be after the opening date.", field="due_on")
    if round_.previous_round is None:
        round_.previous_round = (
            Round.objects.filter(framework=round_.framework)
            .exclude(pk=round_.pk)
            .order_by("-year", "-pk")
            .first()
        )
    save_tracked(round_, actor=actor)
    round_invite(round_=round_, agencies=agencies, actor=actor)
    return round_


@transaction.atomic
def round_invite(*, round_: Round, agencies, actor) -> list[Return]:
    """Invite more agencies; each gets a return. An open round queues the opening email to
    their leads (see `_queue_opening_emails`)."""
    require_actor(actor, permissions.can_manage_section11, "Only the business unit can invite agencies.")
    created = []
    for agency in agencies:
        if not round_.framework.applies_to(agency):
            raise DomainError(f"The framework does not apply to {agency}'s sector.", field="agencies")
        agency_return, was_created = Return.objects.get_or_create(round=round_, agency=agency)
        if was_created:
            created.append(agency_return)
    if created and round_.status == RoundStatus.OPEN:
        _queue_opening_emails(round_)
    return created


def _queue_opening_emails(round_: Round) -> None:
    """After commit, the job that emails each lead of the round's invited agencies once,
    recording each email in SentReminder (audits/reminders.py, `send_round_opened_emails`):
    a rerun, a retry or the daily sweep sends nothing twice."""
    from ...tasks import send_round_opened_task

    round_id = round_.pk
    transaction.on_commit(lambda: send_round_opened_task.delay(round_id))


@transaction.atomic
def round_open(*, round_: Round, actor) -> Round:
    """Open the round: each invited agency's lead is emailed a link to their return, once, by
    the job queued after commit (the daily run sends whatever it could not)."""
    round_ = Round.objects.select_for_update().get(pk=round_.pk)
    require_actor(actor, permissions.can_manage_section11, "Only the business unit can open rounds.")
    check_transition(
        ROUND_TRANSITIONS, round_.status, RoundStatus.OPEN, message="This round is already open."
    )
    if not round_.returns.exists():
        raise DomainError("Invite at least one agency before opening the round.")
    round_.status = RoundStatus.OPEN
    save_tracked(round_, actor=actor, reason="Opened")
    _queue_opening_emails(round_)
    return round_
