"""The evaluation and follow-up email jobs: who gets what, when, and only once.

Dates: a session on Monday 31 August 2026. The evaluation is due from 1 September; its
reminder 7 days after it was sent; the follow-up three months on, 30 November 2026 (31 August
+ 3 months, clamped to the month's end); its reminder 14 days after that.
"""

import datetime
import re

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from partnership.models import SentReminder
from partnership.services.reminders import run_reminders
from tests.queries import capturing
from training import links
from training.jobs.feedback import common, evaluation, follow_up
from training.models import FormLink, LinkPurpose
from training.services.feedback import choose_sample, evaluation_submit, follow_up_submit

from .factories import AttendeeFactory, CourseFactory, LearningOutcomeFactory, SessionFactory

pytestmark = pytest.mark.django_db

SESSION_DAY = datetime.date(2026, 8, 31)
FOLLOW_UP_DAY = datetime.date(2026, 11, 30)


def at(day: datetime.date, hour: int = 7):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 0)))


def make_session(day=SESSION_DAY, *, percent=100, attendees=3, attended=True, **course):
    course = CourseFactory(title="Recognising neglect", follow_up_sample_percent=percent, **course)
    LearningOutcomeFactory(course=course, number=1, text="Recognise the signs of neglect")
    session = SessionFactory(course=course, starts_at=at(day, 9), ends_at=at(day, 12))
    for _ in range(attendees):
        AttendeeFactory(session=session, attended=attended)
    return session


def run(job, day: datetime.date):
    """Run one job on `day` at 07:00; return (job, recipient) of each email sent."""
    before = len(mail.outbox)
    with time_machine.travel(at(day), tick=False):
        results = job(today=day)
    assert len(mail.outbox) - before == len([r for r in results if r.status == "sent"])
    return sorted((r.job, r.recipients[0]) for r in results)


def link_in(message) -> str:
    return re.search(r"http\S+/training/t/\S+/", message.body).group(0)


# --- the evaluation ------------------------------------------------------------------------


def test_the_evaluation_goes_the_morning_after_to_each_attendee_once(world):
    session = make_session()
    no_show = AttendeeFactory(session=session, attended=False)
    cancelled = AttendeeFactory(session=session, attended=True, status="cancelled")
    people = sorted(a.email for a in session.attendees.filter(attended=True, status="booked"))
    assert run(evaluation.send_evaluations, SESSION_DAY) == []  # the day itself: not yet
    sent = run(evaluation.send_evaluations, SESSION_DAY + datetime.timedelta(days=1))
    assert sent == [(common.EVALUATION_JOB, email) for email in people]
    assert no_show.email not in {r for _j, r in sent} and cancelled.email not in {r for _j, r in sent}
    assert run(evaluation.send_evaluations, SESSION_DAY + datetime.timedelta(days=1)) == []  # twice
    assert run(evaluation.send_evaluations, SESSION_DAY + datetime.timedelta(days=5)) == []  # and later
    assert FormLink.objects.filter(purpose=LinkPurpose.EVALUATION).count() == 3


def test_the_evaluation_email_stands_on_its_own(world, settings):
    settings.SITE_URL = "https://learning.example.org"
    session = make_session(attendees=1)
    attendee = session.attendees.get()
    run(evaluation.send_evaluations, SESSION_DAY + datetime.timedelta(days=1))
    [message] = mail.outbox
    assert message.to == [attendee.email]
    assert "Recognising neglect" in message.subject and "31 August 2026" in message.subject
    assert "Monday 31 August 2026" in message.body
    assert "5 minutes" in message.body and "Why we ask" in message.body
    link = FormLink.objects.get(attendee=attendee, purpose=LinkPurpose.EVALUATION)
    assert links.url_for(link) in message.body and links.url_for(link).startswith(
        "https://learning.example.org/"
    )
    # The link closes TRAINING_EVALUATION_LINK_DAYS (30) after the email: the end of 1 October.
    assert timezone.localtime(link.expires_at).date() == datetime.date(2026, 10, 1)
    assert "Thursday 1 October 2026" in message.body
    html = message.alternatives[0]
    assert html[1] == "text/html" and links.url_for(link) in html[0]


def test_a_session_whose_attendance_is_not_marked_waits_until_it_is(world):
    session = make_session(attended=None)
    assert run(evaluation.send_evaluations, SESSION_DAY + datetime.timedelta(days=1)) == []
    session.attendees.update(attended=True)
    sent = run(evaluation.send_evaluations, SESSION_DAY + datetime.timedelta(days=4))
    assert len(sent) == 3


def test_no_evaluation_for_sessions_older_than_the_link_lifetime_or_cancelled(world):
    make_session(SESSION_DAY - datetime.timedelta(days=31))
    cancelled = make_session(SESSION_DAY)
    cancelled.status = "cancelled"
    cancelled.save()
    assert run(evaluation.send_evaluations, SESSION_DAY + datetime.timedelta(days=1)) == []


