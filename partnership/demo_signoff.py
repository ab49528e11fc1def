"""Demo sign-off: a few of the Learning and Improvement subgroup's actions reported done and
awaiting its chair's sign-off, and one returned to its owner with the reason.

Runs once every source's plans exist (`DEMO_LAST`), through the services, so the history,
the timeline and the sign-off records read as the pages make them. Idempotent: the returned
action's reason marks that this step has run.
"""

from django.db import transaction

from . import permissions
from .models import Action, ActionSignOff, ActionStatus, Role, Subgroup, User
from .services.actions import action_add_evidence, action_complete, action_return

SUBGROUP = "Learning and Improvement"
REPORTED = 3  # actions reported done; the last of them is then returned
RETURN_REASON = (
    "The audit shows the change in one locality team only. Add the re-audit of the other two "
    "teams before we accept this as complete."
)


def _say(stdout, text: str) -> None:
    if stdout is not None:
        stdout.write(text)


@transaction.atomic
def seed_signoff(stdout=None) -> None:
    if ActionSignOff.objects.filter(reason=RETURN_REASON).exists():
        return
    subgroup = Subgroup.objects.filter(name=SUBGROUP).first()
    chair = User.objects.filter(
        role_assignments__role=Role.SUBGROUP_CHAIR, role_assignments__subgroup=subgroup, is_active=True
    ).first()
    business_unit = User.objects.filter(role_assignments__role=Role.BUSINESS_UNIT, is_active=True).first()
    if subgroup is None or business_unit is None:
        return
    candidates = list(
        Action.objects.filter(
            plan__subgroup=subgroup, status__in=(ActionStatus.ON_TRACK, ActionStatus.NOT_STARTED)
        )
        .select_related("plan", "lead_user")
        .order_by("due_date", "pk")[:REPORTED]
    )
    if len(candidates) < REPORTED:
        return
    for action in candidates:
        owner = (
            action.lead_user
            if action.lead_user and permissions.can_update_action(action.lead_user, action)
            else None
        )
        owner = owner or business_unit
        action_add_evidence(
            action=action,
            description="Re-audit report presented to the subgroup",
            link="https://intranet.northbrook-scp.example/audits/re-audit",
            actor=owner,
        )
        action_complete(
            action=action,
            impact="A re-audit of 20 cases shows the change in practice in 17 of them.",
            actor=owner,
        )
    returned = candidates[-1]
    returned.refresh_from_db()
    # Nobody signs off an action they lead or reported done: the chair, else the business unit.
    signer = next(
        (p for p in (chair, business_unit) if p and permissions.can_sign_off_action(p, returned)), None
    )
    if signer is not None:
        action_return(action=returned, reason=RETURN_REASON, actor=signer)
    _say(stdout, f"Sign-off: {REPORTED - 1} actions await the {SUBGROUP} chair, 1 returned.\n")
