"""The evaluation and follow-up emails when two runs overlap, on the real PostgreSQL: two
threads at once, and two real `send_reminders` processes at once. Each person gets one email of
each kind, and the follow-up sample is drawn once.

These need PostgreSQL (DATABASE_URL). CI sets REQUIRE_SERVICES=1, so there a missing service
fails the tests instead of skipping them.
"""

import datetime
import os
import subprocess
import sys
from collections import Counter

import pytest
from dateutil.relativedelta import relativedelta
from django.core import mail
from django.db import connection
from django.utils import timezone

from partnership.models import SentReminder
from tests.workers import ROOT, require_postgres, sent_emails, twice_at_once
from training.jobs import feedback as jobs
from training.models import Session

from .factories import AttendeeFactory, CourseFactory, SessionFactory

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


def at(day: datetime.date, hour: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


@pytest.fixture
def due(db):
    """Yesterday's session (evaluations due) and one three months ago (follow-ups due), each
    with four attendees who attended; half of the older one's are sampled. Returns the
    recipients each kind of email should reach, once."""
    today = timezone.localdate()
    yesterday = SessionFactory(starts_at=at(today - datetime.timedelta(days=1), 9),
                               ends_at=at(today - datetime.timedelta(days=1), 12))  # fmt: skip
    three_months = today - relativedelta(months=3)
    older = SessionFactory(course=CourseFactory(follow_up_sample_percent=50),
                           starts_at=at(three_months, 9), ends_at=at(three_months, 12))  # fmt: skip
    for session in (yesterday, older):
        for _ in range(4):
            AttendeeFactory(session=session, attended=True)
    return today, yesterday, older


def check_once(recipients: list[str], yesterday, older):
    older = Session.objects.get(pk=older.pk)
    sampled = list(older.attendees.filter(follow_up_sampled=True))
    assert len(sampled) == 2 and older.follow_up_sampled_at is not None
    expected = [a.email for a in yesterday.attendees.all()]
    expected += [a.email for a in sampled] + [a.manager_email for a in sampled]
    assert Counter(recipients) == Counter(expected)  # everyone once, nobody else
    assert SentReminder.objects.filter(sent_at__isnull=False, job__startswith="training-").count() == 8


def test_two_runs_at_once_send_each_email_once(due):
    require_postgres()
    today, yesterday, older = due

    def run():
        for job in jobs.JOBS:
            job(today=today)

    errors = twice_at_once(run, timeout=120)
    assert not errors, errors
    check_once([m.to[0] for m in mail.outbox], yesterday, older)


def database_url() -> str:
    s = connection.settings_dict
    auth = s["USER"] + (f":{s['PASSWORD']}" if s["PASSWORD"] else "")
    return f"postgres://{auth}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


def test_two_send_reminders_processes_at_once_send_each_email_once(due, tmp_path):
    require_postgres()
    today, yesterday, older = due
    mail_dir = tmp_path / "mail"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "partnership.settings.base",
        "LEARNING_ENV": "development",
        "LEARNING_VAR_DIR": str(tmp_path / "var"),
        "SECRET_KEY": "process-test-secret-key-not-for-production-use-0123456789",
        "EMAIL_URL": "filemail://",
        "EMAIL_FILE_PATH": str(mail_dir),
        "DATABASE_URL": database_url(),
    }
    command = [sys.executable, "manage.py", "send_reminders", "--date", today.isoformat()]
    processes = [
        subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
        )
        for _ in range(2)
    ]
    outputs = [p.communicate(timeout=180)[0] for p in processes]
    assert [p.returncode for p in processes] == [0, 0], outputs
    recipients = [
        line.split(":", 1)[1].strip()
        for message in sent_emails(mail_dir)
        for line in message.splitlines()
        if line.startswith("To: ")
    ]
    check_once(recipients, yesterday, older)
