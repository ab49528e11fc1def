"""Figures of training (training.analysis) and the performance dataset (dashboards), by year."""

from __future__ import annotations

from collections import Counter

from training.selectors import training_summary

from ... import charts
from ... import selectors as dataset_selectors
from ...models import IndicatorValue
from ...rag import DatasetRag
from .base import Section, Table, Year, number, percent

RAG_ORDER = (DatasetRag.RED, DatasetRag.AMBER, DatasetRag.GREEN, DatasetRag.GREY)


def training(year: Year) -> Section:
    """The programme year's reach (by level and by agency), evaluation on the day (Kirkpatrick
    reaction and learning), impact three months on (behaviour and results), and single-agency
    training coverage by agency and level (the agencies' coverage returns)."""
    section = Section("training")
    summary = training_summary(year.year, user=year.user)
    f = summary.overall
    section.facts = [
        ("Sessions delivered", str(f.sessions_delivered)),
        ("People who attended", str(f.attended)),
        ("Attendance (of places marked)", percent(f.attendance_rate)),
        ("Evaluations returned (of those who attended)", percent(f.evaluation_rate)),
        ("Mean rating of the training (1 to 5)", number(f.mean_rating)),
        (
            "Confidence before and after (1 to 5)",
            f"{number(f.confidence_before)} to {number(f.confidence_after)}",
        ),
        ("Participants who changed their practice three months on", percent(f.participant_changed_share)),
        ("Line managers who saw a change in practice", percent(f.manager_changed_share)),
        ("Examples of impact recorded", str(f.impact_examples)),
    ]
    columns = ["", "Sessions", "Attended", "Evaluations", "Mean rating", "Changed practice"]

    def row(r):
        g = r.figures
        return [
            r.label,
            str(g.sessions_delivered),
            str(g.attended),
            str(g.evaluations),
            number(g.mean_rating),
            percent(g.participant_changed_share),
        ]

    section.tables.append(
        Table(
            f"Training reach and impact by level, {summary.year_label}",
            ["Level", *columns[1:]],
            [row(r) for r in summary.by_level],
        )
    )
    section.tables.append(
        Table(
            f"Training reach and impact by agency, {summary.year_label}",
            ["Agency", *columns[1:]],
            [row(r) for r in summary.by_agency],
        )
    )
    section.tables.append(coverage_table(summary))
    if summary.by_level:
        section.charts.append(
            charts.bar_chart(
                title=f"People who attended training in {summary.year_label}, by level",
                bars=[(r.label, r.figures.attended) for r in summary.by_level],
                value_label="Attended",
            )
        )
    return section


def coverage_table(summary) -> Table:
    """Single-agency training coverage: each agency's staff trained of those in scope, by level,
    from the agencies' coverage returns for the year, with the partnership's total."""
    rows = summary.coverage + ([summary.coverage_total] if summary.coverage_total else [])
    levels = sorted({level for row in rows for level in row.levels})

    def cell(coverage) -> str:
        if not coverage.returned and not coverage.in_scope:
            return "No return"
        return f"{coverage.trained} of {coverage.in_scope} ({percent(coverage.percent)})"

    return Table(
        f"Single-agency training coverage by agency and level, {summary.year_label}: staff trained of those "
        "who need it",
        ["Agency", *(f"Level {level}" for level in levels), "All levels"],
        [[row.agency, *(cell(row.levels[level]) for level in levels), cell(row.total)] for row in rows],
    )


def performance(year: Year) -> Section:
    """Each indicator's last value in the year against its target (RAG via dashboards/rag.py),
    with the England and statistical-neighbour comparators."""
    section = Section("performance")
    indicators = list(dataset_selectors.indicators_visible_to(year.user).order_by("code"))
    last: dict[int, IndicatorValue] = {}
    for value in IndicatorValue.objects.filter(
        indicator__in=[i.pk for i in indicators], **year.q("period_start")
    ).order_by("period_start"):
        last[value.indicator_id] = value
    rags = Counter()
    rows = []
    for indicator in indicators:
        value = last.get(indicator.pk)
        if value is None:
            continue
        value.indicator = indicator
        rag = indicator.rag_for(value.value)
        rags[rag] += 1
        unit = indicator.unit_suffix
        rows.append(
            [
                f"{indicator.code} {indicator.title}",
                value.period_label,
                number(value.value, 1, unit),
                number(indicator.target, 1, unit) if indicator.target is not None else "No target",
                DatasetRag(rag).label,
                number(value.national, 1, unit) if value.national is not None else "",
                number(value.statistical_neighbours, 1, unit)
                if value.statistical_neighbours is not None
                else "",
            ]
        )
    section.facts = [("Indicators reported this year", str(len(rows)))] + [
        (f"{DatasetRag(r).label} against target", str(rags[r])) for r in RAG_ORDER if rags[r]
    ]
    section.tables.append(
        Table(
            f"The multi-agency performance dataset: the last value of {year.label}",
            ["Indicator", "Period", "Value", "Target", "RAG", "England", "Statistical neighbours"],
            rows,
        )
    )
    if rows:
        section.charts.append(
            charts.bar_chart(
                title=f"Indicators by RAG against target, {year.label}",
                bars=[(DatasetRag(r).label, rags[r]) for r in RAG_ORDER],
                value_label="Indicators",
            )
        )
    return section
