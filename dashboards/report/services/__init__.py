"""Writes of the annual report: its narratives, and producing a version of the PDF.

- `narratives_save`: the business unit's words for each section of a year; only changed texts
  are saved, each with a history row naming who wrote it.
- `report_version_request`: queues a version and its rendering task (after commit). A year has
  at most one version in progress (a unique constraint), so a double click or two people at
  once get the same queued version back rather than two reports. A version stuck in progress
  for longer than the task could possibly run (a worker that died) is marked failed first.
- `report_version_render`: the task's work: gathers the figures section by section, renders
  the PDF with the one renderer (partnership/pdf.py), stores it privately, and records the
  progress on the way; on any error the version is marked failed with the reason.
- `annual_report_pdf`: the PDF itself, for the task and the `annual_report` command alike.

The publication trail (finalise, publish, send to the Panel and Foundations) is in
`publication`, re-exported here. Once a year is finalised its narratives no longer change.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Callable

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from partnership.services.guards import require
from partnership.services.history import save_tracked

from ... import periods
from ..figures import report_sections
from ..models import (
    IN_PROGRESS,
    ReportNarrative,
    ReportPublication,
    ReportSection,
    ReportStatus,
    ReportVersion,
)
from ..permissions import can_produce_report

logger = logging.getLogger(__name__)

TEMPLATE = "dashboards/report/pdf/annual_report.html"
# Longer than the task's hard time limit (dashboards/tasks.py): past it, nothing is rendering.
STALE_AFTER = datetime.timedelta(minutes=20)
FIRST_YEAR, LAST_YEAR = 2000, 2100


def check_year(year: int) -> int:
    require(
        FIRST_YEAR <= year <= LAST_YEAR,
        f"Enter a reporting year between {FIRST_YEAR} and {LAST_YEAR}.",
        field="year",
    )
    return year


def narratives_save(*, year: int, texts: dict[str, str], actor) -> int:
    """Save the narrative of each section in `texts` (key -> text) for `year`; return how many
    changed. Only the business unit writes the report."""
    require(can_produce_report(actor), "Only the business unit writes the annual report.")
    check_year(year)
    require(
        not ReportPublication.objects.filter(year=year, version__isnull=False).exists(),
        "This year's report is finalised, so its sections can no longer change. Un-finalise it first, with a reason.",
    )
    existing = {n.section: n for n in ReportNarrative.objects.filter(year=year)}
    changed = 0
    with transaction.atomic():
        for key, text in texts.items():
            ReportSection(key)  # an unknown section is a programming error, not the user's
            text = (text or "").strip()
            narrative = existing.get(key)
            if narrative is None and not text:
                continue
            if narrative is not None and narrative.text == text:
                continue
            narrative = narrative or ReportNarrative(year=year, section=key)
            narrative.text = text
            narrative.updated_by = actor
            save_tracked(narrative, actor=actor)
            changed += 1
    return changed


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


from .contributions import (  # noqa: E402
    contribution_approve,
    contribution_request,
    contribution_return,
    contribution_save,
    default_author,
)
from .publication import (  # noqa: E402
    is_finalised,
    publication_of,
    report_finalise,
    report_publish,
    report_submission_record,
    report_unfinalise,
)

__all__ = [
    "FIRST_YEAR",
    "LAST_YEAR",
    "annual_report_pdf",
    "check_year",
    "contribution_approve",
    "contribution_request",
    "contribution_return",
    "contribution_save",
    "default_author",
    "is_finalised",
    "narratives_save",
    "publication_of",
    "report_finalise",
    "report_publish",
    "report_submission_record",
    "report_unfinalise",
    "report_version_render",
    "report_version_request",
]
