"""A year's annual report tracking as CSV, for the business unit's own spreadsheets: the
contributions asked for (who, what, by when, how far), and the partners' funding with the
amounts as numbers. Each is open to exactly those who see the same on the year's pages."""

from __future__ import annotations

from decimal import Decimal

from django.utils import timezone

from partnership.exports import csv_response
from partnership.views.toolkit import require

from ... import periods
from ..models import ReportFunding
from ..permissions import can_request_contributions, can_view_report
from ..selectors import contributions_of_year
from .years import _year


def _name(year: int, what: str) -> str:
    return f"annual-report-{periods.year_label(year).replace('/', '-')}-{what}-{timezone.localdate():%Y-%m-%d}.csv"


def _day(moment) -> str:
    return timezone.localtime(moment).date().isoformat() if moment else ""


def report_contributions_export_view(request, year: int):
    """Every contribution requested for the year, in the page's order, with its dates; never its
    text (the report prints the approved text)."""
    require(can_request_contributions(request.user))
    year = _year(year)
    header = ["Contribution", "Kind", "Asked of", "Email", "Requested on", "Due", "Status", "Submitted",
              "Approved"]  # fmt: skip
    rows = (
        [
            c.title,
            c.get_kind_display(),
            c.author.full_name,
            c.author.email,
            c.requested_on.isoformat(),
            c.due_on.isoformat(),
            c.get_status_display(),
            _day(c.submitted_at),
            _day(c.approved_at),
        ]
        for c in contributions_of_year(year)
    )
    return csv_response(filename=_name(year, "contributions"), header=header, rows=rows)


def report_funding_export_view(request, year: int):
    """The partners' contributions, then the spending lines, with each contribution's share of
    the total (the funding page's tables, amounts as plain numbers)."""
    require(can_view_report(request.user))
    year = _year(year)
    funding = (
        ReportFunding.objects.filter(year=year).prefetch_related("contributions__agency", "spending").first()
    )
    contributions = (
        sorted(funding.contributions.all(), key=lambda c: (-c.amount, c.agency.name)) if funding else []
    )
    spending = list(funding.spending.all()) if funding else []
    income = sum((c.amount for c in contributions), Decimal(0))
    rows = [
        ["Contribution", c.agency.name, c.amount, f"{c.amount / income * 100:.1f}" if income else "", c.note]
        for c in contributions
    ] + [["Spending", s.heading, s.amount, "", ""] for s in spending]
    header = ["Line", "Partner or spent on", "Amount (£)", "Share of the contributions (%)", "Note"]
    return csv_response(filename=_name(year, "funding"), header=header, rows=rows)
