"""Parts of the home page that each app provides, and the core's own parts.

The home page (partnership/home.html) has three places where the apps add what they know:
- `WEEK`: the business unit's "due this week across everything" (actions, review clocks,
  Section 11 returns, training sessions);
- `SUBGROUP`: under each subgroup a person chairs (plans by RAG, overdue actions, the next
  chaser, reviews and audits in the subgroup's remit);
- `AGENCY`: under each agency a person leads (its actions, its review requests).

An app offers its parts in a `home.py` module with `home_parts(user, *, today) -> list[HomePart]`,
registered as `extensions.HOME_PARTS`; the core collects what is registered (`collect_home_parts`)
and never imports the apps above it. An app may also have the page include a template of its
own at one place (`extensions.HOME_BLOCKS`, collected by `collect_home_blocks`). Each part is a heading, a sentence, a short list of items and links, shown by
one template (partnership/_home_part.html), and costs a fixed number of queries however much data
there is, so the home page's query count stays bounded.
"""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Exists, F, OuterRef, Q, Window
from django.db.models.functions import RowNumber
from django.urls import reverse
from django.utils import timezone

from . import extensions, permissions

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


def first_rows(qs, count: int = ITEMS_SHOWN):
    """The first `count` rows of the ordered queryset `qs`, picked by a lean query of ids (no
    joins for select_related, no annotations such as RAG) inside the one that loads them, so the
    database sorts thousands of narrow rows rather than wide ones."""
    return qs.filter(pk__in=qs.values("pk")[:count])


def first_in_each(qs, group: str, order: list, fields: list[str]) -> dict:
    """`group` value -> (the first ITEMS_SHOWN rows of `qs` in that group by `order`, as dicts of
    `fields`, and the group's total), in one query however many rows there are."""
    rows = (
        qs.annotate(
            home_row=Window(RowNumber(), partition_by=F(group), order_by=order),
            home_total=Window(Count("pk"), partition_by=F(group)),
        )
        .filter(home_row__lte=ITEMS_SHOWN)
        .values(*fields, "home_row", "home_total", home_group=F(group))
    )
    found: dict = defaultdict(lambda: ([], 0))
    for row in sorted(rows, key=lambda r: r["home_row"]):
        found[row["home_group"]] = (found[row["home_group"]][0] + [row], row["home_total"])
    return found


def collect_home_parts(user, today: datetime.date | None = None) -> dict[str, list[HomePart]]:
    """Every app's home parts for `user` (`extensions.HOME_PARTS`), by section, in order (the
    core's first)."""
    today = today or timezone.localdate()
    parts: list[HomePart] = []
    for home_parts_of in extensions.registered(extensions.HOME_PARTS):
        parts.extend(home_parts_of(user, today=today))
    by_section: dict[str, list[HomePart]] = defaultdict(list)
    for part in sorted(parts, key=lambda p: p.order):
        by_section[part.section].append(part)
    return dict(by_section)


def collect_home_blocks(user, today: datetime.date, context: dict) -> dict[str, list[str]]:
    """The apps' templates for `user`'s home page (`extensions.HOME_BLOCKS`), by place; each
    block's variables are added to `context`."""
    return extensions.collect_blocks(extensions.HOME_BLOCKS, user, today, context)


# --- the core's own parts ---------------------------------------------------------------------


def home_parts(user, *, today: datetime.date) -> list[HomePart]:
    parts = []
    if permissions.is_business_unit(user):
        parts.append(_week_actions(user, today))
        if awaiting := _awaiting_signoff(user, today):
            parts.append(awaiting)
    r = permissions.roles_of(user)
    if r.chair_of:
        parts.extend(_chair_parts(user, today, r.chair_of))
    if r.lead_of:
        parts.extend(_agency_actions(user, today, r.lead_of))
        parts.extend(_agency_cascades(user, today, r.lead_of))
    return parts


def _action_item(action, today) -> HomeItem:
    return HomeItem(
        label=action.description[:100],
        url=action.get_absolute_url(),
        detail=f"{action.owner_agency.display_name if action.owner_agency_id else 'The partnership'}, due {uk_date(action.due_date)}",
        overdue=action.due_date < today,
    )


ACTION_ROW = ["pk", "description", "due_date", "owner_agency__name", "owner_agency__short_name"]


