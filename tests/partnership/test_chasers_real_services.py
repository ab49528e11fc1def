"""The chaser against the real services: two runs at once on PostgreSQL send one email, and a
real Celery worker runs the beat-scheduled job through Redis.

These need PostgreSQL (DATABASE_URL) and Redis (REDIS_URL). CI sets REQUIRE_SERVICES=1, so
there a missing service fails the tests instead of skipping them.
"""

import datetime
import os
import time

import pytest
from django.conf import settings
from django.core import mail
from django.db import connection

from partnership.celery import app
from partnership.models import SentReminder
from partnership.services.chasers import CHASER_JOB
from partnership.services.reminders import run_reminders
from tests.conftest import REQUIRE_SERVICES
from tests.factories import ActionFactory, ActionPlanFactory
from tests.workers import celery_worker, require_postgres, sent_emails, twice_at_once

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


def require_redis():
    if not os.environ.get("REDIS_URL"):
        if REQUIRE_SERVICES:
            pytest.fail("REQUIRE_SERVICES=1 but REDIS_URL is not set.")
        pytest.skip("needs Redis: set REDIS_URL (CI does)")


@pytest.fixture
def due_plan(world):
    plan = ActionPlanFactory(
        subgroup=world.subgroup, start_date=datetime.date(2026, 1, 5), title="Child Q plan"
    )
    ActionFactory(plan=plan, due_date=datetime.date(2026, 12, 1))
    return plan


def test_two_runs_at_once_send_the_chaser_once(world, due_plan):
    require_postgres()
    today = datetime.date(2026, 7, 6)
    errors = twice_at_once(lambda: run_reminders(today=today), timeout=60)
    assert not errors, errors
    chasers = [m for m in mail.outbox if "chaser" in m.subject.lower()]
    assert len(chasers) == 1
    assert SentReminder.objects.filter(job=CHASER_JOB, sent_at__isnull=False).count() == 1


def database_url() -> str:
    s = connection.settings_dict
    auth = s["USER"] + (f":{s['PASSWORD']}" if s["PASSWORD"] else "")
    return f"postgres://{auth}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


# send_task always goes through the broker; celery warns that eager mode does not apply to it.
@pytest.mark.filterwarnings("ignore::celery.exceptions.AlwaysEagerIgnored")
def test_a_real_worker_runs_the_beat_scheduled_reminders_through_redis(world, due_plan, tmp_path):
    require_postgres()
    require_redis()
    with celery_worker(tmp_path, DATABASE_URL=database_url()) as (queue, mail_dir, worker):
        entry = settings.CELERY_BEAT_SCHEDULE["send-reminders-daily"]
        # What beat sends at 07:00, sent now; the worker's "today" is the real date, which is
        # past the plan's first six months.
        assert datetime.date.today() >= datetime.date(2026, 7, 5)
        app.send_task(entry["task"], queue=queue)
        deadline = time.monotonic() + 90
        while not SentReminder.objects.filter(job=CHASER_JOB, sent_at__isnull=False).exists():
            assert worker.poll() is None, f"the worker stopped: {worker.stdout.read()}"
            assert time.monotonic() < deadline, "the worker did not send the chaser within 90 seconds"
            time.sleep(0.5)
        [message] = sent_emails(mail_dir)
    assert f"To: {world.subgroup_chair.email}" in message
    assert "Child Q plan" in message
