"""Recurring themes: learning themes by source type and partnership year, counting findings.

A finding is counted once in each theme it is tagged with, under its source's kind (a case
review, an audit, a Section 11 round, …) and the partnership year its source is dated in (April
to March by default: `settings.REPORTING_YEAR_START_MONTH`). Only findings the person may open
are counted (`findings_for_themes`), so a confidential case review's findings count only for
those who may read the review, and another agency's single-agency audit for nobody outside it.

A theme is *recurring* when the findings shown come from at least `RECURRING_SOURCES` distinct
sources across at least `RECURRING_YEARS` distinct years: the same lesson being "learnt" again
and again. The flag is worked out on what is shown, so narrowing the years or the source type
asks the question of that narrower picture.

A finding marked `recurring` was opened because an intended outcome's "did it stick?" check
found the change not sustained (partnership/models/outcomes.py): the lesson came back after the
partnership had acted on it. Each row counts them (`not_sustained`), so the matrix shows them
as such whatever the recurring flag says.

`theme_matrix` costs two queries and `theme_detail` a fixed handful, whatever the data's size.
"""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q

from partnership import selectors as core
from partnership.models import CLOSED_STATUSES, OPEN_STATUSES, LearningSource, SourceKind, SourceOfLearning

from .. import periods

RECURRING_SOURCES = 3
RECURRING_YEARS = 2
RAG_KEYS = ("red", "amber", "green")


@dataclass(frozen=True)
class ThemeFilters:
    """What the matrix is narrowed to: partnership years (inclusive) and one source kind."""

    year_from: int | None = None
    year_to: int | None = None
    kind: str = ""

    def q(self, prefix: str = "source__") -> Q:
        q = Q()
        if self.year_from is not None:
            q &= Q(**{f"{prefix}date__gte": periods.year_start(self.year_from)})
        if self.year_to is not None:
            q &= Q(**{f"{prefix}date__lt": periods.year_start(self.year_to + 1)})
        if self.kind:
            q &= Q(**{f"{prefix}kind": self.kind})
        return q


def is_recurring(source_count: int, year_count: int) -> bool:
    return source_count >= RECURRING_SOURCES and year_count >= RECURRING_YEARS


@dataclass
class ThemeRow:
    """One theme's line of the matrix: findings per (year, kind), and how widely it recurs."""

    theme: object
    cells: Counter = field(default_factory=Counter)  # (year, kind) -> findings
    source_ids: set = field(default_factory=set)
    years: set = field(default_factory=set)
    cell_counts: list = field(default_factory=list)  # per column of the matrix, in its order
    not_sustained: int = 0  # findings opened because an intended outcome was not sustained

    @property
    def findings(self) -> int:
        return sum(self.cells.values())

    @property
    def sources(self) -> int:
        return len(self.source_ids)

    @property
    def year_count(self) -> int:
        return len(self.years)

    @property
    def recurring(self) -> bool:
        return is_recurring(self.sources, self.year_count)

    def counts(self, columns) -> list[int]:
        return [self.cells.get(column, 0) for column in columns]


@dataclass
class ThemeMatrix:
    """Themes (rows) by year and source kind (columns); `columns` is [(year, kind)], years in
    order and, within a year, the kinds present in the data (or the one filtered to)."""

    filters: ThemeFilters
    years: list[int]
    kinds: list[tuple[str, str]]  # (value, label) of the source kinds shown
    rows: list[ThemeRow]

    @property
    def columns(self) -> list[tuple[int, str]]:
        return [(year, kind) for year in self.years for kind, _label in self.kinds]

    @property
    def year_headers(self) -> list[tuple[int, str]]:
        return [(year, periods.year_label(year)) for year in self.years]

    @property
    def column_totals(self) -> list[int]:
        return [sum(row.cells.get(column, 0) for row in self.rows) for column in self.columns]

    @property
    def recurring(self) -> list[ThemeRow]:
        return [row for row in self.rows if row.recurring]

    def column_label(self, column) -> str:
        year, kind = column
        return f"{periods.year_label(year)} {SourceKind(kind).label}"


