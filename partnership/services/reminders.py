"""Sending scheduled reminders exactly once, and running every app's reminder jobs.

A job works out what is due (sweeping "due and not yet sent", never matching an exact date),
then for each email: claims its `SentReminder` rows (all the rows one email covers, in one short
transaction locked on the job and recipient), sends, and marks them sent. A rerun, a second
beat or a second worker running at the same moment finds the rows claimed or sent and sends
nothing, and never half of a digest. A send that fails on the mail server releases
its claim, so a retry or the next run sends it; a claim left by a crashed worker expires after
REMINDER_CLAIM_TIMEOUT_MINUTES and is claimed again. Every job sends through an `Outbox`, which
lists, sends and reports each email the same way.

Each of our apps may offer a `reminders` module with a `JOBS` list of callables
`job(*, today, dry_run) -> list[Sent]`, registered as `extensions.REMINDER_JOBS`;
`run_reminders` runs them all, core first.
"""

import hashlib
import smtplib
import socket
import uuid
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.db.models import F, Q
from django.utils import timezone

from .. import extensions
from ..models import SentReminder

TRANSIENT_ERRORS = (smtplib.SMTPException, ConnectionError, TimeoutError, socket.gaierror)


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
    """Claim the reminder rows for (thing, period) pairs to one recipient: all or nothing.

    The pairs are what one email to the recipient covers (a chair's digest of plans). In one
    transaction holding a lock on (job, recipient) (`_lock`), so that two runs at once take
    turns: if another run holds any of the rows within REMINDER_CLAIM_TIMEOUT_MINUTES, it is
    sending this recipient's email now and nothing is claimed (two runs never each send half a
    digest); otherwise every row not yet sent is claimed. Call it outside any other transaction,
    as the jobs do, so that the claim is visible to other runs at once. Returns the claim and the
    items it covers, or (None, []) when there is nothing for this run to send.
    """
    token = uuid.uuid4()
    now = timezone.now()
    with transaction.atomic():
        _lock(job, recipient)
        free, rows, held = _claim_state(job, items, recipient, now)
        if held or not free:
            return None, []
        SentReminder.objects.bulk_create(
            [
                SentReminder(
                    job=job,
                    object_type=ContentType.objects.get_for_model(obj),
                    object_id=obj.pk,
                    period=period,
                    recipient=recipient,
                    claim_token=token,
                    claimed_at=now,
                    attempts=1,
                )
                for obj, period in free
                if _key(obj, period) not in rows
            ],
            ignore_conflicts=True,
        )
        takeover = [rows[_key(obj, period)].pk for obj, period in free if _key(obj, period) in rows]
        if takeover:
            SentReminder.objects.filter(pk__in=takeover, sent_at__isnull=True).filter(
                Q(claimed_at__isnull=True) | Q(claimed_at__lt=_stale(now))
            ).update(claim_token=token, claimed_at=now, attempts=F("attempts") + 1)
        ids = tuple(
            SentReminder.objects.filter(job=job, recipient=recipient, claim_token=token).values_list(
                "pk", flat=True
            )
        )
        if len(ids) != len(free):
            # A batched claim (`claim_many`, which takes no lock) got a row first: not ours.
            transaction.set_rollback(True)
            return None, []
    return Claim(token, tuple(sorted(ids))), free


def claimable(job: str, items: list[tuple[object, date]], recipient: str) -> list[tuple[object, date]]:
    """What `claim` would claim now, claiming nothing (for dry runs): the items not yet sent,
    or none at all while another run holds any of them within REMINDER_CLAIM_TIMEOUT_MINUTES."""
    free, _rows, held = _claim_state(job, items, recipient, timezone.now())
    return [] if held else free


def claim_for(
    job: str, items: list[tuple[object, date]], recipient: str, *, dry_run: bool
) -> tuple[Claim | None, list[tuple[object, date]]]:
    """Every job's one step before an email: on a real run `claim` the rows (the claim and the
    items it covers); on a dry run claim nothing and give (None, what `claimable` finds), so
    that a dry run lists what a real run would send now, not what is sent or being sent."""
    if dry_run:
        return None, claimable(job, items, recipient)
    return claim(job, items, recipient)


def _key(obj, period: date) -> tuple[int, int, date]:
    return ContentType.objects.get_for_model(obj).pk, obj.pk, period


def _stale(now):
    return now - timedelta(minutes=settings.REMINDER_CLAIM_TIMEOUT_MINUTES)


