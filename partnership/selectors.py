"""Reads of the partnership core, scoped to the person asking.

A page looks an object up through one of these, so an object outside the person's scope is
a 404, never a leak. Organisational reference data (areas, agencies, subgroups, priorities,
themes) is open to everyone signed in; people are scoped.
"""

from django.db.models import Prefetch, Q, QuerySet

from . import permissions
from .models import Agency, Area, Priority, Role, RoleAssignment, Subgroup, Theme, User


def areas_visible_to(user) -> QuerySet:
    return Area.objects.all() if user.is_authenticated else Area.objects.none()


def agencies_visible_to(user) -> QuerySet:
    if not user.is_authenticated:
        return Agency.objects.none()
    return Agency.objects.select_related("area")


def subgroups_visible_to(user) -> QuerySet:
    if not user.is_authenticated:
        return Subgroup.objects.none()
    return Subgroup.objects.prefetch_related(
        Prefetch(
            "role_assignments",
            queryset=RoleAssignment.objects.select_related("user").filter(
                role__in=[Role.SUBGROUP_CHAIR, Role.SUBGROUP_MEMBER]
            ),
            to_attr="seat_assignments",
        )
    )


def priorities_visible_to(user) -> QuerySet:
    return Priority.objects.all() if user.is_authenticated else Priority.objects.none()


def themes_visible_to(user) -> QuerySet:
    return Theme.objects.all() if user.is_authenticated else Theme.objects.none()


def people_visible_to(user) -> QuerySet:
    """Everyone for the business unit and partnership leads; an agency lead's own agency's
    people; a subgroup chair's members; and always the person themselves."""
    if not user.is_authenticated:
        return User.objects.none()
    base = User.objects.select_related("agency")
    if permissions.sees_everything(user):
        return base
    r = permissions.roles_of(user)
    scope = Q(pk=user.pk)
    if r.lead_of:
        scope |= Q(agency_id__in=r.lead_of)
    if r.chair_of:
        scope |= Q(
            role_assignments__subgroup_id__in=r.chair_of,
            role_assignments__role__in=[Role.SUBGROUP_CHAIR, Role.SUBGROUP_MEMBER],
        )
    return base.filter(pk__in=User.objects.filter(scope).values("pk"))


def subgroup_seats(subgroup) -> tuple[list, list]:
    """(chairs, members) of a subgroup, from its role assignments."""
    assignments = getattr(subgroup, "seat_assignments", None)
    if assignments is None:
        assignments = list(
            subgroup.role_assignments.select_related("user").filter(
                role__in=[Role.SUBGROUP_CHAIR, Role.SUBGROUP_MEMBER]
            )
        )
    chairs = [a.user for a in assignments if a.role == Role.SUBGROUP_CHAIR]
    members = [a.user for a in assignments if a.role == Role.SUBGROUP_MEMBER]
    return chairs, members


def home_for(user) -> dict:
    """What a person's home page shows: a section for each role they hold."""
    from .models import Invitation

    r = permissions.roles_of(user)
    context = {
        "role_labels": [Role(role).label for role in Role.values if role in r.roles],
        "is_business_unit": permissions.is_business_unit(user),
        "is_partnership_lead": permissions.is_partnership_lead(user),
    }
    if permissions.sees_everything(user):
        # Five counts in one query (each a subquery), read beside the person's own row.
        from django.db.models import F, Func, IntegerField, Subquery

        def count(qs):
            return Subquery(
                qs.order_by()
                .annotate(n=Func(F("pk"), function="COUNT", output_field=IntegerField()))
                .values("n")
            )

        context["counts"] = (
            User.objects.filter(pk=user.pk)
            .order_by()
            .values(
                agencies=count(Agency.objects.active()),
                people=count(User.objects.filter(is_active=True)),
                subgroups=count(Subgroup.objects.active()),
                themes=count(Theme.objects.active()),
                pending_invitations=count(
                    Invitation.objects.filter(accepted_at__isnull=True, revoked_at__isnull=True)
                ),
            )
            .get()
        )
        context["pending_invitations"] = context["counts"].pop("pending_invitations")
    if r.subgroups:
        context["my_subgroups"] = [
            {"subgroup": s, "is_chair": s.pk in r.chair_of, "seats": subgroup_seats(s)}
            for s in subgroups_visible_to(user).filter(pk__in=r.subgroups)
        ]
    if r.lead_of:
        context["my_agencies"] = list(
            agencies_visible_to(user).filter(pk__in=r.lead_of).prefetch_related("people")
        )
    context["actions"] = actions_summary(user)
    # Each app's parts (due this week, a chair's remit, an agency's requests): partnership/home.py.
    from django.utils import timezone

    from .home import collect_home_blocks, collect_home_parts, week_end

    today = timezone.localdate()
    context["home_parts"] = collect_home_parts(user, today)
    context["week_end"] = week_end(today)
    # The apps' own templates (an agency lead's Section 11 returns, say), with their context.
    context["home_blocks"] = collect_home_blocks(user, today, context)
    return context