def findings_for_themes(user):
    """The findings a person's theme pages count and list: those of sources they may see
    (`partnership.selectors.findings_visible_to`). That leaves out confidential case reviews
    they may not read and other agencies' single-agency audits (the audits app's restriction,
    `audits.apps`), so every link on a theme's page opens for the person reading it."""
    return core.findings_visible_to(user)


def theme_matrix(user, filters: ThemeFilters | None = None) -> ThemeMatrix:
    """The matrix of the findings `user` may see, narrowed by `filters` (two queries)."""
    filters = filters or ThemeFilters()
    grouped = (
        findings_for_themes(user)
        .prefetch_related(None)
        .filter(filters.q())
        .values("themes", "source_id", "source__kind", "source__date", "recurring")
        .annotate(n=Count("pk", distinct=True))
        .order_by()
    )
    by_theme: dict[int, ThemeRow] = {}
    kinds_seen, years_seen = set(), set()
    for row in grouped:
        if row["themes"] is None:  # a finding with no theme has nothing to count under
            continue
        year = periods.reporting_year(row["source__date"])
        theme_row = by_theme.setdefault(row["themes"], ThemeRow(theme=None))
        theme_row.cells[(year, row["source__kind"])] += row["n"]
        if row["recurring"]:
            theme_row.not_sustained += row["n"]
        theme_row.source_ids.add(row["source_id"])
        theme_row.years.add(year)
        kinds_seen.add(row["source__kind"])
        years_seen.add(year)
    themes = {t.pk: t for t in core.themes_visible_to(user).filter(pk__in=list(by_theme))}
    rows = []
    for theme_id, theme_row in by_theme.items():
        if theme_id in themes:
            theme_row.theme = themes[theme_id]
            rows.append(theme_row)
    rows.sort(key=lambda r: (not r.recurring, -r.sources, -r.findings, r.theme.name.lower()))
    low = filters.year_from if filters.year_from is not None else min(years_seen, default=None)
    high = filters.year_to if filters.year_to is not None else max(years_seen, default=None)
    years = list(range(low, high + 1)) if low is not None and high is not None else []
    kinds = [(k.value, k.label) for k in SourceKind if k.value in kinds_seen or k.value == filters.kind]
    matrix = ThemeMatrix(filters=filters, years=years, kinds=kinds, rows=rows)
    for row in rows:
        row.cell_counts = row.counts(matrix.columns)
    return matrix


def matrix_csv_rows(matrix: ThemeMatrix):
    """(header, rows) of the matrix for a CSV export: one line per theme, then the totals."""
    columns = matrix.columns
    header = [
        "Theme",
        *[matrix.column_label(c) for c in columns],
        "Findings",
        "Sources",
        "Years",
        "Recurring",
        "Not sustained",
    ]
    rows = [
        [
            r.theme.name,
            *r.counts(columns),
            r.findings,
            r.sources,
            r.year_count,
            "Yes" if r.recurring else "No",
            r.not_sustained,
        ]
        for r in matrix.rows
    ]
    rows.append(
        [
            "All themes",
            *matrix.column_totals,
            sum(r.findings for r in matrix.rows),
            "",
            "",
            "",
            sum(r.not_sustained for r in matrix.rows),
        ]
    )
    return header, rows


# --- one theme: its findings, their recommendations and the progress of their actions ------


def _concrete_relations() -> list[str]:
    """The reverse one-to-one accessors from a LearningSource to each source app's record, so
    `source.get_absolute_url()` finds the concrete record without a query per source."""
    return [
        f"source__{rel.get_accessor_name()}"
        for rel in LearningSource._meta.related_objects
        if rel.one_to_one and issubclass(rel.related_model, SourceOfLearning)
    ]


@dataclass
class RecommendationProgress:
    recommendation: object
    actions: list
    rag: dict[str, int]
    overdue: int
    closed: int


@dataclass
class FindingEntry:
    finding: object
    year: int
    recommendations: list[RecommendationProgress]

    @property
    def year_label(self) -> str:
        return periods.year_label(self.year)


