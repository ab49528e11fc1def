"""Celery tasks of the dashboards app: thin adapters, ids in, a service does the work."""

from celery import shared_task

from .report.services import report_version_render


@shared_task(soft_time_limit=10 * 60, time_limit=11 * 60)
def render_annual_report_task(version_id: int) -> None:
    """Render a queued annual report version (a missing or already rendered one is a no-op).
    The time limit stays under the service's STALE_AFTER, so a version still "in progress"
    past that was abandoned by a worker and may be replaced."""
    report_version_render(version_id=version_id)
