"""Writes of the annual report's funding and of its links with the other boards.

- `report_funding_save`: the business unit's contributions and spending lines for a year, as a
  whole: lines with a `pk` are changed (only if something changed), lines without are added, and
  the year's lines not given are removed, each with a history row naming who did it. An amount
  is in pounds, not negative, to the penny; an agency contributes once a year.
- `report_links_save`: the year's words on the links with the Safeguarding Adults Board, the
  Community Safety Partnership and the Health and Wellbeing Board.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction

from partnership.models import Agency
from partnership.services.guards import require
from partnership.services.history import delete_tracked, save_tracked

from ..models import FundingContribution, FundingSpend, ReportFunding, ReportGovernanceLinks
from ..models.funding import PLACES
from ..permissions import can_produce_report
from .years import check_year

ONLY_THE_BUSINESS_UNIT = "Only the business unit enters the partnership's funding."


@dataclass(frozen=True)
class ContributionLine:
    agency: Agency
    amount: Decimal
    note: str = ""
    pk: int | None = None


@dataclass(frozen=True)
class SpendLine:
    heading: str
    amount: Decimal
    pk: int | None = None


def check_amount(amount, field: str = "amount") -> Decimal:
    """An amount of money as the report prints it: pounds, not negative, at most to the penny."""
    require(amount is not None, "Enter the amount in pounds, for example 12500 or 12500.50.", field=field)
    amount = Decimal(amount)
    require(amount >= 0, "The amount must be £0 or more.", field=field)
    require(
        amount == amount.quantize(Decimal(1).scaleb(-PLACES)),
        "Enter the amount to the nearest penny, for example 12500.50.",
        field=field,
    )
    return amount


def _apply(existing: dict, lines, make, fields: tuple[str, ...], actor, reason: str) -> int:
    """Change, add and remove the rows of one list so that it matches `lines`; how many changed."""
    changed = 0
    kept = set()
    for line in lines:
        row = existing.get(line.pk) if line.pk else None
        require(
            line.pk is None or row is not None,
            "A line of this year's funding was not found. Reload the page.",
        )
        if row is None:
            row = make()
        elif all(getattr(row, f) == getattr(line, f) for f in fields):
            kept.add(row.pk)
            continue
        for f in fields:
            setattr(row, f, getattr(line, f))
        save_tracked(row, actor=actor, reason=reason)
        kept.add(row.pk)
        changed += 1
    for pk, row in existing.items():
        if pk not in kept:
            delete_tracked(row, actor=actor, reason=reason)
            changed += 1
    return changed


def report_funding_save(
    *, year: int, contributions: list[ContributionLine], spending: list[SpendLine], actor
) -> tuple[ReportFunding, int]:
    """Make the year's funding match `contributions` and `spending`; return it and how many
    lines were added, changed or removed."""
    require(can_produce_report(actor), ONLY_THE_BUSINESS_UNIT)
    check_year(year)
    for line in contributions:
        check_amount(line.amount)
    for line in spending:
        check_amount(line.amount)
        require(bool(line.heading.strip()), "Enter what the money was spent on.", field="heading")
    agencies = [line.agency.pk for line in contributions]
    require(
        len(agencies) == len(set(agencies)),
        "Each agency's contribution is entered once: add its parts together, and say what they were in the note.",
        field="agency",
    )
    with transaction.atomic():
        funding, created = ReportFunding.objects.select_for_update().get_or_create(year=year)
        reason = "Funding for the annual report"
        changed = _apply(
            {row.pk: row for row in funding.contributions.all()},
            [
                ContributionLine(line.agency, Decimal(line.amount), line.note.strip(), line.pk)
                for line in contributions
            ],
            lambda: FundingContribution(funding=funding),
            ("agency", "amount", "note"),
            actor,
            reason,
        )
        changed += _apply(
            {row.pk: row for row in funding.spending.all()},
            [SpendLine(line.heading.strip(), Decimal(line.amount), line.pk) for line in spending],
            lambda: FundingSpend(funding=funding),
            ("heading", "amount"),
            actor,
            reason,
        )
        if changed or created:
            funding.updated_by = actor
            save_tracked(funding, actor=actor, reason=reason)
    return funding, changed


def report_links_save(*, year: int, texts: dict[str, str], actor) -> ReportGovernanceLinks:
    """Save the year's words on each link with the other boards (keys: `ReportGovernanceLinks.LINKS`)."""
    require(can_produce_report(actor), "Only the business unit writes the annual report.")
    check_year(year)
    with transaction.atomic():
        links, _created = ReportGovernanceLinks.objects.select_for_update().get_or_create(year=year)
        for key in ReportGovernanceLinks.LINKS:
            if key in texts:
                setattr(links, key, (texts[key] or "").strip())
        links.updated_by = actor
        save_tracked(links, actor=actor, reason="Links with the other boards, for the annual report")
    return links
