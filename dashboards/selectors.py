"""Reads of the performance dataset, scoped to the person asking.

Everything here is empty for someone who may not read the dataset (`permissions`), so a page
that looks an object up through a selector cannot show it to them. `dataset_grid` builds the
quarterly dataset page in a fixed number of queries however many indicators and values exist.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Max, Prefetch, QuerySet
from django.utils import timezone

from partnership import selectors as core

from . import periods
from .models import DeepDive, Indicator, IndicatorValue, PriorityMeasure
from .permissions import can_view_dataset
from .rag import DatasetRag


def indicators_visible_to(user) -> QuerySet:
    if not can_view_dataset(user):
        return Indicator.objects.none()
    return Indicator.objects.select_related("source_agency").prefetch_related("themes")


def indicator_values_visible_to(user) -> QuerySet:
    return IndicatorValue.objects.select_related("indicator").filter(
        indicator__in=indicators_visible_to(user).values("pk")
    )


def deep_dives_visible_to(user) -> QuerySet:
    """Deep dives whose source of learning the person may see (all of them: they are not
    confidential), for people who may read the dataset."""
    if not can_view_dataset(user):
        return DeepDive.objects.none()
    return DeepDive.objects.select_related("learning_source", "subgroup").filter(
        learning_source__in=core.sources_visible_to(user)
    )


def with_latest(indicators: QuerySet) -> list[Indicator]:
    """The indicators, each with `latest` (its most recent value, or None) and `latest_rag`,
    in two queries whatever their number."""
    indicators = list(indicators)
    latest_starts = dict(
        IndicatorValue.objects.filter(indicator__in=[i.pk for i in indicators])
        .values("indicator")
        .annotate(last=Max("period_start"))
        .values_list("indicator", "last")
    )
    values = {}
    if latest_starts:
        candidates = IndicatorValue.objects.filter(
            indicator__in=list(latest_starts), period_start__in=set(latest_starts.values())
        )
        values = {v.indicator_id: v for v in candidates if latest_starts[v.indicator_id] == v.period_start}
    for indicator in indicators:
        indicator.latest = values.get(indicator.pk)
        if indicator.latest is not None:
            indicator.latest.indicator = indicator
        indicator.latest_rag = indicator.rag_for(indicator.latest.value if indicator.latest else None)
    return indicators


@dataclass
class GridRow:
    """One indicator's row of the dataset page: a cell per quarter (a value or None)."""

    indicator: Indicator
    cells: list = field(default_factory=list)

    @property
    def latest(self):
        return next((c for c in reversed(self.cells) if c is not None), None)

    @property
    def latest_rag(self) -> DatasetRag:
        latest = self.latest
        return self.indicator.rag_for(latest.value if latest else None)


@dataclass
class DatasetGrid:
    quarters: list[datetime.date]
    labels: list[str]
    rows: list[GridRow]

    def rag_counts(self) -> dict[str, int]:
        counts = defaultdict(int)
        for row in self.rows:
            counts[row.latest_rag.value] += 1
        return dict(counts)


def dataset_grid(
    indicators: QuerySet, *, quarters: int = 6, today: datetime.date | None = None
) -> DatasetGrid:
    """Indicators by the last `quarters` quarters, ending with the latest complete quarter, or
    earlier when no value has reached it yet (figures come in weeks after a quarter ends). A
    cell is the value for the period that holds the quarter's last day: the quarter itself,
    its last month, or its year."""
    today = today or timezone.localdate()
    indicators = list(indicators)
    ids = [i.pk for i in indicators]
    last_complete = periods.period_start(
        periods.period_start(today, periods.QUARTERLY) - datetime.timedelta(days=1), periods.QUARTERLY
    )
    last_value = IndicatorValue.objects.filter(indicator__in=ids, period_start__lte=today).aggregate(
        last=Max("period_start")
    )["last"]
    last = (
        min(periods.period_start(last_value, periods.QUARTERLY), last_complete)
        if last_value
        else last_complete
    )
    starts = periods.quarters_ending(last, quarters)
    window_start = starts[0] - datetime.timedelta(days=366)  # an annual value may start a year before
    window_end = periods.period_end(starts[-1], periods.QUARTERLY)
    by_key = {
        (v.indicator_id, v.period_start): v
        for v in IndicatorValue.objects.filter(
            indicator__in=ids, period_start__gte=window_start, period_start__lte=window_end
        )
    }
    rows = []
    for indicator in indicators:
        cells = []
        for start in starts:
            end = periods.period_end(start, periods.QUARTERLY)
            value = by_key.get((indicator.pk, periods.period_start(end, indicator.frequency)))
            if value is not None:
                value.indicator = indicator
            cells.append(value)
        rows.append(GridRow(indicator, cells))
    labels = [periods.period_label(s, periods.QUARTERLY) for s in starts]
    return DatasetGrid(quarters=starts, labels=labels, rows=rows)


def deep_dive_list(user) -> QuerySet:
    return deep_dives_visible_to(user).prefetch_related(
        Prefetch("indicators", queryset=Indicator.objects.order_by("code"))
    )


def priority_measures_of(priority) -> list:
    """The priority's measures, each with `latest` (its indicator's latest value, or None) and
    `rag` (that value against the measure's target, by the dataset's RAG rule)."""
    measures = list(
        PriorityMeasure.objects.filter(priority=priority).select_related("indicator").order_by("pk")
    )
    indicators = {i.pk: i for i in with_latest([m.indicator for m in measures if m.indicator_id])}
    for measure in measures:
        indicator = indicators.get(measure.indicator_id)
        measure.latest = indicator.latest if indicator else None
        measure.rag = measure.rag_for(measure.latest.value if measure.latest else None)
    return measures
