"""Sending scheduled reminders exactly once, and running every app's reminder jobs.

A job works out what is due (sweeping "due and not yet sent", never matching an exact date),
then for each email: claims its `SentReminder` rows in a short transaction of their own, sends,
and marks them sent. A rerun, a second beat or a second worker running at the same moment
finds the rows claimed or sent and sends nothing. A send that fails on the mail server releases
its claim, so a retry or the next run sends it; a claim left by a crashed worker expires after
REMINDER_CLAIM_TIMEOUT_MINUTES and is claimed again.

Each of our apps may offer a `reminders` module with a `JOBS` list of callables
`job(*, today, dry_run) -> list[Sent]`; `run_reminders` runs them all, core first.
"""

import smtplib
import socket
import uuid
from dataclasses import dataclass, field
from datetime import date, timedelta
from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import F, Q
from django.utils import timezone

from ..models import SentReminder

TRANSIENT_ERRORS = (smtplib.SMTPException, ConnectionError, TimeoutError, socket.gaierror)
OUR_APPS = ("partnership", "reviews", "audits", "training", "dashboards")


class RemindersIncomplete(Exception):
    """Some emails could not be sent for a transient reason; their claims were released so that
    a retry sends them (and only them)."""


@dataclass
class Sent:
    """What one job did (or, in a dry run, would do) for one email."""

    job: str
    recipients: list[str]
    subject: str
    summary: str
    cc: list[str] = field(default_factory=list)
    status: str = "sent"  # sent, would send, failed

    def line(self) -> str:
        cc = f" (copy to {', '.join(self.cc)})" if self.cc else ""
        return (
            f"[{self.job}] {self.status}: {self.subject} -> {', '.join(self.recipients)}{cc}: {self.summary}"
        )


@dataclass(frozen=True)
class Claim:
    token: uuid.UUID
    row_ids: tuple[int, ...]


def claim(
    job: str, items: list[tuple[object, date]], recipient: str
) -> tuple[Claim | None, list[tuple[object, date]]]:
    """Claim the reminder rows for (thing, period) pairs to one recipient.

    Each row is claimed in its own short transaction (call it outside any other, as the jobs
    do, so that the claim is visible to other workers at once). Returns the claim and the items
    it covers: those neither sent nor claimed by someone else.
    """
    token = uuid.uuid4()
    now = timezone.now()
    stale = now - timedelta(minutes=settings.REMINDER_CLAIM_TIMEOUT_MINUTES)
    claimed_ids, claimed_items = [], []
    for obj, period in items:
        object_type = ContentType.objects.get_for_model(obj)
        row, created = SentReminder.objects.get_or_create(
            job=job,
            object_type=object_type,
            object_id=obj.pk,
            period=period,
            recipient=recipient,
            defaults={"claim_token": token, "claimed_at": now, "attempts": 1},
        )
        if not created:
            # Sent already, or claimed by another run that is still within its time: not ours.
            won = (
                SentReminder.objects.filter(pk=row.pk, sent_at__isnull=True)
                .filter(Q(claimed_at__isnull=True) | Q(claimed_at__lt=stale))
                .update(claim_token=token, claimed_at=now, attempts=F("attempts") + 1)
            )
            if not won:
                continue
        claimed_ids.append(row.pk)
        claimed_items.append((obj, period))
    if not claimed_ids:
        return None, []
    return Claim(token, tuple(claimed_ids)), claimed_items


ClaimKey = tuple[int, date, str]  # (object id, period, recipient)


