"""Celery tasks of the audits app: thin adapters, ids in, the job does the work."""

from celery import shared_task
from django.utils import timezone

from partnership.services.reminders import RemindersIncomplete

from . import reminders


@shared_task(
    autoretry_for=(RemindersIncomplete,),
    retry_backoff=60,
    retry_backoff_max=60 * 60,
    retry_jitter=True,
    max_retries=6,
    soft_time_limit=5 * 60,
    time_limit=6 * 60,
)
def send_round_opened_task(round_id: int) -> int:
    """Email the leads of an open round's invited agencies, each once (a round that is not open,
    or gone, is a no-op). A retry after a mail server failure sends only what was not sent; the
    daily reminders run sweeps up anything still unsent."""
    return len(reminders.send_round_opened_emails(today=timezone.localdate(), round_id=round_id))
