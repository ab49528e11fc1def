"""The analysis's groups read from the year's stored snapshot (`models.AnalysisSnapshot`, kept
by `services.analysis.refresh_analysis_summary`) instead of aggregated from every place.

The snapshot holds the groups for every course, level and agency; a narrower scope is the
subset of them, exactly as the live queries would narrow the places: by course and level
through the courses in scope (from the live `queries.courses`), by agency through each group's
agency. Each read is one query over at most (courses x agencies) rows, however many places the
year has.
"""

from __future__ import annotations

from django.core.exceptions import ObjectDoesNotExist

from ..models import AnalysisSnapshot, AttendanceGroup, ConfidenceGroup, Programme
from .figures import Figures, OutcomeRow
from .queries import AttendanceRow, ConfidenceRow, Scope


def snapshot_of(programme: Programme | None) -> AnalysisSnapshot | None:
    """The programme's stored snapshot, or None when the summary job has not stored one yet (no
    query when the programme was read with `select_related("analysis_snapshot")`)."""
    if programme is None:
        return None
    try:
        return programme.analysis_snapshot
    except ObjectDoesNotExist:
        return None


def attendance_rows(snapshot: AnalysisSnapshot, scope: Scope, course_ids) -> list[AttendanceRow]:
    """The stored (course, agency) groups of the courses in scope (`course_ids`) and agencies in
    scope, as `queries.attendance_rows` gives them live."""
    groups = AttendanceGroup.objects.filter(
        scope.agency_q(), snapshot=snapshot, course_id__in=list(course_ids)
    )
    fields = ("course_id", "agency_id", "agency_name", "sessions", *AttendanceGroup.COUNTS)
    return [
        AttendanceRow(
            course_id=row["course_id"],
            agency_id=row["agency_id"],
            agency_name=row["agency_name"],
            figures=Figures(**{name: row[name] for name in AttendanceGroup.COUNTS}),
            sessions=row["sessions"],
        )
        for row in groups.order_by("pk").values(*fields)
    ]


def confidence_rows(
    snapshot: AnalysisSnapshot, scope: Scope, outcomes: dict[int, OutcomeRow]
) -> list[ConfidenceRow]:
    """The stored (outcome, agency) groups of the outcomes in scope and agencies in scope, as
    `queries.confidence_rows` gives them live."""
    groups = ConfidenceGroup.objects.filter(
        scope.agency_q(), snapshot=snapshot, outcome_id__in=list(outcomes)
    )
    return [
        ConfidenceRow(**row)
        for row in groups.order_by("pk").values(
            "outcome_id", "agency_id", "answers", "before_total", "after_total"
        )
    ]
