"""The funding section: what each partner contributed to the partnership's budget in the year,
each one's share of the whole, how the budget was spent, and the surplus or deficit.

Entered by the business unit per year (`ReportFunding`); every total and share is computed here.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from ..models import ReportFunding
from .base import Section, Table, Year, percent


def pounds(amount: Decimal) -> str:
    """£12,500 for whole pounds, £12,500.50 otherwise."""
    text = f"£{amount:,.2f}"
    return text[:-3] if text.endswith(".00") else text


def share(part: Decimal, whole: Decimal) -> str:
    """A partner's share of the total, to one decimal place ("33.3%")."""
    if not whole:
        return "0%"
    return percent((100 * part / whole).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def funding(year: Year) -> Section:
    section = Section("funding")
    budget = (
        ReportFunding.objects.filter(year=year.year)
        .prefetch_related("contributions__agency", "spending")
        .first()
    )
    contributions = list(budget.contributions.all()) if budget else []
    spending = list(budget.spending.all()) if budget else []
    if not contributions and not spending:
        section.notes.append(f"The partners' funding for {year.label} has not been entered yet.")
        return section
    income = sum((c.amount for c in contributions), Decimal(0))
    spent = sum((s.amount for s in spending), Decimal(0))
    section.facts = [
        ("Contributions from the partners", pounds(income)),
        ("Partners contributing", str(len(contributions))),
        ("Spent", pounds(spent)),
    ]
    ordered = sorted(contributions, key=lambda c: (-c.amount, c.agency.name))
    section.tables.append(
        Table(
            f"What each partner contributed in {year.label}",
            ["Partner", "Contribution", "Share of the total", "Note"],
            [[c.agency.name, pounds(c.amount), share(c.amount, income), c.note] for c in ordered]
            + ([["Total", pounds(income), "100%", ""]] if contributions else []),
        )
    )
    section.tables.append(
        Table(
            f"How the budget was spent in {year.label}",
            ["Spent on", "Amount"],
            [[s.heading, pounds(s.amount)] for s in spending]
            + ([["Total", pounds(spent)]] if spending else []),
        )
    )
    if income > spent:
        section.notes.append(
            f"The partners contributed {pounds(income)} and the partnership spent {pounds(spent)}: "
            f"a surplus of {pounds(income - spent)}."
        )
    elif spent > income:
        section.notes.append(
            f"The partnership spent {pounds(spent)}, more than the {pounds(income)} the partners contributed: "
            f"a deficit of {pounds(spent - income)}."
        )
    return section
