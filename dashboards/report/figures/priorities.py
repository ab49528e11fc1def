"""Figures of the partnership's priorities: progress against the year's priorities (the judgement
recorded on each, its measures against their targets, and the actions linked to it), and the
priorities agreed for the following year with their measures.

The judgement is the latest `PriorityAssessment` recorded by the day the report is produced, so a
year's report can carry the end-of-year assessment made in April. A measure's value is the last
value of its indicator in the year, read through the dataset's selectors; its RAG is the dataset's
one rule (`PriorityMeasure.rag_for`). Where a priority made little or no progress, the section
says so in a sentence, not only with a tag.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from django.db.models import Count, Prefetch

from partnership import selectors as core
from partnership.models import ActionStatus, PriorityAssessment, ProgressRating

from ... import selectors as dataset_selectors
from ...models import PriorityMeasure
from ...rag import DatasetRag
from .base import Section, Table, Year, count_of, number, uk_date

RAG_WORDS = {
    DatasetRag.GREEN: "Meets the target",
    DatasetRag.AMBER: "Close to the target",
    DatasetRag.RED: "Does not meet the target",
    DatasetRag.GREY: "Not judged",
}
NOT_ASSESSED = "Not assessed"


def _priorities(year: Year, which: int) -> list:
    """The priorities of reporting year `which`, each with `assessment`: the latest recorded by
    the report's date, or None."""
    assessments = PriorityAssessment.objects.filter(date__lte=year.today).order_by("-date", "-pk")
    priorities = list(
        core.priorities_visible_to(year.user)
        .filter(year=which)
        .prefetch_related(Prefetch("assessments", queryset=assessments, to_attr="recorded"))
        .order_by("title")
    )
    for priority in priorities:
        priority.assessment = priority.recorded[0] if priority.recorded else None
    return priorities


def _measures(year: Year, priorities: list) -> dict[int, list]:
    """Each priority's measures, each with `value` (its indicator's last value in the year, or
    None) and `rag` against the measure's target."""
    measures = list(
        PriorityMeasure.objects.filter(priority__in=[p.pk for p in priorities])
        .select_related("indicator")
        .order_by("priority", "pk")
    )
    last = {}
    indicator_ids = {m.indicator_id for m in measures if m.indicator_id}
    if indicator_ids:
        values = (
            dataset_selectors.indicator_values_visible_to(year.user)
            .filter(indicator__in=indicator_ids, period_start__lt=year.end)
            .order_by("period_start", "pk")
        )
        last = {v.indicator_id: v for v in values}
    by_priority: dict[int, list] = defaultdict(list)
    for measure in measures:
        measure.value = last.get(measure.indicator_id)
        if measure.value is not None:
            measure.value.indicator = measure.indicator
        measure.rag = measure.rag_for(measure.value.value if measure.value else None)
        by_priority[measure.priority_id].append(measure)
    return by_priority


def _measure_row(priority, measure, *, with_value: bool) -> list[str]:
    indicator = measure.indicator
    unit = indicator.unit_suffix if indicator else ""
    target = measure.effective_target
    target_text = number(target, 1, unit) if target is not None else "No target"
    if target is not None and measure.target_date:
        target_text += f" by {uk_date(measure.target_date)}"
    row = [priority.title, measure.description + (f" ({indicator.code})" if indicator else "")]
    if with_value:
        value = (
            f"{number(measure.value.value, 1, unit)} ({measure.value.period_label})"
            if measure.value
            else ("No value in the year" if indicator else "Described in words")
        )
        row += [value, target_text, RAG_WORDS[measure.rag]]
    else:
        row.append(target_text)
    return row


