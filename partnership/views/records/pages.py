"""The description of one kind of record (`RecordType`) and the generic pages it drives."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.core.paginator import Paginator
from django.db import models
from django.shortcuts import get_object_or_404, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.text import capfirst

from ... import permissions
from ...exports import csv_response
from ...services import organisation as services
from ..toolkit import confirmed_change, export_query, form_page, require, sorted_by
from .history import history_entries
from .values import display, resolve

# --- the description of one kind of record ------------------------------------------------


@dataclass(frozen=True)
class Column:
    """A column of a list: its heading, its value and, if sortable, its `?sort=` key."""

    label: str
    value: str | Callable
    sort: str = ""
    order_by: str = ""  # the field path it sorts by, when not the sort key itself
    numeric: bool = False


def _signed_in(user) -> bool:
    return user.is_authenticated


def _unchanged(queryset):
    return queryset


def _set_active(active: bool) -> Callable:
    def change(*, instance, actor):
        return services.record_set_active(instance=instance, active=active, actor=actor)

    return change


@dataclass(frozen=True)
class RecordType:
    """Everything the generic pages need to know about one kind of record.

    URL names are `partnership:<name>-<page>` (list, export, create, detail, edit, deactivate,
    reactivate, history) under `/<path>/`. `may_list` decides who opens the list and its CSV;
    everyone else reads through `selector` and changes through the services.
    """

    name: str
    path: str
    model: type[models.Model]
    selector: Callable
    form_class: type
    filterset_class: type
    columns: tuple[Column, ...]
    fields: tuple[tuple[str, str | Callable], ...]  # (label, value) on the detail page and in the CSV
    add_label: str
    default_sort: str = "name"
    create_path: str = "new"
    may_list: Callable = _signed_in
    list_queryset: Callable = _unchanged  # prefetches for what the columns show
    save: Callable = services.record_save
    deactivate: Callable = field(default_factory=lambda: _set_active(False))
    reactivate: Callable = field(default_factory=lambda: _set_active(True))
    deactivate_consequence: str = "It will no longer be offered for new work. Nothing is deleted: its history and the reports that name it keep it."
    reactivate_consequence: str = "It will be offered for new work again."
    detail_context: Callable | None = None  # (request, obj) -> extra context for the detail page
    history_extra: Callable | None = None  # obj -> more HistoryEntry rows (such as role changes)
    create_view: Callable | None = None  # replaces the generic create page (people are invited)
    csv_extra: tuple[tuple[str, str | Callable], ...] = ()  # more columns for the CSV only
    list_context: Callable | None = None  # request -> extra context for the list page

    @property
    def verbose_name(self) -> str:
        return str(self.model._meta.verbose_name)

    @property
    def verbose_name_plural(self) -> str:
        return str(self.model._meta.verbose_name_plural)

    @property
    def csv_columns(self) -> tuple:
        return self.fields + self.csv_extra

    def url_name(self, page: str) -> str:
        return f"partnership:{self.name}-{page}"

    def sort_keys(self) -> dict[str, str]:
        return {c.sort: c.order_by or c.sort for c in self.columns if c.sort}

    def urls(self) -> list:
        p, n, kw = self.path, self.name, {"record_type": self}
        return [
            path(f"{p}/", record_list_view, kw, name=f"{n}-list"),
            path(f"{p}/export.csv", record_export_view, kw, name=f"{n}-export"),
            path(f"{p}/{self.create_path}/", self.create_view or record_create_view, kw, name=f"{n}-create"),
            path(f"{p}/<int:pk>/", record_detail_view, kw, name=f"{n}-detail"),
            path(f"{p}/<int:pk>/edit/", record_edit_view, kw, name=f"{n}-edit"),
            path(
                f"{p}/<int:pk>/deactivate/",
                record_set_active_view,
                {**kw, "active": False},
                name=f"{n}-deactivate",
            ),
            path(
                f"{p}/<int:pk>/reactivate/",
                record_set_active_view,
                {**kw, "active": True},
                name=f"{n}-reactivate",
            ),
            path(f"{p}/<int:pk>/history/", record_history_view, kw, name=f"{n}-history"),
        ]


# --- shared steps ------------------------------------------------------------------------


def get_record(request, record_type: RecordType, pk: int):
    """The record through the person's selector: outside their scope it is a 404."""
    return get_object_or_404(record_type.selector(request.user), pk=pk)


def sort_queryset(queryset, record_type: RecordType, requested: str):
    """Order by an allowed `?sort=` key (a leading "-" for descending), then by pk so that
    rows with equal values keep one order across pages. Unknown keys fall back to the default."""
    return sorted_by(queryset, requested, sorts=record_type.sort_keys(), default=record_type.default_sort)


def filtered(request, record_type: RecordType):
    """(filterset, sorted queryset): the person's records narrowed by the page's filters."""
    filterset = record_type.filterset_class(
        request.GET, queryset=record_type.selector(request.user), request=request
    )
    # The list's annotations come first, so that a column computed by one can be sorted.
    queryset, _sort = sort_queryset(
        record_type.list_queryset(filterset.qs), record_type, request.GET.get("sort", "")
    )
    return filterset, queryset


