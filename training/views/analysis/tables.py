"""The analysis's tables, described once and drawn twice: as HTML tables on the overview page and
as sheets of the XLSX export, so the page and the spreadsheet always show the same figures.

A `Column` reads one value from a `Figures`; `table()` turns rows into what the template shows
(text such as "83.3%", or "No data" where there is nothing to divide by) and `sheet()` into a
worksheet of raw numbers (percentages as numbers, empty cells for no data).
"""

from collections.abc import Callable
from dataclasses import dataclass

from partnership.spreadsheets import Sheet

from ...analysis.figures import Figures
from ...analysis.summary import TrainingSummary
from ...models import Level

LEVEL_LABELS = dict(Level.choices)
NO_DATA = "No data"


@dataclass(frozen=True)
class Column:
    header: str
    value: Callable[[Figures], int | float | None]
    kind: str = "count"  # count, percent, mean or shift

    def text(self, figures: Figures) -> str:
        return display(self.value(figures), self.kind)


def display(value, kind: str) -> str:
    if value is None:
        return NO_DATA
    if kind == "percent":
        return f"{value:.1f}%"
    if kind == "mean":
        return f"{value:.2f}"
    if kind == "shift":
        return f"{value:+.2f}"
    return str(value)


ATTENDANCE = (
    Column("Sessions delivered", lambda f: f.sessions_delivered),
    Column("Places booked", lambda f: f.places_booked),
    Column("Attended", lambda f: f.attended),
    Column("No-shows", lambda f: f.no_shows),
    Column("Not yet marked", lambda f: f.not_marked),
    Column("Attendance rate", lambda f: f.attendance_rate, "percent"),
    Column("Evaluation response rate", lambda f: f.evaluation_rate, "percent"),
    Column("Mean rating (1 to 5)", lambda f: f.mean_rating, "mean"),
    Column("Confidence before", lambda f: f.confidence_before, "mean"),
    Column("Confidence after", lambda f: f.confidence_after, "mean"),
    Column("Confidence shift", lambda f: f.confidence_shift, "shift"),
)
FOLLOW_UP = (
    Column("Sampled", lambda f: f.sampled),
    Column("Participants answered", lambda f: f.participant_rate, "percent"),
    Column("Managers answered", lambda f: f.manager_rate, "percent"),
    Column("Participants reporting changed practice", lambda f: f.participant_changed_share, "percent"),
    Column("Managers seeing a change", lambda f: f.manager_changed_share, "percent"),
    Column("Participant and manager agree", lambda f: f.agreement_rate, "percent"),
    Column("Impact examples", lambda f: f.impact_examples),
)
ALL_COLUMNS = ATTENDANCE + FOLLOW_UP


def table(rows, columns, *, caption: str, first: str, level_column: bool = False) -> dict:
    """What `analysis/_figures_table.html` draws. Each body row: label, optional level, the
    cells' text, and the attendance rate (for the bar beside the label)."""
    return {
        "caption": caption,
        "first": first,
        "level_column": level_column,
        "headers": [c.header for c in columns],
        "rows": [
            {
                "label": row.label,
                "level": row.level,
                "cells": [{"text": c.text(row.figures), "kind": c.kind} for c in columns],
            }
            for row in rows
        ],
    }


REACTION_HEADLINES = (
    ("Sessions delivered", lambda f: f.sessions_delivered, "count"),
    ("Places booked", lambda f: f.places_booked, "count"),
    ("Attended", lambda f: f.attended, "count"),
    ("No-shows", lambda f: f.no_shows, "count"),
    ("Attendance rate", lambda f: f.attendance_rate, "percent"),
    ("Evaluations returned", lambda f: f.evaluations, "count"),
    ("Evaluation response rate", lambda f: f.evaluation_rate, "percent"),
    ("Mean overall rating (1 to 5)", lambda f: f.mean_rating, "mean"),
    ("Confidence before (1 to 5)", lambda f: f.confidence_before, "mean"),
    ("Confidence after (1 to 5)", lambda f: f.confidence_after, "mean"),
    ("Confidence shift", lambda f: f.confidence_shift, "shift"),
)
FOLLOW_UP_HEADLINES = (
    ("Sampled for the three-month follow-up", lambda f: f.sampled, "count"),
    ("Participants' response rate", lambda f: f.participant_rate, "percent"),
    ("Line managers' response rate", lambda f: f.manager_rate, "percent"),
    ("Participants reporting changed practice", lambda f: f.participant_changed_share, "percent"),
    ("Managers seeing a change", lambda f: f.manager_changed_share, "percent"),
    ("Participant and manager agree", lambda f: f.agreement_rate, "percent"),
    ("Impact examples", lambda f: f.impact_examples, "count"),
)
HEADLINES = REACTION_HEADLINES + FOLLOW_UP_HEADLINES


