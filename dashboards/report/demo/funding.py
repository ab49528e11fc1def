"""The demo partners' funding of the previous year, and the links with the other boards."""

from __future__ import annotations

from django.utils import timezone

from ... import periods

# By agency short name: (contribution in the previous year, in the current year, note).
CONTRIBUTIONS = {
    "NBC": ("182000", "187500", ""),
    "EMC": ("118000", "121500", ""),
    "ICB": ("150000", "154500", "Includes the designated doctor's and nurse's time, valued at £40,000"),
    "Police": ("90000", "92700", ""),
    "Probation": ("8500", "8500", ""),
    "Brookside": ("6000", "6000", "The schools' contribution, agreed by the Schools Forum"),
}
# (heading, spent in the previous year, budgeted for the current year)
SPENDING = [
    ("Business unit staff", "318000", "330000"),
    ("Independent scrutineer", "36000", "37000"),
    ("Local Child Safeguarding Practice Reviews (independent reviewers)", "72500", "80000"),
    ("Multi-agency training programme", "64000", "66000"),
    ("Child Death Overview Panel", "28000", "29000"),
    ("Audits and the voice of children (the youth forum)", "14000", "15000"),
    ("Website, systems and publications", "9500", "10000"),
]
LINKS = {
    "adults_board": (
        "The independent scrutineer and the partnership manager sit on the Safeguarding Adults Board. In {label} "
        "the two boards ran a joint audit of young people moving to adult services and shared one training "
        "offer on domestic abuse and on exploitation."
    ),
    "community_safety": (
        "The Community Safety Partnership and the partnership share the learning of Domestic Homicide Reviews "
        "where children were in the household, and a joint protocol on serious violence and criminal "
        "exploitation."
    ),
    "health_wellbeing": (
        "The partnership presented its {label} annual report to the Health and Wellbeing Board, which took the "
        "safeguarding of babies into the joint strategic needs assessment."
    ),
}


def seed_funding(actor, stdout=None) -> int:
    """The previous and the current year's funding and links with the other boards, where the
    year has none yet; return how many years were entered."""
    from decimal import Decimal

    from partnership.models import Agency

    from ..models import ReportFunding, ReportGovernanceLinks
    from ..services.funding import ContributionLine, SpendLine, report_funding_save, report_links_save

    current = periods.reporting_year(timezone.localdate())
    agencies = {a.short_name: a for a in Agency.objects.filter(short_name__in=list(CONTRIBUTIONS))}
    entered = 0
    for index, year in enumerate((current - 1, current)):
        label = periods.year_label(year)
        if not ReportGovernanceLinks.objects.filter(year=year).exists():
            report_links_save(
                year=year, texts={k: t.format(label=label) for k, t in LINKS.items()}, actor=actor
            )
        if ReportFunding.objects.filter(year=year).exists() or len(agencies) < len(CONTRIBUTIONS):
            continue
        report_funding_save(
            year=year,
            contributions=[
                ContributionLine(agencies[short], Decimal(amounts[index]), amounts[2])
                for short, amounts in CONTRIBUTIONS.items()
            ],
            spending=[SpendLine(heading, Decimal(amounts[index])) for heading, *amounts in SPENDING],
            actor=actor,
        )
        entered += 1
    if stdout:
        stdout.write(
            f"Demo annual report funding: {entered} years entered."
            if entered
            else "Demo annual report funding: already there."
        )
    return entered
