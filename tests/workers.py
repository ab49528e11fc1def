"""A real Celery worker process for the tests that prove the background path."""

import contextlib
import os
import subprocess
import sys
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


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
