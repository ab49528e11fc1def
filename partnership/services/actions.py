"""Writes to actions: create, progress, evidence, due dates, completion, sign-off and
cancellation.

The rules live here and nowhere else: statuses move only along `TRANSITIONS`; an action is
reported complete only with an impact statement and at least one piece of evidence, and then
awaits sign-off by the plan's owning subgroup (its chair, or the business unit): accepted, it is
complete (`action_accept`, the one place an action becomes complete); returned with a reason,
it goes back to its owner (`action_return`). A due date moves only with a reason, and the
original is kept; closed actions do not change.
"""

from datetime import date

from django.db import transaction
from django.utils import timezone

from .. import permissions
from ..home import uk_date
from ..models import Action, ActionPlan, ActionSignOff, ActionStatus, ActionUpdate, Evidence, SignOffDecision
from ..uploads import check_upload
from . import DomainError
from .guards import check_transition, require, require_actor
from .history import save_tracked
from .outcomes import outcomes_schedule_after_close

S = ActionStatus
# Which status may follow which. Complete and cancelled are final. The owner's report of
# completion awaits sign-off; only the sign-off makes an action complete, or returns it.
TRANSITIONS = {
    S.NOT_STARTED: {S.ON_TRACK, S.OFF_TRACK, S.AWAITING_SIGNOFF, S.CANCELLED},
    S.ON_TRACK: {S.OFF_TRACK, S.AWAITING_SIGNOFF, S.CANCELLED},
    S.OFF_TRACK: {S.ON_TRACK, S.AWAITING_SIGNOFF, S.CANCELLED},
    S.AWAITING_SIGNOFF: {S.COMPLETE, S.ON_TRACK, S.OFF_TRACK},
    S.COMPLETE: set(),
    S.CANCELLED: set(),
}
# Statuses a progress update may set; completing and cancelling have their own steps.
UPDATE_STATUSES = (S.ON_TRACK, S.OFF_TRACK)


def _locked(action: Action) -> Action:
    """Lock the action's row for the rest of the transaction and return it fresh."""
    return Action.objects.select_for_update(of=("self",)).select_related("plan").get(pk=action.pk)


def _transition_refused(current: str, new: str) -> str:
    """Why an action may not move from `current` to `new`, in the user's words."""
    label = S(current).label.lower()
    if current in (S.COMPLETE, S.CANCELLED):
        return f"This action is {label} and cannot change."
    if current == S.AWAITING_SIGNOFF:
        return "This action is awaiting sign-off: it can only be accepted or returned."
    if new == S.COMPLETE:
        return "Only an action awaiting sign-off can be accepted as complete."
    return f"An action that is {label} cannot become {S(new).label.lower()}."


def _check_transition(action: Action, new_status: str) -> None:
    check_transition(TRANSITIONS, S(action.status), new_status, message=_transition_refused)


@transaction.atomic
def action_create(*, action: Action, actor, priorities=None) -> Action:
    """Add a SMART action to a plan, answering one of the plan's source's recommendations, and
    linked to the partnership priorities it serves."""
    plan: ActionPlan = action.plan
    require_actor(
        actor,
        permissions.can_edit_plan,
        "Only the business unit or the subgroup's chair can add actions.",
        plan,
    )
    if action.recommendation.source_id != plan.source_id:
        raise DomainError("Choose one of this plan's recommendations.", field="recommendation")
    if action.due_date < action.start_date:
        raise DomainError("The due date must be on or after the start date.", field="due_date")
    if not action.lead_user_id and not action.lead_name:
        raise DomainError("Choose the lead, or enter the name of a lead who does not use this service.",
                          field="lead_user")  # fmt: skip
    action.status = S.NOT_STARTED
    action.original_due_date = action.due_date
    save_tracked(action, actor=actor, reason="Created")
    if priorities:
        action.priorities.set(priorities)
    return action