def actions_summary(user, today=None) -> dict | None:
    """The person's open actions by RAG, and the most overdue ones, for their home page."""
    from django.db.models import Count
    from django.utils import timezone

    from .home import first_rows
    from .models import OPEN_STATUSES

    today = today or timezone.localdate()
    open_actions = actions_visible_to(user, today).filter(status__in=OPEN_STATUSES)
    counts = {row["rag"]: row["n"] for row in open_actions.order_by().values("rag").annotate(n=Count("pk"))}
    if not counts:
        return None
    return {
        "red": counts.get("red", 0),
        "amber": counts.get("amber", 0),
        "green": counts.get("green", 0),
        "total": sum(counts.values()),
        "overdue": list(first_rows(open_actions.filter(due_date__lt=today).order_by("due_date", "pk"))),
    }


# --- the learning chain and action plans ----------------------------------------------------


def sources_visible_to(user) -> QuerySet:
    from . import sources
    from .models import LearningSource

    if not user.is_authenticated:
        return LearningSource.objects.none()
    q = sources.visibility_q(user)
    qs = LearningSource.objects.select_related("subgroup")
    return qs if q is None else qs.filter(q)


def findings_visible_to(user) -> QuerySet:
    from .models import Finding

    return Finding.objects.filter(source__in=sources_visible_to(user)).prefetch_related("themes")


def recommendations_visible_to(user) -> QuerySet:
    """Those of sources the person may see, and those addressed to an agency they lead."""
    from .models import Recommendation

    if not user.is_authenticated:
        return Recommendation.objects.none()
    qs = Recommendation.objects.prefetch_related("agencies", "themes")
    if permissions.sees_everything(user):
        return qs
    scope = Q(source__in=sources_visible_to(user))
    lead_of = permissions.roles_of(user).lead_of
    if lead_of:
        scope |= Q(agencies__in=lead_of)
    return qs.filter(pk__in=Recommendation.objects.filter(scope).values("pk"))


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
    from .models import Action

    if not user.is_authenticated:
        return Action.objects.none()
    qs = Action.objects.select_related(
        "plan", "plan__subgroup", "plan__source", "recommendation", "owner_agency", "lead_user"
    ).with_rag(today)
    scope = _action_scope(user)
    return qs if scope is None else qs.filter(scope)


def plans_visible_to(user) -> QuerySet:
    """Plans of the person's subgroups, and plans holding an action they answer for."""
    from .models import Action, ActionPlan

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

    from .models import CLOSED_STATUSES, OPEN_STATUSES, ActionStatus

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


def consultations_visible_to(user) -> QuerySet:
    """Consultations with children whose source of learning the person may see."""
    from .models import Consultation

    if not user.is_authenticated:
        return Consultation.objects.none()
    return Consultation.objects.select_related("learning_source", "subgroup").filter(
        learning_source__in=sources_visible_to(user)
    )


def briefings_visible_to(user) -> QuerySet:
    """Learning briefings the person may read: every published one for everyone signed in (a
    briefing is written for practitioners and names no child); drafts only for those who may
    read drafts (`permissions.can_view_draft_briefings`), and even then only a draft whose
    findings they may all see, so a draft drawing on a case review never reaches anyone
    without a need to know. The findings a briefing lists are narrowed separately: see
    `briefing_findings_visible_to`."""
    from .models import Briefing, BriefingStatus, Finding

    if not user.is_authenticated:
        return Briefing.objects.none()
    published = Q(status=BriefingStatus.PUBLISHED)
    if not permissions.can_view_draft_briefings(user):
        return Briefing.objects.filter(published)
    hidden_findings = Finding.objects.exclude(pk__in=findings_visible_to(user).values("pk"))
    blocked_drafts = Briefing.objects.filter(status=BriefingStatus.DRAFT, findings__in=hidden_findings)
    return Briefing.objects.exclude(pk__in=blocked_drafts.values("pk"))


