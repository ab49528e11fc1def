"""Celery tasks of the governance app: thin adapters, the service does the work."""

from celery import shared_task
from django.utils import timezone

from . import services


@shared_task(soft_time_limit=5 * 60, time_limit=6 * 60)
def place_standing_items_task() -> int:
    """Put on the executive's next agendas what the framework sends there (Section 11
    improvements outstanding six months after the overview). Safe to run any number of times."""
    return len(services.place_section11_escalations(today=timezone.localdate()))
