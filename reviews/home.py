"""Case reviews' parts of the home page (found by partnership.home through the app registry).

- The business unit's week: statutory clocks due within seven days, and overdue ones, with the
  way in to recording a serious incident notification (which starts the clocks).
- A subgroup chair: the open reviews in their subgroup's remit, each with its next clock.
- An agency lead: the agency summary requests sent to their agency, unanswered ones first.

Each is one query whatever the number of reviews or requests.
"""

from django.urls import reverse

from partnership import permissions as core
from partnership.home import (
    AGENCY,
    ITEMS_SHOWN,
    SUBGROUP,
    WEEK,
    HomeItem,
    HomePart,
    listed,
    plural,
    uk_date,
    week_end,
)

from . import permissions, selectors
from .clocks import State, running_clocks
from .models import Stage


def home_parts(user, *, today) -> list[HomePart]:
    parts = []
    r = core.roles_of(user)
    if core.is_business_unit(user):
        parts.append(_week_clocks(user, today))
        parts.extend(_awaiting_screening(user, today))
    if r.chair_of:
        parts.extend(_remit_reviews(user, today, r.chair_of))
    if r.lead_of:
        parts.extend(_agency_requests(user, today, r.lead_of))
        parts.extend(_agency_referrals(user, r.lead_of))
    return parts


def _clock_item(review, clock, today) -> HomeItem:
    return HomeItem(
        label=f"{review.reference} {review.title}: {clock.name}",
        url=review.get_absolute_url(),
        detail=f"due {uk_date(clock.due)}, {clock.describe(today)[0].lower()}{clock.describe(today)[1:]}",
        overdue=clock.state(today) == State.OVERDUE,
    )


def _week_clocks(user, today) -> HomePart:
    # Open reviews with only the dates their clocks need (as the clock board reads them).
    reviews = selectors.clock_board_reviews(user)
    due = [(rv, c) for rv, c in running_clocks(reviews, today) if c.due <= week_end(today)]
    overdue = sum(1 for _rv, c in due if c.state(today) == State.OVERDUE)
    items, more = [_clock_item(rv, c, today) for rv, c in due[:ITEMS_SHOWN]], max(0, len(due) - ITEMS_SHOWN)
    links = [("See the clock board", reverse("reviews:clock-board"))]
    if permissions.can_open_review(user):
        links += [("Record a serious incident notification", reverse("reviews:notification-create")),
                  ("See serious incident notifications", reverse("reviews:notification-list"))]  # fmt: skip
    return HomePart(
        section=WEEK, order=20, heading="Statutory clocks",
        summary=f"{plural(len(due) - overdue, 'clock')} due by {uk_date(week_end(today))}; {overdue} overdue.",
        items=items, more=more, links=links,
    )  # fmt: skip


def _awaiting_screening(user, today) -> list[HomePart]:
    """The referrals for a learning review the business unit has still to screen, oldest first
    (no part while none is waiting). Two queries whatever their number."""
    waiting = selectors.referrals_awaiting_screening(user)
    first = list(waiting.order_by("referred_on", "pk")[:ITEMS_SHOWN])
    total = waiting.count()
    if not total:
        return []
    items = [
        HomeItem(label=f"{rf.pseudonym}: {rf.get_route_display().lower()}", url=rf.get_absolute_url(),
                 detail=f"referred {uk_date(rf.referred_on)}")
        for rf in first
    ]  # fmt: skip
    return [HomePart(
        section=WEEK, order=25, heading="Referrals for a learning review",
        summary=f"{plural(total, 'referral')} awaiting screening against the criteria.",
        items=items, more=max(0, total - ITEMS_SHOWN),
        links=[("See the referrals", reverse("reviews:learning-referral-list"))],
    )]  # fmt: skip


def _remit_reviews(user, today, chair_of) -> list[HomePart]:
    reviews = list(
        selectors.reviews_visible_to(user)
        .filter(subgroup_id__in=chair_of)
        .exclude(stage=Stage.CLOSED)
        .order_by("pk")
    )
    nexts = {}
    for review, clock in running_clocks(reviews, today):
        nexts.setdefault(review.pk, clock)
    parts = []
    for subgroup_id in sorted(chair_of):
        mine = [rv for rv in reviews if rv.subgroup_id == subgroup_id]
        items = [
            _clock_item(rv, nexts[rv.pk], today)
            if rv.pk in nexts
            else HomeItem(
                label=f"{rv.reference} {rv.title}", url=rv.get_absolute_url(), detail=rv.get_stage_display()
            )
            for rv in mine
        ]
        shown, more = listed(items)
        parts.append(HomePart(
            section=SUBGROUP, key=subgroup_id, order=20, heading="Case reviews",
            summary=f"{plural(len(mine), 'open case review')} in your subgroup's remit.",
            items=shown, more=more, links=[("See case reviews", reverse("reviews:review-list"))],
        ))  # fmt: skip
    return parts


def _agency_requests(user, today, lead_of) -> list[HomePart]:
    requests = list(selectors.requests_for_agency_lead(user).order_by("-requested_on", "pk")[:50])
    parts = []
    for agency_id in sorted(lead_of):
        mine = [rq for rq in requests if rq.agency_id == agency_id]
        waiting = [rq for rq in mine if rq.responded_at is None]
        items = [
            HomeItem(label=f"{rq.review.reference} {rq.review.title}", url=rq.get_absolute_url(),
                     detail=f"due {uk_date(rq.due_on)}", overdue=rq.due_on < today)
            for rq in sorted(waiting, key=lambda rq: rq.due_on)
        ]  # fmt: skip
        shown, more = listed(items)
        parts.append(HomePart(
            section=AGENCY, key=agency_id, order=20, heading="Case review requests",
            summary=(f"{plural(len(waiting), 'request')} for your agency's information waiting for an answer."
                     if waiting else "No request for your agency's information is waiting for an answer."),
            items=shown, more=more, links=[("See your requests", reverse("reviews:request-list"))],
        ))  # fmt: skip
    return parts


def _agency_referrals(user, lead_of) -> list[HomePart]:
    """Under each agency a person leads: the way to refer a case for a learning review, and the
    agency's referrals still awaiting screening. One query whatever their number."""
    waiting = list(
        selectors.referrals_awaiting_screening(user)
        .filter(agency_id__in=lead_of)
        .values_list("agency_id", flat=True)
    )
    links = [
        ("Refer a case", reverse("reviews:learning-referral-create")),
        ("See your agency's referrals", reverse("reviews:learning-referral-list")),
    ]
    parts = []
    for agency_id in sorted(lead_of):
        count = waiting.count(agency_id)
        summary = (
            f"{plural(count, 'referral')} from your agency awaiting screening."
            if count
            else "Refer a case from which the partnership may learn about how agencies work together."
        )
        parts.append(
            HomePart(
                section=AGENCY,
                key=agency_id,
                order=30,
                heading="Referrals for a learning review",
                summary=summary,
                links=links,
            )
        )
    return parts