def headlines(figures: Figures) -> list[dict]:
    """The key figures in two groups (title, items of key and value), as text."""
    return [
        {
            "title": title,
            "items": [{"key": label, "value": display(value(figures), kind)} for label, value, kind in group],
        }
        for title, group in (
            ("Attendance, reaction and learning", REACTION_HEADLINES),
            ("Three months on: behaviour and results", FOLLOW_UP_HEADLINES),
        )
    ]


def bars(rows, *, caption: str) -> dict:
    """An attendance-rate bar chart (drawn as server-side SVG; the table carries the numbers)."""
    items = [
        {"label": row.label, "value": row.figures.attendance_rate, "y": 40 * n}
        for n, row in enumerate(r for r in rows if r.figures.attendance_rate is not None)
    ]
    return {"caption": caption, "items": items, "height": 40 * len(items)}


# --- the XLSX export -------------------------------------------------------------------------------


def _header(columns) -> list[str]:
    return [f"{c.header} (%)" if c.kind == "percent" else c.header for c in columns]


def sheets(summary: TrainingSummary) -> list[Sheet]:
    """One sheet per table of the overview, with raw numbers."""
    levels = [lv for lv in (1, 2, 3) if summary.level in (None, lv)]
    wide = (14,) * len(ALL_COLUMNS)
    return [
        Sheet(
            "Summary",
            ["Figure", "Value"],
            [(label, value(summary.overall)) for label, value, _kind in HEADLINES],
            widths=(45, 14),
        ),
        Sheet(
            "By course",
            ["Course", "Level", *_header(ALL_COLUMNS)],
            [(r.label, r.level, *(c.value(r.figures) for c in ALL_COLUMNS)) for r in summary.by_course],
            widths=(45, 8, *wide),
        ),
        Sheet(
            "By level",
            ["Level", *_header(ALL_COLUMNS)],
            [(r.label, *(c.value(r.figures) for c in ALL_COLUMNS)) for r in summary.by_level],
            widths=(35, *wide),
        ),
        Sheet(
            "By agency",
            ["Agency", *_header(ALL_COLUMNS)],
            [(r.label, *(c.value(r.figures) for c in ALL_COLUMNS)) for r in summary.by_agency],
            widths=(45, *wide),
        ),
        Sheet(
            "By theme",
            ["Theme", *_header(ALL_COLUMNS)],
            [(r.label, *(c.value(r.figures) for c in ALL_COLUMNS)) for r in summary.by_theme],
            widths=(35, *wide),
        ),
        Sheet(
            "Learning outcomes",
            [
                "Course",
                "Outcome",
                "Learning outcome",
                "Answers",
                "Confidence before",
                "Confidence after",
                "Confidence shift",
            ],
            [(o.course, o.number, o.text, o.answers, o.before, o.after, o.shift) for o in summary.outcomes],
            widths=(45, 9, 60, 10, 12, 12, 12),
        ),
        Sheet(
            "Impact examples",
            [
                "Submitted",
                "Course",
                "Level",
                "Agency",
                "Respondent",
                "Practice changed",
                "Example",
                "How practice changed",
                "Difference for children and families",
                "Themes",
                "Linked action",
                "Linked finding",
            ],
            [
                (
                    e.submitted_on,
                    e.course,
                    e.level,
                    e.agency,
                    e.respondent,
                    e.practice_changed,
                    e.example,
                    e.how,
                    e.difference_for_children,
                    "; ".join(e.themes),
                    e.action[1] if e.action else "",
                    e.finding[1] if e.finding else "",
                )
                for e in summary.impact_examples
            ],
            widths=(12, 40, 8, 35, 14, 14, 60, 40, 40, 30, 40, 40),
        ),
        Sheet(
            "Coverage",
            [
                "Agency",
                *[f"Level {lv} {part}" for lv in levels for part in ("in scope", "trained", "(%)")],
                "All levels in scope",
                "All levels trained",
                "All levels (%)",
            ],
            [
                _coverage_row(row, levels)
                for row in [*summary.coverage, *([summary.coverage_total] if summary.coverage_total else [])]
            ],
            widths=(45,),
        ),
    ]


def _coverage_row(row, levels) -> tuple:
    cells = [row.agency]
    for lv in levels:
        cov = row.levels[lv]
        cells += [cov.in_scope, cov.trained, cov.percent] if cov.returned else [None, None, None]
    total = row.total
    return (*cells, total.in_scope, total.trained, total.percent)


def coverage_table(summary: TrainingSummary) -> dict:
    """The coverage table's rows as text: "150 of 200 (75.0%)", or "No return"."""
    levels = [lv for lv in (1, 2, 3) if summary.level in (None, lv)]

    def cell(cov) -> str:
        if not cov.returned:
            return "No return"
        return f"{cov.trained} of {cov.in_scope} ({display(cov.percent, 'percent')})"

    def line(row) -> dict:
        return {"agency": row.agency, "cells": [cell(row.levels[lv]) for lv in levels] + [cell(row.total)]}

    return {
        "headers": [LEVEL_LABELS[lv] for lv in levels] + ["All levels"],
        "rows": [line(row) for row in summary.coverage],
        "total": line(summary.coverage_total) if summary.coverage_total else None,
    }
