"""Celery tasks of training: thin adapters that call a service."""

from celery import shared_task

from .models import programme_year_of
from .services.analysis import refresh_analysis_summary


@shared_task(soft_time_limit=5 * 60, time_limit=6 * 60)
def refresh_analysis_summary_task(year: int | None = None) -> list[int]:
    """Work out the analysis page's stored figures again for `year`, or (None: the schedule's
    run) for the current programme year and the previous one, whose figures still change as
    late follow-ups come in; a session's start moves figures with no write, so the schedule
    catches what no service call does. Safe to run any number of times, and at once."""
    current = programme_year_of()
    years = [year] if year is not None else [current, current - 1]
    for each in years:
        refresh_analysis_summary(each)
    return years