def priority_progress(year: Year) -> Section:
    """Each of the year's priorities by name with the partnership's rating of its progress, the
    evidence given for it, its measures against their targets and its linked actions; a plain
    sentence for each priority that made little or no progress, or was not assessed."""
    section = Section("priority_progress")
    priorities = _priorities(year, year.year)
    measures = _measures(year, priorities)
    ratings = Counter(p.assessment.rating if p.assessment else NOT_ASSESSED for p in priorities)
    section.facts = [("Priorities for the year", str(len(priorities)))] + [
        (rating.label, str(ratings[rating])) for rating in ProgressRating
    ]
    if ratings[NOT_ASSESSED]:
        section.facts.append(("Not yet assessed", str(ratings[NOT_ASSESSED])))
    met = [m for ms in measures.values() for m in ms if m.rag == DatasetRag.GREEN]
    judged = [m for ms in measures.values() for m in ms if m.rag != DatasetRag.GREY]
    section.facts.append(
        ("Measures meeting their target, of those with a value", count_of(len(met), len(judged)))
    )

    # Actions linked to each priority, on the year's last day (or today, in the current year).
    linked: dict[int, Counter] = defaultdict(Counter)
    for row in (
        core.actions_visible_to(year.user, year.as_of)
        .filter(priorities__in=[p.pk for p in priorities], start_date__lt=year.end)
        .values("priorities", "status")
        .annotate(n=Count("pk", distinct=True))
        .order_by()
    ):
        linked[row["priorities"]][row["status"]] += row["n"]

    def actions_text(priority) -> str:
        counts = linked[priority.pk]
        total = sum(counts.values()) - counts[ActionStatus.CANCELLED]
        return f"{counts[ActionStatus.COMPLETE]} of {total} complete" if total else "None linked"

    section.tables.append(
        Table(
            f"Progress against each priority, {year.label}",
            ["Priority", "Progress", "Assessed", "Evidence", "Linked actions"],
            [
                [
                    p.title,
                    p.assessment.get_rating_display() if p.assessment else NOT_ASSESSED,
                    uk_date(p.assessment.date) if p.assessment else "",
                    p.assessment.evidence if p.assessment else "",
                    actions_text(p),
                ]
                for p in priorities
            ],
        )
    )
    section.tables.append(
        Table(
            f"How we measure each priority: the last value of {year.label} against the target",
            ["Priority", "Measure", "Value", "Target", "Against the target"],
            [_measure_row(p, m, with_value=True) for p in priorities for m in measures[p.pk]],
        )
    )
    for p in priorities:
        if p.assessment is None:
            section.notes.append(f"Progress on “{p.title}” was not assessed in {year.label}.")
        elif p.assessment.rating == ProgressRating.LITTLE_PROGRESS:
            section.notes.append(
                f"We made little or no progress on “{p.title}” in {year.label}. {p.assessment.evidence}"
            )
    section.notes.insert(0, _summary(year, len(priorities), ratings))
    return section


def _summary(year: Year, total: int, ratings: Counter) -> str:
    """The section's first sentence: how the year's priorities fared, in words."""
    if not total:
        return f"No priorities were recorded for {year.label}."

    def were(n: int) -> str:
        return f"{n} {'was' if n == 1 else 'were'}"

    sentence = (
        f"Of our {total} priorities for {year.label}, {were(ratings[ProgressRating.ON_TRACK])} on track, "
        f"{ratings[ProgressRating.SOME_PROGRESS]} made some progress and "
        f"{ratings[ProgressRating.LITTLE_PROGRESS]} made little or no progress"
    )
    if ratings[NOT_ASSESSED]:
        return f"{sentence}; {were(ratings[NOT_ASSESSED])} not assessed."
    return sentence + "."


def next_priorities(year: Year) -> Section:
    """The priorities already agreed for the following year, with the measures that will show
    whether each is achieved."""
    section = Section("next_priorities")
    following = _priorities(year, year.year + 1)
    measures = _measures(year, following)
    label = Year.of(year.year + 1, year.user).label
    section.tables.append(
        Table(
            f"Priorities agreed for {label}",
            ["Priority", "What it means"],
            [[p.title, p.description or ""] for p in following],
        )
    )
    section.tables.append(
        Table(
            f"How we will measure the priorities for {label}",
            ["Priority", "Measure", "Target"],
            [_measure_row(p, m, with_value=False) for p in following for m in measures[p.pk]],
        )
    )
    return section
