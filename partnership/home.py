"""Parts of the home page that each app provides, and the core's own parts.

The home page (partnership/home.html) has three places where the apps add what they know:
- `WEEK`: the business unit's "due this week across everything" (actions, review clocks,
  Section 11 returns, training sessions);
- `SUBGROUP`: under each subgroup a person chairs (plans by RAG, overdue actions, the next
  chaser, reviews and audits in the subgroup's remit);
- `AGENCY`: under each agency a person leads (its actions, its review requests).

An app offers its parts in a `home.py` module with `home_parts(user, *, today) -> list[HomePart]`;
the core finds those modules through the app registry (`collect_home_parts`) and never imports
the apps above it. Each part is a heading, a sentence, a short list of items and links, shown by
one template (partnership/_home_part.html), and costs a fixed number of queries however much data
there is, so the home page's query count stays bounded.
"""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone

from . import permissions

WEEK, SUBGROUP, AGENCY = "week", "subgroup", "agency"
DAYS_AHEAD = 7  # "this week": from today to seven days ahead
ITEMS_SHOWN = 5


@dataclass
class HomeItem:
    """One line of a part: what it is (linked), a detail ("due 3 December 2026"), and whether
    it is overdue (shown with a red tag)."""

    label: str
    url: str = ""
    detail: str = ""
    overdue: bool = False


@dataclass
class HomePart:
    section: str  # WEEK, SUBGROUP or AGENCY
    heading: str
    summary: str = ""
    items: list[HomeItem] = field(default_factory=list)
    links: list[tuple[str, str]] = field(default_factory=list)  # (text, url)
    key: int | None = None  # the subgroup's or agency's id, for SUBGROUP and AGENCY parts
    order: int = 50
    more: int = 0  # items not listed


def week_end(today: datetime.date) -> datetime.date:
    return today + datetime.timedelta(days=DAYS_AHEAD)


def uk_date(day: datetime.date) -> str:
    return f"{day.day} {day:%B %Y}"


def plural(count: int, word: str, words: str | None = None) -> str:
    return f"{count} {word if count == 1 else (words or word + 's')}"


def listed(items: list[HomeItem]) -> tuple[list[HomeItem], int]:
    return items[:ITEMS_SHOWN], max(0, len(items) - ITEMS_SHOWN)


def collect_home_parts(user, today: datetime.date | None = None) -> dict[str, list[HomePart]]:
    """Every app's home parts for `user`, by section, in order (the core's first)."""
    from .services.reminders import OUR_APPS

    today = today or timezone.localdate()
    parts: list[HomePart] = []
    for app_config in apps.get_app_configs():
        if app_config.name in OUR_APPS and find_spec(f"{app_config.name}.home") is not None:
            parts.extend(import_module(f"{app_config.name}.home").home_parts(user, today=today))
    by_section: dict[str, list[HomePart]] = defaultdict(list)
    for part in sorted(parts, key=lambda p: p.order):
        by_section[part.section].append(part)
    return dict(by_section)


# --- the core's own parts ---------------------------------------------------------------------


def home_parts(user, *, today: datetime.date) -> list[HomePart]:
    parts = []
    if permissions.is_business_unit(user):
        parts.append(_week_actions(user, today))
    r = permissions.roles_of(user)
    if r.chair_of:
        parts.extend(_chair_parts(user, today, r.chair_of))
    if r.lead_of:
        parts.extend(_agency_actions(user, today, r.lead_of))
    return parts


def _action_item(action, today) -> HomeItem:
    return HomeItem(
        label=action.description[:100],
        url=action.get_absolute_url(),
        detail=f"{action.owner_agency.display_name if action.owner_agency_id else 'The partnership'}, due {uk_date(action.due_date)}",
        overdue=action.due_date < today,
    )


def _week_actions(user, today) -> HomePart:
    """Open actions overdue, and due from today to a week ahead (two queries)."""
    from .models import OPEN_STATUSES
    from .selectors import actions_visible_to

    open_actions = actions_visible_to(user, today).filter(status__in=OPEN_STATUSES)
    counts = open_actions.aggregate(
        overdue=Count("pk", filter=Q(due_date__lt=today)),
        week=Count("pk", filter=Q(due_date__gte=today, due_date__lte=week_end(today))),
    )
    due = open_actions.filter(due_date__lte=week_end(today)).order_by("due_date", "pk")[: ITEMS_SHOWN + 1]
    items = [_action_item(a, today) for a in due]
    total = counts["overdue"] + counts["week"]
    return HomePart(
        section=WEEK, order=10, heading="Actions",
        summary=f"{plural(counts['week'], 'action')} due by {uk_date(week_end(today))}; {counts['overdue']} overdue.",
        items=items[:ITEMS_SHOWN], more=max(0, total - ITEMS_SHOWN),
        links=[("See overdue actions", reverse("partnership:action-list") + "?overdue=yes"),
               ("See every action", reverse("partnership:action-list"))],
    )  # fmt: skip


