"""The view toolkit: the steps every app's pages share, in one public module.

Views stay thin (parse, authorise, call one service, render or redirect); these helpers are the
parts of that which are the same everywhere:

- `require(allowed)`: a 403 for a person who may see a page but not use it.
- `posted(request)`: the data a form binds to (the POST, or None on a GET).
- `form_page(request, form, call=, success=, ...)`: a GOV.UK form whose valid submission calls
  one service, with the service's refusal shown next to its field.
- `confirmed_change(request, change=, ...)`: a POST-only change behind a confirmation page.
- `add_domain_error(form, exc)`: put a service's `DomainError` on the form.
- `sorted_by(queryset, requested, sorts=, default=)`: order by an allowed `?sort=` key.
- `export_query(request)`: a list page's filters and sort for its export links.
- `list_context(request, filterset_class, base_queryset, sorts=, default=)`: a filtered,
  sorted, paged list's context.
- `filter_rows(filterset)`: a filter form's fields in rows, above a wide table.
"""

from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import F
from django.shortcuts import redirect, render

from ..services import DomainError


def require(allowed: bool) -> None:
    """A 403 unless `allowed`: for a person who may see a page but not use it."""
    if not allowed:
        raise PermissionDenied


def posted(request):
    """The submitted data on a POST, None on a GET (an empty POST still binds the form)."""
    return request.POST if request.method == "POST" else None


def add_domain_error(form, exc: DomainError) -> None:
    """Put a service's refusal next to the field it is about, or above the form."""
    form.add_error(exc.field if exc.field in form.fields else None, exc.message)


def form_page(
    request,
    form,
    *,
    call: Callable,
    success: Callable,
    next_url: str = "",
    template: str = "partnership/record_form.html",
    **context,
):
    """A GOV.UK form whose valid submission calls one service: `call(form)` returns what it
    saved; the page then goes to `next_url` (or what was saved) with `success(saved)` as a
    message. A service's refusal is shown next to the field it is about; everything typed stays.
    The generic template wants `title` and `cancel_url` in the context; a page with more to
    say (an upload, the evidence an action has) passes its own `template`."""
    if form.is_bound and form.is_valid():
        try:
            saved = call(form)
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, success(saved))
            return redirect(next_url or saved)
    context.setdefault("button", "Save")
    context["form"] = form
    return render(request, template, context)


def confirmed_change(
    request,
    *,
    change: Callable,
    success: str,
    back_url: str,
    title: str,
    body: list[str],
    button: str,
    warning=False,
):
    """A change that is POST only: GET shows a page that says what will happen and asks to go
    ahead; POST calls `change()` (a service) and goes back to `back_url` with a message."""
    if request.method == "POST":
        try:
            change()
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, success)
        return redirect(back_url)
    context = {"title": title, "body": body, "button": button, "cancel_url": back_url, "warning": warning}
    return render(request, "partnership/record_confirm.html", context)


def sorted_by(queryset, requested: str, sorts: dict[str, str], default: str):
    """(queryset, sort in force): by an allowed `?sort=` key ("-" first for descending), then by
    pk so that rows with equal values keep one order across pages. An unknown key falls back to
    `default`."""
    if requested.lstrip("-") not in sorts:
        requested = default
    expression = F(sorts[requested.lstrip("-")])
    expression = (
        expression.desc(nulls_last=True) if requested.startswith("-") else expression.asc(nulls_last=True)
    )
    return queryset.order_by(expression, "pk"), requested


def export_query(request) -> str:
    """This page's filters and sort, for its export links (the page number is dropped)."""
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


def list_context(request, filterset_class, base_queryset, *, sorts: dict[str, str], default: str) -> dict:
    """The context of a filtered, sorted, paged list: filterset, queryset (all pages, for an
    export), page_obj, sort, has_any (whether the unfiltered list has anything) and
    export_query."""
    filterset = filterset_class(request.GET, queryset=base_queryset, request=request)
    queryset, sort = sorted_by(filterset.qs, request.GET.get("sort", ""), sorts=sorts, default=default)
    page_obj = Paginator(queryset, settings.PAGE_SIZE).get_page(request.GET.get("page"))
    return {
        "filterset": filterset,
        "queryset": queryset,
        "page_obj": page_obj,
        "sort": sort,
        "has_any": bool(page_obj.object_list) or base_queryset.exists(),
        "export_query": export_query(request),
    }


def filter_rows(filterset, per_row: int = 3) -> list[list]:
    """The filter form's fields in rows of three, laid out above a wide table."""
    fields = filterset.form.visible_fields()
    return [fields[i : i + per_row] for i in range(0, len(fields), per_row)]
