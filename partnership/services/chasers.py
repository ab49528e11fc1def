"""The six-monthly chaser to subgroup chairs, and the monthly overdue digest to agency leads.

Chaser: CHASER_INTERVAL_MONTHS after a plan starts, and every interval after that while any of
its actions is open, the owning subgroup's chair is sent a chaser. One email per chair per run
gathers all their due plans: each plan's open actions with RAG, overdue first, those without an
update for CHASER_STALE_UPDATE_MONTHS months flagged. An action overdue by more than
ESCALATE_AFTER_MONTHS months escalates the email: the business unit's mailbox is copied in and
the email says so. A subgroup with no chair has its chasers sent to the business unit.

Agency digest: in the first run of each month in which an agency owns overdue actions, each of
its agency leads is sent the list.

Both are idempotent through `reminders.claim`, which claims a chair's whole digest or none of it
(see services/reminders.py); a dry run lists what `reminders.claim_for` (dry run) says a real run would send.
"""

from calendar import monthrange
from collections import defaultdict
from datetime import date

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Max, OuterRef, Subquery

from .. import extensions
from ..emails import build_email
from ..models import OPEN_STATUSES, Action, ActionPlan, Agency, Role, RoleAssignment, SentReminder
from .reminders import Outbox, Sent, claim_for

CHASER_JOB = "plan-chaser"
AGENCY_DIGEST_JOB = "agency-overdue-digest"


def chaser_period(start: date, today: date, interval: int | None = None) -> date | None:
    """The latest chaser date (start plus a whole number, at least one, of intervals) on or
    before `today`; None while the first interval has not passed."""
    interval = interval or settings.CHASER_INTERVAL_MONTHS
    months = (today.year - start.year) * 12 + (today.month - start.month)
    k = months // interval
    if k >= 1 and add_months(start, k * interval) > today:
        k -= 1
    if k < 1:
        return None
    return add_months(start, k * interval)


def add_months(day: date, months: int) -> date:
    """`day + relativedelta(months=months)` (the day kept, or the month's last day if shorter),
    without relativedelta's cost: the home page works out hundreds of plans' chasers."""
    year, month = divmod(day.month - 1 + months, 12)
    year += day.year
    return date(year, month + 1, min(day.day, monthrange(year, month + 1)[1]))


def next_chaser_date(plan: ActionPlan, today: date) -> date:
    """When the plan's next chaser falls due (for pages and dashboards)."""
    last_sent = SentReminder.objects.filter(
        job=CHASER_JOB,
        object_type=ContentType.objects.get_for_model(ActionPlan),
        object_id=plan.pk,
        sent_at__isnull=False,
    ).aggregate(last=Max("period"))["last"]
    return next_chaser_after(plan.start_date, last_sent, today)


def due_chasers(today: date) -> dict[str, list[tuple[ActionPlan, date]]]:
    """Recipient email -> [(plan, period)] for every plan whose chaser is due and not sent."""
    plans = list(
        ActionPlan.objects.filter(actions__status__in=OPEN_STATUSES)
        .distinct()
        .select_related("subgroup", "source")
    )
    last_sent = dict(
        SentReminder.objects.filter(
            job=CHASER_JOB, object_type=ContentType.objects.get_for_model(ActionPlan), sent_at__isnull=False
        )
        .values("object_id")
        .annotate(last=Max("period"))
        .values_list("object_id", "last")
    )
    chairs = defaultdict(list)
    for subgroup_id, email in RoleAssignment.objects.filter(
        role=Role.SUBGROUP_CHAIR, user__is_active=True
    ).values_list("subgroup_id", "user__email"):
        chairs[subgroup_id].append(email)
    due = defaultdict(list)
    for plan in plans:
        period = chaser_period(plan.start_date, today)
        if period is None or (plan.pk in last_sent and last_sent[plan.pk] >= period):
            continue
        for email in chairs.get(plan.subgroup_id) or [settings.BUSINESS_UNIT_EMAIL]:
            due[email].append((plan, period))
    return due


def _plan_digest(plans: list[ActionPlan], today: date) -> tuple[list[dict], bool]:
    """Each plan's open actions for the email, overdue first; and whether any escalates."""
    stale_before = today - relativedelta(months=settings.CHASER_STALE_UPDATE_MONTHS)
    escalate_before = today - relativedelta(months=settings.ESCALATE_AFTER_MONTHS)
    actions = defaultdict(list)
    for action in (
        Action.objects.filter(plan__in=plans, status__in=OPEN_STATUSES)
        .with_rag(today)
        .select_related("owner_agency", "lead_user")
        .order_by("due_date", "pk")
    ):
        action.is_overdue = action.due_date < today
        action.is_stale = action.last_update_on is None or action.last_update_on < stale_before
        action.is_escalated = action.due_date < escalate_before
        actions[action.plan_id].append(action)
    digest, escalated = [], False
    meetings: dict[int, date | None] = {}  # subgroup id -> its next meeting (NEXT_MEETING)
    for plan in sorted(plans, key=lambda p: p.title):
        if plan.subgroup_id not in meetings:
            meetings[plan.subgroup_id] = extensions.next_meeting_of(plan.subgroup, today=today)
        items = sorted(actions[plan.pk], key=lambda a: (not a.is_overdue, a.due_date, a.pk))
        escalated = escalated or any(a.is_escalated for a in items)
        digest.append(
            {
                "plan": plan,
                "url": settings.SITE_URL + plan.get_absolute_url(),
                "actions": items,
                "overdue": sum(a.is_overdue for a in items),
                "stale": sum(a.is_stale for a in items),
                "next_meeting": meetings[plan.subgroup_id],
            }
        )
    return digest, escalated


