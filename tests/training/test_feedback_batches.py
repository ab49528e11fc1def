"""The feedback jobs send a batch of emails over one connection to the mail server and mark each
sent as soon as it has gone. An email is marked sent only once it has gone: one that
fails for a transient reason is released for the next run, and a failure part-way leaves the
emails not yet sent claimable again once their claims lapse. Nobody gets an email twice."""

import datetime
import smtplib

import pytest
import time_machine
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.utils import timezone

from partnership.models import SentReminder
from partnership.services.reminders import RemindersIncomplete
from training.jobs.feedback import common, follow_up

from .factories import AttendeeFactory, CourseFactory, SessionFactory

pytestmark = pytest.mark.django_db

SESSION_DAY = datetime.date(2026, 8, 31)
FOLLOW_UP_DAY = datetime.date(2026, 11, 30)


class FlakyBackend(EmailBackend):
    """The test outbox, with a mail server that refuses some recipients (a transient error),
    breaks after a number of emails (any other error), or is down; it counts the connections."""

    refuse: set[str] = set()
    break_after: int | None = None
    down = False
    opened = 0

    def open(self):
        if FlakyBackend.down:
            raise smtplib.SMTPConnectError(421, "Service not available")
        FlakyBackend.opened += 1
        return True

    def send_messages(self, messages):
        for message in messages:
            if set(message.to) & FlakyBackend.refuse:
                raise smtplib.SMTPRecipientsRefused({message.to[0]: (450, b"Mailbox busy")})
            if FlakyBackend.break_after is not None and len(mail.outbox) >= FlakyBackend.break_after:
                raise RuntimeError("the process was stopped")
        return super().send_messages(messages)


@pytest.fixture
def flaky(settings):
    settings.EMAIL_BACKEND = "tests.training.test_feedback_batches.FlakyBackend"
    FlakyBackend.refuse, FlakyBackend.break_after, FlakyBackend.down = set(), None, False
    FlakyBackend.opened = 0
    yield FlakyBackend
    FlakyBackend.refuse, FlakyBackend.break_after, FlakyBackend.down = set(), None, False


def at(day: datetime.date, hour: int = 7):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 0)))


def make_session(attendees: int):
    """A session three months before FOLLOW_UP_DAY whose every attendee is sampled; no managers,
    so one follow-up email per attendee."""
    course = CourseFactory(title="Recognising neglect", follow_up_sample_percent=100)
    session = SessionFactory(course=course, starts_at=at(SESSION_DAY, 9), ends_at=at(SESSION_DAY, 12))
    return [AttendeeFactory(session=session, attended=True, manager_email="") for _ in range(attendees)]


def follow_ups(day=FOLLOW_UP_DAY, *, hour: int = 7):
    with time_machine.travel(at(day, hour), tick=False):
        return follow_up.send_follow_ups(today=day)


def sent_rows():
    return SentReminder.objects.filter(job="training-follow-up")


def test_a_batch_goes_over_one_connection_and_is_marked_sent(world, flaky, monkeypatch):
    monkeypatch.setattr(common, "BATCH", 3)
    people = make_session(attendees=7)
    results = follow_ups()
    assert sorted(m.to[0] for m in mail.outbox) == sorted(p.email for p in people)
    assert {r.status for r in results} == {"sent"}
    assert flaky.opened == 3  # batches of 3, 3 and 1
    assert sent_rows().filter(sent_at__isnull=False).count() == 7


def test_a_refused_email_is_released_and_only_it_goes_on_the_next_run(world, flaky):
    people = make_session(attendees=4)
    refused = people[1].email
    flaky.refuse = {refused}
    with pytest.raises(RemindersIncomplete):
        follow_ups()
    assert sorted(m.to[0] for m in mail.outbox) == sorted(p.email for p in people if p.email != refused)
    row = sent_rows().get(recipient=refused)
    assert (row.sent_at, row.claim_token, row.claimed_at) == (None, None, None)
    assert row.last_error.startswith("SMTPRecipientsRefused")
    assert sent_rows().filter(sent_at__isnull=False).count() == 3

    flaky.refuse = set()
    follow_ups(hour=8)
    assert sorted(m.to[0] for m in mail.outbox) == sorted(p.email for p in people)  # once each
    assert sent_rows().filter(sent_at__isnull=False).count() == 4


def test_a_failure_part_way_marks_what_went_and_leaves_the_rest_to_a_later_run(world, flaky, settings):
    people = make_session(attendees=5)
    flaky.break_after = 2
    with pytest.raises(RuntimeError):
        follow_ups()
    assert len(mail.outbox) == 2
    went = {m.to[0] for m in mail.outbox}
    assert set(sent_rows().filter(sent_at__isnull=False).values_list("recipient", flat=True)) == went
    assert not sent_rows().filter(sent_at__isnull=True, claim_token__isnull=True).exists()  # still claimed

    flaky.break_after = None
    follow_ups(hour=7)  # the same moment: the claims of the three not sent still hold
    assert len(mail.outbox) == 2
    later = settings.REMINDER_CLAIM_TIMEOUT_MINUTES + 1
    with time_machine.travel(at(FOLLOW_UP_DAY) + datetime.timedelta(minutes=later), tick=False):
        follow_up.send_follow_ups(today=FOLLOW_UP_DAY)
    assert sorted(m.to[0] for m in mail.outbox) == sorted(p.email for p in people)  # once each
    assert sent_rows().filter(sent_at__isnull=False).count() == 5


def test_a_mail_server_that_is_down_sends_nothing_and_releases_every_claim(world, flaky):
    people = make_session(attendees=3)
    flaky.down = True
    with pytest.raises(RemindersIncomplete):
        follow_ups()
    assert mail.outbox == []
    assert sent_rows().count() == 3
    assert not sent_rows().filter(claim_token__isnull=False).exists()
    assert not sent_rows().filter(sent_at__isnull=False).exists()

    flaky.down = False
    follow_ups(hour=8)
    assert sorted(m.to[0] for m in mail.outbox) == sorted(p.email for p in people)


def test_the_draw_marks_the_sample_and_records_it_in_their_history(world, flaky):
    people = make_session(attendees=3)
    follow_ups()
    for person in people:
        person.refresh_from_db()
        assert person.follow_up_sampled
        latest = person.history.order_by("-history_id").first()  # the newest row written
        assert (latest.follow_up_sampled, latest.history_type, latest.history_change_reason) == (
            True,
            "~",
            "Drawn for the follow-up",
        )
