"""Writes to the subgroups' highlight reports: the chair (or the business unit) saves a draft and
submits it, and the subgroup's figures are then frozen with the period they cover."""

import datetime

from django.db import transaction
from django.utils import timezone

from partnership.services.guards import check_transition, require, require_actor
from partnership.services.history import save_tracked

from .. import permissions
from ..models import Body, HighlightReport, HighlightStatus, Meeting


def _locked(meeting: Meeting) -> Meeting:
    return Meeting.objects.select_for_update().get(pk=meeting.pk)


HIGHLIGHT_WRITERS_ONLY = "Only the subgroup's chair or the business unit can write its highlight report."
HIGHLIGHT_MOVES = {HighlightStatus.DRAFT: {HighlightStatus.SUBMITTED}}


@transaction.atomic
def highlight_report_save(
    *, meeting: Meeting, subgroup, went_well: str, concerns: str, support_needed: str, actor
) -> HighlightReport:
    """Start or change the subgroup's draft highlight report to a meeting of the executive or
    the board. A submitted report is not changed (its figures and words went to the meeting)."""
    require_actor(actor, permissions.can_write_highlight, HIGHLIGHT_WRITERS_ONLY, subgroup)
    require(
        meeting.body != Body.SUBGROUP, "Highlight reports go to the executive's and the board's meetings."
    )
    require(meeting.status != Meeting.Status.CANCELLED, "This meeting was cancelled: no report goes to it.")
    meeting = _locked(meeting)
    report = HighlightReport.objects.select_for_update().filter(
        meeting=meeting, subgroup=subgroup
    ).first() or HighlightReport(meeting=meeting, subgroup=subgroup)
    require(not report.is_submitted, "This report has been submitted: it can no longer be changed.")
    report.went_well, report.concerns, report.support_needed = (
        went_well.strip(),
        concerns.strip(),
        support_needed.strip(),
    )
    report.written_by = actor
    return save_tracked(report, actor=actor, reason="Started" if report.pk is None else "Changed")


@transaction.atomic
def highlight_report_submit(
    *, report: HighlightReport, actor, today: datetime.date | None = None
) -> HighlightReport:
    """Submit a draft report: it needs what went well and the concerns and risks (the support
    asked for may be none). The subgroup's figures for its period are computed now and stored
    with the period, so the report reads the same whatever changes in the data later."""
    from ..selectors import highlight_period, subgroup_figures

    require_actor(actor, permissions.can_write_highlight, HIGHLIGHT_WRITERS_ONLY, report.subgroup)
    report = (
        HighlightReport.objects.select_for_update().select_related("meeting", "subgroup").get(pk=report.pk)
    )
    check_transition(
        HIGHLIGHT_MOVES,
        report.status,
        HighlightStatus.SUBMITTED,
        message="This report has already been submitted.",
    )
    require(
        report.meeting.status != Meeting.Status.CANCELLED, "This meeting was cancelled: no report goes to it."
    )
    require(bool(report.went_well), "Enter what went well before submitting.", field="went_well")
    require(bool(report.concerns), "Enter the concerns and risks before submitting (or say there are none).",
            field="concerns")  # fmt: skip
    today = today or timezone.localdate()
    start, end = highlight_period(report.subgroup, report.meeting, today=today)
    report.figures = subgroup_figures(report.subgroup, start, end)
    report.period_start, report.period_end = start, end
    report.status = HighlightStatus.SUBMITTED
    report.submitted_at, report.submitted_by = timezone.now(), actor
    return save_tracked(report, actor=actor, reason="Submitted")
