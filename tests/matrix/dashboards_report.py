"""Matrix cases for the annual report.

The business unit writes and produces it; partnership leads and subgroup chairs read its page
and download its versions (a 403 when they try to produce it); everyone else, the site's
superuser included, gets a 403. A version that does not exist is a 404 for the readers.
"""

from django.core.files.base import ContentFile

from dashboards.report.models import ReportVersion

from . import Case, only

BU = {"business_unit"}
READERS = {"business_unit", "partnership_lead", "subgroup_chair"}


def ready_version(w):
    version = ReportVersion(year=2025, requested_by=w.business_unit, status="ready", size=9, page_count=1)
    version.file_name = "annual-report-2025-26.pdf"
    version.file.save("x.pdf", ContentFile(b"%PDF-1.7\n"), save=False)
    version.save()
    return [version.pk]


def queued_version(w):
    return [ReportVersion.objects.create(year=2025, requested_by=w.business_unit).pk]


CASES = [
    Case("dashboards:report-index", expect=only(READERS, 302)),
    Case("dashboards:report-year", args=lambda w: [2025], expect=only(READERS)),
    Case("dashboards:report-year", args=lambda w: [1900], label="no such year", expect=only(READERS, 404)),
    # Queued (the task is eager in tests, so a queued version must be made by hand): the guard
    # sends the business unit to the version already in progress.
    Case(
        "dashboards:report-produce",
        args=lambda w: queued_version(w) and [2025],
        method="post",
        expect=only(BU, 302),
    ),
    Case("dashboards:report-produce", args=lambda w: [2025], label="get", default=405),
    Case("dashboards:report-version", args=ready_version, expect=only(READERS)),
    Case("dashboards:report-version", args=queued_version, label="in progress", expect=only(READERS)),
    Case("dashboards:report-version", args=lambda w: [999999], label="missing", expect=only(READERS, 404)),
    Case("dashboards:report-version-download", args=ready_version, expect=only(READERS)),
    Case(
        "dashboards:report-version-download",
        args=queued_version,
        label="not ready",
        expect=only(READERS, 404),
    ),
    # The partners' funding and the links with the other boards: read with the report, changed
    # by the business unit (an empty form posted saves nothing and comes back to the page).
    Case("dashboards:report-funding", args=lambda w: [2025], expect=only(READERS)),
    Case("dashboards:report-funding", args=lambda w: [1900], label="no such year", expect=only(READERS, 404)),
    Case(
        "dashboards:report-funding",
        args=lambda w: [2025],
        label="post",
        method="post",
        data=lambda w: {
            "contribution-TOTAL_FORMS": "0",
            "contribution-INITIAL_FORMS": "0",
            "spend-TOTAL_FORMS": "0",
            "spend-INITIAL_FORMS": "0",
        },
        expect=only(BU, 302),
    ),
    Case("dashboards:report-links", args=lambda w: [2025], expect=only(READERS)),
    Case("dashboards:report-links", args=lambda w: [1900], label="no such year", expect=only(READERS, 404)),
    Case(
        "dashboards:report-links",
        args=lambda w: [2025],
        label="post",
        method="post",
        data=lambda w: {"adults_board": "Joint transitions protocol."},
        expect=only(BU, 302),
    ),
]
