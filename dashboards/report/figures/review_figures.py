"""The case reviews section's deeper part: every local and national review's recommendations
with the partnership's response and the status of their actions now, and the learning taken from
other areas' and national reviews.

A review is named by its reference only, never by its title (a child's pseudonym). A published
review's recommendations are public, so they are printed in full; a review not yet published
is given in counts. The status is the actions' on the day the report is produced ("now"), not at
the year's end: the report says what happened to every recommendation, whenever it was made.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from partnership import selectors as core
from partnership.models import ActionStatus
from reviews import selectors as reviews_selectors
from reviews.models import FamilyInvolvement, Publication, ReviewKind

from .base import Section, Table, Year, count_of, uk_date

DONE = (ActionStatus.COMPLETE, ActionStatus.CANCELLED)


def response(statuses: list[str]) -> str:
    """The partnership's response to one recommendation, from its actions."""
    if not statuses:
        return "No action agreed yet"
    if all(s == ActionStatus.CANCELLED for s in statuses):
        return "Not taken forward"
    return "Accepted"


def status_now(statuses: list[str], overdue: int) -> str:
    """Where a recommendation's actions stand: "2 of 3 actions complete, 1 open (1 overdue)"."""
    live = [s for s in statuses if s != ActionStatus.CANCELLED]
    if not live:
        return "No action under way"
    complete = sum(1 for s in live if s == ActionStatus.COMPLETE)
    if complete == len(live):
        return f"Done: {'the action' if complete == 1 else f'all {complete} actions'} complete"
    text = f"{complete} of {len(live)} {'action' if len(live) == 1 else 'actions'} complete, {len(live) - complete} open"
    return text + (f" ({overdue} overdue)" if overdue else "")


def add_recommendations(section: Section, year: Year, reviews: list) -> None:
    """Tables of every review's recommendations (published reviews' in full, the others in counts)
    with their response and status now."""
    reviews = [r for r in reviews if r.kind != ReviewKind.RAPID_REVIEW and r.opened_on < year.end]
    by_source = {r.learning_source_id: r for r in reviews}
    recommendations = list(
        core.recommendations_visible_to(year.user)
        .filter(source__in=list(by_source))
        .prefetch_related(None)
        .order_by("source__date", "pk")
    )
    statuses: dict[int, list[str]] = defaultdict(list)
    overdue: dict[int, int] = defaultdict(int)
    for action in core.actions_visible_to(year.user, year.today).filter(
        recommendation__in=[r.pk for r in recommendations]
    ):
        statuses[action.recommendation_id].append(action.status)
        if action.is_open and action.due_date < year.today:
            overdue[action.recommendation_id] += 1
    published = [rec for rec in recommendations if _published(by_source[rec.source_id], year)]
    published_ids = {rec.pk for rec in published}
    section.tables.append(
        Table(
            f"Every published review's recommendations, the response and their status on {uk_date(year.today)}",
            ["Review", "Recommendation", "Response", "Status now"],
            [
                [
                    f"{by_source[rec.source_id].reference} {rec.reference}",
                    rec.text,
                    response(statuses[rec.pk]),
                    status_now(statuses[rec.pk], overdue[rec.pk]),
                ]
                for rec in published
            ],
        )
    )
    unpublished: dict[int, list] = defaultdict(list)
    for rec in recommendations:
        if rec.pk not in published_ids:
            unpublished[rec.source_id].append(rec)
    rows = []
    for source_id, recs in unpublished.items():
        review = by_source[source_id]
        accepted = sum(1 for rec in recs if response(statuses[rec.pk]) == "Accepted")
        live = [s for rec in recs for s in statuses[rec.pk] if s != ActionStatus.CANCELLED]
        rows.append(
            [
                review.reference,
                review.get_kind_display(),
                str(len(recs)),
                str(accepted),
                f"{sum(1 for s in live if s == ActionStatus.COMPLETE)} of {len(live)}",
            ]
        )
    section.tables.append(
        Table(
            f"Reviews not published by the end of {year.label}: their recommendations in numbers, "
            f"on {uk_date(year.today)}",
            ["Review", "Kind of review", "Recommendations", "Accepted", "Actions complete"],
            rows,
        )
    )
    section.facts += [
        ("Recommendations of local and national reviews, all years", str(len(recommendations))),
        (
            "Of which accepted, with actions agreed",
            str(sum(1 for rec in recommendations if response(statuses[rec.pk]) == "Accepted")),
        ),
    ]


def _published(review, year: Year) -> bool:
    """Published by the year's end, in full or as a summary (a review the partners decided not to
    publish has its recommendations counted, not printed)."""
    return (
        review.published_on is not None
        and review.published_on < year.end
        and review.publication_decision in (Publication.FULL, Publication.SUMMARY)
    )


def add_learning_from_others(section: Section, year: Year) -> None:
    """Reviews published elsewhere (national reviews, other areas' reviews) that the partnership
    recorded learning from in the year: they are public, so named in full."""
    others = list(
        reviews_selectors.external_reviews_visible_to(year.user)
        .filter(**year.q("published_on"))
        .prefetch_related("themes")
        .order_by("published_on", "pk")
    )
    section.facts.append(("Reviews from elsewhere we learnt from", str(len(others))))
    section.tables.append(
        Table(
            f"Learning from national reviews and other areas' reviews published in {year.label}",
            ["Review", "Published by", "Published", "What we can learn", "Themes"],
            [
                [
                    r.title,
                    r.published_by,
                    uk_date(r.published_on),
                    r.summary,
                    ", ".join(t.name for t in r.themes.all()) or "None",
                ]
                for r in others
            ],
        )
    )


def families_voice(year: Year) -> tuple[list[tuple[str, str]], Table]:
    """How families took part in the local reviews under way in the year (not yet published
    before it started), in counts by involvement: facts and a table."""
    under_way = [
        r
        for r in reviews_selectors.reviews_visible_to(year.user).order_by("opened_on", "pk")
        if r.kind != ReviewKind.RAPID_REVIEW
        and r.opened_on < year.end
        and (r.published_on is None or r.published_on >= year.start)
    ]
    involvement = Counter(r.get_family_involvement_display() for r in under_way)
    took_part = sum(1 for r in under_way if r.family_involvement == FamilyInvolvement.TOOK_PART)
    facts = [("Local reviews in which the family took part", count_of(took_part, len(under_way)))]
    table = Table(
        f"Families' part in the local reviews under way in {year.label}",
        ["Family involvement", "Reviews"],
        [[label, str(n)] for label, n in sorted(involvement.items())],
    )
    return facts, table
