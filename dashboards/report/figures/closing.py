"""The report's closing sections: the glossary of the terms it uses, and how to report a
concern about a child (the partnership's contact details are the business unit's words for the
section, written on the report's page; the emergency number is the same everywhere)."""

from __future__ import annotations

from ..glossary import TERMS
from ..models import ReportNarrative, ReportSection
from .base import Section, Table, Year

EMERGENCY = ["A child is in immediate danger", "Call 999"]


def glossary(year: Year) -> Section:
    section = Section("glossary")
    section.tables.append(
        Table(
            "The terms used in this report",
            ["Term", "What it means"],
            [[t, TERMS[t]] for t in sorted(TERMS, key=str.lower)],
        )
    )
    return section


def report_a_concern(year: Year) -> Section:
    """The partnership's contact details are the section's words (until this year's are written,
    the latest earlier year's: the numbers rarely change); the emergency is printed always."""
    section = Section("report_a_concern")
    earlier = (
        ReportNarrative.objects.filter(section=ReportSection.REPORT_A_CONCERN, year__lt=year.year)
        .exclude(text="")
        .order_by("-year")
        .values_list("text", flat=True)
        .first()
    )
    section.narrative = earlier or ""
    section.tables.append(Table("In an emergency", ["If", "What to do"], [EMERGENCY]))
    return section
