"""Reads of learning briefings and their dissemination, scoped to the person: briefings, the
findings they draw on, dissemination plans, agencies' cascades with their reach, and feedback."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from .. import permissions
from .learning import findings_visible_to, sources_visible_to


def briefings_visible_to(user) -> QuerySet:
    """Learning briefings the person may read: every published one for everyone signed in (a
    briefing is written for practitioners and names no child); drafts only for those who may
    read drafts (`permissions.can_view_draft_briefings`), and even then only a draft whose
    findings they may all see, so a draft drawing on a case review never reaches anyone
    without a need to know. The findings a briefing lists are narrowed separately: see
    `briefing_findings_visible_to`."""
    from ..models import Briefing, BriefingStatus, Finding

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


def dissemination_items_visible_to(user) -> QuerySet:
    """Rows of the dissemination plans of the sources the person may see."""
    from ..models import DisseminationItem

    return DisseminationItem.objects.filter(source__in=sources_visible_to(user)).select_related(
        "source", "agency"
    )


def dissemination_items_of(user, source) -> QuerySet:
    """The dissemination plan of a source the person may see (none of one they may not)."""
    from ..models import DisseminationItem

    if not sources_visible_to(user).filter(pk=source.pk).exists():
        return DisseminationItem.objects.none()
    return DisseminationItem.objects.filter(source=source).select_related("agency")


def cascades_visible_to(user) -> QuerySet:
    """Agencies' cascades of briefings: all to those who see everything; otherwise those of the
    agencies the person leads, and those of briefings drawing on a source their subgroup
    oversees that they may see. An agency never sees another agency's reach otherwise."""
    from ..models import CascadeRequest

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
    from ..models import CascadeState

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
