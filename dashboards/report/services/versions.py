"""Producing a version of the annual report PDF: queued once per year at a time, rendered by the
task with its progress, stored privately; `annual_report_pdf` is the PDF itself, for the task
and the `annual_report` command alike."""

from __future__ import annotations

import datetime
import logging
from collections.abc import Callable

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from partnership.services.guards import require

from ... import periods
from ..figures import report_sections
from ..models import (
    IN_PROGRESS,
    ReportStatus,
    ReportVersion,
)
from ..permissions import can_produce_report
from .years import check_year

logger = logging.getLogger(__name__)

TEMPLATE = "dashboards/report/pdf/annual_report.html"
# Longer than the task's hard time limit (dashboards/tasks.py): past it, nothing is rendering.
STALE_AFTER = datetime.timedelta(minutes=20)


def report_version_request(*, year: int, actor) -> ReportVersion:
    """Queue the year's report (or return the one already in progress) and its rendering."""
    require(can_produce_report(actor), "Only the business unit produces the annual report.")
    check_year(year)
    stale = timezone.now() - STALE_AFTER
    ReportVersion.objects.filter(year=year, status__in=IN_PROGRESS, requested_at__lt=stale).update(
        status=ReportStatus.FAILED,
        error="The report took too long to produce and was stopped. Please produce it again.",
        finished_at=timezone.now(),
    )
    try:
        with transaction.atomic():
            version = ReportVersion.objects.create(year=year, requested_by=actor)
    except IntegrityError:
        existing = ReportVersion.objects.filter(year=year, status__in=IN_PROGRESS).first()
        if existing is None:  # it finished between our insert and this read: try once more
            return report_version_request(year=year, actor=actor)
        return existing
    from ...tasks import render_annual_report_task

    transaction.on_commit(lambda: render_annual_report_task.delay(version.pk))
    return version


def _progress(version_id: int, percent: int, step: str) -> None:
    ReportVersion.objects.filter(pk=version_id).update(progress=max(0, min(percent, 100)), step=step[:120])


def annual_report_pdf(
    *, year: int, actor, progress: Callable[[int, str], None] | None = None
) -> tuple[bytes, int]:
    """(PDF bytes, page count) of the year's annual report, as `actor` sees the data.
    `progress(percent, step)` hears how far it has got."""
    from partnership.pdf import render_pdf_with_pages  # WeasyPrint is loaded only when a PDF is made

    report = progress or (lambda _percent, _step: None)

    def on_section(done: int, total: int, label: str) -> None:
        report(5 + 60 * done // total, f"Gathering the figures: {label}")

    sections = report_sections(year, user=actor, progress=on_section)
    report(70, "Laying out the pages")
    label = periods.year_label(year)
    pdf, pages = render_pdf_with_pages(
        TEMPLATE,
        {
            "year": year,
            "year_label": label,
            "sections": sections,
            "period_start": periods.year_start(year),
            "period_end": periods.year_start(year + 1) - datetime.timedelta(days=1),
            "produced_on": timezone.localdate(),
        },
        title=f"Annual report {label}",
    )
    report(95, "Saving the report")
    return pdf, pages


def report_version_render(*, version_id: int) -> ReportVersion | None:
    """Render a queued version (the task's work). A version that is missing or no longer
    queued is left alone, so a task delivered twice renders once."""
    with transaction.atomic():
        version = (
            ReportVersion.objects.select_for_update(of=("self",))
            .select_related("requested_by")
            .filter(pk=version_id)
            .first()
        )
        if version is None or version.status != ReportStatus.QUEUED:
            return version
        version.status, version.progress, version.step = ReportStatus.RENDERING, 5, "Starting"
        version.save(update_fields=["status", "progress", "step"])
    try:
        pdf, pages = annual_report_pdf(
            year=version.year,
            actor=version.requested_by,
            progress=lambda percent, step: _progress(version.pk, percent, step),
        )
    except Exception as exc:  # any failure is recorded on the version and logged
        # Not retried: a render that failed once (a bad template, a refused address) fails again.
        logger.exception("Annual report version %s failed", version.pk)
        ReportVersion.objects.filter(pk=version.pk).update(
            status=ReportStatus.FAILED,
            error=f"The report could not be produced: {exc}"[:2000],
            finished_at=timezone.now(),
        )
        version.refresh_from_db()
        return version
    version.refresh_from_db()
    version.file_name = (
        f"annual-report-{periods.year_label(version.year).replace('/', '-')}-v{version.pk}.pdf"
    )
    version.file.save(version.file_name, ContentFile(pdf), save=False)
    version.size, version.page_count = len(pdf), pages
    version.status, version.progress, version.step = ReportStatus.READY, 100, "Ready"
    version.finished_at = timezone.now()
    version.save()
    return version
