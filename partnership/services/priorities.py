"""Writes about the partnership's priorities: progress assessments and the yearly business plan.

The business plan is a source of learning like any other (kind "Business plan", one per
reporting year): its action plan, owned by a subgroup, holds ordinary actions, so they have the
same pages, RAG and six-monthly chasers as every other plan. Each of the year's priorities
becomes one of its recommendations ("Priority: …"), so every business plan action answers a
priority and is linked to it.
"""

from datetime import date

from django.db import transaction

from .. import permissions
from ..models import (
    ActionPlan,
    LearningSource,
    Priority,
    PriorityAssessment,
    Recommendation,
    SourceKind,
    Subgroup,
)
from .guards import require, require_actor
from .history import save_tracked


def business_plan_title(year: int) -> str:
    return f"Business plan {year}/{str(year + 1)[-2:]}"


@transaction.atomic
def priority_assess(
    *, priority: Priority, rating: str, evidence: str, on: date, actor, assessed_by=None
) -> PriorityAssessment:
    """Record a judgement of progress on a priority. Only the business unit or the owning
    subgroup's chair may; the evidence must be said in words. It is recorded as the actor's
    judgement (`assessed_by` names the person when the product records it, as the demo does)."""
    require_actor(
        actor,
        permissions.can_assess_priority,
        "Only the business unit or the chair of the subgroup that owns this priority can record its progress.",
        priority,
    )
    require(bool((evidence or "").strip()), "Enter the evidence for this rating", field="evidence")
    assessed_by = assessed_by or actor
    require(assessed_by is not None, "Say who made this judgement.")
    assessment = PriorityAssessment(
        priority=priority, rating=rating, evidence=evidence.strip(), date=on, assessed_by=assessed_by
    )
    return save_tracked(assessment, actor=actor)


def business_plan_for(year: int) -> LearningSource | None:
    """The business plan of the reporting year starting in `year`, if it has been started."""
    return LearningSource.objects.filter(
        kind=SourceKind.BUSINESS_PLAN, date__gte=date(year, 4, 1), date__lt=date(year + 1, 4, 1)
    ).first()


@transaction.atomic
def business_plan_start(
    *, year: int, subgroup: Subgroup, actor, start_date: date | None = None
) -> ActionPlan:
    """Start the business plan of the reporting year starting in `year`: its source of learning
    (dated 1 April), its action plan owned by `subgroup`, and one recommendation for each of the
    year's active priorities, linked to it. Running it again makes nothing twice: it returns the
    existing plan, adding a recommendation only for a priority added since."""
    require_actor(
        actor, permissions.can_start_business_plan, "Only the business unit can start the business plan."
    )
    priorities = list(Priority.objects.filter(year=year, active=True).order_by("title"))
    require(
        bool(priorities), f"Add the {year}/{str(year + 1)[-2:]} priorities before starting its business plan."
    )
    # Serialise concurrent starts of the same year on the year's priorities.
    list(Priority.objects.select_for_update().filter(pk__in=[p.pk for p in priorities]))
    source = business_plan_for(year)
    if source is None:
        source = LearningSource(
            kind=SourceKind.BUSINESS_PLAN, title=business_plan_title(year), date=date(year, 4, 1)
        )
        source.subgroup = subgroup
        save_tracked(source, actor=actor)
    plan = ActionPlan.objects.filter(source=source).first()
    if plan is None:
        plan = ActionPlan(
            source=source,
            subgroup=subgroup,
            title=f"{business_plan_title(year)}: actions",
            start_date=start_date or date(year, 4, 1),
        )
        save_tracked(plan, actor=actor)
    source.priorities.add(*priorities)
    taken = set(source.recommendations.values_list("reference", flat=True))
    for number, priority in enumerate(priorities, start=1):
        if Recommendation.objects.filter(source=source, text=f"Priority: {priority.title}").exists():
            continue
        reference = f"P{number}"
        while reference in taken:
            number += 100
            reference = f"P{number}"
        taken.add(reference)
        recommendation = Recommendation(
            source=source, reference=reference, text=f"Priority: {priority.title}", to_partnership=True
        )
        save_tracked(recommendation, actor=actor)
    return plan