def briefing_findings_visible_to(user, briefing) -> QuerySet:
    """The findings of `briefing` the person may see, with their sources, in source order."""
    return (
        findings_visible_to(user)
        .filter(briefings=briefing)
        .select_related("source")
        .order_by("source__date", "source__title", "pk")
    )


def risk_flags_visible_to(user) -> QuerySet:
    """Risks flagged: all to those who see everything; otherwise those flagged to an agency the
    person leads (as the agency concerned or as the safeguarding partner told), and those of
    sources they may see that their subgroup oversees."""
    from .models import RiskFlag

    if not user.is_authenticated:
        return RiskFlag.objects.none()
    qs = RiskFlag.objects.select_related("source", "agency", "partner")
    if permissions.sees_everything(user):
        return qs
    roles = permissions.roles_of(user)
    scope = Q(agency_id__in=roles.lead_of) | Q(partner_id__in=roles.lead_of)
    if roles.subgroups:
        scope |= Q(source__subgroup_id__in=roles.subgroups, source__in=sources_visible_to(user))
    return qs.filter(scope)


def outcomes_visible_to(user) -> QuerySet:
    """The intended outcomes of the sources the person may see."""
    from .models import IntendedOutcome

    return IntendedOutcome.objects.filter(source__in=sources_visible_to(user)).select_related(
        "source", "source__subgroup", "checked_by"
    )


def outcome_checks_visible_to(user) -> QuerySet:
    """The scheduled "did it stick?" checks (their plan closed) the person may follow: all of
    them for those who see everything, none for anyone else."""
    from .models import IntendedOutcome

    if not permissions.can_view_outcome_checks(user):
        return IntendedOutcome.objects.none()
    return outcomes_visible_to(user).filter(scheduled_on__isnull=False)


def dissemination_items_visible_to(user) -> QuerySet:
    """Rows of the dissemination plans of the sources the person may see."""
    from .models import DisseminationItem

    return DisseminationItem.objects.filter(source__in=sources_visible_to(user)).select_related(
        "source", "agency"
    )


def dissemination_items_of(user, source) -> QuerySet:
    """The dissemination plan of a source the person may see (none of one they may not)."""
    from .models import DisseminationItem

    if not sources_visible_to(user).filter(pk=source.pk).exists():
        return DisseminationItem.objects.none()
    return DisseminationItem.objects.filter(source=source).select_related("agency")


def cascades_visible_to(user) -> QuerySet:
    """Agencies' cascades of briefings: all to those who see everything; otherwise those of the
    agencies the person leads, and those of briefings drawing on a source their subgroup
    oversees that they may see. An agency never sees another agency's reach otherwise."""
    from .models import CascadeRequest

    if not user.is_authenticated:
        return CascadeRequest.objects.none()
    qs = CascadeRequest.objects.select_related("agency", "briefing")
    if permissions.sees_everything(user):
        return qs
    roles = permissions.roles_of(user)
    scope = Q(agency_id__in=roles.lead_of)
    if roles.subgroups:
        overseen = sources_visible_to(user).filter(subgroup_id__in=roles.subgroups)
        scope |= Q(briefing__findings__source__in=overseen)
    return qs.filter(pk__in=CascadeRequest.objects.filter(scope).values("pk"))


def cascade_reach(cascades, today) -> dict:
    """The reach of cascades (one briefing's, as the person may see them): each agency's row
    (with `state_now`: confirmed, awaiting or overdue) by agency name, and the totals."""
    from .models import CascadeState

    rows = sorted(cascades, key=lambda c: (c.agency.name, c.pk))
    for cascade in rows:
        cascade.state_now = cascade.state(today)
    count = {state: sum(c.state_now == state for c in rows) for state in CascadeState}
    return {
        "rows": rows,
        "named": len(rows),
        "confirmed": count[CascadeState.CONFIRMED],
        "awaiting": count[CascadeState.AWAITING],
        "overdue": count[CascadeState.OVERDUE],
        "staff_reached": sum(c.staff_reached or 0 for c in rows if c.confirmed_at is not None),
    }


def briefing_feedback_summary(briefing) -> dict:
    """How many gave feedback on a briefing, the average rating (one decimal) and the latest
    "what I will do differently" lines."""
    from django.db.models import Avg, Count

    feedback = briefing.feedback.all()
    figures = feedback.aggregate(count=Count("pk"), average=Avg("rating"))
    lines = list(feedback.exclude(will_do_differently="").values_list("will_do_differently", flat=True)[:10])
    average = round(figures["average"], 1) if figures["average"] is not None else None
    return {"count": figures["count"], "average": average, "lines": lines}


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
