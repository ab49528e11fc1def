"""Home, health check and the accessibility statement."""

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from .. import fragments, selectors
from ..health import broker_state


def home_view(request):
    """A home page per role: shows what exists for this person, section by section."""
    # Everything on it is this person's and the day's: kept until the data changes.
    home = fragments.page_part(
        request, "home", "partnership/_home_body.html", lambda: selectors.home_for(request.user)
    )
    return render(request, "partnership/home.html", {"home": home})


@login_not_required
@require_GET
@never_cache
def healthz_view(request):
    """JSON with the state of the database and the broker: 200 when both answer, else 503."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        database = "ok"
    except Exception as exc:  # noqa: BLE001 - any failure means "not ok", reported as text
        database = f"error: {exc.__class__.__name__}"
    broker = broker_state()
    healthy = database == "ok" and broker == "ok"
    return JsonResponse(
        {"status": "ok" if healthy else "error", "database": database, "broker": broker},
        status=200 if healthy else 503,
    )


@login_not_required
def accessibility_view(request):
    return render(
        request, "partnership/accessibility.html", {"business_unit_email": settings.BUSINESS_UNIT_EMAIL}
    )
