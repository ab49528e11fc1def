"""Writes to training impact analyses: the business unit's report on whether a programme year's
training changed practice, a source of learning whose findings, recommendations and action
plan are recorded through the core's learning chain (partnership/views/learning/).

The rule: only the business unit records and changes them; the report date falls in or after
the programme's year. Every write names the actor in the history; a refusal is a `DomainError`.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from partnership.services import DomainError
from partnership.services.guards import require_actor
from partnership.services.history import save_tracked

from .. import permissions
from ..analysis import queries
from ..analysis.queries import Scope
from ..models import AnalysisSnapshot, AttendanceGroup, ConfidenceGroup, ImpactAnalysis, Programme


@transaction.atomic
def impact_analysis_save(*, analysis: ImpactAnalysis, actor) -> ImpactAnalysis:
    """Record or change an impact analysis. Its source of learning (title, date, the subgroup
    overseeing its programme) is kept in step by the model; nothing is sent."""
    require_actor(
        actor, permissions.can_manage_training, "Only the business unit can record training impact analyses."
    )
    if not (analysis.title or "").strip():
        raise DomainError("Enter the analysis's title.", field="title")
    if analysis.programme_id and analysis.reported_on and analysis.reported_on.year < analysis.programme.year:
        raise DomainError(
            f"The report date must be in or after the programme's year ({analysis.programme.year_label}).",
            field="reported_on",
        )
    analysis.title = analysis.title.strip()
    return save_tracked(analysis, actor=actor)


# --- the analysis page's stored figures --------------------------------------------------------


@transaction.atomic
def refresh_analysis_summary(year: int, *, now: datetime.datetime | None = None) -> AnalysisSnapshot | None:
    """Work out a programme year's analysis groups again and store them (see `AnalysisSnapshot`):
    the groups of `analysis.queries.attendance_rows` and `confidence_rows` for every course,
    level and agency, as of `now` (default: the moment of the refresh).

    The year's rows are replaced in one transaction, under the snapshot row's lock, so a page
    reads either the old groups or the new ones, and two refreshes at once run one after the
    other and leave one set of rows. Safe to run any number of times; nothing is sent. A year
    with no programme has nothing to count: None, and nothing is stored."""
    programme = Programme.objects.filter(year=year).first()
    if programme is None:
        return None
    as_of = now or timezone.now()
    snapshot = _locked_snapshot(programme, as_of)
    scope = Scope(year=year, as_of=as_of)
    attendance = queries.attendance_rows(scope)
    confidence = queries.confidence_rows(scope)
    snapshot.attendance_groups.all().delete()
    snapshot.confidence_groups.all().delete()
    AttendanceGroup.objects.bulk_create(
        AttendanceGroup(
            snapshot=snapshot,
            course_id=row.course_id,
            agency_id=row.agency_id,
            agency_name=row.agency_name,
            sessions=row.sessions,
            **{name: getattr(row.figures, name) for name in AttendanceGroup.COUNTS},
        )
        for row in attendance
    )
    ConfidenceGroup.objects.bulk_create(
        ConfidenceGroup(snapshot=snapshot, **row._asdict()) for row in confidence
    )
    snapshot.as_of = as_of
    snapshot.computed_at = timezone.now()
    snapshot.save(update_fields=["as_of", "computed_at"])
    return snapshot


def _locked_snapshot(programme: Programme, now: datetime.datetime) -> AnalysisSnapshot:
    """The programme's snapshot row, made if missing (one per programme, a unique key: a second
    maker at the same moment finds the first's row), and locked until the transaction ends."""
    made, _created = AnalysisSnapshot.objects.get_or_create(
        programme=programme, defaults={"computed_at": now, "as_of": now}
    )
    return AnalysisSnapshot.objects.select_for_update().get(pk=made.pk)


class _RefreshOnCommit:
    """The on-commit callback that queues a year's refresh; a class, so that a transaction can
    see it has queued that year already."""

    def __init__(self, year: int):
        self.year = year

    def __call__(self) -> None:
        from ..tasks import refresh_analysis_summary_task

        refresh_analysis_summary_task.delay(self.year)


def schedule_summary_refresh(year: int) -> None:
    """Queue a refresh of `year`'s stored analysis figures once the surrounding transaction
    commits (a rolled-back change queues nothing): called by every service that changes what
    they count (places, attendance, evaluations and confidence answers, follow-ups, sessions,
    courses and their outcomes). At most once per transaction and year, however many rows the
    transaction changes."""
    connection = transaction.get_connection()
    for _savepoints, func, _robust in connection.run_on_commit:
        if isinstance(func, _RefreshOnCommit) and func.year == year:
            return
    # Robust: a broker that cannot take the task now must not fail the change that was just
    # committed; the error is logged and the schedule's next run (every ten minutes) catches up.
    transaction.on_commit(_RefreshOnCommit(year), robust=True)


def course_year(course_id: int) -> int:
    """The programme year of a course (one small query): the year whose figures its places count in."""
    return Programme.objects.filter(courses=course_id).values_list("year", flat=True).get()
