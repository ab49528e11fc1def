"""Writes for peer challenge and the round's overview: the panel's sessions, the challenge
recorded on each standard of a submitted return, and the date the overview was reported.

The rules: the business unit sets up sessions, whose members are lay members, peer challengers
or the business unit and whose returns are the round's submitted ones; a session's members (or
the business unit) record challenge on its returns, moving a submitted return into peer
challenge without touching the agency's self-ratings; the business unit records when the
overview of an opened round was reported.
"""

from django.db import transaction
from django.utils import timezone

from partnership.services import DomainError
from partnership.services.guards import check_transition, require_actor
from partnership.services.history import save_tracked

from .. import permissions
from ..models import Return, ReturnStatus, Round, RoundStatus, StandardChallenge
from .section11.returns import RETURN_TRANSITIONS, locked_return
from .section11.rounds import ROUND_TRANSITIONS


@transaction.atomic
def session_save(*, session, members, returns, actor):
    """Set up or change a peer challenge session: its members must be active lay members, peer
    challengers or the business unit; its returns must be the round's submitted ones."""
    from ..selectors import CHALLENGEABLE, panel_member_candidates

    require_actor(
        actor, permissions.can_manage_section11, "Only the business unit can set up peer challenge sessions."
    )
    members, returns = list(members), list(returns)
    if not members:
        raise DomainError("Choose at least one member of the panel.", field="members")
    eligible = set(
        panel_member_candidates().filter(pk__in=[m.pk for m in members]).values_list("pk", flat=True)
    )
    if any(m.pk not in eligible for m in members):
        raise DomainError(
            "Panel members must be lay members, peer challengers or the business unit.", field="members"
        )
    current = set(session.returns.values_list("pk", flat=True)) if session.pk else set()
    for agency_return in returns:
        if agency_return.round_id != session.round_id:
            raise DomainError("Choose returns from this round only.", field="returns")
        if agency_return.status not in CHALLENGEABLE and agency_return.pk not in current:
            raise DomainError(f"{agency_return.agency}'s return has not been submitted.", field="returns")
    save_tracked(session, actor=actor)
    session.members.set(members)
    session.returns.set(returns)
    return session


@transaction.atomic
def round_report_overview(*, round_: Round, reported_on, actor) -> Round:
    """Record the date the overview was reported (to the board or the overseeing subgroup).
    The round becomes "Overview reported"; six months on, the outstanding improvement actions
    are reported to the subgroup's chair and the agencies concerned (audits/reminders.py)."""
    round_ = Round.objects.select_for_update().get(pk=round_.pk)
    require_actor(
        actor,
        permissions.can_manage_section11,
        "Only the business unit can record that the overview was reported.",
    )
    check_transition(
        ROUND_TRANSITIONS, round_.status, RoundStatus.REPORTED, message="This round has not opened yet."
    )
    if reported_on > timezone.localdate():
        raise DomainError("The date cannot be in the future.", field="reported_on")
    if reported_on < round_.opens_on:
        raise DomainError("The date must be after the round opened.", field="reported_on")
    round_.overview_reported_on, round_.status = reported_on, RoundStatus.REPORTED
    return save_tracked(round_, actor=actor, reason="Overview reported")


@transaction.atomic
def challenge_record(*, agency_return: Return, standard, challenge: str, agency_response: str,
                     moderated_rating, actor, session=None) -> StandardChallenge:  # fmt: skip
    """The panel's challenge, the agency's response and the moderated rating for one standard.
    The return moves into peer challenge; its self-ratings are left as the agency gave them."""
    agency_return = locked_return(agency_return)
    require_actor(
        actor,
        permissions.can_challenge,
        "Only the return's peer challenge panel can record challenge.",
        agency_return,
    )
    check_transition(
        RETURN_TRANSITIONS,
        agency_return.status,
        ReturnStatus.CHALLENGE,
        message="Challenge is recorded on a submitted return.",
    )
    if standard.framework_id != agency_return.round.framework_id:
        raise DomainError("That standard is not part of this round's framework.", field="standard")
    if moderated_rating is not None and moderated_rating.framework_id != agency_return.round.framework_id:
        raise DomainError("Choose a rating from this framework's scale.", field="moderated_rating")
    record = StandardChallenge.objects.filter(
        agency_return=agency_return, standard=standard
    ).first() or StandardChallenge(agency_return=agency_return, standard=standard)
    record.challenge, record.agency_response = challenge.strip(), agency_response.strip()
    record.moderated_rating, record.session, record.recorded_by = moderated_rating, session, actor
    save_tracked(record, actor=actor)
    if agency_return.status == ReturnStatus.SUBMITTED:
        agency_return.status = ReturnStatus.CHALLENGE
        save_tracked(agency_return, actor=actor, reason="Peer challenge started")
    return record
