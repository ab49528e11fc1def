"""The sign-off emails, run daily by `send_reminders`: whoever signs off hears that actions
await them, and an action's owner hears when it was returned, with the reason.

Sign-off digest: each action reported done (`action_complete`) is announced once to each person
who may sign it off: the chairs of the plan's owning subgroup other than the action's lead and
whoever reported it done, or the business unit's mailbox when no such chair is left. One email per recipient per run gathers every newly reported
action, and says how many await them in all. An action returned and reported done again is
announced again (its new report date is a new period).

Returned notice: each return at sign-off (`action_return`) in the last RETURN_NOTICE_DAYS days
is sent once to the action's owner: its lead (the person, or the named lead's email), else
the owning agency's leads, else the business unit's mailbox.

Both are idempotent through `reminders.claim`: a rerun, a second beat or two runs at once send
each email once (see services/reminders.py).
"""

from collections import defaultdict
from datetime import date, timedelta

from django.conf import settings
from django.urls import reverse

from ..emails import build_email
from ..models import Action, ActionSignOff, Role, RoleAssignment, SignOffDecision
from .reminders import Outbox, Sent, claim_for

SIGNOFF_DIGEST_JOB = "signoff-digest"
RETURNED_JOB = "signoff-returned"
RETURN_NOTICE_DAYS = 14  # a return older than this is not announced (the owner has seen it)


def _chairs_of(subgroup_ids) -> dict[int, list[tuple[int, str]]]:
    chairs = defaultdict(list)
    for subgroup_id, user_id, email in RoleAssignment.objects.filter(
        role=Role.SUBGROUP_CHAIR, subgroup_id__in=subgroup_ids, user__is_active=True
    ).values_list("subgroup_id", "user_id", "user__email"):
        chairs[subgroup_id].append((user_id, email))
    return chairs


def _signers(action: Action, chairs: dict[int, list[tuple[int, str]]]) -> list[str]:
    """The chairs of the plan's subgroup who may sign the action off (not its lead nor whoever
    reported it done: segregation of duties), else the business unit's mailbox."""
    own = {action.lead_user_id, action.reported_complete_by_id} - {None}
    signers = [email for user_id, email in chairs.get(action.plan.subgroup_id, []) if user_id not in own]
    return signers or [settings.BUSINESS_UNIT_EMAIL]


def due_signoff_digests(today: date) -> dict[str, list[tuple[Action, date]]]:
    """Recipient email -> [(action, the day it was reported done)] for every action awaiting
    sign-off, to each person who may sign it off (whether or not already told: the claim
    leaves out what was sent)."""
    actions = list(
        Action.objects.awaiting_signoff()
        .filter(reported_complete_on__lte=today)
        .select_related("plan", "plan__subgroup", "owner_agency", "lead_user")
        .order_by("reported_complete_on", "pk")
    )
    chairs = _chairs_of({a.plan.subgroup_id for a in actions})
    due = defaultdict(list)
    for action in actions:
        for email in _signers(action, chairs):
            due[email].append((action, action.reported_complete_on))
    return due


def send_signoff_digests(*, today: date, dry_run: bool = False) -> list[Sent]:
    """Tell each person who signs off about the actions newly reported done (see the module)."""
    list_url = settings.SITE_URL + reverse("partnership:action-list") + "?signoff=mine&sort=due"
    outbox = Outbox("Sign-off emails", dry_run=dry_run)
    for recipient, items in sorted(due_signoff_digests(today).items()):
        total = len(items)
        claimed, items = claim_for(SIGNOFF_DIGEST_JOB, items, recipient, dry_run=dry_run)
        if not items:
            continue
        actions = [action for action, _reported in items]
        for action in actions:
            action.url = settings.SITE_URL + action.get_absolute_url()
        message = build_email(
            to=[recipient],
            template_prefix="partnership/signoff_digest",
            context={"actions": actions, "total": total, "list_url": list_url, "today": today,
                     "business_unit": recipient == settings.BUSINESS_UNIT_EMAIL},
        )  # fmt: skip
        outbox.send(SIGNOFF_DIGEST_JOB, claimed, message, f"{len(actions)} new, {total} awaiting sign-off")
    return outbox.finish()


def _owner_emails(action: Action, agency_leads: dict[int, list[str]]) -> list[str]:
    if action.lead_contact_email:
        return [action.lead_contact_email]
    return sorted(agency_leads.get(action.owner_agency_id, [])) or [settings.BUSINESS_UNIT_EMAIL]


def send_returned_notices(*, today: date, dry_run: bool = False) -> list[Sent]:
    """Tell an action's owner it was returned at sign-off, with the reason (see the module)."""
    returns = list(
        ActionSignOff.objects.filter(
            decision=SignOffDecision.RETURNED,
            decided_on__gte=today - timedelta(days=RETURN_NOTICE_DAYS),
            decided_on__lte=today,
        )
        .select_related("action", "action__plan", "action__owner_agency", "action__lead_user", "decided_by")
        .order_by("decided_on", "pk")
    )
    agency_leads = defaultdict(list)
    for agency_id, email in RoleAssignment.objects.filter(
        role=Role.AGENCY_LEAD,
        agency_id__in={r.action.owner_agency_id for r in returns if r.action.owner_agency_id},
        user__is_active=True,
    ).values_list("agency_id", "user__email"):
        agency_leads[agency_id].append(email)
    outbox = Outbox("Sign-off emails", dry_run=dry_run)
    for sign_off in returns:
        action = sign_off.action
        for recipient in _owner_emails(action, agency_leads):
            claimed, items = claim_for(
                RETURNED_JOB, [(sign_off, sign_off.decided_on)], recipient, dry_run=dry_run
            )
            if not items:
                continue
            message = build_email(
                to=[recipient],
                template_prefix="partnership/signoff_returned",
                context={"sign_off": sign_off, "action": action, "today": today,
                         "url": settings.SITE_URL + action.get_absolute_url()},
            )  # fmt: skip
            outbox.send(RETURNED_JOB, claimed, message, f"returned: {action.description[:60]}")
    return outbox.finish()
