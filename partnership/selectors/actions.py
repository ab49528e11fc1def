"""Reads of actions and action plans, scoped to the person: those they answer for or oversee,
each plan with its counts, and who else may sign an action off."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from .. import permissions
from ..models import Role, User


def _action_scope(user, prefix: str = "") -> Q | None:
    """Actions a person answers for or oversees; None means all of them. `prefix` names the
    path to the action from another model (e.g. "actions__" from a plan)."""
    if permissions.sees_everything(user):
        return None
    r = permissions.roles_of(user)
    q = Q(**{f"{prefix}lead_user_id": user.pk})
    if r.subgroups:
        q |= Q(**{f"{prefix}plan__subgroup_id__in": r.subgroups})
    if r.lead_of:
        q |= Q(**{f"{prefix}owner_agency_id__in": r.lead_of})
    return q


def actions_visible_to(user, today=None) -> QuerySet:
    """Every action for the business unit and partnership leads; otherwise those of the person's
    subgroups' plans, those their agency owns and those they lead. Annotated with `rag`."""
    from ..models import Action

    if not user.is_authenticated:
        return Action.objects.none()
    qs = Action.objects.select_related(
        "plan", "plan__subgroup", "plan__source", "recommendation", "owner_agency", "lead_user"
    ).with_rag(today)
    scope = _action_scope(user)
    return qs if scope is None else qs.filter(scope)


def plans_visible_to(user) -> QuerySet:
    """Plans of the person's subgroups, and plans holding an action they answer for."""
    from ..models import Action, ActionPlan

    if not user.is_authenticated:
        return ActionPlan.objects.none()
    qs = ActionPlan.objects.select_related("source", "subgroup")
    scope = _action_scope(user)
    if scope is None:
        return qs
    r = permissions.roles_of(user)
    plan_ids = Action.objects.filter(scope).values("plan_id")
    return qs.filter(Q(subgroup_id__in=r.subgroups) | Q(pk__in=plan_ids))


def plan_summaries(plans: QuerySet, today=None, *, user=None) -> QuerySet:
    """Plans annotated with counts of their actions by state, for lists and dashboards. With
    `user`, only the actions that person may see are counted (an agency lead sees their own
    agency's progress, never another's)."""
    from django.db.models import Count
    from django.utils import timezone

    from ..models import CLOSED_STATUSES, OPEN_STATUSES, ActionStatus

    today = today or timezone.localdate()
    scope = (_action_scope(user, prefix="actions__") if user is not None else None) or Q()

    def count(condition: Q | None = None):
        return Count("actions", filter=scope & (condition or Q(actions__isnull=False)), distinct=True)

    return plans.annotate(
        actions_total=count(),
        actions_complete=count(Q(actions__status=ActionStatus.COMPLETE)),
        actions_closed=count(Q(actions__status__in=CLOSED_STATUSES)),
        actions_overdue=count(Q(actions__status__in=OPEN_STATUSES, actions__due_date__lt=today)),
    )


def sign_off_instead(action, user) -> list[str]:
    """Who may sign off the action when the person may not (they lead it or reported it done):
    the other active chairs of the plan's subgroup free of that conflict, by name, then the
    business unit, which signs off any plan."""
    chairs = (
        User.objects.filter(
            role_assignments__role=Role.SUBGROUP_CHAIR,
            role_assignments__subgroup_id=action.plan.subgroup_id,
            is_active=True,
        )
        .exclude(pk=getattr(user, "pk", None))
        .exclude(pk__in=[pk for pk in (action.lead_user_id, action.reported_complete_by_id) if pk])
        .distinct()
        .order_by("full_name", "pk")
    )
    others = [str(chair) for chair in chairs]
    bu = "another member of the business unit" if permissions.is_business_unit(user) else "the business unit"
    return [*others, bu]