def test_one_evaluation_reminder_seven_days_on_to_those_who_have_not_answered(world):
    session = make_session()
    first, second, third = session.attendees.order_by("pk")
    run(evaluation.send_evaluations, SESSION_DAY + datetime.timedelta(days=1))
    evaluation_link = FormLink.objects.get(attendee=first, purpose=LinkPurpose.EVALUATION)
    outcome = session.course.outcomes.get()
    with time_machine.travel(at(SESSION_DAY + datetime.timedelta(days=2)), tick=False):
        evaluation_submit(link=evaluation_link, overall_rating=5, confidences={outcome.pk: (2, 4)})
    assert (
        run(evaluation.send_evaluation_reminders, SESSION_DAY + datetime.timedelta(days=7)) == []
    )  # six days on
    sent = run(evaluation.send_evaluation_reminders, SESSION_DAY + datetime.timedelta(days=8))
    assert sent == sorted((common.EVALUATION_REMINDER_JOB, a.email) for a in (second, third))
    reminder = mail.outbox[-1]
    assert reminder.subject.startswith("Reminder:")
    # The same link as the first email.
    same = FormLink.objects.get(
        attendee=second if second.email in reminder.to else third, purpose="evaluation"
    )
    assert links.url_for(same) in reminder.body
    assert run(evaluation.send_evaluation_reminders, SESSION_DAY + datetime.timedelta(days=8)) == []
    assert run(evaluation.send_evaluation_reminders, SESSION_DAY + datetime.timedelta(days=20)) == []


def test_no_evaluation_reminder_once_the_link_has_closed(world, settings):
    settings.TRAINING_EVALUATION_LINK_DAYS = 5
    make_session(attendees=1)
    run(evaluation.send_evaluations, SESSION_DAY + datetime.timedelta(days=1))
    assert run(evaluation.send_evaluation_reminders, SESSION_DAY + datetime.timedelta(days=8)) == []


# --- the three-month follow-up ----------------------------------------------------------------


def test_the_follow_up_goes_three_months_on_to_the_sampled_and_their_managers_once(world):
    session = make_session(percent=50, attendees=5)
    no_manager = session.attendees.order_by("pk").last()
    no_manager.manager_email = ""
    no_manager.save()
    AttendeeFactory(session=session, attended=False)  # a no-show is never sampled
    assert run(follow_up.send_follow_ups, FOLLOW_UP_DAY - datetime.timedelta(days=1)) == []
    session.refresh_from_db()
    assert session.follow_up_sampled_at is None  # not drawn before it is due

    sent = run(follow_up.send_follow_ups, FOLLOW_UP_DAY)
    session.refresh_from_db()
    assert session.follow_up_sampled_at is not None
    attended = list(session.attendees.filter(attended=True).order_by("pk"))
    expected = choose_sample(session.pk, 50, attended)  # ceil(50% of 5) = 3, seeded by the session
    assert len(expected) == 3
    assert set(session.attendees.filter(follow_up_sampled=True)) == set(expected)
    wanted = [("training-follow-up", a.email) for a in expected]
    wanted += [("training-follow-up-manager", a.manager_email) for a in expected if a.manager_email]
    assert sent == sorted(wanted)
    # Twice on the day, and the days after: nothing more, and the sample is not redrawn.
    drawn_at = session.follow_up_sampled_at
    assert run(follow_up.send_follow_ups, FOLLOW_UP_DAY) == []
    assert run(follow_up.send_follow_ups, FOLLOW_UP_DAY + datetime.timedelta(days=3)) == []
    session.refresh_from_db()
    assert session.follow_up_sampled_at == drawn_at


def test_each_person_gets_their_own_follow_up_link(world):
    session = make_session(attendees=1)
    attendee = session.attendees.get()
    run(follow_up.send_follow_ups, FOLLOW_UP_DAY)
    by_recipient = {m.to[0]: m for m in mail.outbox}
    participant = FormLink.objects.get(attendee=attendee, purpose=LinkPurpose.FOLLOW_UP_PARTICIPANT)
    manager = FormLink.objects.get(attendee=attendee, purpose=LinkPurpose.FOLLOW_UP_MANAGER)
    assert link_in(by_recipient[attendee.email]) == links.url_for(participant)
    assert link_in(by_recipient[attendee.manager_email]) == links.url_for(manager)
    assert attendee.name in by_recipient[attendee.manager_email].subject
    assert "Monday 31 August 2026" in by_recipient[attendee.manager_email].body
    # Closes 30 days after it was sent.
    assert timezone.localtime(participant.expires_at).date() == datetime.date(2026, 12, 30)
    assert "Wednesday 30 December 2026" in by_recipient[attendee.email].body


def test_the_follow_up_is_not_started_once_its_window_has_passed(world):
    make_session(SESSION_DAY - datetime.timedelta(days=40))
    assert run(follow_up.send_follow_ups, FOLLOW_UP_DAY) == []


