"""The daily clock warnings (reviews/reminders.py): the business unit and the review's lead are
warned 3 working days before a statutory clock runs out and on the first day it is missed, once
each however often the job runs, and never once the clock is met."""

import datetime
from io import StringIO

import pytest
from django.conf import settings
from django.core import mail
from django.core.management import call_command

from partnership.services.reminders import run_reminders
from tests.factories import NotificationFactory, ReviewFactory

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def review(world):
    # Aware on Monday 2 March 2026: the Panel must be notified by Monday 9 March (5 working days).
    notification = NotificationFactory(became_aware_on=D(2026, 3, 2), notified_on=None)
    return ReviewFactory(notification=notification, lead=world.business_unit, reference="RR-WARN-1")


def warnings() -> list:
    return [m for m in mail.outbox if "RR-WARN-1" in m.subject]


def run(day):
    before = len(warnings())
    run_reminders(today=day)
    return warnings()[before:]


def test_warned_three_working_days_before_and_on_the_first_day_missed_once_each(world, review):
    assert run(D(2026, 3, 3)) == []  # four working days left: too early
    sent = run(D(2026, 3, 4))  # Wednesday: 3 working days before Monday 9 March
    assert sorted(m.to[0] for m in sent) == sorted([settings.BUSINESS_UNIT_EMAIL, world.business_unit.email])
    assert all(m.subject.startswith("Due soon: Notification to the national Panel") for m in sent)
    assert "Child Q" in sent[0].subject
    assert run(D(2026, 3, 4)) == []  # run twice: nothing more
    assert run(D(2026, 3, 5)) == []  # next days: nothing more
    assert run(D(2026, 3, 9)) == []  # due today: warned already

    missed = run(D(2026, 3, 10))
    assert len(missed) == 2
    assert all(m.subject.startswith("Missed: Notification to the national Panel") for m in missed)
    assert run(D(2026, 3, 10)) == []
    assert run(D(2026, 3, 11)) == []


def test_a_warning_missed_on_its_day_goes_on_a_later_run_before_the_due_date(world, review):
    assert len(run(D(2026, 3, 6))) == 2  # the job did not run on Wednesday or Thursday
    assert run(D(2026, 3, 9)) == []


def test_nothing_once_the_clock_is_met(world, review):
    review.notification.notified_on = D(2026, 3, 3)
    review.notification.save()
    for day in (D(2026, 3, 4), D(2026, 3, 9), D(2026, 3, 10), D(2026, 3, 12)):
        assert run(day) == []
    # The Rapid Review's own clock (15 working days from the notification, due 24 March) warns
    # in its turn, and stops once the Rapid Review is sent to the Panel.
    sent = run(D(2026, 3, 19))
    assert len(sent) == 2
    assert all("Rapid Review complete and sent to the Panel" in m.subject for m in sent)
    review.sent_to_panel_on = D(2026, 3, 20)
    review.save()
    assert run(D(2026, 3, 25)) == []


def test_no_warnings_for_a_closed_review(world, review):
    review.stage = "closed"
    review.save()
    assert run(D(2026, 3, 4)) == [] and run(D(2026, 3, 10)) == []


def test_a_dry_run_lists_the_warnings_and_sends_nothing(world, review):
    out = StringIO()
    call_command("send_reminders", "--dry-run", "--date=2026-03-04", stdout=out)
    lines = [line for line in out.getvalue().splitlines() if "RR-WARN-1" in line]
    assert len(lines) == 2
    assert all("would send" in line and "Due soon" in line for line in lines)
    assert warnings() == []
    # A dry run claims nothing: the real run still sends both.
    assert len(run(D(2026, 3, 4))) == 2
