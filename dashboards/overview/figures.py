"""The partnership dashboard's figures, each read through the owning app's selectors.

- Statutory clocks (`reviews.selectors`, `reviews.clocks`): the open reviews the person may
  read, each with its next running clock; how many clocks fall due within a week, and how many
  are overdue.
- Actions (`partnership.selectors.actions_visible_to`): open actions by RAG, by subgroup, by
  owning agency and by source type, as stacked bars with their tables; overdue ones counted.
- Section 11 (`audits.selectors`): the round people are working on (`current_round`), its returns by
  status and, for those who may see the round's overview, the per-standard summary of the
  heatmap, with a link to the full overview.
- Training (`training.analysis.summary.training_summary`): the current programme year's reach and
  impact, for those who oversee training.
- Performance data (`dashboards.selectors`): the indicators whose latest value is red.

Every part costs a fixed number of queries whatever the number of reviews, actions, returns,
sessions or indicators, so the page's count stays the same as the data grows.
"""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass

from django.db.models import Count
from django.utils import timezone

from audits import permissions as audits_permissions
from audits import selectors as audits_selectors
from partnership import selectors as core
from partnership.models import OPEN_STATUSES, SourceKind
from reviews import clocks as review_clocks
from reviews import selectors as reviews_selectors
from reviews.models import Stage
from training import permissions as training_permissions
from training.models import programme_year_of
from training.selectors import training_summary

from .. import charts
from .. import selectors as dataset_selectors
from ..rag import DatasetRag

WEEK = datetime.timedelta(days=7)
NO_SUBGROUP = "No subgroup"
PARTNERSHIP_OWNED = "The partnership"


# --- statutory clocks -----------------------------------------------------------------------


@dataclass
class ReviewClock:
    review: object
    clock: review_clocks.Clock
    state: str
    description: str

    @property
    def is_overdue(self) -> bool:
        return self.state == review_clocks.State.OVERDUE


def statutory_clocks(user, today: datetime.date) -> dict:
    """Open reviews with their next running clock (soonest first), and the counts of running
    clocks due within seven days and overdue (one query)."""
    reviews = reviews_selectors.reviews_visible_to(user).exclude(stage=Stage.CLOSED).order_by("pk")
    pairs = review_clocks.running_clocks(reviews, today)
    nexts: dict[int, ReviewClock] = {}
    for review, clock in pairs:  # soonest due first: the first seen is the next
        if review.pk not in nexts:
            state = clock.state(today)
            nexts[review.pk] = ReviewClock(review, clock, state, clock.describe(today))
    return {
        "reviews": list(nexts.values()),
        "running": len(pairs),
        "due_this_week": sum(1 for _r, c in pairs if today <= c.due <= today + WEEK),
        "overdue": sum(1 for _r, c in pairs if c.state(today) == review_clocks.State.OVERDUE),
    }


# --- actions by RAG -------------------------------------------------------------------------


def _rag_rows(counts: dict[str, Counter]) -> list[tuple[str, dict[str, int]]]:
    return [(label, dict(counts[label])) for label in sorted(counts, key=str.lower)]


def actions_by_rag(user, today: datetime.date) -> dict:
    """Open actions the person may see, by RAG, grouped three ways (one query), with charts."""
    grouped = (
        core.actions_visible_to(user, today)
        .filter(status__in=OPEN_STATUSES)
        .values("plan__subgroup__name", "owner_agency__name", "plan__source__kind", "rag")
        .annotate(n=Count("pk"))
        .order_by()
    )
    by_subgroup, by_agency, by_kind = defaultdict(Counter), defaultdict(Counter), defaultdict(Counter)
    totals = Counter()
    for row in grouped:
        rag, n = row["rag"], row["n"]
        by_subgroup[row["plan__subgroup__name"] or NO_SUBGROUP][rag] += n
        by_agency[row["owner_agency__name"] or PARTNERSHIP_OWNED][rag] += n
        by_kind[SourceKind(row["plan__source__kind"]).label][rag] += n
        totals[rag] += n
    overdue = core.actions_visible_to(user, today).overdue(today).count()
    groups = [
        ("subgroup", "Open actions by RAG, by subgroup", by_subgroup),
        ("agency", "Open actions by RAG, by owning agency", by_agency),
        ("source", "Open actions by RAG, by source of learning", by_kind),
    ]
    return {
        "total": sum(totals.values()),
        "red": totals["red"],
        "amber": totals["amber"],
        "green": totals["green"],
        "overdue": overdue,
        "charts": [
            {"key": key, "chart": charts.stacked_bar_chart(title=title, rows=_rag_rows(counts))}
            for key, title, counts in groups
        ],
    }


# --- Section 11 -----------------------------------------------------------------------------


def section11(user) -> dict | None:
    """The round people are working on (`audits.selectors.current_round`), said in words, with
    the other rounds to follow; its returns by status and, for those who may see its overview,
    the heatmap's per-standard summary (a fixed handful of queries)."""
    round_ = audits_selectors.current_round(user)
    if round_ is None:
        return None
    result = {
        "round": round_,
        "caption": audits_selectors.round_caption(round_),
        "other_rounds": list(audits_selectors.other_rounds(user, round_)),
        "can_view_overview": audits_permissions.can_view_overview(user, round_),
    }
    if not result["can_view_overview"]:
        return result
    grid = audits_selectors.heatmap(round_)
    statuses = Counter(row["return"].get_status_display() for row in grid["rows"])
    result["returns"] = len(grid["rows"])
    result["statuses"] = sorted(statuses.items())
    result["summary"] = grid["summary"]
    result["max_score"] = max((lv.score for lv in round_.framework.rating_levels.all()), default=None)
    result["chart"] = charts.bar_chart(
        title=f"{round_.title}: average rating per standard",
        bars=[(f"{s['standard'].number}. {s['standard'].title}", s["average"]) for s in grid["summary"]],
        value_label="Average rating",
    )
    return result


# --- training -------------------------------------------------------------------------------


def training(user, today: datetime.date) -> dict | None:
    """The current programme year's reach and impact, for those who oversee training."""
    if not training_permissions.oversees_training(user):
        return None
    year = programme_year_of(today)
    summary = training_summary(year, user=user)
    chart = charts.bar_chart(
        title=f"People who attended training in {summary.year_label}, by level",
        bars=[(row.label, row.figures.attended) for row in summary.by_level],
        value_label="Attended",
    )
    return {"summary": summary, "figures": summary.overall, "chart": chart}


# --- the performance dataset ----------------------------------------------------------------


def red_indicators(user) -> list:
    """Indicators whose latest value is red against target (a fixed handful of queries)."""
    indicators = dataset_selectors.with_latest(dataset_selectors.indicators_visible_to(user).order_by("code"))
    return [i for i in indicators if i.latest_rag == DatasetRag.RED]


def partnership_dashboard(user, today: datetime.date | None = None) -> dict:
    today = today or timezone.localdate()
    return {
        "today": today,
        "clocks": statutory_clocks(user, today),
        "actions": actions_by_rag(user, today),
        "section11": section11(user),
        "training": training(user, today),
        "red_indicators": red_indicators(user),
    }
