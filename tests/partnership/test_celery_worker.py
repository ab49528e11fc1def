"""The real background path: a task sent through Redis is run by a real worker process.

Needs Redis (REDIS_URL). CI sets REQUIRE_SERVICES=1, so there a missing Redis fails the test.
"""

import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.conf import settings

from partnership.celery import app
from partnership.tasks import send_email_task
from tests.conftest import REQUIRE_SERVICES

pytestmark = pytest.mark.services

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def redis_url():
    url = os.environ.get("REDIS_URL", "")
    if not url:
        if REQUIRE_SERVICES:
            pytest.fail("REDIS_URL is not set but REQUIRE_SERVICES=1: Redis is required here.")
        pytest.skip("REDIS_URL is not set: the real worker test runs in CI against Redis.")
    return url


def test_a_task_sent_through_redis_is_run_by_a_real_worker(redis_url, tmp_path):
    assert settings.CELERY_BROKER_URL == redis_url
    queue = f"test-{uuid.uuid4().hex}"
    mail_dir = tmp_path / "mail"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "partnership.settings.base",
        "LEARNING_ENV": "development",
        "LEARNING_VAR_DIR": str(tmp_path / "var"),
        "SECRET_KEY": "worker-test-secret-key-not-for-production-use-0123456789",
        "EMAIL_URL": "filemail://",
        "EMAIL_FILE_PATH": str(mail_dir),
    }
    worker = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "partnership", "worker", "--pool=solo", "-Q", queue,
         "--without-heartbeat", "--without-mingle", "--without-gossip", "--loglevel=WARNING"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    try:
        app.conf.task_always_eager = False
        payload = {
            "subject": "Worker check",
            "text": "This email was sent by a Celery worker through Redis.",
            "html": "<p>This email was sent by a Celery worker through Redis.</p>",
            "to": ["chair@example.org"],
            "cc": [],
        }
        send_email_task.apply_async(args=[payload], queue=queue)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            files = list(mail_dir.glob("*.log")) if mail_dir.exists() else []
            if files:
                break
            assert worker.poll() is None, f"the worker stopped: {worker.stdout.read()}"
            time.sleep(0.5)
        else:
            pytest.fail("the worker did not send the email within 60 seconds")
        body = files[0].read_text()
        assert "Subject: Worker check" in body
        assert "To: chair@example.org" in body
        assert "This email was sent by a Celery worker through Redis." in body
    finally:
        app.conf.task_always_eager = True
        worker.terminate()
        worker.wait(timeout=20)