def _action_row_item(row: dict, today) -> HomeItem:
    """`_action_item` from a row of values (pk, description, due_date, owner_agency__name and
    __short_name), for lists fetched without model instances."""
    agency = row["owner_agency__short_name"] or row["owner_agency__name"] or "The partnership"
    return HomeItem(
        label=row["description"][:100],
        url=reverse("partnership:action-detail", args=[row["pk"]]),
        detail=f"{agency}, due {uk_date(row['due_date'])}",
        overdue=row["due_date"] < today,
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
    due = first_rows(open_actions.filter(due_date__lte=week_end(today)).order_by("due_date", "pk"))
    items = [_action_item(a, today) for a in due]
    total = counts["overdue"] + counts["week"]
    return HomePart(
        section=WEEK, order=10, heading="Actions",
        summary=f"{plural(counts['week'], 'action')} due by {uk_date(week_end(today))}; {counts['overdue']} overdue.",
        items=items[:ITEMS_SHOWN], more=max(0, total - ITEMS_SHOWN),
        links=[("See overdue actions", reverse("partnership:action-list") + "?overdue=yes"),
               ("See every action", reverse("partnership:action-list"))],
    )  # fmt: skip


SIGNOFF_LIST = "?signoff=mine&sort=due"


def _awaiting_signoff(user, today) -> HomePart | None:
    """For the business unit: every action awaiting sign-off (they may sign off any; one query).
    None while nothing awaits sign-off."""
    from .models import ActionStatus
    from .selectors import actions_visible_to

    count = (
        actions_visible_to(user, today)
        .filter(status=ActionStatus.AWAITING_SIGNOFF)
        .exclude(permissions.own_actions_q(user))  # another signs off their own
        .count()
    )
    if not count:
        return None
    return HomePart(
        section=WEEK, order=15, heading="Awaiting sign-off",
        summary=f"{plural(count, 'action awaits', 'actions await')} sign-off.",
        links=[("See the actions awaiting sign-off", reverse("partnership:action-list") + SIGNOFF_LIST)],
    )  # fmt: skip


def _chair_parts(user, today, chair_of) -> list[HomePart]:
    """For each subgroup chaired: its plans by RAG, its overdue actions and its next chaser
    (four queries whatever the number of subgroups, plans and actions: the plans as narrow rows
    with their chaser state, the RAG counts of the plans shown, the actions awaiting sign-off in
    each subgroup, the first overdue actions of each subgroup with their count; no action is
    loaded that is not shown)."""
    from .models import AWAITING_STATUSES, CLOSED_STATUSES, OPEN_STATUSES
    from .selectors import actions_visible_to, plans_visible_to
    from .services.chasers import last_chaser_sent, next_chaser_after

    plans = plans_visible_to(user).filter(subgroup_id__in=chair_of)
    actions = actions_visible_to(user, today).filter(plan__subgroup_id__in=chair_of)
    # Every plan as a narrow row (no model instances): its place in the list, whether it has an
    # open action the chair can see (red, amber or green: then it is chased) and its chasers.
    rows = (
        plans.order_by()
        .annotate(
            chased=Exists(actions.filter(plan=OuterRef("pk"), status__in=OPEN_STATUSES)),
            last_chaser=last_chaser_sent(),
        )
        .values_list("subgroup_id", "pk", "title", "start_date", "chased", "last_chaser")
    )
    by_subgroup = defaultdict(list)
    for row in rows:
        by_subgroup[row[0]].append(row)
    first_plans, chasers = {}, {}
    for subgroup_id, mine in by_subgroup.items():
        mine.sort(key=lambda r: (-r[3].toordinal(), r[1]))  # newest first, as the plans list
        first_plans[subgroup_id] = mine[:ITEMS_SHOWN]
        chased = [
            (next_chaser_after(start, last, today), title) for _g, _pk, title, start, on, last in mine if on
        ]
        if chased:
            chasers[subgroup_id] = min(chased)
    shown_ids = [row[1] for mine in first_plans.values() for row in mine]
    rag = defaultdict(Counter)
    for row in (
        actions.filter(plan_id__in=shown_ids).values("plan_id", "rag").annotate(n=Count("pk")).order_by()
    ):
        rag[row["plan_id"]][row["rag"]] += row["n"]
    awaiting = Counter(
        dict(
            actions.filter(status__in=AWAITING_STATUSES)
            .exclude(permissions.own_actions_q(user))  # another signs off their own
            .values("plan__subgroup_id")
            .annotate(n=Count("pk"))
            .order_by()
            .values_list("plan__subgroup_id", "n")
        )
    )
    # "Not closed nor awaiting sign-off" (the open statuses) so that the database reads each
    # plan's actions through the (plan, status, due date) index rather than pairing indexes (see
    # Action.Meta.indexes). An action awaiting sign-off is with the chair, not overdue.
    overdue = first_in_each(
        actions.exclude(status__in=CLOSED_STATUSES + AWAITING_STATUSES).filter(due_date__lt=today),
        "plan__subgroup_id",
        [F("due_date").asc(), F("pk").asc()],
        ACTION_ROW,
    )
    parts = []
    for subgroup_id in sorted(chair_of):
        total = len(by_subgroup[subgroup_id])
        plan_items = [
            HomeItem(label=title, url=reverse("partnership:plan-detail", args=[pk]),
                     detail=", ".join(f"{rag[pk][k]} {k}" for k in ("red", "amber", "green", "complete"))
                     + (f", {rag[pk]['awaiting_signoff']} awaiting sign-off" if rag[pk]["awaiting_signoff"] else ""))
            for _g, pk, title, *_rest in first_plans.get(subgroup_id, [])
        ]  # fmt: skip
        parts.append(HomePart(
            section=SUBGROUP, key=subgroup_id, order=10, heading="Action plans by RAG",
            summary=f"Your subgroup owns {plural(total, 'action plan')}." if total
            else "Your subgroup owns no action plan yet.",
            items=plan_items, more=max(0, total - ITEMS_SHOWN),
            links=[("See the plans", reverse("partnership:plan-list"))],
        ))  # fmt: skip
        if waiting := awaiting[subgroup_id]:
            parts.append(HomePart(
                section=SUBGROUP, key=subgroup_id, order=9, heading="Awaiting your sign-off",
                summary=f"{plural(waiting, 'action awaits', 'actions await')} your sign-off.",
                links=[("See the actions awaiting your sign-off",
                        reverse("partnership:action-list") + SIGNOFF_LIST + f"&subgroup={subgroup_id}")],
            ))  # fmt: skip
        late, total = overdue[subgroup_id]
        parts.append(HomePart(
            section=SUBGROUP, key=subgroup_id, order=11, heading="Overdue actions",
            summary=f"{plural(total, 'action')} overdue on your subgroup's plans.",
            items=[_action_row_item(a, today) for a in late], more=max(0, total - ITEMS_SHOWN),
        ))  # fmt: skip
        first = chasers.get(subgroup_id)
        parts.append(HomePart(
            section=SUBGROUP, key=subgroup_id, order=12, heading="Next chaser",
            summary=(f"Your next six-monthly chaser is due on {uk_date(first[0])}, for {first[1]}."
                     if first else "No chaser is due: none of your subgroup's plans has an open action."),
        ))  # fmt: skip
    return parts


def _agency_actions(user, today, lead_of) -> list[HomePart]:
    """Each led agency's open actions by RAG and the first overdue ones (two queries)."""
    from .models import OPEN_STATUSES
    from .selectors import actions_visible_to

    owned = actions_visible_to(user, today).filter(owner_agency_id__in=lead_of, status__in=OPEN_STATUSES)
    rag = defaultdict(Counter)
    for row in owned.values("owner_agency_id", "rag").annotate(n=Count("pk")).order_by():
        rag[row["owner_agency_id"]][row["rag"]] += row["n"]
    overdue = first_in_each(
        owned.filter(due_date__lt=today), "owner_agency_id", [F("due_date").asc(), F("pk").asc()], ACTION_ROW
    )
    parts = []
    for agency_id in sorted(lead_of):
        counts = rag[agency_id]
        total = sum(counts.values())
        late, late_total = overdue[agency_id]
        items, more = [_action_row_item(a, today) for a in late], max(0, late_total - ITEMS_SHOWN)
        parts.append(HomePart(
            section=AGENCY, key=agency_id, order=10, heading="Your agency's actions",
            summary=(f"{plural(total, 'open action')}: {counts['red']} red, {counts['amber']} amber, "
                     f"{counts['green']} green; {late_total} overdue." if total
                     else "Your agency owns no open action."),
            items=items, more=more,
            links=[("See your agency's actions", reverse("partnership:action-list") + f"?agency={agency_id}")],
        ))  # fmt: skip
    return parts


def _agency_cascades(user, today, lead_of) -> list[HomePart]:
    """Each led agency's briefings awaiting its confirmation of how it cascaded them, overdue
    ones first (by due date), each linked to the signed-in confirmation (two queries); no part
    for an agency with none awaiting."""
    from .selectors import cascades_visible_to

    cascades = cascades_visible_to(user).filter(agency_id__in=lead_of, confirmed_at__isnull=True)
    overdue = Counter(
        dict(
            cascades.filter(due_on__lt=today)
            .values("agency_id")
            .annotate(n=Count("pk"))
            .order_by()
            .values_list("agency_id", "n")
        )
    )
    awaiting = first_in_each(
        cascades,
        "agency_id",
        [F("due_on").asc(), F("pk").asc()],
        ["pk", "due_on", "briefing__title"],
    )
    parts = []
    for agency_id in sorted(lead_of):
        rows, total = awaiting[agency_id]
        if not total:
            continue
        late = overdue[agency_id]
        items = [
            HomeItem(label=f"Confirm how you cascaded {row['briefing__title']} by {uk_date(row['due_on'])}",
                     url=reverse("partnership:cascade-confirm", args=[row["pk"]]),
                     overdue=row["due_on"] < today)
            for row in rows
        ]  # fmt: skip
        parts.append(HomePart(
            section=AGENCY, key=agency_id, order=12, heading="Briefings to cascade",
            summary=f"{plural(total, 'briefing awaits', 'briefings await')} your confirmation of how "
                    f"{'it was' if total == 1 else 'they were'} cascaded to your staff"
                    + (f"; {late} overdue." if late else "."),
            items=items, more=max(0, total - ITEMS_SHOWN),
        ))  # fmt: skip
    return parts
