"""The report's funding page and its links with the other boards, for one reporting year.

Both are read by those who may read the report (the figures as the report will print them, or
the words written) and changed by the business unit. Removing a funding line already saved asks
for confirmation first: the page comes back with everything as typed and a "Save and remove"
button naming the lines to go.
"""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse

from partnership import selectors as core
from partnership.services import DomainError
from partnership.views.toolkit import posted, require

from ... import periods
from ..figures.base import Year
from ..figures.funding import funding as funding_section
from ..figures.funding import pounds
from ..forms import GovernanceLinksForm, funding_formsets
from ..models import ReportFunding, ReportGovernanceLinks
from ..permissions import can_produce_report, can_view_report
from ..services.funding import ContributionLine, SpendLine, report_funding_save, report_links_save
from .years import _year

CONFIRM = "remove"


def _removing(contributions, spending, agencies) -> list[str]:
    names = dict(agencies.values_list("pk", "name"))
    return [
        f"{names.get(row['agency'], 'An agency')}: {pounds(row['amount'])}"
        for row in contributions.removing()
    ] + [f"{row['heading']}: {pounds(row['amount'])}" for row in spending.removing()]


def report_funding_view(request, year: int):
    """The partners' contributions and the spending lines of the year: the tables as the
    report prints them, and for the business unit a row per line to change, remove or add."""
    require(can_view_report(request.user))
    year = _year(year)
    can_edit = can_produce_report(request.user)
    data = posted(request)
    if data is not None:
        require(can_edit)
    funding = ReportFunding.objects.filter(year=year).prefetch_related("contributions", "spending").first()
    agencies = core.agencies_visible_to(request.user).order_by("name")
    contributions, spending = funding_formsets(data, funding=funding, agencies=agencies)
    removing, error = [], ""
    if data is not None and all([contributions.is_valid(), spending.is_valid()]):
        removing = _removing(contributions, spending, agencies)
        if not removing or data.get("confirm") == CONFIRM:
            try:
                _funding, changed = report_funding_save(
                    year=year,
                    contributions=[
                        ContributionLine(r["agency"], r["amount"], r.get("note", ""), r.get("line"))
                        for r in contributions.lines()
                    ],
                    spending=[SpendLine(r["heading"], r["amount"], r.get("line")) for r in spending.lines()],
                    actor=request.user,
                )
            except DomainError as exc:
                error = exc.message
            else:
                messages.success(
                    request,
                    f"Funding saved: {changed} line{'s' if changed != 1 else ''} changed"
                    if changed
                    else "Nothing had changed",
                )
                return redirect("dashboards:report-funding", year=year)
    has_errors = bool(error) or any(f.errors for f in [*contributions.forms, *spending.forms])
    return render(
        request,
        "dashboards/report/report_funding.html",
        {
            "year": year,
            "year_label": periods.year_label(year),
            "section": funding_section(Year.of(year, request.user)),
            "can_edit": can_edit,
            "contributions": contributions,
            "spending": spending,
            "removing": removing,
            "confirm": CONFIRM,
            "error": error,
            "has_errors": has_errors,
            "year_url": reverse("dashboards:report-year", args=[year]),
        },
    )


def report_links_view(request, year: int):
    """What the partnership did with the Safeguarding Adults Board, the Community Safety
    Partnership and the Health and Wellbeing Board in the year, for the governance section."""
    require(can_view_report(request.user))
    year = _year(year)
    can_edit = can_produce_report(request.user)
    links = ReportGovernanceLinks.objects.filter(year=year).first()
    initial = {key: getattr(links, key) for key in GovernanceLinksForm.LINKS} if links else {}
    data = posted(request)
    form = GovernanceLinksForm(data, initial=initial)
    if data is not None:
        require(can_edit)
        if form.is_valid():
            try:
                report_links_save(year=year, texts=form.cleaned_data, actor=request.user)
            except DomainError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(request, "Links with the other boards saved")
                return redirect("dashboards:report-year", year=year)
    return render(
        request,
        "dashboards/report/report_links.html",
        {
            "year": year,
            "year_label": periods.year_label(year),
            "form": form,
            "can_edit": can_edit,
            "texts": [(field.label, initial.get(name, "")) for name, field in form.fields.items()],
            "year_url": reverse("dashboards:report-year", args=[year]),
        },
    )