@dataclass
class ThemeDetail:
    theme: object
    filters: ThemeFilters
    entries: list[FindingEntry]
    rag: dict[str, int]
    overdue: int
    closed: int
    actions: int

    @property
    def sources(self) -> int:
        return len({e.finding.source_id for e in self.entries})

    @property
    def years(self) -> list[int]:
        return sorted({e.year for e in self.entries})

    @property
    def recurring(self) -> bool:
        return is_recurring(self.sources, len(self.years))

    def findings_by_year(self) -> list[tuple[str, int]]:
        counts = Counter(e.year for e in self.entries)
        return [(periods.year_label(y), counts[y]) for y in self.years]

    def actions_by_source(self) -> list[tuple[str, dict[str, int]]]:
        """Open actions by RAG for each source (in the page's order), for the stacked chart."""
        by_source: dict[int, tuple[str, Counter]] = {}
        seen_actions = set()
        for entry in self.entries:
            _label, counts = by_source.setdefault(
                entry.finding.source_id, (str(entry.finding.source), Counter())
            )
            for progress in entry.recommendations:
                for action in progress.actions:
                    if action.pk not in seen_actions and action.rag in RAG_KEYS:
                        seen_actions.add(action.pk)
                        counts[action.rag] += 1
        return [(label, dict(counts)) for label, counts in by_source.values()]


def theme_detail(user, theme, filters: ThemeFilters | None = None, today: datetime.date | None = None):
    """The findings tagged `theme` that `user` may see, oldest source first, each with the
    recommendations answering it and the progress of their actions (RAG counts of the open
    ones, how many are overdue, how many closed). Totals count each action once, though a
    recommendation may answer several findings."""
    from django.utils import timezone

    filters = filters or ThemeFilters()
    today = today or timezone.localdate()
    actions = core.actions_visible_to(user, today).order_by("due_date", "pk")
    recommendations = (
        core.recommendations_visible_to(user)
        .prefetch_related(None)
        .select_related("source", *_concrete_relations())
        .order_by("source_id", "pk")
        .prefetch_related(Prefetch("actions", queryset=actions))
    )
    findings = (
        findings_for_themes(user)
        .prefetch_related(None)
        .filter(filters.q(), themes=theme)
        .select_related("source", *_concrete_relations())
        .prefetch_related(Prefetch("recommendations", queryset=recommendations))
        .order_by("source__date", "source_id", "pk")
    )
    entries, totals, overdue_ids, closed_ids, all_ids = [], Counter(), set(), set(), set()
    for finding in findings:
        progress = []
        for recommendation in finding.recommendations.all():
            acts = list(recommendation.actions.all())
            rag = Counter(a.rag for a in acts if a.rag in RAG_KEYS)
            late = [a for a in acts if a.status in OPEN_STATUSES and a.due_date < today]
            done = [a for a in acts if a.status in CLOSED_STATUSES]  # not awaiting sign-off
            progress.append(RecommendationProgress(recommendation, acts, dict(rag), len(late), len(done)))
            for action in acts:
                if action.pk not in all_ids:
                    all_ids.add(action.pk)
                    if action.rag in RAG_KEYS:
                        totals[action.rag] += 1
            overdue_ids.update(a.pk for a in late)
            closed_ids.update(a.pk for a in done)
        entries.append(FindingEntry(finding, periods.reporting_year(finding.source.date), progress))
    return ThemeDetail(
        theme=theme,
        filters=filters,
        entries=entries,
        rag={key: totals.get(key, 0) for key in RAG_KEYS},
        overdue=len(overdue_ids),
        closed=len(closed_ids),
        actions=len(all_ids),
    )


def group_by_source(entries: list[FindingEntry]) -> list[tuple[object, list[FindingEntry]]]:
    """[(source, its entries)] in the entries' order, for the page's headings."""
    groups: dict[int, tuple[object, list]] = defaultdict(lambda: (None, []))
    for entry in entries:
        source, items = groups.get(entry.finding.source_id, (entry.finding.source, []))
        items.append(entry)
        groups[entry.finding.source_id] = (source, items)
    return list(groups.values())
