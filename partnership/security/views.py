"""The security log's page and its CSV export, for the business unit (403 for anyone else).

"Selector, then filters, then sort", as every list: the export takes the page's filters and
order, so a download holds exactly the rows the page lists.
"""

from django.conf import settings
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils import timezone

from ..models import SecurityEventKind
from ..spreadsheets import csv_streaming_response
from ..views.toolkit import export_query, filter_rows, require, sorted_by
from .filters import SecurityEventFilter
from .permissions import can_view_security_events
from .selectors import security_events_visible_to

# The `?sort=` keys and the field each orders by.
SORTS = {"when": "at", "kind": "kind", "person": "person__full_name"}
DEFAULT_SORT = "-when"
# The tag colour of each kind: what may need looking into stands out.
TAG_COLOURS = {
    SecurityEventKind.SIGN_IN_FAILED: "orange",
    SecurityEventKind.LOCKOUT: "red",
    SecurityEventKind.PERMISSION_REFUSED: "red",
    SecurityEventKind.ROLE_GRANTED: "blue",
    SecurityEventKind.ROLE_REMOVED: "blue",
    SecurityEventKind.PERSON_DEACTIVATED: "purple",
    SecurityEventKind.TWO_FACTOR_CHANGED: "purple",
    SecurityEventKind.PASSWORD_CHANGED: "purple",
    SecurityEventKind.EXPORT: "yellow",
    SecurityEventKind.RETENTION: "grey",
}

COLUMNS = (
    ("When", lambda e: timezone.localtime(e.at)),
    ("What happened", lambda e: e.get_kind_display()),
    ("Person", lambda e: e.person.full_name if e.person_id else ""),
    ("Person's email", lambda e: e.person.email if e.person_id else ""),
    ("Done by", lambda e: e.actor.full_name if e.actor_id else ""),
    ("Email tried", lambda e: e.email),
    ("IP address", lambda e: e.ip_address or ""),
    ("Page", lambda e: e.path),
    ("Detail", lambda e: e.detail),
)


def events_for(request):
    """(filterset, the person's events filtered and sorted, the sort in force)."""
    filterset = SecurityEventFilter(
        request.GET, queryset=security_events_visible_to(request.user), request=request
    )
    queryset, sort = sorted_by(filterset.qs, request.GET.get("sort", ""), sorts=SORTS, default=DEFAULT_SORT)
    return filterset, queryset, sort


def security_event_list_view(request):
    require(can_view_security_events(request.user))
    filterset, queryset, sort = events_for(request)
    page_obj = Paginator(queryset, settings.PAGE_SIZE).get_page(request.GET.get("page"))
    events = list(page_obj.object_list)
    for event in events:
        event.tag_colour = TAG_COLOURS.get(event.kind, "green")
    context = {
        "filterset": filterset,
        "filter_rows": filter_rows(filterset),
        "page_obj": page_obj,
        "events": events,
        "sort": sort,
        "has_any": bool(events) or security_events_visible_to(request.user).exists(),
        "export_query": export_query(request),
        "retention_months": settings.RETENTION.get("security_events", {}).get("months"),
    }
    return render(request, "partnership/security_events.html", context)


def security_event_export_view(request):
    require(can_view_security_events(request.user))
    _filterset, queryset, _sort = events_for(request)
    return csv_streaming_response(
        filename=f"security-events-{timezone.localdate():%Y-%m-%d}.csv",
        header=[label for label, _value in COLUMNS],
        rows=([value(event) for _label, value in COLUMNS] for event in queryset.iterator(chunk_size=500)),
    )
