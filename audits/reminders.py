"""Section 11 reminder jobs, run by `send_reminders` (see partnership/services/reminders.py).

Round reminders: while a round is open, the agency leads of each invited agency whose return is
not yet submitted (not started, in progress, or sent back) are reminded 14 days before the due
date, 3 days before it, and once it is overdue — each once. The sweep sends what is due and not
yet sent: the 14-day reminder is due from 14 days before until 3 days before (a run missed on
day 14 sends it on day 13), and is not sent at all once the 3-day one is due; the overdue one is
sent on the first run after the due date. Each is keyed on the return and the due date, so
moving the due date starts them again.

Opening emails: once a round is open, each lead of each invited agency whose return is not yet
submitted is emailed a link to the return, once (keyed on the return and the opening date).
Opening the round or inviting an agency to an open round queues `send_round_opened_task` at
once; the daily run sweeps up what it missed (a worker that was down, a mail server that
failed for longer than the task's retries) and emails a lead appointed after the round opened.

Outstanding actions report: six months after the round's overview was reported, the chair(s)
of the subgroup overseeing the round (usually Quality and Performance; the business unit when
it has no chair) are sent every open action of the round's action plan, by agency, and each
agency lead concerned is sent their own agency's open actions. Once.
"""

from collections import defaultdict
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.utils import timezone

from partnership import extensions as ext
from partnership.emails import build_email
from partnership.models import OPEN_STATUSES, Action, Role, RoleAssignment
from partnership.services.reminders import Outbox, Sent, claim_for

from . import selectors
from .models import Escalation, Return, ReturnStatus, Round, RoundStatus
from .models.escalations import escalation_due_on
from .services.escalations import escalation_mark_sent, escalation_write

NOT_SUBMITTED = (ReturnStatus.NOT_STARTED, ReturnStatus.DRAFT, ReturnStatus.AMENDMENT)
# (job name, days before the due date it becomes due), latest first: the first that is due wins.
STAGES = (("s11-due-3", 3), ("s11-due-14", 14))
OVERDUE_JOB = "s11-overdue"
OPENED_JOB = "s11-round-opened"
OUTSTANDING_JOB = "s11-outstanding-actions"
OUTSTANDING_AFTER_MONTHS = 6
ESCALATION_JOB = "s11-escalation"


def round_reminder_stage(due_on: date, today: date) -> tuple[str, int | None] | None:
    """(job, days left) of the reminder due today for a return due on `due_on`, or None."""
    if today > due_on:
        return OVERDUE_JOB, None
    for job, days in STAGES:
        if today >= due_on - timedelta(days=days):
            return job, (due_on - today).days
    return None


def _leads_by_agency(agency_ids) -> dict[int, list[str]]:
    leads = defaultdict(list)
    for agency_id, email in RoleAssignment.objects.filter(
        role=Role.AGENCY_LEAD, agency_id__in=agency_ids, user__is_active=True
    ).values_list("agency_id", "user__email"):
        leads[agency_id].append(email)
    return {k: sorted(set(v)) for k, v in leads.items()}


def _send(outbox, job, obj, period, recipient, *, template_prefix, context, summary, subject=""):
    """Send one email once (claimed on (job, obj, period, recipient)); in a dry run, list it
    as a real run would send it now: unless it was sent to this recipient or another run is
    sending it. Results give the subject the email has (`subject` is not used)."""
    claimed, items = claim_for(job, [(obj, period)], recipient, dry_run=outbox.dry_run)
    if not items:
        return
    message = build_email(to=[recipient], template_prefix=template_prefix, context=context)
    outbox.send(job, claimed, message, summary)


def send_round_opened_emails(
    *, today: date, dry_run: bool = False, round_id: int | None = None
) -> list[Sent]:
    """Email each lead of each invited agency of an open round (of `round_id` only, when given)
    whose return is not yet submitted a link to it, once (see the module docstring)."""
    returns = Return.objects.filter(round__status=RoundStatus.OPEN, status__in=NOT_SUBMITTED)
    if round_id is not None:
        returns = returns.filter(round_id=round_id)
    returns = list(
        returns.select_related("round", "round__framework", "agency").order_by("round_id", "agency__name")
    )
    leads = _leads_by_agency({r.agency_id for r in returns})
    outbox = Outbox("Section 11 opening emails", dry_run=dry_run)
    for agency_return in returns:
        round_, agency = agency_return.round, agency_return.agency
        context = {
            "round": round_,
            "agency": agency,
            "url": settings.SITE_URL + agency_return.get_absolute_url(),
        }
        for recipient in leads.get(agency_return.agency_id, []):
            _send(outbox, OPENED_JOB, agency_return, round_.opens_on, recipient,
                  template_prefix="audits/round_opened", context=context, subject=f"{round_.title} is open",
                  summary=f"{round_.title}: {agency.name}")  # fmt: skip
    return outbox.finish()


def send_round_reminders(*, today: date, dry_run: bool = False) -> list[Sent]:
    """Remind agency leads of returns not yet submitted (see the module docstring)."""
    returns = list(
        Return.objects.filter(
            round__status=RoundStatus.OPEN,
            status__in=NOT_SUBMITTED,
            round__due_on__lte=today + timedelta(days=14),
        )
        .select_related("round", "round__framework", "agency")
        .order_by("round__due_on", "agency__name")
    )
    leads = _leads_by_agency({r.agency_id for r in returns})
    outbox = Outbox("Section 11 reminders", dry_run=dry_run)
    for agency_return in returns:
        round_ = agency_return.round
        stage = round_reminder_stage(round_.due_on, today)
        if stage is None:
            continue
        job, days_left = stage
        overdue = job == OVERDUE_JOB
        summary = (
            f"{round_.title}: {agency_return.agency.name} ({agency_return.get_status_display().lower()})"
        )
        context = {
            "agency_return": agency_return, "round": round_, "agency": agency_return.agency, "overdue": overdue,
            "days_left": days_left, "today": today, "url": settings.SITE_URL + agency_return.get_absolute_url(),
        }  # fmt: skip
        for recipient in leads.get(agency_return.agency_id, []):
            _send(outbox, job, agency_return, round_.due_on, recipient, template_prefix="audits/round_reminder",
                  context=context, summary=summary)  # fmt: skip
    return outbox.finish()


