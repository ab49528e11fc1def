"""Is the Celery broker answering? Used by /healthz."""

from django.conf import settings


def broker_state(timeout: float = 2.0) -> str:
    """ "ok" when a connection to the broker can be opened within `timeout` seconds."""
    from .celery import app

    try:
        with app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=timeout)
            if settings.CELERY_BROKER_URL.startswith("redis"):
                conn.default_channel.client.ping()
        return "ok"
    except Exception as exc:  # noqa: BLE001 - any failure means "not ok", reported as text
        return f"error: {exc.__class__.__name__}"