def send_plan_chasers(*, today: date, dry_run: bool = False) -> list[Sent]:
    """Send every due chaser, one email per chair (see the module docstring). A dry run lists
    the emails a real run would send now (what is not sent, nor being sent by another run)."""
    outbox = Outbox("Chasers", dry_run=dry_run)
    for recipient, items in sorted(due_chasers(today).items()):
        claimed, items = claim_for(CHASER_JOB, items, recipient, dry_run=dry_run)
        if not items:
            continue
        digest, escalated = _plan_digest([plan for plan, _ in items], today)
        # One subgroup's plans: the email names its next meeting; several: each plan says its own.
        subgroups = {d["plan"].subgroup_id for d in digest}
        next_meeting = digest[0]["next_meeting"] if len(subgroups) == 1 else None
        cc = [settings.BUSINESS_UNIT_EMAIL] if escalated and recipient != settings.BUSINESS_UNIT_EMAIL else []
        message = build_email(
            to=[recipient],
            cc=cc,
            template_prefix="partnership/plan_chaser",
            context={"plans": digest, "escalated": escalated, "today": today, "next_meeting": next_meeting,
                     "several_subgroups": len(subgroups) > 1,
                     "escalate_months": settings.ESCALATE_AFTER_MONTHS,
                     "stale_months": settings.CHASER_STALE_UPDATE_MONTHS},
        )  # fmt: skip
        outbox.send(CHASER_JOB, claimed, message, _chaser_summary(digest, escalated))
    return outbox.finish()


def _chaser_summary(digest, escalated) -> str:
    actions = sum(len(d["actions"]) for d in digest)
    overdue = sum(d["overdue"] for d in digest)
    summary = f"{len(digest)} plan(s), {actions} open action(s), {overdue} overdue"
    return summary + (" (escalated)" if escalated else "")


def send_agency_digests(*, today: date, dry_run: bool = False) -> list[Sent]:
    """Send each agency lead their agency's overdue actions, once a month while there are any."""
    period = today.replace(day=1)
    overdue = defaultdict(list)
    for action in (
        Action.objects.overdue(today)
        .exclude(owner_agency=None)
        .with_rag(today)
        .select_related("plan", "owner_agency", "lead_user")
        .order_by("due_date", "pk")
    ):
        overdue[action.owner_agency_id].append(action)
    if not overdue:
        return []
    leads = defaultdict(list)
    for agency_id, email in RoleAssignment.objects.filter(
        role=Role.AGENCY_LEAD, agency_id__in=overdue, user__is_active=True
    ).values_list("agency_id", "user__email"):
        leads[agency_id].append(email)
    agencies = Agency.objects.in_bulk(list(overdue))
    outbox = Outbox("Agency digests", dry_run=dry_run)
    for agency_id, actions in overdue.items():
        agency = agencies[agency_id]
        for action in actions:
            action.url = settings.SITE_URL + action.get_absolute_url()
        for recipient in sorted(leads.get(agency_id, [])):
            summary = f"{len(actions)} overdue action(s) owned by {agency.display_name}"
            claimed, items = claim_for(AGENCY_DIGEST_JOB, [(agency, period)], recipient, dry_run=dry_run)
            if not items:
                continue
            message = build_email(
                to=[recipient],
                template_prefix="partnership/agency_overdue",
                context={"agency": agency, "actions": actions, "today": today,
                         "actions_url": settings.SITE_URL + "/actions/?overdue=yes"},
            )  # fmt: skip
            outbox.send(AGENCY_DIGEST_JOB, claimed, message, summary)
    return outbox.finish()


def next_chaser_dates(plans, today: date) -> dict[int, date]:
    """Plan id -> when its next chaser falls due, by the rules of `next_chaser_date`, for a
    whole page of plans with one query of the chasers already sent."""
    plans = list(plans)
    last_sent = dict(
        SentReminder.objects.filter(
            job=CHASER_JOB,
            object_type=ContentType.objects.get_for_model(ActionPlan),
            object_id__in=[plan.pk for plan in plans],
            sent_at__isnull=False,
        )
        .values("object_id")
        .annotate(last=Max("period"))
        .values_list("object_id", "last")
    )
    return {plan.pk: next_chaser_after(plan.start_date, last_sent.get(plan.pk), today) for plan in plans}


def next_chaser_after(start: date, last_sent: date | None, today: date) -> date:
    """When a plan that started on `start` is next chased, given the latest chaser period sent
    (None if none; see `last_chaser_sent`): the rule of `next_chaser_date`."""
    current = chaser_period(start, today)
    if current is not None and (last_sent is None or last_sent < current):
        return current
    return add_months(current or start, settings.CHASER_INTERVAL_MONTHS)


def last_chaser_sent():
    """An annotation for a queryset of plans: the period of the latest chaser sent for each (for
    `next_chaser_after`), so a page reads every plan's chaser state in its one query of plans."""
    return Subquery(
        SentReminder.objects.filter(
            job=CHASER_JOB,
            object_type=ContentType.objects.get_for_model(ActionPlan),
            object_id=OuterRef("pk"),
            sent_at__isnull=False,
        )
        .order_by("-period")
        .values("period")[:1]
    )
