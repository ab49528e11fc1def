"""Steps the audit pages share: sorting a list by an allowed `?sort=` key, and a list page's
filters, order and page in one call."""

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import F


def sorted_by(queryset, requested: str, *, sorts: dict[str, str], default: str):
    """(queryset, sort in force): by an allowed key ("-" for descending), then by pk so rows with
    equal values keep one order across pages. Unknown keys fall back to `default`."""
    if requested.lstrip("-") not in sorts:
        requested = default
    expression = F(sorts[requested.lstrip("-")])
    expression = (
        expression.desc(nulls_last=True) if requested.startswith("-") else expression.asc(nulls_last=True)
    )
    return queryset.order_by(expression, "pk"), requested


def list_context(request, filterset_class, base_queryset, *, sorts: dict[str, str], default: str) -> dict:
    """The context of a filtered, sorted, paged list: filterset, page_obj, sort, has_any and
    export_query (the filters without the page, for the CSV link)."""
    filterset = filterset_class(request.GET, queryset=base_queryset, request=request)
    queryset, sort = sorted_by(filterset.qs, request.GET.get("sort", ""), sorts=sorts, default=default)
    page_obj = Paginator(queryset, settings.PAGE_SIZE).get_page(request.GET.get("page"))
    export_query = request.GET.copy()
    export_query.pop("page", None)
    return {
        "filterset": filterset,
        "queryset": queryset,
        "page_obj": page_obj,
        "sort": sort,
        "has_any": bool(page_obj.object_list) or base_queryset.exists(),
        "export_query": export_query.urlencode(),
    }