def send_outstanding_actions_reports(*, today: date, dry_run: bool = False) -> list[Sent]:
    """Six months after a round's overview was reported, its open actions: all of them, by
    agency, to the overseeing subgroup's chair(s); each agency's own to its leads."""
    cutoff = today - relativedelta(months=OUTSTANDING_AFTER_MONTHS)
    rounds = list(
        Round.objects.filter(
            overview_reported_on__isnull=False, overview_reported_on__lte=cutoff
        ).select_related("subgroup", "learning_source")
    )
    outbox = Outbox("Section 11 outstanding actions reports", dry_run=dry_run)
    for round_ in rounds:
        period = round_.overview_reported_on + relativedelta(months=OUTSTANDING_AFTER_MONTHS)
        actions = list(
            Action.objects.filter(plan__source_id=round_.learning_source_id, status__in=OPEN_STATUSES)
            .select_related("plan", "owner_agency", "lead_user")
            .order_by("owner_agency__name", "due_date", "pk")
        )
        by_agency = defaultdict(list)
        for action in actions:
            action.is_overdue = action.due_date < today
            by_agency[action.owner_agency].append(action)
        groups = [{"agency": agency, "actions": items} for agency, items in by_agency.items()]
        overdue = sum(a.is_overdue for a in actions)
        base = {"round": round_, "today": today, "reported_on": round_.overview_reported_on,
                "months": OUTSTANDING_AFTER_MONTHS,
                "next_meeting": ext.next_meeting_of(round_.subgroup, today=today) if round_.subgroup_id else None}  # fmt: skip
        chairs = sorted(
            set(
                RoleAssignment.objects.filter(
                    role=Role.SUBGROUP_CHAIR, subgroup=round_.subgroup, user__is_active=True
                ).values_list("user__email", flat=True)
            )
        ) or [settings.BUSINESS_UNIT_EMAIL]
        for recipient in chairs:
            _send(outbox, OUTSTANDING_JOB, round_, period, recipient, template_prefix="audits/outstanding_actions",
                  context={**base, "groups": groups, "total": len(actions), "overdue": overdue, "for_chair": True},
                  summary=f"{len(actions)} open action(s), {overdue} overdue, {len(groups)} agenc(ies)")  # fmt: skip
        leads = _leads_by_agency({a.pk for a in by_agency if a is not None})
        for group in groups:
            agency = group["agency"]
            if agency is None:
                continue
            items = group["actions"]
            agency_overdue = sum(a.is_overdue for a in items)
            for recipient in leads.get(agency.pk, []):
                if recipient in chairs:
                    continue  # the chair's report already lists them
                _send(outbox, OUTSTANDING_JOB, round_, period, recipient,
                      template_prefix="audits/outstanding_actions",
                      context={**base, "groups": [group], "total": len(items), "overdue": agency_overdue,
                               "for_chair": False, "agency": agency},
                      summary=f"{agency.name}: {len(items)} open action(s), {agency_overdue} overdue")  # fmt: skip
    return outbox.finish()


def send_escalation_letters(*, today: date, dry_run: bool = False) -> list[Sent]:
    """Six months after a round's overview, the partnership's letter to the senior manager of
    each agency with improvements still outstanding, once (audits/services/escalations.py).
    An agency with no senior manager's address is skipped until it has one (the round's page
    says so)."""
    outbox = Outbox("Section 11 escalation letters", dry_run=dry_run)
    due = selectors.escalations_due(today)
    written = {
        e.agency_return_id: e for e in Escalation.objects.filter(agency_return__in=[r for r, _ in due])
    }
    for agency_return, improvements in due:
        agency = agency_return.agency
        # A letter already written (its send failed) goes to the address it names.
        recipient = (
            written[agency_return.pk].sent_to if agency_return.pk in written else agency.senior_manager_email
        )
        period = escalation_due_on(agency_return.round)
        summary = f"{agency_return.round.title}: {agency.name} ({len(improvements)} outstanding)"
        claimed, items = claim_for(ESCALATION_JOB, [(agency_return, period)], recipient, dry_run=dry_run)
        if not items:
            continue
        if dry_run:
            subject = f"{agency_return.round.title}: {agency.name}'s Section 11 improvements outstanding"
            outbox.would_send(ESCALATION_JOB, [recipient], subject, summary)
            continue
        escalation = escalation_write(agency_return=agency_return, improvements=improvements, today=today)
        message = build_email(
            to=[escalation.sent_to],
            template_prefix="audits/escalation",
            context={"escalation": escalation, "paragraphs": escalation.letter.split("\n\n")},
        )
        message.reply_to = [settings.BUSINESS_UNIT_EMAIL]
        if outbox.send(ESCALATION_JOB, claimed, message, summary, recipients=[recipient]):
            escalation_mark_sent(escalation, timezone.now())
    return outbox.finish()


JOBS = [
    send_round_opened_emails,
    send_round_reminders,
    send_outstanding_actions_reports,
    send_escalation_letters,
]
