"""What every section of the annual report is made of, and the reporting year it describes.

A section is figures, never records about a child: `facts` (a label and a figure, printed as a
two-column table), `tables` (each with a caption and column headers) and `charts` (server-drawn
SVG with a title and text alternative, from dashboards/charts). The gathering functions in this
package fill them from the apps' selectors, read as the person producing the report.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.utils import timezone

from ... import periods
from ..models import ReportSection


@dataclass
class Table:
    caption: str
    columns: list[str]
    rows: list[list[str]] = field(default_factory=list)


@dataclass
class Section:
    key: str
    facts: list[tuple[str, str]] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    charts: list = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # plain sentences, e.g. "No inspections this year."
    narrative: str = ""
    # (heading, text) written by the partnership's contributors and approved (figures/contributions.py)
    contributions: list[tuple[str, str]] = field(default_factory=list)

    @property
    def title(self) -> str:
        return ReportSection(self.key).label

    @property
    def anchor(self) -> str:
        return f"section-{self.key.replace('_', '-')}"

    @property
    def blocks(self) -> list[tuple[object | None, Table | None]]:
        """(chart, table) pairs in print order: a chart is printed just above the table of the
        same title (its figures, so the title is printed once, as the table's caption); a chart
        with no such table comes first, with its own caption."""
        by_caption = {table.caption: table for table in self.tables}
        paired = {chart.title: chart for chart in self.charts if chart.title in by_caption}
        lone = [(chart, None) for chart in self.charts if chart.title not in by_caption]
        return lone + [(paired.get(table.caption), table) for table in self.tables]


@dataclass(frozen=True)
class Year:
    """The reporting year `year` (2025 is April 2025 to March 2026), seen on `today`."""

    year: int
    user: object
    today: datetime.date

    @classmethod
    def of(cls, year: int, user, today: datetime.date | None = None) -> Year:
        return cls(year=year, user=user, today=today or timezone.localdate())

    @property
    def start(self) -> datetime.date:
        return periods.year_start(self.year)

    @property
    def end(self) -> datetime.date:
        """The first day after the year."""
        return periods.year_start(self.year + 1)

    @property
    def last_day(self) -> datetime.date:
        return self.end - datetime.timedelta(days=1)

    @property
    def as_of(self) -> datetime.date:
        """The day the figures are taken on: the year's last day, or today for the current year."""
        return min(self.today, self.last_day)

    @property
    def label(self) -> str:
        return periods.year_label(self.year)

    def contains(self, day: datetime.date | None) -> bool:
        return day is not None and self.start <= day < self.end

    def q(self, field_name: str) -> dict:
        """Keyword filters for a date field falling within the year."""
        return {f"{field_name}__gte": self.start, f"{field_name}__lt": self.end}


# A report lists the detail of a few records (plans, audits, consultations); past this many, it
# gives counts by kind and a short selection instead, as a published annual report does: the full
# lists are in the service.
LIST_LIMIT = 20
SELECTION = 10


def uk_date(day: datetime.date | None) -> str:
    return f"{day.day} {day:%B %Y}" if day else "Not yet"


def number(value, places: int = 1, suffix: str = "") -> str:
    """A figure for a table: thousands separated, no trailing zeros, "No data" for None."""
    if value is None:
        return "No data"
    text = f"{float(value):,.{places}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text + suffix


def percent(value) -> str:
    return number(value, 1, "%")


def count_of(part: int, whole: int) -> str:
    return f"{part} of {whole}" if whole else "0"
