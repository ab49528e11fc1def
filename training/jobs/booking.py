"""Booking reminders, run daily by `send_reminders` (partnership/services/reminders.py).

Everyone BOOKED on a scheduled session is reminded once,
TRAINING_BOOKING_REMINDER_WORKING_DAYS working days before the session's date (weekends and
bank holidays skipped, `partnership.working_days`), with the session's details and their
cancellation link. The sweep is "due and not yet sent": from the reminder date until the day
before the session, so a run missed on the day sends it on the next; a place booked or
confirmed after the reminder date still gets one reminder. Nothing is sent on the session's
day or later, and nobody waiting, awaiting approval or cancelled is reminded.

Each email is claimed on (job, attendee, session date, email) through claim_for and sent by the
Outbox, so a rerun, a second beat or a second worker at the same moment sends nothing twice;
moving the session to another date starts its reminders again.
"""

from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from partnership.emails import build_email
from partnership.home import uk_date
from partnership.models import SentReminder
from partnership.services.reminders import Outbox, Sent, claim_for
from partnership.working_days import add_working_days

from ..models import Attendee, AttendeeStatus, SessionStatus
from ..services.booking import email_context

REMINDER_JOB = "training-booking-reminder"
TEMPLATE = "training/booking_reminder"


def reminder_date(session_date: date) -> date:
    """The day the reminder falls due: N working days before the session's date."""
    return add_working_days(session_date, -settings.TRAINING_BOOKING_REMINDER_WORKING_DAYS)


def _day_start(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def due_reminders(today: date) -> list[Attendee]:
    """Booked attendees whose reminder is due today or was missed, and not yet sent."""
    days = settings.TRAINING_BOOKING_REMINDER_WORKING_DAYS
    # N working days never span more than about 1.5N calendar days plus a holiday season.
    horizon = today + timedelta(days=2 * days + 14)
    attendees = list(
        Attendee.objects.filter(
            status=AttendeeStatus.BOOKED,
            session__status=SessionStatus.SCHEDULED,
            session__starts_at__gte=_day_start(today + timedelta(days=1)),
            session__starts_at__lt=_day_start(horizon + timedelta(days=1)),
        )
        .select_related("session__course", "agency")
        .order_by("session__starts_at", "booked_at", "pk")
    )
    due = [a for a in attendees if reminder_date(a.session.date) <= today]
    if not due:
        return []
    sent = set(
        SentReminder.objects.filter(
            job=REMINDER_JOB,
            object_type=ContentType.objects.get_for_model(Attendee),
            object_id__in=[a.pk for a in due],
            sent_at__isnull=False,
        ).values_list("object_id", "period")
    )
    return [a for a in due if (a.pk, a.session.date) not in sent]


def send_booking_reminders(*, today: date, dry_run: bool = False) -> list[Sent]:
    """Remind each booked attendee once before their session (see the module docstring)."""
    outbox = Outbox("Training booking reminders", dry_run=dry_run)
    for attendee in due_reminders(today):
        session = attendee.session
        summary = f"{attendee.name}: {session.course} on {uk_date(session.date)}"
        claimed, items = claim_for(REMINDER_JOB, [(attendee, session.date)], attendee.email, dry_run=dry_run)
        if not items:
            continue
        message = build_email(to=[attendee.email], template_prefix=TEMPLATE, context=email_context(attendee))
        outbox.send(REMINDER_JOB, claimed, message, summary)
    return outbox.finish()


JOBS = [send_booking_reminders]