def _claim_state(job: str, items, recipient: str, now):
    """(items not yet sent, existing rows by key, whether another run holds any of them)."""
    keys = {_key(obj, period) for obj, period in items}
    rows = {
        (row.object_type_id, row.object_id, row.period): row
        for row in SentReminder.objects.filter(
            job=job,
            recipient=recipient,
            object_type_id__in={k[0] for k in keys},
            object_id__in={k[1] for k in keys},
        )
        if (row.object_type_id, row.object_id, row.period) in keys
    }
    stale = _stale(now)
    held = any(
        row.sent_at is None and row.claimed_at is not None and row.claimed_at >= stale
        for row in rows.values()
    )
    free = [
        (obj, period)
        for obj, period in items
        if _key(obj, period) not in rows or rows[_key(obj, period)].sent_at is None
    ]
    return free, rows, held


def _lock(job: str, recipient: str) -> None:
    """Make the claims of (job, recipient) take turns until the transaction ends.

    PostgreSQL: a transaction-scoped advisory lock on a 64-bit hash of the pair (a collision
    only makes two recipients take turns). SQLite, the quick start's database: its one write
    lock, taken now by a statement that writes nothing, so no other run can claim in between
    this transaction's reads and writes.
    """
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            digest = hashlib.blake2b(f"{job}\n{recipient}".encode(), digest_size=8).digest()
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [int.from_bytes(digest, "big", signed=True)])
        else:
            table = connection.ops.quote_name(SentReminder._meta.db_table)
            cursor.execute(f"UPDATE {table} SET attempts = attempts WHERE 1 = 0")  # noqa: S608


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


class Outbox:
    """Every job's one send loop: sends each claimed email (or, in a dry run, lists it) and
    collects a `Sent` line for it, so that dry runs, failures and the message that ends a run
    with failures read the same in every job.

    A transient failure leaves the claim released (`send_claimed`), records "failed" and lets
    the job go on with the rest; `finish` then raises RemindersIncomplete("<what> not sent:
    …", results) so that the task retries and the command reports what did go.
    """

    def __init__(self, what: str, *, dry_run: bool):
        self.what = what
        self.dry_run = dry_run
        self.results: list[Sent] = []
        self.failures: list[str] = []

    def send(self, job: str, claimed: Claim | None, message, summary: str, *, recipients=None) -> bool:
        """Send the message for its claim; its To and Cc are the line's recipients and copies
        (`recipients` names them when the line should say otherwise). Returns whether it went,
        for a job that records more once an email has gone; a dry run sends nothing."""
        recipients = list(recipients or message.to)
        if self.dry_run:
            self._record(job, recipients, message.subject, summary, cc=message.cc, status="would send")
            return False
        try:
            send_claimed(claimed, message)
        except TRANSIENT_ERRORS as exc:
            self._fail(job, recipients, message.subject, summary, exc, cc=message.cc)
            return False
        self._record(job, recipients, message.subject, summary, cc=message.cc, status="sent")
        return True

    def would_send(self, job: str, recipients: list[str], subject: str, summary: str) -> None:
        """A dry run's line for an email it does not build (building it would make its links)."""
        self._record(job, recipients, subject, summary, status="would send")

    def fail(self, job: str, claimed: Claim, message, summary: str, error: Exception) -> None:
        """An email that could not even be tried (the mail server refused the connection):
        release its claim for the next run and record the failure."""
        release(claimed, error)
        self._fail(job, list(message.to), message.subject, summary, error, cc=message.cc)

    def finish(self) -> list[Sent]:
        """The run's lines; RemindersIncomplete, carrying them, if any email failed."""
        if self.failures:
            raise RemindersIncomplete(f"{self.what} not sent: {', '.join(self.failures)}", self.results)
        return self.results

    def _fail(self, job, recipients, subject, summary, error, *, cc) -> None:
        self.failures.append(f"{', '.join(recipients)}: {error.__class__.__name__}")
        self._record(job, recipients, subject, summary, cc=cc, status="failed")

    def _record(self, job, recipients, subject, summary, *, status, cc=()) -> None:
        self.results.append(Sent(job, list(recipients), subject, summary, cc=list(cc), status=status))


def was_sent(job: str, obj, period: date | None = None) -> bool:
    rows = SentReminder.objects.filter(
        job=job, object_type=ContentType.objects.get_for_model(obj), object_id=obj.pk, sent_at__isnull=False
    )
    return rows.filter(period=period).exists() if period else rows.exists()


def reminder_jobs() -> list:
    """Every app's reminder jobs (`extensions.REMINDER_JOBS`), in the order the apps are
    installed (the core first)."""
    return extensions.registered(extensions.REMINDER_JOBS)


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
