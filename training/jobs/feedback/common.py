"""What the feedback jobs share: the job names, the day boundaries, who has been sent what,
the links and the email context, and `Run`, which sends each email once: claimed first, sent a
batch at a time over one mail connection, and marked sent as soon as it has gone."""

from collections.abc import Callable
from contextlib import suppress
from datetime import date, datetime, time, timedelta

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.mail import get_connection
from django.utils import timezone

from partnership.emails import build_email, render_subject
from partnership.models import SentReminder
from partnership.services.reminders import TRANSIENT_ERRORS, Outbox, Sent, claim, claim_for, claim_many

from ... import links
from ...models import Attendee, FormLink, LinkPurpose, Respondent

EVALUATION_JOB = "training-evaluation"
EVALUATION_REMINDER_JOB = "training-evaluation-reminder"
FOLLOW_UP_JOBS = {
    LinkPurpose.FOLLOW_UP_PARTICIPANT: ("training-follow-up", "training-follow-up-reminder"),
    LinkPurpose.FOLLOW_UP_MANAGER: ("training-follow-up-manager", "training-follow-up-manager-reminder"),
}
RESPONDENT = {
    LinkPurpose.FOLLOW_UP_PARTICIPANT: Respondent.PARTICIPANT,
    LinkPurpose.FOLLOW_UP_MANAGER: Respondent.MANAGER,
}
TEMPLATES = {
    LinkPurpose.FOLLOW_UP_PARTICIPANT: "training/feedback_follow_up_participant",
    LinkPurpose.FOLLOW_UP_MANAGER: "training/feedback_follow_up_manager",
}
BATCH = 500
# How long each form takes, said in the emails.
EVALUATION_MINUTES = 5
FOLLOW_UP_MINUTES = {LinkPurpose.FOLLOW_UP_PARTICIPANT: 10, LinkPurpose.FOLLOW_UP_MANAGER: 5}


def start_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def end_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(23, 59, 59)))


def follow_up_due_on(session_date: date) -> date:
    return session_date + relativedelta(months=settings.TRAINING_FOLLOW_UP_MONTHS)


def sent_rows(job: str, *, before: date | None = None):
    """Whether `job` has sent an email about the row's attendee (`attendee_id` or `pk`), on or
    before the day `before` when given."""
    rows = SentReminder.objects.filter(
        job=job, object_type=ContentType.objects.get_for_model(Attendee), sent_at__isnull=False
    )
    if before is not None:
        rows = rows.filter(sent_at__lt=start_of(before + timedelta(days=1)))
    return rows


