"""The booking reminder: two working days before the session, once, to booked attendees only,
with the cancellation link; a dry run sends nothing."""

import datetime

import pytest
import time_machine
from django.core import mail
from django.test import override_settings
from django.utils import timezone

from partnership.services.reminders import run_reminders
from training import links
from training.jobs.booking import REMINDER_JOB, reminder_date, send_booking_reminders
from training.models import Attendee, Session
from training.services.booking import cancel_link

from .factories import AttendeeFactory, CourseFactory, SessionFactory

pytestmark = pytest.mark.django_db


def session_on(day: datetime.date, **kwargs) -> Session:
    start = timezone.make_aware(datetime.datetime.combine(day, datetime.time(9, 30)))
    return SessionFactory(
        course=CourseFactory(title="Neglect: seeing the child"),
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=3),
        venue="Northbrook Civic Centre, Room 2",
        **kwargs,
    )


def run(today: datetime.date, **kwargs):
    with time_machine.travel(datetime.datetime.combine(today, datetime.time(7, 0), tzinfo=datetime.UTC)):
        return send_booking_reminders(today=today, **kwargs)


def reminders():
    return [m for m in mail.outbox if m.subject.startswith("Reminder:")]


@pytest.mark.parametrize(
    "session_day, due",
    [
        (datetime.date(2026, 12, 3), datetime.date(2026, 12, 1)),  # Thursday: Tuesday
        (datetime.date(2026, 12, 7), datetime.date(2026, 12, 3)),  # Monday: the Thursday before
        # Tuesday 29 December: Christmas Day and the substitute Boxing Day are skipped.
        (datetime.date(2026, 12, 29), datetime.date(2026, 12, 23)),
    ],
)
def test_the_reminder_falls_due_two_working_days_before(session_day, due):
    assert reminder_date(session_day) == due


@override_settings(TRAINING_BOOKING_REMINDER_WORKING_DAYS=3)
def test_the_number_of_working_days_is_a_setting():
    assert reminder_date(datetime.date(2026, 12, 3)) == datetime.date(2026, 11, 30)


def test_each_booked_attendee_is_reminded_once_even_when_the_job_runs_twice():
    session = session_on(datetime.date(2026, 12, 3))
    booked = [AttendeeFactory(session=session, email=f"p{n}@example.org") for n in (1, 2)]
    for status in ("waiting", "cancelled", "awaiting_approval", "declined"):
        AttendeeFactory(session=session, status=status)

    assert run(datetime.date(2026, 11, 30)) == []  # not due yet
    first = run(datetime.date(2026, 12, 1))
    second = run(datetime.date(2026, 12, 1))
    third = run(datetime.date(2026, 12, 2))  # the next day: nothing new either
    assert len(first) == 2 and second == [] and third == []
    assert sorted(m.to[0] for m in reminders()) == ["p1@example.org", "p2@example.org"]
    assert len(run_reminders(today=datetime.date(2026, 12, 1))) == 0  # through send_reminders too

    email = next(m for m in reminders() if m.to == [booked[0].email])
    assert email.subject == "Reminder: Neglect: seeing the child on Thursday 3 December 2026 at 09:30"
    assert "Thursday 3 December 2026, 09:30 to 12:30" in email.body
    assert "Northbrook Civic Centre, Room 2" in email.body
    assert links.url_for(cancel_link(booked[0])) in email.body
    assert links.url_for(cancel_link(booked[0])) in email.alternatives[0][0]


def test_a_missed_run_sends_the_next_day_but_never_on_the_day():
    session = session_on(datetime.date(2026, 12, 3))
    AttendeeFactory(session=session)
    assert len(run(datetime.date(2026, 12, 2))) == 1
    late = session_on(datetime.date(2026, 12, 2))
    AttendeeFactory(session=late)
    assert run(datetime.date(2026, 12, 2)) == []


def test_send_reminders_runs_the_booking_job():
    AttendeeFactory(session=session_on(datetime.date(2026, 12, 3)))
    with time_machine.travel(datetime.datetime(2026, 12, 1, 7, 0, tzinfo=datetime.UTC)):
        results = run_reminders(today=datetime.date(2026, 12, 1))
    assert [r.job for r in results if r.job == REMINDER_JOB] == [REMINDER_JOB]
    assert len(reminders()) == 1


def test_a_dry_run_sends_nothing_and_lists_what_it_would_send():
    attendee = AttendeeFactory(session=session_on(datetime.date(2026, 12, 3)), name="Ruth Ahmed")
    results = run(datetime.date(2026, 12, 1), dry_run=True)
    assert [(r.status, r.recipients) for r in results] == [("would send", [attendee.email])]
    assert "Ruth Ahmed" in results[0].summary
    assert mail.outbox == []
    assert len(run(datetime.date(2026, 12, 1))) == 1
    assert run(datetime.date(2026, 12, 1), dry_run=True) == []


def test_a_cancelled_session_or_a_cancelled_place_is_not_reminded():
    cancelled = session_on(datetime.date(2026, 12, 3), status=Session.Status.CANCELLED)
    AttendeeFactory(session=cancelled)
    place = AttendeeFactory(session=session_on(datetime.date(2026, 12, 3)))
    Attendee.objects.filter(pk=place.pk).update(status=Attendee.Status.CANCELLED)
    assert run(datetime.date(2026, 12, 1)) == []
    assert mail.outbox == []


def test_moving_the_session_to_another_date_reminds_again():
    session = session_on(datetime.date(2026, 12, 3))
    AttendeeFactory(session=session)
    assert len(run(datetime.date(2026, 12, 1))) == 1
    later = timezone.make_aware(datetime.datetime(2026, 12, 10, 9, 30))
    Session.objects.filter(pk=session.pk).update(starts_at=later, ends_at=later + datetime.timedelta(hours=3))
    assert run(datetime.date(2026, 12, 2)) == []
    assert len(run(datetime.date(2026, 12, 8))) == 1
