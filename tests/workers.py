"""The real services for the tests that prove the background path: a real Celery worker process,
PostgreSQL required (`require_postgres`), and one piece of work run twice at the same moment
(`twice_at_once`), as two workers or two beats would."""

import contextlib
import os
import subprocess
import sys
import threading
import uuid
from pathlib import Path

import pytest
from django.db import connection, connections

from tests.conftest import REQUIRE_SERVICES

ROOT = Path(__file__).resolve().parents[1]


def require_postgres() -> None:
    """Skip the test off PostgreSQL; fail it instead where CI requires the services."""
    if connection.vendor != "postgresql":
        if REQUIRE_SERVICES:
            pytest.fail("REQUIRE_SERVICES=1 but the tests are not running on PostgreSQL (set DATABASE_URL).")
        pytest.skip("needs PostgreSQL: set DATABASE_URL (CI does)")


def twice_at_once(work, *, timeout: float = 60) -> list[Exception]:
    """Run `work()` in two threads released at the same moment, each closing its database
    connections when done; returns what they raised (waiting `timeout` seconds for each)."""
    start = threading.Barrier(2)
    errors = []

    def run():
        try:
            start.wait(timeout=10)
            work()
        except Exception as exc:  # noqa: BLE001 - returned to the test
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=timeout)
    return errors


@contextlib.contextmanager
def celery_worker(tmp_path: Path, **env_overrides):
    """Start a worker on a queue of its own, emailing to files in `tmp_path / "mail"`.

    Yields (queue name, mail folder, process). The worker runs the development settings with
    the environment of the test run (REDIS_URL, DATABASE_URL) plus `env_overrides`.
    """
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
        **env_overrides,
    }
    worker = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "partnership", "worker", "--pool=solo", "-Q", queue,
         "--without-heartbeat", "--without-mingle", "--without-gossip", "--loglevel=WARNING"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    try:
        yield queue, mail_dir, worker
    finally:
        worker.terminate()
        worker.wait(timeout=20)


def sent_emails(mail_dir: Path) -> list[str]:
    return [p.read_text() for p in sorted(mail_dir.glob("*.log"))] if mail_dir.exists() else []