def claim_many(job: str, entries: list[tuple[object, date, str]]) -> dict[ClaimKey, Claim]:
    """Claim many (thing, period, recipient) reminder rows of one job at once: one claim each.

    The batched form of `claim`, for jobs sending thousands of emails: a few queries for the
    whole batch instead of a transaction per row. New rows are inserted already claimed with
    this run's token (`bulk_create(ignore_conflicts=True)`: a row another run inserted first is
    left alone); existing rows neither sent nor claimed within REMINDER_CLAIM_TIMEOUT_MINUTES
    are taken over by one UPDATE that re-checks those conditions; then the rows holding this
    run's token are read back. So, as with `claim`, a row is claimed by exactly one run, and a
    rerun finds sent rows and claims nothing. Call it outside any other transaction. Returns
    the claims keyed by (object id, period, recipient); what is missing was not ours to send.
    """
    if not entries:
        return {}
    token = uuid.uuid4()
    now = timezone.now()
    stale = now - timedelta(minutes=settings.REMINDER_CLAIM_TIMEOUT_MINUTES)
    object_type = ContentType.objects.get_for_model(entries[0][0])
    wanted = {(obj.pk, period, recipient) for obj, period, recipient in entries}
    SentReminder.objects.bulk_create(
        [
            SentReminder(
                job=job,
                object_type=object_type,
                object_id=pk,
                period=period,
                recipient=recipient,
                claim_token=token,
                claimed_at=now,
                attempts=1,
            )
            for pk, period, recipient in sorted(wanted)
        ],
        ignore_conflicts=True,
    )
    rows = SentReminder.objects.filter(
        job=job, object_type=object_type, object_id__in=sorted({pk for pk, _p, _r in wanted})
    )
    takeover = [
        pk
        for pk, object_id, period, recipient in rows.filter(sent_at__isnull=True)
        .filter(Q(claimed_at__isnull=True) | Q(claimed_at__lt=stale))
        .exclude(claim_token=token)
        .values_list("pk", "object_id", "period", "recipient")
        if (object_id, period, recipient) in wanted
    ]
    if takeover:
        SentReminder.objects.filter(pk__in=takeover, sent_at__isnull=True).filter(
            Q(claimed_at__isnull=True) | Q(claimed_at__lt=stale)
        ).update(claim_token=token, claimed_at=now, attempts=F("attempts") + 1)
    return {
        (object_id, period, recipient): Claim(token, (pk,))
        for pk, object_id, period, recipient in rows.filter(
            claim_token=token, sent_at__isnull=True
        ).values_list("pk", "object_id", "period", "recipient")
        if (object_id, period, recipient) in wanted
    }


def mark_sent(c: Claim) -> None:
    SentReminder.objects.filter(pk__in=c.row_ids, claim_token=c.token).update(
        sent_at=timezone.now(), last_error=""
    )


def release(c: Claim, error: Exception) -> None:
    SentReminder.objects.filter(pk__in=c.row_ids, claim_token=c.token, sent_at__isnull=True).update(
        claimed_at=None, claim_token=None, last_error=f"{error.__class__.__name__}: {error}"[:255]
    )


def send_claimed(c: Claim, message) -> None:
    """Send one email for a claim; mark it sent, or release it on a transient failure."""
    try:
        message.send()
    except TRANSIENT_ERRORS as exc:
        release(c, exc)
        raise
    mark_sent(c)


def was_sent(job: str, obj, period: date | None = None) -> bool:
    rows = SentReminder.objects.filter(
        job=job, object_type=ContentType.objects.get_for_model(obj), object_id=obj.pk, sent_at__isnull=False
    )
    return rows.filter(period=period).exists() if period else rows.exists()


def reminder_jobs() -> list:
    """Every app's reminder jobs, in the order the apps are installed (the core first)."""
    jobs = []
    for app_config in apps.get_app_configs():
        if app_config.name in OUR_APPS and find_spec(f"{app_config.name}.reminders") is not None:
            jobs.extend(import_module(f"{app_config.name}.reminders").JOBS)
    return jobs


def run_reminders(*, today: date | None = None, dry_run: bool = False) -> list[Sent]:
    """Run every due reminder job. Raises RemindersIncomplete after trying everything if some
    emails failed for a transient reason (their claims are released for the retry)."""
    today = today or timezone.localdate()
    results: list[Sent] = []
    failures = []
    for job in reminder_jobs():
        try:
            results.extend(job(today=today, dry_run=dry_run))
        except RemindersIncomplete as exc:
            results.extend(exc.args[1] if len(exc.args) > 1 else [])
            failures.append(exc)
    if failures:
        raise RemindersIncomplete("; ".join(str(f.args[0]) for f in failures), results)
    return results