@transaction.atomic
def action_add_update(
    *, action: Action, text: str, actor, on: date | None = None, new_status: str = ""
) -> ActionUpdate:
    """Record progress, optionally moving the status to on track or off track."""
    action = _locked(action)
    require(permissions.can_update_action(actor, action), "You cannot update this action.")
    if not action.is_open:
        raise DomainError(f"This action is {action.get_status_display().lower()}: it takes no more updates.")
    if not text.strip():
        raise DomainError("Enter the progress made.", field="text")
    on = on or timezone.localdate()
    if on > timezone.localdate():
        raise DomainError("The date of the update cannot be in the future.", field="date")
    if new_status:
        if new_status not in UPDATE_STATUSES:
            raise DomainError("Choose on track or off track; complete or cancel the action on its own page.",
                              field="new_status")  # fmt: skip
        if new_status != action.status:
            _check_transition(action, new_status)
            action.status = new_status
            save_tracked(
                action, actor=actor, reason=f"Status changed to {S(new_status).label.lower()} in an update"
            )
    update = ActionUpdate(
        action=action, date=on, text=text.strip(), author=actor, new_status=new_status or ""
    )
    return save_tracked(update, actor=actor)


@transaction.atomic
def action_add_evidence(*, action: Action, description: str, actor, upload=None, link: str = "") -> Evidence:
    """Attach a file (type checked from its content, size limited) or a link as evidence."""
    action = _locked(action)
    require(permissions.can_update_action(actor, action), "You cannot add evidence to this action.")
    if bool(upload) == bool(link):
        raise DomainError("Choose a file or enter a link, not both.", field="file")
    evidence = Evidence(action=action, description=description.strip(), link=link.strip(), added_by=actor)
    if not evidence.description:
        raise DomainError("Describe what this evidence shows.", field="description")
    if upload:
        evidence.content_type, evidence.file_name = check_upload(upload)
        evidence.size = upload.size
        evidence.file.save(evidence.file_name, upload, save=False)
    evidence._history_user = actor
    evidence.save()
    return evidence


@transaction.atomic
def action_complete(*, action: Action, impact: str, actor) -> Action:
    """Report an action done: needs a statement of impact and at least one piece of evidence.

    It then awaits sign-off by the plan's owning subgroup (`action_accept`, `action_return`):
    it is no longer open work for its owner, and not yet complete. The chair hears of it in the
    sign-off digest (`services.signoff.send_signoff_digests`)."""
    action = _locked(action)
    require(permissions.can_update_action(actor, action), "You cannot complete this action.")
    _check_transition(action, S.AWAITING_SIGNOFF)
    if not impact.strip():
        raise DomainError("Enter what changed for children, families or practice.", field="impact")
    if not action.evidence.exists():
        raise DomainError(
            "Add at least one piece of evidence before completing the action.", field="evidence"
        )
    action.status = S.AWAITING_SIGNOFF
    action.impact = impact.strip()
    action.reported_complete_on = timezone.localdate()
    action.reported_complete_by = actor  # who may then not sign it off (None: the product)
    return save_tracked(action, actor=actor, reason="Reported complete: awaiting sign-off")


def _check_sign_off(actor, action: Action, message: str) -> None:
    """The plan's chair or the business unit signs off, but never on an action they lead or
    reported done themselves (segregation of duties): another of them must."""
    require_actor(actor, permissions.signs_off_plan, message, action)
    if actor is not None and (conflict := permissions.sign_off_conflict(actor, action)):
        raise DomainError(
            f"You cannot sign off this action because {conflict}: another chair of the "
            "subgroup or the business unit must accept or return it."
        )
    if action.status != S.AWAITING_SIGNOFF:
        raise DomainError(
            f"This action is {action.get_status_display().lower()}: it is not awaiting sign-off."
        )