def page_urls(record_type: RecordType, obj=None) -> dict[str, str]:
    """The addresses of the record type's pages (and of `obj`'s), for templates."""
    urls = {page: reverse(record_type.url_name(page)) for page in ("list", "create", "export")}
    if obj is not None and obj.pk is not None:
        for page in ("detail", "edit", "deactivate", "reactivate", "history"):
            urls[page] = reverse(record_type.url_name(page), args=[obj.pk])
    return urls


# --- the pages ---------------------------------------------------------------------------


def record_list_view(request, record_type: RecordType):
    require(record_type.may_list(request.user))
    filterset, queryset = filtered(request, record_type)
    page_obj = Paginator(queryset, settings.PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [(obj, [(c, display(resolve(obj, c.value))) for c in record_type.columns]) for obj in page_obj]
    has_any = bool(rows) or record_type.selector(request.user).exists()
    context = {
        "rt": record_type,
        "filterset": filterset,
        "page_obj": page_obj,
        "rows": rows,
        "has_any": has_any,
        "export_query": export_query(request),
        "can_manage": permissions.can_manage_organisation(request.user),
        "urls": page_urls(record_type),
    }
    if record_type.list_context:
        context.update(record_type.list_context(request))
    templates = [f"partnership/{record_type.name}_list.html", "partnership/record_list.html"]
    return render(request, templates, context)


def record_export_view(request, record_type: RecordType):
    require(record_type.may_list(request.user))
    _filterset, queryset = filtered(request, record_type)
    columns = record_type.csv_columns
    rows = ([display(resolve(obj, accessor)) for _label, accessor in columns] for obj in queryset)
    filename = f"{record_type.path}-{timezone.localdate():%Y-%m-%d}.csv"
    return csv_response(filename=filename, header=[label for label, _accessor in columns], rows=rows)


def record_detail_view(request, pk: int, record_type: RecordType):
    obj = get_record(request, record_type, pk)
    context = {
        "rt": record_type,
        "object": obj,
        "summary": [(label, display(resolve(obj, accessor))) for label, accessor in record_type.fields],
        "can_manage": permissions.can_manage_organisation(request.user),
        "can_view_history": permissions.can_view_history(request.user),
        "urls": page_urls(record_type, obj),
        "back_url": reverse(
            record_type.url_name("list") if record_type.may_list(request.user) else "partnership:home"
        ),
    }
    if record_type.detail_context:
        context.update(record_type.detail_context(request, obj))
    templates = [f"partnership/{record_type.name}_detail.html", "partnership/record_detail.html"]
    return render(request, templates, context)


def record_create_view(request, record_type: RecordType):
    require(permissions.can_manage_organisation(request.user))
    return record_form_page(request, record_type, record_type.model())


def record_edit_view(request, pk: int, record_type: RecordType):
    obj = get_record(request, record_type, pk)
    require(permissions.can_manage_organisation(request.user))
    return record_form_page(request, record_type, obj)


def record_form_page(request, record_type: RecordType, instance):
    """Create or edit: the GOV.UK form, saved through the entity's service."""
    is_new = instance.pk is None
    form = record_type.form_class(request.POST if request.method == "POST" else None, instance=instance)
    return form_page(
        request,
        form,
        call=lambda form: record_type.save(instance=form.instance, actor=request.user),
        success=lambda saved: (
            f"{capfirst(record_type.verbose_name)} {'added' if is_new else 'saved'}: {saved}"
        ),
        title=record_type.add_label if is_new else f"Change {instance}",
        cancel_url=reverse(record_type.url_name("list")) if is_new else instance.get_absolute_url(),
        rt=record_type,
    )


def record_set_active_view(request, pk: int, record_type: RecordType, active: bool):
    obj = get_record(request, record_type, pk)
    require(permissions.can_manage_organisation(request.user))
    verb = "Reactivate" if active else "Deactivate"
    change = record_type.reactivate if active else record_type.deactivate
    consequence = record_type.reactivate_consequence if active else record_type.deactivate_consequence
    return confirmed_change(
        request,
        change=lambda: change(instance=obj, actor=request.user),
        success=f"{obj} has been {verb.lower()}d.",
        back_url=obj.get_absolute_url(),
        title=f"{verb} {obj}?",
        body=[consequence, "The history of this record will show that you did this."],
        button=verb,
        warning=not active,
    )


def record_history_view(request, pk: int, record_type: RecordType):
    obj = get_record(request, record_type, pk)
    require(permissions.can_view_history(request.user))
    entries = history_entries(obj.history.all())
    if record_type.history_extra:
        entries += record_type.history_extra(obj)
    entries.sort(key=lambda e: (e.when, e.order), reverse=True)
    context = {"rt": record_type, "object": obj, "entries": entries, "urls": page_urls(record_type, obj)}
    return render(request, "partnership/record_history.html", context)
