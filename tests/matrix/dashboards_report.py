"""Matrix cases for the annual report.

The business unit writes and produces it; partnership leads and subgroup chairs read its page
and download its versions (a 403 when they try to produce it); everyone else, the site's
superuser included, gets a 403. A version that does not exist is a 404 for the readers.
The publication trail (finalise, un-finalise, publish, record a sending) is the business
unit's alone; the HTML edition and its download are the readers', as the PDF is.
"""

import datetime

from django.core.files.base import ContentFile

from dashboards.report.models import ReportContribution, ReportVersion
from dashboards.report.services import report_finalise, report_publish

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


def contribution(w, kind="subgroup", status="requested"):
    """A contribution of 2025 asked of the world's subgroup chair (its subgroup's section) or of
    its agency lead (the agency's contribution)."""
    scope = {"subgroup": w.subgroup} if kind == "subgroup" else {"agency": w.agency}
    author = w.subgroup_chair if kind == "subgroup" else w.agency_lead
    row = ReportContribution.objects.create(
        year=2025, kind=kind, author=author, due_on=datetime.date(2027, 1, 15), **scope,
        requested_on=datetime.date(2026, 12, 6), requested_by=w.business_unit, status=status,
        text="Our year." if status != "requested" else "",
    )  # fmt: skip
    return [row.pk]


def finalised(w):
    report_finalise(version=ReportVersion.objects.get(pk=ready_version(w)[0]), actor=w.business_unit)
    return [2025]


def published(w):
    finalised(w)
    report_publish(
        year=2025,
        url="https://northbrook.example/annual-report",
        published_on=datetime.date(2026, 10, 1),
        actor=w.business_unit,
        today=datetime.date(2026, 10, 1),
    )
    return [2025]


def first_ready(w):
    return {"version": ReportVersion.objects.filter(year=2025, status="ready").first().pk}


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
    # Contributions: the business unit requests, reads, approves and returns them; the author
    # (whatever their role) opens and writes their own; anyone else finds nothing (404).
    Case("dashboards:report-contribution-request", args=lambda w: [2025], expect=only(BU)),
    Case(
        "dashboards:report-contribution-request",
        args=lambda w: [1900],
        label="no such year",
        expect=only(BU, 404),
    ),
    Case(
        "dashboards:report-contribution",
        args=contribution,
        label="subgroup",
        expect=only({"business_unit", "subgroup_chair"}, 200, 404),
    ),
    Case(
        "dashboards:report-contribution",
        args=lambda w: contribution(w, "agency"),
        label="agency",
        expect=only({"business_unit", "agency_lead"}, 200, 404),
    ),
    Case(
        "dashboards:report-contribution",
        args=lambda w: contribution(w, "agency", "submitted"),
        label="post submitted",
        method="post",
        data=lambda w: {"text": "Changed", "action": "draft"},
        expect=only({"business_unit", "agency_lead"}, 403, 404),
    ),
    Case(
        "dashboards:report-contribution-approve",
        args=lambda w: contribution(w, status="submitted"),
        method="post",
        expect=only(BU, 302, 404, subgroup_chair=403),
    ),
    Case("dashboards:report-contribution-approve", args=contribution, label="get", default=405),
    Case(
        "dashboards:report-contribution-return",
        args=lambda w: contribution(w, status="submitted"),
        expect=only(BU, 200, 404, subgroup_chair=403),
    ),
    Case(
        "dashboards:report-contribution-return",
        args=contribution,
        label="not submitted",
        expect=only(set(), 200, 404, business_unit=403, subgroup_chair=403),
    ),
    # The partners' funding and the links with the other boards: read with the report, changed
    # by the business unit (an empty form posted saves nothing and comes back to the page).
    Case("dashboards:report-funding", args=lambda w: [2025], expect=only(READERS)),
    Case("dashboards:report-funding-export", args=lambda w: [2025], expect=only(READERS)),
    Case(
        "dashboards:report-funding-export",
        args=lambda w: [1900],
        label="no such year",
        expect=only(READERS, 404),
    ),
    # The contributions tracker as CSV: for those who ask for contributions, as on the year page.
    Case("dashboards:report-contributions-export", args=lambda w: [2025], expect=only(BU)),
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
    # The publication trail: the business unit's; a 403 for everyone else, readers included.
    Case("dashboards:report-finalise", args=lambda w: ready_version(w) and [2025], expect=only(BU)),
    Case(
        "dashboards:report-finalise",
        args=lambda w: ready_version(w) and [2025],
        label="post",
        method="post",
        data=first_ready,
        expect=only(BU, 302),
    ),
    Case("dashboards:report-finalise", args=lambda w: [1900], label="no such year", expect=only(BU, 404)),
    Case("dashboards:report-unfinalise", args=finalised, expect=only(BU)),
    Case(
        "dashboards:report-unfinalise",
        args=finalised,
        label="post",
        method="post",
        data=lambda w: {"reason": "A late correction"},
        expect=only(BU, 302),
    ),
    Case("dashboards:report-publish", args=finalised, expect=only(BU)),
    Case("dashboards:report-submission", args=lambda w: [*published(w), "panel"], expect=only(BU)),
    Case(
        "dashboards:report-submission",
        args=lambda w: [*published(w), "foundations"],
        label="post",
        method="post",
        data=lambda w: {"sent_on_day": "2", "sent_on_month": "10", "sent_on_year": "2026", "how": "By email"},
        expect=only(BU, 302),
    ),
    Case(
        "dashboards:report-submission",
        args=lambda w: [2025, "nobody"],
        label="no such recipient",
        expect=only(BU, 404),
    ),
    # The HTML edition: the readers', like the PDF.
    Case("dashboards:report-edition", args=lambda w: [2025], expect=only(READERS)),
    Case("dashboards:report-edition", args=lambda w: [1900], label="no such year", expect=only(READERS, 404)),
    Case("dashboards:report-edition-download", args=lambda w: [2025], expect=only(READERS)),
    Case("dashboards:report-edition-download", args=finalised, label="finalised", expect=only(READERS)),
]
