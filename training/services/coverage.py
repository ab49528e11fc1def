"""Writes to the single-agency training returns: each agency's staff in scope and trained.

The rules: an agency lead reports for their own agency (never another's), the business unit
for any; one figure per agency, year and level, so reporting again updates it; staff trained
cannot be more than staff in scope (the coverage is a share of them).
"""

from django.db import transaction

from partnership.services import DomainError
from partnership.services.guards import require
from partnership.services.history import save_tracked

from .. import permissions
from ..models import CoverageReturn, Level


@transaction.atomic
def coverage_return_save(
    *, agency, year: int, level: int, staff_in_scope: int, staff_trained: int, actor
) -> CoverageReturn:
    """Record an agency's figures for a year and level, or update those already recorded."""
    if agency is None:
        raise DomainError("Choose the agency", field="agency")
    require(
        permissions.can_report_for_agency(actor, agency),
        "You can only report the training figures of an agency you lead.",
        field="agency",
    )
    if level not in Level.values:
        raise DomainError("Choose the level", field="level")
    if not 2000 <= (year or 0) <= 2100:
        raise DomainError("Enter the year the figures are for, for example 2026", field="year")
    if staff_in_scope is None or staff_in_scope < 0:
        raise DomainError("Enter how many staff need training at this level", field="staff_in_scope")
    if staff_trained is None or staff_trained < 0:
        raise DomainError("Enter how many of them are trained", field="staff_trained")
    if staff_trained > staff_in_scope:
        raise DomainError(
            "Staff trained cannot be more than staff in scope: count only the staff who need this level",
            field="staff_trained",
        )
    existing = (
        CoverageReturn.objects.select_for_update().filter(agency=agency, year=year, level=level).first()
    )
    coverage = existing or CoverageReturn(agency=agency, year=year, level=level)
    coverage.staff_in_scope = staff_in_scope
    coverage.staff_trained = staff_trained
    coverage.updated_by = actor
    return save_tracked(coverage, actor=actor)