def _chair_parts(user, today, chair_of) -> list[HomePart]:
    """For each subgroup chaired: its plans by RAG, its overdue actions and its next chaser
    (four queries whatever the number of subgroups, plans and actions)."""
    from .models import OPEN_STATUSES
    from .selectors import actions_visible_to, plans_visible_to
    from .services.chasers import next_chaser_dates

    plans = list(plans_visible_to(user).filter(subgroup_id__in=chair_of).order_by("-start_date", "pk"))
    actions = actions_visible_to(user, today).filter(plan__subgroup_id__in=chair_of)
    rag = defaultdict(Counter)
    for row in actions.values("plan_id", "rag").annotate(n=Count("pk")).order_by():
        rag[row["plan_id"]][row["rag"]] += row["n"]
    overdue = defaultdict(list)
    for action in actions.filter(status__in=OPEN_STATUSES, due_date__lt=today).order_by("due_date", "pk"):
        overdue[action.plan.subgroup_id].append(_action_item(action, today))
    open_plans = [p for p in plans if any(rag[p.pk][k] for k in ("red", "amber", "green"))]
    chasers = next_chaser_dates(open_plans, today)
    parts = []
    for subgroup_id in sorted(chair_of):
        mine = [p for p in plans if p.subgroup_id == subgroup_id]
        plan_items = [
            HomeItem(label=p.title, url=p.get_absolute_url(),
                     detail=", ".join(f"{rag[p.pk][k]} {k}" for k in ("red", "amber", "green", "complete")))
            for p in mine
        ]  # fmt: skip
        shown, more = listed(plan_items)
        parts.append(HomePart(
            section=SUBGROUP, key=subgroup_id, order=10, heading="Action plans by RAG",
            summary=f"Your subgroup owns {plural(len(mine), 'action plan')}." if mine
            else "Your subgroup owns no action plan yet.",
            items=shown, more=more, links=[("See the plans", reverse("partnership:plan-list"))],
        ))  # fmt: skip
        late, more = listed(overdue[subgroup_id])
        parts.append(HomePart(
            section=SUBGROUP, key=subgroup_id, order=11, heading="Overdue actions",
            summary=f"{plural(len(overdue[subgroup_id]), 'action')} overdue on your subgroup's plans.",
            items=late, more=more,
        ))  # fmt: skip
        dates = sorted((chasers[p.pk], p.title) for p in open_plans if p.subgroup_id == subgroup_id)
        parts.append(HomePart(
            section=SUBGROUP, key=subgroup_id, order=12, heading="Next chaser",
            summary=(f"Your next six-monthly chaser is due on {uk_date(dates[0][0])}, for {dates[0][1]}."
                     if dates else "No chaser is due: none of your subgroup's plans has an open action."),
        ))  # fmt: skip
    return parts


def _agency_actions(user, today, lead_of) -> list[HomePart]:
    """Each led agency's open actions by RAG and the overdue ones (two queries)."""
    from .models import OPEN_STATUSES
    from .selectors import actions_visible_to

    owned = actions_visible_to(user, today).filter(owner_agency_id__in=lead_of, status__in=OPEN_STATUSES)
    rag = defaultdict(Counter)
    for row in owned.values("owner_agency_id", "rag").annotate(n=Count("pk")).order_by():
        rag[row["owner_agency_id"]][row["rag"]] += row["n"]
    overdue = defaultdict(list)
    for action in owned.filter(due_date__lt=today).order_by("due_date", "pk"):
        overdue[action.owner_agency_id].append(_action_item(action, today))
    parts = []
    for agency_id in sorted(lead_of):
        counts = rag[agency_id]
        total = sum(counts.values())
        items, more = listed(overdue[agency_id])
        parts.append(HomePart(
            section=AGENCY, key=agency_id, order=10, heading="Your agency's actions",
            summary=(f"{plural(total, 'open action')}: {counts['red']} red, {counts['amber']} amber, "
                     f"{counts['green']} green; {len(overdue[agency_id])} overdue." if total
                     else "Your agency owns no open action."),
            items=items, more=more,
            links=[("See your agency's actions", reverse("partnership:action-list") + f"?agency={agency_id}")],
        ))  # fmt: skip
    return parts
