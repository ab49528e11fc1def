"""The annual report's submission clock on the clock board (the core's BOARD_CLOCKS point).

Publishing the year's report starts it; it falls due `ANNUAL_REPORT_SUBMISSION_DAYS` calendar
days later (Working Together to Safeguard Children 2023: sent to the national Panel and to
Foundations within seven days of publication) and stops when both sendings are recorded. The
board lists it while it runs, to those who may read the report.
"""

from __future__ import annotations

import datetime

from django.urls import reverse

from partnership import extensions as ext

from .. import periods
from .models import ReportPublication, SubmissionState
from .permissions import can_view_report

SOURCE = (
    "Working Together to Safeguard Children 2023: the safeguarding partners send their published "
    "yearly report to the Child Safeguarding Practice Review Panel and to Foundations within 7 days "
    "of publication."
)


def board_clocks(user, *, today: datetime.date) -> list[ext.BoardClock]:
    if not can_view_report(user):
        return []
    running = (SubmissionState.RUNNING, SubmissionState.OVERDUE)
    rows = []
    pending = ReportPublication.objects.filter(published_on__isnull=False).filter(
        panel_sent_on__isnull=True
    ) | ReportPublication.objects.filter(published_on__isnull=False, foundations_sent_on__isnull=True)
    for publication in pending.order_by("year"):
        state = publication.submission_state(today)
        if state not in running:
            continue
        rows.append(
            ext.BoardClock(
                name=f"Annual report {periods.year_label(publication.year)} sent to the national Panel and Foundations",
                source=SOURCE,
                start=publication.published_on,
                due=publication.submission_due,
                done=None,
                state=state,
                description=publication.submission_description(today),
                url=reverse("dashboards:report-year", args=[publication.year]) + "#publication",
            )
        )
    return rows
