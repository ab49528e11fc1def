"""Writes to the annual training needs assessment.

The rules:
- The business unit sets up one assessment a year, with the dates it opens and closes, and
  writes its summary for the Training subgroup.
- While it is open (from `opens_on` to `closes_on`, both days included) an agency lead adds,
  changes and removes their own agency's needs, never another agency's; the business unit may
  do so for any agency at any time (late returns sent by email).
"""

from django.db import transaction
from django.utils import timezone

from partnership.home import uk_date
from partnership.services import DomainError
from partnership.services.guards import require
from partnership.services.history import delete_tracked, save_tracked

from .. import permissions
from ..models import Need, NeedsAssessment, year_label
from .programme import require_manager


@transaction.atomic
def needs_assessment_save(*, assessment: NeedsAssessment, actor) -> NeedsAssessment:
    """Set up or change a year's needs assessment: one a year, closing on or after it opens."""
    require_manager(actor)
    if assessment.opens_on and assessment.closes_on and assessment.closes_on < assessment.opens_on:
        raise DomainError("The closing date must be on or after the opening date", field="closes_on")
    duplicate = NeedsAssessment.objects.filter(year=assessment.year).exclude(pk=assessment.pk)
    if assessment.year and duplicate.exists():
        raise DomainError(
            f"There is already a needs assessment for {year_label(assessment.year)}.", field="year"
        )
    return save_tracked(assessment, actor=actor)


@transaction.atomic
def needs_summary_save(*, assessment: NeedsAssessment, summary: str, actor) -> NeedsAssessment:
    """The business unit's summary of the needs, for the Training subgroup."""
    require_manager(actor)
    assessment.summary = (summary or "").strip()
    return save_tracked(assessment, actor=actor, reason="Summary written")


def _check_may_change(need: Need, actor) -> None:
    if need.agency_id is None:
        raise DomainError("Choose the agency whose need this is", field="agency")
    require(
        permissions.can_report_for_agency(actor, need.agency),
        "You can only report the training needs of an agency you lead.",
        field="agency",
    )
    require(
        permissions.can_manage_training(actor) or need.assessment.is_open(),
        f"The needs assessment closed on {uk_date(need.assessment.closes_on)}"
        if need.assessment.closes_on < timezone.localdate()
        else f"The needs assessment opens on {uk_date(need.assessment.opens_on)}",
    )


@transaction.atomic
def need_save(*, need: Need, themes=None, actor) -> Need:
    """Report or change one of an agency's training needs, and its themes."""
    _check_may_change(need, actor)
    if need.pk is not None:
        current = Need.objects.select_related("agency").get(pk=need.pk)
        _check_may_change(current, actor)  # nobody moves another agency's need to their own
    need.need = (need.need or "").strip()
    if not need.need:
        raise DomainError("Enter what staff need to learn", field="need")
    if need.submitted_by_id is None:
        need.submitted_by = actor
    save_tracked(need, actor=actor)
    if themes is not None:
        need.themes.set(themes)
    return need


@transaction.atomic
def need_delete(*, need: Need, actor) -> None:
    """Remove a need reported by mistake (same rules as changing it)."""
    _check_may_change(need, actor)
    delete_tracked(need, actor=actor)
