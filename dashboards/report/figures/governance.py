"""The governance section: how the partnership is organised and how its bodies worked in the
year (meetings held per body, attendance by agency, decisions and escalations), and its links
with the Safeguarding Adults Board, the Community Safety Partnership and the Health and
Wellbeing Board.

The meetings' figures come from the app that records meetings, through the core's
ANNUAL_REPORT_PARTS (the report may not import it); the links are the business unit's words for
the year (`ReportGovernanceLinks`).
"""

from __future__ import annotations

from partnership import extensions as ext

from ..models import ReportGovernanceLinks, ReportSection
from .base import Section, Table, Year

SECTION = ReportSection.GOVERNANCE.value
LINK_NAMES = {
    "adults_board": "Safeguarding Adults Board",
    "community_safety": "Community Safety Partnership",
    "health_wellbeing": "Health and Wellbeing Board",
}


def governance(year: Year) -> Section:
    section = Section(SECTION)
    for part in ext.annual_report_parts(SECTION, year.start, year.last_day, year.user):
        section.facts += list(part.facts)
        section.tables += [Table(t.caption, list(t.columns), [list(r) for r in t.rows]) for t in part.tables]
        section.notes += list(part.notes)
    if not section.facts and not section.tables:  # no app records the meetings
        section.notes.append("The partnership's meetings are not recorded in this service.")
    links = ReportGovernanceLinks.objects.filter(year=year.year).first()
    rows = [[name, getattr(links, key)] for key, name in LINK_NAMES.items() if links and getattr(links, key)]
    section.tables.append(
        Table(
            "How we worked with the other partnerships",
            ["Board or partnership", "How we worked together"],
            rows,
        )
    )
    return section
