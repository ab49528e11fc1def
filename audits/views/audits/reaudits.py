"""Did it stick? A re-audit's before and after: its grades beside those of the audit it repeats,
per line of enquiry and per agency (`selectors.audit_comparison`), as a page and as CSV.

An audit that repeats no audit has no comparison (404). The comparison counts agencies' findings,
so it is open to those who may see them in both audits (`permissions.can_view_audit_comparison`:
403 for the others, who may still read either audit's page); an agency lead sees their own
agency's grades only.
"""

from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.utils.text import slugify

from partnership.exports import csv_response
from partnership.views.toolkit import require

from ... import permissions, selectors
from ...comparisons import Figures
from .multi_agency import get_audit


def _comparison(request, pk: int):
    audit = get_audit(request, pk)
    if audit.repeats_id is None:
        raise Http404("This audit does not repeat another audit.")
    require(permissions.can_view_audit_comparison(request.user, audit))
    return audit, selectors.audit_comparison(request.user, audit)


def audit_comparison_view(request, pk: int):
    audit, comparison = _comparison(request, pk)
    return render(request, "audits/audit_comparison.html", {"audit": audit, "comparison": comparison})


def _counts(figures: Figures | None) -> list:
    if figures is None:
        return ["", "", "", "", "", ""]
    return [*figures.counts.values(), figures.meeting, figures.graded]


CSV_HEADER = [
    "Line of enquiry", "Line of enquiry (re-audit)", "Line of enquiry (earlier audit)", "Agency",
    "Before: grade", "Before: outstanding", "Before: good", "Before: requires improvement", "Before: inadequate",
    "Before: good or outstanding", "Before: graded",
    "After: grade", "After: outstanding", "After: good", "After: requires improvement", "After: inadequate",
    "After: good or outstanding", "After: graded",
    "Change",
]  # fmt: skip


def comparison_rows(comparison):
    """For each line of enquiry, a row for all the agencies counted ("All agencies", or "Agencies
    you lead" for an agency lead), then a row for each agency's grade on it."""
    everyone = "All agencies" if comparison.sees_all else "Agencies you lead"
    for row in comparison.lines:
        line, earlier = row.line, row.earlier_line
        texts = [line.number, line.text, earlier.text if earlier else "New in the re-audit"]
        yield [*texts, everyone, "", *_counts(row.before), "", *_counts(row.after), row.change_label]
        for agency in comparison.agencies:
            cell = agency.cell_for(line)
            if cell is None:
                continue
            yield [*texts, agency.agency.name, cell.before_label, *[""] * 6, cell.after_label, *[""] * 6,
                   cell.change_label]  # fmt: skip


def audit_comparison_export_view(request, pk: int):
    """The comparison as CSV: the grade counts of each line before and after, and each agency's
    grades, as the page shows them to this person."""
    audit, comparison = _comparison(request, pk)
    return csv_response(
        filename=f"before-and-after-{slugify(audit.title)[:60]}-{timezone.localdate():%Y-%m-%d}.csv",
        header=CSV_HEADER,
        rows=comparison_rows(comparison),
    )
