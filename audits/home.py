"""Section 11 and audits' parts of the home page (found by partnership.home through the app
registry). An agency lead's own returns are shown by audits/_home_returns.html already.

- The business unit's week: Section 11 returns not yet submitted in open rounds whose due date
  is within seven days or has passed.
- A subgroup chair: the Section 11 rounds and multi-agency audits their subgroup oversees that
  are not yet reported.

A fixed number of queries whatever the number of rounds, returns and audits.
"""

from django.db.models import DateField, F, IntegerField, Value
from django.urls import reverse

from partnership import permissions as core
from partnership.home import SUBGROUP, WEEK, HomeItem, HomePart, listed, plural, uk_date, week_end

from . import selectors
from .models import AuditStatus, ReturnStatus, RoundStatus

NOT_SUBMITTED = (ReturnStatus.NOT_STARTED, ReturnStatus.DRAFT, ReturnStatus.AMENDMENT)


def home_parts(user, *, today) -> list[HomePart]:
    parts = []
    if core.is_business_unit(user):
        parts.append(_week_returns(user, today))
    chair_of = core.roles_of(user).chair_of
    if chair_of:
        parts.extend(_remit(user, chair_of))
    return parts


def _week_returns(user, today) -> HomePart:
    due = list(
        selectors.returns_visible_to(user)
        .filter(round__status=RoundStatus.OPEN, status__in=NOT_SUBMITTED, round__due_on__lte=week_end(today))
        .order_by("round__due_on", "agency__name")
    )
    items, more = listed([
        HomeItem(label=f"{r.agency.name}: {r.round.title}", url=r.get_absolute_url(),
                 detail=f"{r.get_status_display().lower()}, due {uk_date(r.round.due_on)}",
                 overdue=r.round.due_on < today)
        for r in due
    ])  # fmt: skip
    late = sum(1 for r in due if r.round.due_on < today)
    return HomePart(
        section=WEEK, order=30, heading="Section 11 returns",
        summary=f"{plural(len(due) - late, 'return')} due by {uk_date(week_end(today))} not yet submitted; {late} overdue.",
        items=items, more=more, links=[("See Section 11 rounds", reverse("audits:round-list"))],
    )  # fmt: skip


def _remit(user, chair_of) -> list[HomePart]:
    """The rounds and audits not yet reported, in one query (a union of narrow rows): rounds
    first, newest year first, then audits, latest planned first."""
    rounds = (
        selectors.rounds_visible_to(user)
        .filter(subgroup_id__in=chair_of)
        .exclude(status=RoundStatus.REPORTED)
        .order_by()
        .values("pk", "title", "status", "subgroup_id", round_year=F("year"),
                planned=Value(None, output_field=DateField()))
    )  # fmt: skip
    audits = (
        selectors.multi_agency_audits_visible_to(user)
        .prefetch_related(None)
        .filter(subgroup_id__in=chair_of)
        .exclude(status=AuditStatus.REPORTED)
        .order_by()
        .values("pk", "title", "status", "subgroup_id", round_year=Value(None, output_field=IntegerField()),
                planned=F("planned_on"))
    )  # fmt: skip
    remit = rounds.union(audits, all=True)
    found = sorted(
        remit,
        key=lambda r: (
            (0, -r["round_year"], -r["pk"]) if r["round_year"] is not None
            else (1, -(r["planned"].toordinal() if r["planned"] else 0), 0)
        ),
    )  # fmt: skip
    parts = []
    for subgroup_id in sorted(chair_of):
        items = [
            HomeItem(label=r["title"], url=reverse("audits:round-detail", args=[r["pk"]]),
                     detail=f"Section 11, {RoundStatus(r['status']).label.lower()}")
            if r["round_year"] is not None
            else HomeItem(label=r["title"], url=reverse("audits:audit-detail", args=[r["pk"]]),
                          detail=f"multi-agency audit, {AuditStatus(r['status']).label.lower()}")
            for r in found if r["subgroup_id"] == subgroup_id
        ]  # fmt: skip
        shown, more = listed(items)
        parts.append(HomePart(
            section=SUBGROUP, key=subgroup_id, order=30, heading="Audits and Section 11",
            summary=f"{plural(len(items), 'audit or Section 11 round', 'audits and Section 11 rounds')} in your subgroup's remit not yet reported.",
            items=shown, more=more, links=[("See audits", reverse("audits:audit-list"))],
        ))  # fmt: skip
    return parts
