"""The list of case reviews (with its CSV export) and the clock board.

A review's clocks are computed from its dates in working days, not stored, so the list reads the
person's filtered reviews in one query, computes each one's clocks, applies the clock-state
filter and the "next clock" order in Python, and pages the result. A partnership holds tens of
reviews a year, not thousands, and the query count stays the same whatever their number.
"""

from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils import timezone

from partnership import fragments
from partnership.exports import csv_response
from partnership.extensions import board_clocks
from partnership.views.toolkit import export_query, filter_rows, sorted_by

from ... import selectors
from ...clocks import LABELS, clocks_for, running_clocks
from ...filters import KIND_TABS, ClockBoardFilterForm, ReviewFilter, review_clock_states
from ...permissions import can_open_review
from .display import TAG_CLASSES, ClockView, clock_view, detail_urls, next_running

# The `?sort=` keys of the list and the field each orders by; "clock" is the next clock's due
# date, computed, so it is sorted in Python.
REVIEW_SORTS = {
    "reference": "reference",
    "title": "title",
    "kind": "kind",
    "stage": "stage",
    "opened": "opened_on",
    "lead": "lead__full_name",
}
DEFAULT_SORT = "-opened"


@dataclass
class ReviewRow:
    """A review as the list shows it, with its clocks on `today`."""

    review: object
    clocks: list[ClockView] = field(default_factory=list)

    @property
    def next_clock(self) -> ClockView | None:
        return next_running(self.clocks)

    @property
    def all_met(self) -> bool:
        return bool(self.clocks) and all(v.state == "met" for v in self.clocks)

    @property
    def missed(self) -> list[ClockView]:
        return [v for v in self.clocks if v.state == "missed"]

    def clock_summary(self) -> str:
        """Every clock in words, for the CSV: "Rapid Review…: Met; LCSPR final report: Due in…"."""
        return "; ".join(f"{v.name}: {v.description}" for v in self.clocks if v.state != "not_started")


def reviews_for(request, today: date):
    """(filterset, rows, sort in force): the person's reviews, filtered and sorted."""
    filterset = ReviewFilter(
        request.GET, queryset=selectors.reviews_visible_to(request.user), request=request
    )
    requested = request.GET.get("sort", "")
    by_clock = requested.lstrip("-") == "clock"
    queryset, sort = sorted_by(
        filterset.qs, DEFAULT_SORT if by_clock else requested, REVIEW_SORTS, DEFAULT_SORT
    )
    rows = [ReviewRow(review, [clock_view(c, today) for c in clocks_for(review)]) for review in queryset]
    state = filterset.clock_state
    if state:
        rows = [row for row in rows if state in review_clock_states([v.clock for v in row.clocks], today)]
    if by_clock:
        sort = requested
        descending = requested.startswith("-")
        with_clock = [row for row in rows if row.next_clock]
        with_clock.sort(key=lambda row: row.next_clock.clock.due, reverse=descending)
        rows = with_clock + [row for row in rows if not row.next_clock]
    return filterset, rows, sort


def heading_for(kind: str) -> str:
    return next((heading for value, _tab, heading in KIND_TABS if value == kind), "All case reviews")


def review_list_view(request):
    today = timezone.localdate()
    filterset, rows, sort = reviews_for(request, today)
    page_obj = Paginator(rows, settings.PAGE_SIZE).get_page(request.GET.get("page"))
    kind = request.GET.get("kind", "")
    context = {
        "heading": heading_for(kind),
        "tabs": [(value, label, value == kind) for value, label, _heading in KIND_TABS],
        "filterset": filterset,
        "filter_rows": filter_rows(filterset),
        "page_obj": page_obj,
        "rows": page_obj.object_list,
        "sort": sort,
        "has_any": bool(rows) or selectors.reviews_visible_to(request.user).exists(),
        "export_query": export_query(request),
        "can_open": can_open_review(request.user),
    }
    return render(request, "reviews/review_list.html", context)


# Summary fields and clock states only: never what happened or who the children are.
EXPORT_COLUMNS = (
    ("Reference", lambda r: r.review.reference),
    ("Pseudonym", lambda r: r.review.title),
    ("Kind", lambda r: r.review.get_kind_display()),
    ("Stage", lambda r: r.review.get_stage_display()),
    ("Subgroup", lambda r: r.review.subgroup.name),
    ("Lead", lambda r: r.review.lead.full_name if r.review.lead_id else ""),
    ("Opened", lambda r: r.review.opened_on.strftime("%d/%m/%Y")),
    ("Next clock", lambda r: r.next_clock.name if r.next_clock else ""),
    ("Next clock due", lambda r: r.next_clock.clock.due.strftime("%d/%m/%Y") if r.next_clock else ""),
    ("Next clock state", lambda r: r.next_clock.description if r.next_clock else ""),
    ("Clocks", lambda r: r.clock_summary()),
)


def review_export_view(request):
    """The list's reviews, filtered and sorted as on the page, as a CSV of summary fields."""
    _filterset, rows, _sort = reviews_for(request, timezone.localdate())
    return csv_response(
        filename=f"case-reviews-{timezone.localdate():%Y-%m-%d}.csv",
        header=[label for label, _value in EXPORT_COLUMNS],
        rows=([value(row) for _label, value in EXPORT_COLUMNS] for row in rows),
    )


def clock_board_view(request):
    """Every running clock of the reviews the person may read, soonest due first, and the other
    statutory clocks the apps register (`BOARD_CLOCKS`) that the person may see; kept until the
    data or the day changes (partnership/fragments.py)."""
    return fragments.render_page(
        request, "clock-board", "reviews/clock_board.html", lambda: _board_context(request)
    )


def _board_context(request) -> dict:
    today = timezone.localdate()
    pairs = running_clocks(selectors.clock_board_reviews(request.user), today)
    form = ClockBoardFilterForm(request.GET or None)
    shown = form.apply(pairs, today) if form.is_bound else pairs
    urls = detail_urls(review for review, _clock in shown)
    # Clocks other apps register (the annual report's submission to the Panel), beside these.
    others = [
        (clock, TAG_CLASSES[clock.state], LABELS[clock.state])
        for clock in board_clocks(request.user, today=today)
    ]
    context = {
        "form": form,
        "entries": [(review, clock_view(clock, today), urls[review.pk]) for review, clock in shown],
        "total": len(pairs),
        "overdue": sum(1 for _review, clock in pairs if clock.state(today) == "overdue"),
        "other_clocks": others,
        "today": today,
    }
    return context
