"""Writes to the learning chain: findings, recommendations and action plans of any source.

Every source app calls these, so a finding from a case review and one from an audit are made
the same way, checked the same way and recorded in history the same way.
"""

from django.db import IntegrityError, transaction

from .. import permissions
from ..models import ActionPlan, Finding, LearningSource, Recommendation
from . import DomainError
from .guards import require_actor
from .history import save_tracked

CHANGE_LEARNING = "Only the business unit or the overseeing subgroup's chair can change this learning."
CHANGE_PLAN = "Only the business unit or the subgroup's chair can change this plan."


@transaction.atomic
def finding_save(*, finding: Finding, themes=None, priorities=None, actor) -> Finding:
    """Create or change a finding; its themes are what the recurring-themes view counts, its
    priorities put it on those priorities' pages."""
    require_actor(actor, permissions.can_edit_learning, CHANGE_LEARNING, finding.source)
    save_tracked(finding, actor=actor)
    if themes is not None:
        finding.themes.set(themes)
    if priorities is not None:
        finding.priorities.set(priorities)
    return finding


@transaction.atomic
def source_priorities_set(*, source: LearningSource, priorities, actor) -> LearningSource:
    """Link a source of learning to the priorities it serves (its page and the priorities'
    pages show the link)."""
    require_actor(actor, permissions.can_edit_learning, CHANGE_LEARNING, source)
    source.priorities.set(priorities)
    return source


@transaction.atomic
def recommendation_save(*, recommendation: Recommendation, agencies=None, themes=None, findings=None, actor):
    """Create or change a recommendation. It must be addressed to the partnership or to at least
    one agency: an agency lead sees the recommendations addressed to their agency."""
    require_actor(actor, permissions.can_edit_learning, CHANGE_LEARNING, recommendation.source)
    if agencies is not None:
        agencies = list(agencies)
    else:
        agencies = list(recommendation.agencies.all()) if recommendation.pk else []
    if not recommendation.to_partnership and not agencies:
        raise DomainError("Choose the agencies this recommendation is for, or address it to the partnership.",
                          field="agencies")  # fmt: skip
    if findings is not None and any(f.source_id != recommendation.source_id for f in findings):
        raise DomainError("A recommendation can only answer findings of its own source.", field="findings")
    # Checked before saving: full_clean would otherwise refuse it as a ValidationError.
    same_reference = Recommendation.objects.filter(
        source_id=recommendation.source_id, reference=recommendation.reference
    ).exclude(pk=recommendation.pk)
    if same_reference.exists():
        raise DomainError(recommendation.reference_taken_message(), field="reference")
    try:
        with transaction.atomic():
            save_tracked(recommendation, actor=actor)
    except IntegrityError:
        raise DomainError(recommendation.reference_taken_message(), field="reference") from None
    recommendation.agencies.set(agencies)
    if themes is not None:
        recommendation.themes.set(themes)
    if findings is not None:
        recommendation.findings.set(findings)
    return recommendation


@transaction.atomic
def plan_create(*, source: LearningSource, subgroup, title: str, start_date, actor) -> ActionPlan:
    """Start the one action plan of a source, owned by a subgroup."""
    require_actor(actor, permissions.can_edit_learning, CHANGE_LEARNING, source)
    concrete = source.concrete
    if concrete is not None and concrete.shared_plan_source() is not None:
        raise DomainError("This source shares the action plan of its joint review: add actions to that plan.")
    if ActionPlan.objects.filter(source=source).exists():
        raise DomainError("This source already has an action plan.")
    plan = ActionPlan(source=source, subgroup=subgroup, title=title, start_date=start_date)
    try:
        with transaction.atomic():
            save_tracked(plan, actor=actor)
    except IntegrityError:  # a double-click racing the check above
        raise DomainError("This source already has an action plan.") from None
    return plan


@transaction.atomic
def plan_update(*, plan: ActionPlan, actor) -> ActionPlan:
    require_actor(actor, permissions.can_edit_plan, CHANGE_PLAN, plan)
    return save_tracked(plan, actor=actor)
