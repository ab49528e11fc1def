"""What changed as a result of the learning: the impact statements of the actions completed (and
accepted at sign-off) in the year, the "did it stick?" checks recorded in it, and the impact of
case reviews on practice, read through `partnership.selectors`.

Agencies write action descriptions, impact statements and intended outcomes for practitioners,
so they are printed as written, but only for sources the public report may name: the actions
and outcomes of a confidential source (a case review, whose records may carry a child's
pseudonym) are counted, never quoted.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from partnership import selectors as core
from partnership.models import ActionStatus, SourceKind
from partnership.models.outcomes import OutcomeResult

from .base import LIST_LIMIT, SELECTION, Section, Table, Year, count_of, uk_date

CONFIDENTIAL_NOTE = (
    "{n} of these came from case reviews, which are confidential: they are counted here, and their "
    "impact is reported to the partnership in confidence."
)


def agency_name(action) -> str:
    agency = action.owner_agency
    return (agency.short_name or agency.name) if agency else "The partnership"


def _recent(rows: list, what: str) -> tuple[list, str]:
    """All the rows, or past LIST_LIMIT the SELECTION most recent, with the caption's words."""
    if len(rows) <= LIST_LIMIT:
        return rows, what
    return rows[-SELECTION:], f"{what}: the {SELECTION} most recent of {len(rows)}"


def what_changed(year: Year) -> Section:
    """The impact statements of the actions completed in the year, by source of learning; the
    "did it stick?" results recorded in it; and the impact of case reviews, in counts."""
    section = Section("what_changed")
    completed = list(
        core.actions_visible_to(year.user, year.as_of)
        .filter(status=ActionStatus.COMPLETE, **year.q("closed_on"))
        .order_by("closed_on", "pk")
    )
    by_kind: dict[str, list] = defaultdict(list)
    confidential: Counter = Counter()
    for action in completed:
        source = action.plan.source
        kind = SourceKind(source.kind).label
        if source.confidential:
            confidential[kind] += 1
        else:
            by_kind[kind].append(action)
    checked = list(
        core.outcomes_visible_to(year.user)
        .exclude(result="")
        .filter(**year.q("checked_on"))
        .order_by("checked_on", "pk")
    )
    results = Counter(o.result for o in checked)
    section.facts = [
        (f"Actions completed and accepted in {year.label}", str(len(completed))),
        ("Impact statements printed in this section", str(sum(len(a) for a in by_kind.values()))),
        ('"Did it stick?" checks recorded', str(len(checked))),
    ] + [(result.label, str(results[result])) for result in OutcomeResult]

    kinds = sorted(set(by_kind) | set(confidential))
    section.tables.append(
        Table(
            f"Actions completed in {year.label}, by source of learning",
            ["Source of learning", "Actions completed", "Of which confidential (counted only)"],
            [[k, str(len(by_kind.get(k, [])) + confidential[k]), str(confidential[k])] for k in kinds],
        )
    )
    for kind in sorted(by_kind):
        shown, caption = _recent(by_kind[kind], f"What changed: {kind}, actions completed in {year.label}")
        section.tables.append(
            Table(
                caption,
                ["Source of learning", "Agency", "Action", "Impact statement", "Completed"],
                [
                    [a.plan.source.title, agency_name(a), a.description, a.impact, uk_date(a.closed_on)]
                    for a in shown
                ],
            )
        )
    if sum(confidential.values()):
        section.notes.append(CONFIDENTIAL_NOTE.format(n=sum(confidential.values())))

    public = [o for o in checked if not o.source.confidential]
    shown, caption = _recent(public, f"Did it stick? Outcomes checked in {year.label}")
    section.tables.append(
        Table(
            caption,
            ["Source of learning", "Outcome sought", "Result", "Checked"],
            [[o.source.title, o.outcome, o.get_result_display(), uk_date(o.checked_on)] for o in shown],
        )
    )
    hidden = len(checked) - len(public)
    if hidden:
        section.notes.append(
            f"{hidden} of the outcomes checked came from case reviews: their results are in the counts above."
        )
    section.tables.append(_reviews_impact(year, completed, checked))
    return section


def _reviews_impact(year: Year, completed: list, checked: list) -> Table:
    """The impact of case reviews on practice, in counts: their recommendations fully acted on,
    their actions completed in the year, and their outcomes checked and sustained."""
    recommendations = list(
        core.recommendations_visible_to(year.user)
        .filter(source__kind=SourceKind.CASE_REVIEW, source__confidential=True, source__date__lt=year.end)
        .prefetch_related(None)
        .values_list("pk", flat=True)
    )
    statuses: dict[int, list[str]] = defaultdict(list)
    for rec_id, status in (
        core.actions_visible_to(year.user, year.as_of)
        .filter(recommendation__in=recommendations)
        .values_list("recommendation_id", "status")
    ):
        statuses[rec_id].append(status)
    done = sum(
        1
        for found in statuses.values()
        if ActionStatus.COMPLETE in found
        and all(s in (ActionStatus.COMPLETE, ActionStatus.CANCELLED) for s in found)
    )
    reviews_completed = sum(
        1 for a in completed if a.plan.source.kind == SourceKind.CASE_REVIEW and a.plan.source.confidential
    )
    review_checks = [o for o in checked if o.source.kind == SourceKind.CASE_REVIEW and o.source.confidential]
    sustained = sum(1 for o in review_checks if o.result == OutcomeResult.SUSTAINED)
    return Table(
        f"The impact of case reviews on practice, as at {uk_date(year.as_of)}",
        ["Measure", "Number"],
        [
            ["Recommendations of case reviews", str(len(recommendations))],
            ["Recommendations with every action done", count_of(done, len(recommendations))],
            [f"Case review actions completed in {year.label}", str(reviews_completed)],
            [
                f"Case review outcomes checked in {year.label} and sustained",
                count_of(sustained, len(review_checks)),
            ],
        ],
    )
