"""The board pack's sections' figures: one function per section, each reading the owning
app through its public modules (selectors, models, permissions) and returning plain data that
a template renders, at a fixed number of queries whatever the amount of data."""

from __future__ import annotations

import datetime
from collections import defaultdict

from django.db.models import Count, Prefetch, Q

from audits import selectors as audits_selectors
from audits.models import Escalation
from dashboards import selectors as dataset_selectors
from partnership import selectors as core
from partnership.models import OPEN_STATUSES, Action, ActionStatus
from reviews import selectors as reviews_selectors
from reviews.models import ReviewKind, Stage

WEEK = datetime.timedelta(days=7)
PARTNERSHIP_OWNED = "The partnership"
RED = "red"  # the dataset's RAG, as its grid rows say it

# --- statutory clocks -----------------------------------------------------------------------


def statutory_clocks(user, today: datetime.date) -> dict:
    """Every running clock of the open case reviews, soonest due first, each with its state:
    "overdue" (past its due date), "due_soon" (within seven days) or "running" (one query)."""
    reviews = reviews_selectors.reviews_visible_to(user).exclude(stage=Stage.CLOSED).order_by("pk")
    rows = []
    for review in reviews:
        for clock in reviews_selectors.review_clocks(review):
            if not clock.is_running(today):
                continue
            if clock.due < today:
                state = "overdue"
            elif clock.due <= today + WEEK:
                state = "due_soon"
            else:
                state = "running"
            rows.append({
                "reference": review.reference,
                "pseudonym": review.title,
                "kind": review.get_kind_display(),
                "clock": clock.name,
                "due": clock.due,
                "state": state,
            })  # fmt: skip
    rows.sort(key=lambda row: (row["due"], row["reference"]))
    return {
        "rows": rows,
        "overdue": sum(1 for row in rows if row["state"] == "overdue"),
        "due_soon": sum(1 for row in rows if row["state"] == "due_soon"),
    }


# --- overdue actions ------------------------------------------------------------------------


def overdue_actions_by_agency(user, today: datetime.date) -> dict:
    """Open actions per owning agency, with how many are overdue, worst first (most overdue,
    then most open), and the overdue actions listed under each (two queries). Grouping by
    priority (`overdue_actions_by_priority`) sits beside this one, returning the same shape."""
    actions = core.actions_visible_to(user, today).filter(status__in=OPEN_STATUSES)
    counts = actions.values("owner_agency_id", "owner_agency__name").annotate(
        open=Count("pk"), overdue=Count("pk", filter=Q(due_date__lt=today))
    )
    overdue = defaultdict(list)
    for action in (
        actions.filter(due_date__lt=today).select_related("plan", "owner_agency").order_by("due_date", "pk")
    ):
        overdue[action.owner_agency_id].append({
            "description": action.description,
            "plan": action.plan.title,
            "due": action.due_date,
            "days_overdue": (today - action.due_date).days,
            "url": action.get_absolute_url(),
        })  # fmt: skip
    groups = [
        {
            "name": row["owner_agency__name"] or PARTNERSHIP_OWNED,
            "open": row["open"],
            "overdue": row["overdue"],
            "actions": overdue.get(row["owner_agency_id"], []),
        }
        for row in counts.order_by()
    ]
    groups.sort(key=lambda g: (-g["overdue"], -g["open"], g["name"].lower()))
    return {
        "groups": groups,
        "open": sum(g["open"] for g in groups),
        "overdue": sum(g["overdue"] for g in groups),
        "by": "agency",
    }


NO_PRIORITY = "Not linked to a priority"