class Run:
    """One job's run: sends (or, in a dry run, lists) each email once through an `Outbox`,
    batched over one mail connection."""

    def __init__(self, what: str, *, dry_run: bool):
        self.dry_run = dry_run
        self.outbox = Outbox(what, dry_run=dry_run)
        # Claims made ahead for a batch (`claim_ahead`): (job, object id, period, recipient) ->
        # the claim, or None when the batch tried and the row was not ours.
        self.ahead: dict[tuple, object] = {}
        # Emails claimed and built, waiting for `flush`: (claim, message, job, summary).
        self.pending: list[tuple] = []

    def claim_ahead(self, job: str, entries: list[tuple[Attendee, date, str]]) -> None:
        """Claim a batch of emails in a few queries (`claim_many`) before `send` goes through
        them, rather than one transaction per email. Does nothing in a dry run."""
        if self.dry_run or not entries:
            return
        claims = claim_many(job, entries)
        for attendee, period, recipient in entries:
            key = (attendee.pk, period, recipient)
            self.ahead[(job, *key)] = claims.get(key)

    def send(
        self,
        job: str,
        attendee: Attendee,
        period: date,
        recipient: str,
        *,
        template_prefix: str,
        context: Callable[[], dict | None],
        preview: dict,
        summary: str,
    ) -> None:
        """Claim (job, attendee, period, recipient); only then build the email (`context()`,
        which returns None when the link can no longer take an answer) and queue it: `flush`
        sends the queue every BATCH emails, and `finish` sends the rest. A dry run lists the
        email a real run would send now (not one sent or being sent by another run) with its
        subject rendered from `preview` (`subject_context`), making no link."""
        if self.dry_run:
            if claim_for(job, [(attendee, period)], recipient, dry_run=True)[1]:
                subject = render_subject(template_prefix, preview)
                self.outbox.would_send(job, [recipient], subject, summary)
            return
        key = (job, attendee.pk, period, recipient)
        if key in self.ahead:
            claimed = self.ahead.pop(key)
        else:
            claimed, _ = claim(job, [(attendee, period)], recipient)
        if claimed is None:
            return
        values = context()
        if values is None:
            return  # never sent; the claim lapses and the sweep no longer offers it
        message = build_email(to=[recipient], template_prefix=template_prefix, context=values)
        self.pending.append((claimed, message, job, summary))
        if len(self.pending) >= BATCH:
            self.flush()

    def flush(self) -> None:
        """Send the emails built so far over one connection to the mail server, one message at
        a time, each marked sent as soon as it has gone (so a process killed part-way can leave
        at most one email sent but unmarked). One that fails for a transient reason is released
        (claimable again by the next run), and the rest are still tried. If anything else goes
        wrong part-way, those already sent are marked sent and those not yet sent stay unsent:
        their claims lapse and a later run sends them."""
        pending, self.pending = self.pending, []
        if not pending:
            return
        connection = get_connection()
        try:
            connection.open()  # held open for the whole batch, not one connection per email
        except TRANSIENT_ERRORS as exc:
            for claimed, message, job, summary in pending:
                self.outbox.fail(job, claimed, message, summary, exc)
            return
        try:
            for claimed, message, job, summary in pending:
                message.connection = connection
                self.outbox.send(job, claimed, message, summary)
        finally:
            # The emails went; a failure to say goodbye to the server changes nothing.
            with suppress(*TRANSIENT_ERRORS):
                connection.close()

    def finish(self) -> list[Sent]:
        self.flush()
        return self.outbox.finish()


def existing_link(attendee: Attendee, purpose: str) -> FormLink | None:
    return next((link for link in attendee.feedback_links if link.purpose == purpose), None)


def make_links(attendees: list[Attendee], purposes: dict[str, Callable], expires_at: datetime) -> None:
    """Make the links the due people do not have yet, a batch at a time rather than one query
    each. `purposes` maps each purpose to who needs it. A link made here for someone whose email
    another run then sends is the same link that run uses: one per attendee and purpose."""
    missing = [
        FormLink(attendee=a, purpose=purpose, expires_at=expires_at)
        for a in attendees
        for purpose, needs in purposes.items()
        if needs(a) and existing_link(a, purpose) is None
    ]
    if not missing:
        return
    FormLink.objects.bulk_create(missing, batch_size=BATCH, ignore_conflicts=True)
    by_attendee = {a.pk: a for a in attendees}
    ids = sorted({link.attendee_id for link in missing})
    for start in range(0, len(ids), BATCH):
        for link in FormLink.objects.filter(
            attendee_id__in=ids[start : start + BATCH], purpose__in=list(purposes)
        ):
            attendee = by_attendee[link.attendee_id]
            if existing_link(attendee, link.purpose) is None:
                attendee.feedback_links.append(link)


def open_link(attendee: Attendee, purpose: str, expires_at: datetime) -> FormLink | None:
    """The attendee's link for `purpose` (made now if it has none), or None if it can no longer
    take an answer."""
    link = existing_link(attendee, purpose) or links.link_for(attendee, purpose, expires_at)
    return None if link.used or link.expired else link


def email_context(attendee: Attendee, link: FormLink, *, reminder: bool, minutes: int, **extra) -> dict:
    return {
        **subject_context(attendee, reminder=reminder, minutes=minutes, **extra),
        "url": links.url_for(link),
        "closes_on": timezone.localtime(link.expires_at).date(),
    }


def subject_context(attendee: Attendee, *, reminder: bool, minutes: int, **extra) -> dict:
    """The email's context without its link: enough for the subject (a dry run's `preview`)."""
    session = attendee.session
    return {
        "attendee": attendee,
        "session": session,
        "course": session.course,
        "session_date": session.date,
        "reminder": reminder,
        "minutes": minutes,
        "business_unit_email": settings.BUSINESS_UNIT_EMAIL,
        **extra,
    }
