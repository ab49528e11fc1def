"""Writes to self-assessment frameworks: the framework itself, its standards, the requirements
under each and its rating scale. Frameworks are data, so a second framework (an annual schools
safeguarding audit, say) is set up here, with no code.

The rules: only the business unit changes frameworks. Wording can always change (every round
using the framework shows the new words). A part that agencies have already answered with is
never removed: a requirement with answers, a standard with answered requirements or challenge
recorded on it, a rating level given as a self-rating or a moderated rating. A framework keeps
at least two rating levels once rounds use it. Every write names the actor in the history.
"""

from django.db import transaction
from django.db.models import Q

from partnership.models.organisation import Sector
from partnership.services import DomainError
from partnership.services.guards import require_actor
from partnership.services.history import delete_tracked, save_tracked

from .. import permissions
from ..models import Answer, Framework, RatingLevel, Requirement, Standard, StandardChallenge

CHANGE_FRAMEWORKS = "Only the business unit can change self-assessment frameworks."


@transaction.atomic
def framework_save(*, framework: Framework, sectors: list[str], actor) -> Framework:
    """Set up or change a framework: its name, description, the sectors it applies to (none
    means every sector) and whether new rounds may use it."""
    require_actor(actor, permissions.can_manage_section11, CHANGE_FRAMEWORKS)
    unknown = set(sectors) - set(Sector.values)
    if unknown:
        raise DomainError("Choose sectors from the list.", field="sectors")
    framework.sectors = [s for s in Sector.values if s in sectors]
    return save_tracked(framework, actor=actor)


@transaction.atomic
def standard_save(*, standard: Standard, actor) -> Standard:
    """Add or change a standard; its number is unique in the framework."""
    require_actor(actor, permissions.can_manage_section11, CHANGE_FRAMEWORKS)
    if not standard.title.strip():
        raise DomainError("Enter the standard.", field="title")
    if (
        Standard.objects.filter(framework=standard.framework, number=standard.number)
        .exclude(pk=standard.pk)
        .exists()
    ):
        raise DomainError(f"The framework already has a standard {standard.number}.", field="number")
    return save_tracked(standard, actor=actor)


@transaction.atomic
def standard_delete(*, standard: Standard, actor) -> None:
    """Remove a standard with its requirements, unless agencies have answered any of them or a
    panel has challenged it."""
    require_actor(actor, permissions.can_manage_section11, CHANGE_FRAMEWORKS)
    answered = Answer.objects.filter(requirement__standard=standard).exists()
    challenged = StandardChallenge.objects.filter(standard=standard).exists()
    if answered or challenged:
        raise DomainError(
            f"Standard {standard.number} cannot be removed: agencies have answered it. Change its wording instead."
        )
    for requirement in standard.requirements.all():
        delete_tracked(requirement, actor=actor, reason=f"Standard {standard.number} removed")
    delete_tracked(standard, actor=actor, reason="Removed")


@transaction.atomic
def requirement_save(*, requirement: Requirement, actor) -> Requirement:
    """Add or change a requirement under a standard; its reference is unique in the standard."""
    require_actor(actor, permissions.can_manage_section11, CHANGE_FRAMEWORKS)
    if not requirement.text.strip():
        raise DomainError("Enter the requirement.", field="text")
    requirement.reference = requirement.reference.strip()
    clash = Requirement.objects.filter(standard=requirement.standard, reference=requirement.reference)
    if clash.exclude(pk=requirement.pk).exists():
        raise DomainError(requirement.reference_taken_message(), field="reference")
    return save_tracked(requirement, actor=actor)


@transaction.atomic
def requirement_delete(*, requirement: Requirement, actor) -> None:
    """Remove a requirement no agency has answered."""
    require_actor(actor, permissions.can_manage_section11, CHANGE_FRAMEWORKS)
    if requirement.answers.exists():
        raise DomainError(
            f"Requirement {requirement.reference} cannot be removed: agencies have answered it. "
            "Change its wording, or make it optional, instead."
        )
    delete_tracked(requirement, actor=actor, reason="Removed")


@transaction.atomic
def rating_level_save(*, level: RatingLevel, actor) -> RatingLevel:
    """Add or change a point of the rating scale; label and score are each unique in the framework."""
    require_actor(actor, permissions.can_manage_section11, CHANGE_FRAMEWORKS)
    siblings = RatingLevel.objects.filter(framework=level.framework).exclude(pk=level.pk)
    if not level.label.strip():
        raise DomainError("Enter the label.", field="label")
    if siblings.filter(label__iexact=level.label.strip()).exists():
        raise DomainError(f"The scale already has “{level.label.strip()}”.", field="label")
    if siblings.filter(score=level.score).exists():
        raise DomainError(f"Another level already scores {level.score}.", field="score")
    level.label = level.label.strip()
    return save_tracked(level, actor=actor)


@transaction.atomic
def rating_level_delete(*, level: RatingLevel, actor) -> None:
    """Remove a point of the scale that no answer or challenge uses; a framework in use keeps
    at least two."""
    require_actor(actor, permissions.can_manage_section11, CHANGE_FRAMEWORKS)
    used = (
        Answer.objects.filter(rating=level).exists()
        or StandardChallenge.objects.filter(Q(moderated_rating=level)).exists()
    )
    if used:
        raise DomainError(f"“{level.label}” cannot be removed: returns have been rated with it.")
    framework = level.framework
    if framework.rounds.exists() and framework.rating_levels.count() <= 2:
        raise DomainError("A framework that rounds use keeps at least two rating levels.")
    delete_tracked(level, actor=actor, reason="Removed")