def overdue_actions_by_priority(user, today: datetime.date) -> dict:
    """Open actions per priority they serve, with how many are overdue, worst first, and the
    overdue actions listed under each, in the shape of `overdue_actions_by_agency` (two
    queries). An action serving two priorities counts under each; one serving none counts
    under "Not linked to a priority", last. The totals count each action once (four queries)."""
    actions = core.actions_visible_to(user, today).filter(status__in=OPEN_STATUSES)
    counts = actions.values("priorities__id", "priorities__title", "priorities__year").annotate(
        open=Count("pk", distinct=True), overdue=Count("pk", filter=Q(due_date__lt=today), distinct=True)
    )
    overdue = defaultdict(list)
    late = (
        actions.filter(due_date__lt=today)
        .select_related("plan")
        .prefetch_related("priorities")
        .order_by("due_date", "pk")
    )
    for action in late:
        row = {
            "description": action.description,
            "plan": action.plan.title,
            "due": action.due_date,
            "days_overdue": (today - action.due_date).days,
            "url": action.get_absolute_url(),
        }
        for priority_id in [p.pk for p in action.priorities.all()] or [None]:
            overdue[priority_id].append(row)
    groups = [
        {
            "name": f"{row['priorities__title']} ({row['priorities__year']}/{str(row['priorities__year'] + 1)[-2:]})"
            if row["priorities__id"]
            else NO_PRIORITY,
            "open": row["open"],
            "overdue": row["overdue"],
            "actions": overdue.get(row["priorities__id"], []),
            "linked": row["priorities__id"] is not None,
        }
        for row in counts.order_by()
    ]
    groups.sort(key=lambda g: (not g["linked"], -g["overdue"], -g["open"], g["name"].lower()))
    totals = actions.aggregate(open=Count("pk"), overdue=Count("pk", filter=Q(due_date__lt=today)))
    return {"groups": groups, "open": totals["open"], "overdue": totals["overdue"], "by": "priority"}


# --- Section 11 -----------------------------------------------------------------------------


def section11(user, today: datetime.date) -> dict | None:
    """The current round: its returns by status, the outstanding improvements by agency, and
    the escalation letters with their response state (None when no round has opened)."""
    round_ = audits_selectors.current_round(user)
    if round_ is None:
        return None
    returns = list(audits_selectors.returns_visible_to(user).filter(round=round_).select_related("agency"))
    statuses = defaultdict(int)
    for agency_return in returns:
        statuses[agency_return.get_status_display()] += 1
    outstanding = audits_selectors.outstanding_improvements(round_ids=[round_.pk])
    by_agency = sorted(
        (
            {"agency": r.agency.name, "count": len(outstanding[r.pk]), "items": outstanding[r.pk]}
            for r in returns
            if r.pk in outstanding
        ),
        key=lambda row: (-row["count"], row["agency"]),
    )
    escalations = audits_selectors.round_escalations(round_, today)
    letters = [
        {
            "agency": row["return"].agency.name,
            "outstanding": row["outstanding"],
            "sent_on": row["escalation"].sent_at,
            "response_due": row["escalation"].response_due_on,
            "state": row["response_state"] or "not_sent",
        }
        for row in (escalations or {}).get("rows", [])
        if row["escalation"] is not None
    ]
    return {
        "round": round_,
        "caption": audits_selectors.round_caption(round_),
        "statuses": sorted(statuses.items()),
        "returns": len(returns),
        "outstanding": by_agency,
        "outstanding_total": sum(row["count"] for row in by_agency),
        "letters_due_on": escalations["due_on"] if escalations else None,
        "letters": letters,
    }


# --- the performance dataset ----------------------------------------------------------------


def _trend(cells: list, higher_is_better: bool) -> str:
    values = [cell.value for cell in cells if cell is not None]
    if len(values) < 2:
        return "No earlier value"
    last, before = values[-1], values[-2]
    if last == before:
        return "No change"
    better = (last > before) == higher_is_better
    return "Improving" if better else "Worsening"


def red_indicators(user, today: datetime.date) -> dict:
    """The dataset's indicators whose latest value is red against target, with the last six
    quarters' values and the way the latest moved (as the dataset page's grid; three queries)."""
    grid = dataset_selectors.dataset_grid(
        dataset_selectors.indicators_visible_to(user).order_by("code"), today=today
    )
    rows = [
        {
            "code": row.indicator.code,
            "title": row.indicator.title,
            "target": row.indicator.target,
            "direction": row.indicator.direction,
            "values": [cell.value if cell is not None else None for cell in row.cells],
            "latest": row.latest.value,
            "trend": _trend(row.cells, row.indicator.higher_is_better),
        }
        for row in grid.rows
        if row.latest_rag == RED
    ]
    return {"labels": grid.labels, "rows": rows}