@transaction.atomic
def action_accept(*, action: Action, actor) -> Action:
    """Accept an action reported done: the one place an action becomes complete (and counts as
    complete in RAG, progress and reports). For the chair of the plan's owning subgroup or the
    business unit, other than the action's lead and whoever reported it done. Records the
    sign-off; the action closes today."""
    action = _locked(action)
    _check_sign_off(actor, action, "Only the subgroup's chair or the business unit can sign off this action.")
    _check_transition(action, S.COMPLETE)
    today = timezone.localdate()
    save_tracked(
        ActionSignOff(action=action, decision=SignOffDecision.ACCEPTED, decided_by=actor, decided_on=today),
        actor=actor,
    )
    action.status = S.COMPLETE
    action.closed_on = today
    save_tracked(action, actor=actor, reason="Accepted at sign-off: complete")
    outcomes_schedule_after_close(action.plan)  # the last open action closes the plan
    return action


def returned_status(action: Action, today: date) -> str:
    """Where a returned action goes: on track, or off track once its due date has passed."""
    return S.OFF_TRACK if action.due_date < today else S.ON_TRACK


@transaction.atomic
def action_return(*, action: Action, reason: str, actor) -> Action:
    """Return an action reported done to its owner, with the reason (what is still needed).

    For the chair of the plan's owning subgroup or the business unit, other than the action's
    lead and whoever reported it done. The action goes back to
    on track (off track if its due date has passed); the reason is recorded on the sign-off and
    as a progress update the owner sees on the action. The owner is emailed by the daily
    reminders (`services.signoff.send_returned_notices`)."""
    action = _locked(action)
    _check_sign_off(actor, action, "Only the subgroup's chair or the business unit can return this action.")
    require(actor is not None, "An action is returned by a person, whose reason its owner reads.")
    reason = reason.strip()
    if not reason:
        raise DomainError("Enter why the action is being returned.", field="reason")
    today = timezone.localdate()
    new_status = returned_status(action, today)
    _check_transition(action, new_status)
    save_tracked(
        ActionSignOff(
            action=action,
            decision=SignOffDecision.RETURNED,
            reason=reason,
            decided_by=actor,
            decided_on=today,
        ),
        actor=actor,
    )
    action.status = new_status
    save_tracked(action, actor=actor, reason=f"Returned at sign-off: {reason}")
    update = ActionUpdate(
        action=action,
        date=today,
        text=f"Returned at sign-off: {reason}",
        author=actor,
        new_status=new_status,
    )
    save_tracked(update, actor=actor)
    return action


@transaction.atomic
def action_cancel(*, action: Action, reason: str, actor) -> Action:
    """Cancel an action, with the reason: a decision for the business unit or the chair."""
    action = _locked(action)
    require(
        permissions.can_manage_action(actor, action),
        "Only the business unit or the subgroup's chair can cancel actions.",
    )
    _check_transition(action, S.CANCELLED)
    if not reason.strip():
        raise DomainError("Enter why the action is cancelled.", field="reason")
    action.status = S.CANCELLED
    action.cancelled_reason = reason.strip()
    action.closed_on = timezone.localdate()
    save_tracked(action, actor=actor, reason=f"Cancelled: {reason.strip()}")
    outcomes_schedule_after_close(action.plan)  # the last open action closes the plan
    return action


@transaction.atomic
def action_move_due_date(*, action: Action, due_date: date, reason: str, actor) -> Action:
    """Move the due date, with the reason. The original due date is kept on the action."""
    action = _locked(action)
    require(
        permissions.can_manage_action(actor, action),
        "Only the business unit or the subgroup's chair can move due dates.",
    )
    if not action.is_open:
        raise DomainError("A closed action's due date cannot move.")
    if not reason.strip():
        raise DomainError("Enter why the due date is moving.", field="reason")
    if due_date < action.start_date:
        raise DomainError("The due date must be on or after the start date.", field="due_date")
    if due_date == action.due_date:
        raise DomainError("Enter a different due date.", field="due_date")
    old = action.due_date
    action.due_date = due_date
    return save_tracked(action, actor=actor, reason=f"Due date moved from {uk_date(old)}: {reason.strip()}")
