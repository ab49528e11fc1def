"""The real background path: a task sent through Redis is run by a real worker process.

Needs Redis (REDIS_URL). CI sets REQUIRE_SERVICES=1, so there a missing Redis fails the test.
"""

import os
import time

import pytest
from django.conf import settings

from partnership.celery import app
from partnership.tasks import send_email_task
from tests.conftest import REQUIRE_SERVICES
from tests.workers import celery_worker, sent_emails

pytestmark = pytest.mark.services


@pytest.fixture
def redis_url():
    url = os.environ.get("REDIS_URL", "")
    if not url:
        if REQUIRE_SERVICES:
            pytest.fail("REDIS_URL is not set but REQUIRE_SERVICES=1: Redis is required here.")
        pytest.skip("REDIS_URL is not set: the real worker test runs in CI against Redis.")
    return url


def test_a_task_sent_through_redis_is_run_by_a_real_worker(redis_url, tmp_path):
    assert redis_url == settings.CELERY_BROKER_URL
    payload = {
        "subject": "Worker check",
        "text": "This email was sent by a Celery worker through Redis.",
        "html": "<p>This email was sent by a Celery worker through Redis.</p>",
        "to": ["chair@example.org"],
        "cc": [],
    }
    with celery_worker(tmp_path) as (queue, mail_dir, worker):
        app.conf.task_always_eager = False
        try:
            send_email_task.apply_async(args=[payload], queue=queue)
        finally:
            app.conf.task_always_eager = True
        deadline = time.monotonic() + 60
        while not sent_emails(mail_dir):
            assert worker.poll() is None, f"the worker stopped: {worker.stdout.read()}"
            assert time.monotonic() < deadline, "the worker did not send the email within 60 seconds"
            time.sleep(0.5)
        [body] = sent_emails(mail_dir)
    assert "Subject: Worker check" in body
    assert "To: chair@example.org" in body
    assert "This email was sent by a Celery worker through Redis." in body
