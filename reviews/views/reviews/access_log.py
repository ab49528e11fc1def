"""The access log: who viewed which review's detail or document, and when. The business unit
reads it (a 403 for everyone else); it is filtered by review, person and dates, and exported."""

from django.conf import settings
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils import timezone

from partnership.exports import csv_response
from partnership.views.toolkit import export_query, filter_rows, require

from ... import selectors
from ...filters import AccessLogFilter
from ...permissions import can_read_access_log


def access_log_for(request) -> AccessLogFilter:
    require(can_read_access_log(request.user))
    return AccessLogFilter(
        request.GET, queryset=selectors.access_log_visible_to(request.user), request=request
    )


def access_log_view(request):
    filterset = access_log_for(request)
    page_obj = Paginator(filterset.qs.order_by("-at", "-pk"), settings.PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    context = {
        "filterset": filterset,
        "filter_rows": filter_rows(filterset, per_row=2),
        "page_obj": page_obj,
        "entries": page_obj.object_list,
        "export_query": export_query(request),
    }
    return render(request, "reviews/access_log.html", context)


EXPORT_COLUMNS = (
    ("When", lambda e: f"{timezone.localtime(e.at):%d/%m/%Y %H:%M}"),
    ("Person", lambda e: e.user.full_name),
    ("Email", lambda e: e.user.email),
    ("Review", lambda e: e.review.reference),
    ("Pseudonym", lambda e: e.review.title),
    ("What was viewed", lambda e: e.what),
)


def access_log_export_view(request):
    filterset = access_log_for(request)
    entries = filterset.qs.order_by("-at", "-pk").iterator(chunk_size=500)
    return csv_response(
        filename=f"review-access-log-{timezone.localdate():%Y-%m-%d}.csv",
        header=[label for label, _value in EXPORT_COLUMNS],
        rows=([value(e) for _label, value in EXPORT_COLUMNS] for e in entries),
    )
