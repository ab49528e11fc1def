"""Production refuses to start without its secrets; with them, Django's deploy checks pass.
The broker, the task limits and the reminder claims agree with each other."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

PRODUCTION = {
    "LEARNING_ENV": "production",
    "SECRET_KEY": "a-test-secret-key-that-is-long-and-random-enough-0123456789abcdef",
    "ALLOWED_HOSTS": "learning.example.org",
    "SITE_URL": "https://learning.example.org",
    "EMAIL_URL": "smtp+tls://mailer:secret@smtp.example.org:587",
    "DJANGO_SETTINGS_MODULE": "partnership.settings.base",
}


def run_manage(*args, **env_overrides):
    env = {k: v for k, v in os.environ.items() if k not in PRODUCTION}
    env.update({k: v for k, v in env_overrides.items() if v is not None})
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize("missing", ["SECRET_KEY", "ALLOWED_HOSTS"])
def test_production_refuses_to_start_without(missing):
    result = run_manage("check", **{**PRODUCTION, missing: None})
    assert result.returncode != 0
    assert f"{missing} must be set when LEARNING_ENV=production" in result.stderr


def test_production_settings_pass_the_deploy_checks():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_development_runs_without_any_variables(tmp_path):
    result = run_manage("check", LEARNING_ENV="development", LEARNING_VAR_DIR=str(tmp_path))
    assert result.returncode == 0, result.stderr
    # The development secret is kept in var/, never hard-coded, and readable only by its owner.
    secret = tmp_path / "secret_key"
    assert secret.exists()
    assert oct(secret.stat().st_mode)[-3:] == "600"


def test_a_killed_workers_task_is_redelivered_soon_and_never_while_it_could_still_run():
    # The settings of a production-like installation on Redis, and every task's limits.
    script = (
        "import json; from importlib import import_module; from importlib.util import find_spec; "
        "from django.apps import apps; from django.conf import settings; from partnership.celery import app; "
        "[import_module(c.name + '.tasks') for c in apps.get_app_configs() if find_spec(c.name + '.tasks')]; "
        "print(json.dumps({'options': settings.CELERY_BROKER_TRANSPORT_OPTIONS, "
        "'claim': settings.REMINDER_CLAIM_TIMEOUT_MINUTES, 'default_limit': settings.CELERY_TASK_TIME_LIMIT, "
        "'tasks': {name: [t.time_limit, getattr(t, 'autoretry_for', ()) and t.max_retries, "
        "getattr(t, 'retry_backoff', 0), getattr(t, 'retry_backoff_max', 600)] "
        "for name, t in app.tasks.items() if not name.startswith('celery.')}}))"
    )
    result = run_manage(
        "shell", "--no-imports", "-c", script, **{**PRODUCTION, "REDIS_URL": "redis://redis:6379/0"}
    )
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    assert {"partnership.tasks.send_reminders_task", "partnership.tasks.send_email_task"} <= set(
        found["tasks"]
    )
    seconds = {}  # each task's longest stay unacknowledged: its time limit, after its longest retry wait
    for name, (limit, retries, backoff, backoff_max) in found["tasks"].items():
        limit = limit or found["default_limit"]
        wait = min(backoff_max, backoff * 2 ** (retries - 1)) if retries and backoff else 0
        seconds[name] = (limit, wait + limit)
    longest_task = max(limit for limit, _ in seconds.values())
    longest_stay = max(stay for _, stay in seconds.values())
    visibility = found["options"].get("visibility_timeout")
    claim = found["claim"] * 60
    assert visibility, "the broker's visibility timeout is Redis's default, an hour"
    # A task still running (or waiting for its retry in a worker) is never handed to a second
    # worker, and a killed worker's task comes back well within the hour.
    assert longest_task < longest_stay < visibility < 60 * 60
    # A reminder claimed by a run still running is never taken over; a task redelivered after
    # its worker was killed finds that worker's claims lapsed and sends what it left.
    assert longest_task < claim < visibility
