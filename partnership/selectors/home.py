"""What the home page shows a person: their roles, their subgroups and agencies, the actions
they can see, and each app's home parts and blocks."""

from __future__ import annotations

from .. import permissions
from ..models import Agency, Role, Subgroup, Theme, User
from .actions import actions_visible_to
from .organisation import agencies_visible_to, subgroup_seats, subgroups_visible_to


def home_for(user) -> dict:
    """What a person's home page shows: a section for each role they hold."""
    from ..models import Invitation

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

    from ..home import collect_home_blocks, collect_home_parts, week_end

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

    from ..home import first_rows
    from ..models import OPEN_STATUSES

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
