"""Training against the learning: the analysis "by finding" for a programme year, and its CSV.

For each finding of a review, audit or other source that a course of the year answers (and that
the person may see): the courses, attendance from the agencies the source's recommendations
name and from everyone else, and what changed three months on (training/analysis/findings.py).
Open to those who may open the training analysis (an agency lead: their own agency's staff in
the figures); anyone else gets a 403. Both cost the same few queries however many findings.
"""

from django.shortcuts import render
from django.urls import reverse

from partnership.exports import csv_response
from partnership.views.toolkit import require

from ... import permissions
from ...analysis.findings import FindingRow, findings_analysis
from ...analysis.summary import agencies_in_view
from ...models import year_label
from .overview import _filters
from .tables import display


def _rows(request) -> tuple[dict, list[FindingRow]]:
    form, arguments, programme = _filters(request)
    year = arguments["year"]
    rows = findings_analysis(year, user=request.user, agency=arguments["agency"])
    return {"form": form, "year": year, "programme": programme}, rows


def _rate(line) -> str:
    return display(line.attendance_rate, "percent")


def analysis_findings_view(request):
    require(permissions.can_view_training(request.user))
    context, rows = _rows(request)
    year = context["year"]
    context.update(
        rows=rows,
        year_label=year_label(year),
        limited=agencies_in_view(request.user) is not None,
        export_url=f"{reverse('training:analysis-findings-export')}?{request.GET.urlencode() or f'year={year}'}",
        overview_url=f"{reverse('training:analysis-overview')}?year={year}",
        can_manage=permissions.can_manage_training(request.user),
    )
    for row in rows:
        row.named_rate = _rate(row.named_total)
        row.others_rate = _rate(row.others)
        row.changed_text = display(row.changed_share, "percent")
    return render(request, "training/analysis/findings.html", context)


HEADER = [
    "Source", "Finding", "Courses answering it", "Agencies named", "Named agencies: places booked",
    "Named agencies: attended", "Named agencies: attendance rate (%)", "Attended, per named agency",
    "Others: places booked", "Others: attended", "Others: attendance rate (%)",
    "Follow-up answers three months on", "Reporting changed practice", "Reporting changed practice (%)",
    "Impact examples linked",
]  # fmt: skip


def analysis_findings_export_view(request):
    """The same table as the page, with the same filters, one line per finding."""
    require(permissions.can_view_training(request.user))
    context, rows = _rows(request)
    lines = (
        [
            row.source_title,
            row.finding_title,
            "; ".join(c.title for c in row.courses),
            row.named_agencies,
            row.named_total.places,
            row.named_total.attended,
            row.named_total.attendance_rate,
            "; ".join(f"{line.label}: {line.attended} of {line.places}" for line in row.named),
            row.others.places,
            row.others.attended,
            row.others.attendance_rate,
            row.responses,
            row.changed,
            row.changed_share,
            len(row.impact_examples),
        ]
        for row in rows
    )
    label = year_label(context["year"]).replace("/", "-")
    return csv_response(filename=f"training-by-finding-{label}.csv", header=HEADER, rows=lines)
