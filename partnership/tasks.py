"""Celery tasks of the core: thin adapters that call a function and retry only what is transient."""

import smtplib
import socket

from celery import shared_task
from django.core.management import call_command

from .emails import message_from_payload
from .services.reminders import RemindersIncomplete, run_reminders

# Failures worth trying again later: the mail server or the network, not our own bugs.
TRANSIENT_EMAIL_ERRORS = (smtplib.SMTPException, ConnectionError, TimeoutError, socket.gaierror)


@shared_task(
    autoretry_for=TRANSIENT_EMAIL_ERRORS,
    retry_backoff=30,
    retry_backoff_max=60 * 30,
    retry_jitter=True,
    max_retries=8,
    soft_time_limit=60,
    time_limit=90,
)
def send_email_task(payload: dict) -> None:
    """Send one rendered email (see emails.email_payload)."""
    message_from_payload(payload).send()


@shared_task(soft_time_limit=300, time_limit=360)
def clear_expired_sessions_task() -> None:
    """Delete expired sessions (Django's clearsessions): safe to run any number of times."""
    call_command("clearsessions")


@shared_task(soft_time_limit=30 * 60, time_limit=31 * 60)
def apply_retention_task() -> int:
    """Delete or anonymise what has passed its retention period (settings.RETENTION), each
    logged in the security log. Safe to run any number of times: a second run finds nothing."""
    from .security.retention import apply_retention

    return sum(due.done or 0 for due in apply_retention(dry_run=False))


@shared_task(
    autoretry_for=(RemindersIncomplete,),
    retry_backoff=60,
    # Waits of 1, 2, 4, 8, 15 and 15 minutes: with the time limit, well inside the broker's
    # visibility timeout (settings), so a retry waiting in a worker is not delivered twice.
    retry_backoff_max=15 * 60,
    retry_jitter=True,
    max_retries=6,
    soft_time_limit=15 * 60,
    time_limit=16 * 60,
)
def send_reminders_task() -> int:
    """Every due reminder of every app (chasers, clock warnings, follow-ups). Idempotent: a
    retry after a mail server failure sends only what was not sent."""
    return len(run_reminders())