def test_a_course_sampling_nobody_sends_no_follow_up(world):
    session = make_session(percent=0)
    assert run(follow_up.send_follow_ups, FOLLOW_UP_DAY) == []
    session.refresh_from_db()
    assert session.follow_up_sampled_at is not None


def test_one_follow_up_reminder_fourteen_days_on_to_each_who_has_not_answered(world):
    session = make_session(attendees=2)
    answered, waiting = session.attendees.order_by("pk")
    run(follow_up.send_follow_ups, FOLLOW_UP_DAY)
    with time_machine.travel(at(FOLLOW_UP_DAY + datetime.timedelta(days=2)), tick=False):
        follow_up_submit(
            link=FormLink.objects.get(attendee=answered, purpose=LinkPurpose.FOLLOW_UP_PARTICIPANT),
            practice_changed="yes",
        )
        follow_up_submit(
            link=FormLink.objects.get(attendee=waiting, purpose=LinkPurpose.FOLLOW_UP_MANAGER),
            practice_changed="partly",
            example="Now chairs the strategy discussion.",
        )
    assert run(follow_up.send_follow_up_reminders, FOLLOW_UP_DAY + datetime.timedelta(days=13)) == []
    sent = run(follow_up.send_follow_up_reminders, FOLLOW_UP_DAY + datetime.timedelta(days=14))
    assert sent == sorted(
        [
            ("training-follow-up-manager-reminder", answered.manager_email),
            ("training-follow-up-reminder", waiting.email),
        ]
    )
    assert all(m.subject.startswith("Reminder:") for m in mail.outbox[-2:])
    assert run(follow_up.send_follow_up_reminders, FOLLOW_UP_DAY + datetime.timedelta(days=14)) == []
    assert run(follow_up.send_follow_up_reminders, FOLLOW_UP_DAY + datetime.timedelta(days=25)) == []


def test_no_follow_up_reminder_after_the_link_closes(world, settings):
    settings.TRAINING_FOLLOW_UP_LINK_DAYS = 10
    make_session(attendees=1)
    run(follow_up.send_follow_ups, FOLLOW_UP_DAY)
    assert run(follow_up.send_follow_up_reminders, FOLLOW_UP_DAY + datetime.timedelta(days=14)) == []


# --- through send_reminders -----------------------------------------------------------------


def test_send_reminders_runs_the_jobs_and_a_second_run_sends_nothing(world):
    make_session(attendees=2)  # follow-up due on FOLLOW_UP_DAY
    make_session(FOLLOW_UP_DAY - datetime.timedelta(days=1), attendees=2)  # evaluation due
    with time_machine.travel(at(FOLLOW_UP_DAY), tick=False):
        first = [r for r in run_reminders(today=FOLLOW_UP_DAY) if r.job.startswith("training-")]
        second = [r for r in run_reminders(today=FOLLOW_UP_DAY) if r.job.startswith("training-")]
    assert sorted(r.job for r in first) == sorted(
        ["training-evaluation"] * 2 + ["training-follow-up"] * 2 + ["training-follow-up-manager"] * 2
    )
    assert second == []
    recipients = [m.to[0] for m in mail.outbox]
    assert len(recipients) == len(set(recipients)) == 6


def test_a_dry_run_lists_the_emails_and_sends_and_records_nothing(world):
    session = make_session(attendees=2)
    with time_machine.travel(at(FOLLOW_UP_DAY), tick=False):
        results = follow_up.send_follow_ups(today=FOLLOW_UP_DAY, dry_run=True)
    assert len(results) == 4 and {r.status for r in results} == {"would send"}
    assert mail.outbox == [] and not SentReminder.objects.exists() and not FormLink.objects.exists()
    session.refresh_from_db()
    assert session.follow_up_sampled_at is None


# --- no query per person ---------------------------------------------------------------------


def queries_for(job, day, *, sessions, per_session):
    for n in range(sessions):
        make_session(SESSION_DAY - datetime.timedelta(days=n % 3), attendees=per_session)
    run(job, day)  # the first run sends
    with time_machine.travel(at(day), tick=False), capturing() as captured:
        assert job(today=day) == []  # the rerun finds everything sent, without a query per person
    return len(captured)


@pytest.mark.parametrize(
    "job,day",
    [
        (evaluation.send_evaluations, SESSION_DAY + datetime.timedelta(days=3)),
        (follow_up.send_follow_ups, FOLLOW_UP_DAY + datetime.timedelta(days=3)),
    ],
)
def test_a_rerun_costs_the_same_few_queries_however_many_are_due(world, job, day):
    small = queries_for(job, day, sessions=1, per_session=2)
    SentReminder.objects.all().delete()
    large = queries_for(job, day + datetime.timedelta(days=1), sessions=3, per_session=6)
    assert small == large and large <= 8