# --- the deep dive chosen for scrutiny ------------------------------------------------------


def deep_dive(user, meeting, today: datetime.date) -> dict | None:
    """The deep dive the meeting scrutinises: its findings, recommendations and its plan's
    progress (actions by status, overdue ones counted), or None when none is chosen."""
    if meeting.scrutiny_source_id is None:
        return None
    source = (
        core.sources_visible_to(user)
        .filter(pk=meeting.scrutiny_source_id)
        .prefetch_related("findings", Prefetch("recommendations", to_attr="recommendation_list"))
        .first()
    )
    if source is None:
        return None
    plan = core.plans_visible_to(user).filter(source=source).first()
    progress = None
    if plan is not None:
        counts = dict(
            Action.objects.filter(plan=plan).values_list("status").annotate(n=Count("pk")).order_by()
        )
        progress = {
            "title": plan.title,
            "statuses": [(s.label, counts.get(s.value, 0)) for s in ActionStatus],
            "total": sum(counts.values()),
            "overdue": Action.objects.filter(plan=plan).overdue(today).count(),
        }
    return {
        "source": source,
        "findings": list(source.findings.all()),
        "recommendations": source.recommendation_list,
        "plan": progress,
    }


# --- decisions needed -----------------------------------------------------------------------


def decisions_needed(user, meeting, today: datetime.date) -> dict:
    """What the meeting is asked to decide: its agenda items flagged as needing a decision,
    Rapid Reviews awaiting the partners' decision, and escalation letters and risk flags whose
    response is overdue (four queries)."""
    agenda = list(meeting.agenda_items.filter(decision_needed=True).order_by("number"))
    rapid = [
        {"reference": r.reference, "pseudonym": r.title, "stage": r.get_stage_display()}
        for r in reviews_selectors.reviews_visible_to(user)
        .filter(kind=ReviewKind.RAPID_REVIEW, decision="")
        .exclude(stage=Stage.CLOSED)
        .order_by("opened_on", "pk")
    ]
    letters = [
        {
            "agency": e.agency_return.agency.name,
            "round": e.agency_return.round.title,
            "due": e.response_due_on,
        }
        for e in Escalation.objects.filter(agency_return__in=audits_selectors.returns_visible_to(user))
        .select_related("agency_return__agency", "agency_return__round")
        .filter(sent_at__isnull=False, response_received_on__isnull=True, response_due_on__lt=today)
        .order_by("response_due_on", "pk")
    ]
    risks = [
        {"agency": f.agency.name, "risk": f.risk, "due": f.response_due_on}
        for f in core.risk_flags_visible_to(user)
        .filter(response_received_on__isnull=True, response_due_on__lt=today)
        .order_by("response_due_on", "pk")
    ]
    return {
        "agenda": agenda,
        "rapid_reviews": rapid,
        "letters": letters,
        "risks": risks,
        "total": len(agenda) + len(rapid) + len(letters) + len(risks),
    }


# --- the subgroups' highlight reports -------------------------------------------------------


def highlight_reports(user, meeting) -> dict:
    """The subgroups' submitted highlight reports to the meeting, each as frozen at submission,
    and the names of the active subgroups that have not submitted (two queries)."""
    from ..selectors import highlight_reports_visible_to, highlight_status_for

    visible = set(highlight_reports_visible_to(user).filter(meeting=meeting).values_list("pk", flat=True))
    rows = highlight_status_for(meeting)
    reports = [
        r["report"] for r in rows if r["report"] and r["report"].is_submitted and r["report"].pk in visible
    ]
    missing = [r["subgroup"].name for r in rows if not (r["report"] and r["report"].is_submitted)]
    return {"reports": reports, "missing": missing}
