"""Production refuses to start without its secrets; with them, Django's deploy checks pass."""

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
