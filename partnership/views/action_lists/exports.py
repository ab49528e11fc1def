"""CSV and Excel exports of the plans and actions lists, with the page's filters and order.

The actions CSV is streamed from `.iterator()`, so a large export is never held in memory;
the Excel file is written by a write-only workbook. Both hold only what the person's list
holds (the selectors scope them), with dates as dates: dd/mm/yyyy in CSV, real dates in Excel.
"""

from django.http import Http404
from django.utils import timezone

from ... import permissions
from ...models import Rag
from ...spreadsheets import Sheet, csv_streaming_response, xlsx_response
from ..toolkit import require
from .lists import actions_for, plan_rows, plans_for

ACTION_COLUMNS = (
    ("Reference ID", lambda a: a.pk),
    ("Plan", lambda a: a.plan.title),
    ("Source type", lambda a: a.plan.source.get_kind_display()),
    ("Source", lambda a: a.plan.source.title),
    ("Recommendation", lambda a: a.recommendation.reference),
    ("Description", lambda a: a.description),
    ("How we will know it is done", lambda a: a.success_measure),
    ("Owner agency", lambda a: a.owner_agency.name if a.owner_agency_id else "The partnership"),
    ("Lead", lambda a: a.lead_display),
    ("Lead email", lambda a: a.lead_contact_email),
    ("Start date", lambda a: a.start_date),
    ("Original due date", lambda a: a.original_due_date),
    ("Due date", lambda a: a.due_date),
    ("Status", lambda a: a.get_status_display()),
    ("RAG", lambda a: Rag(a.rag).label),
    ("Last update", lambda a: a.last_update_on),
    ("Impact", lambda a: a.impact),
)
ACTION_WIDTHS = (12, 30, 22, 30, 14, 50, 40, 30, 20, 28, 12, 14, 12, 12, 10, 12, 40)

PLAN_COLUMNS = (
    ("Plan", lambda r: r.plan.title),
    ("Source type", lambda r: r.plan.source.get_kind_display()),
    ("Source", lambda r: r.plan.source.title),
    ("Subgroup", lambda r: r.plan.subgroup.name),
    ("Start date", lambda r: r.plan.start_date),
    ("Actions", lambda r: r.plan.actions_total),
    ("Complete", lambda r: r.plan.actions_complete),
    ("Complete (%)", lambda r: r.percent_complete),
    ("Open", lambda r: r.open_actions),
    ("Overdue", lambda r: r.plan.actions_overdue),
    ("Next chaser", lambda r: r.next_chaser),
)
PLAN_WIDTHS = (40, 22, 40, 25, 12, 10, 10, 12, 8, 10, 12)


def _export(fmt: str, *, name: str, title: str, columns, items, widths):
    header = [label for label, _value in columns]
    rows = ([value(item) for _label, value in columns] for item in items)
    filename = f"{name}-{timezone.localdate():%Y-%m-%d}.{fmt}"
    if fmt == "csv":
        return csv_streaming_response(filename=filename, header=header, rows=rows)
    if fmt == "xlsx":
        return xlsx_response(filename=filename, sheets=[Sheet(title, header, rows, widths)])
    raise Http404


def action_export_view(request, fmt: str):
    """The person's actions, filtered and sorted as on the actions list."""
    require(permissions.can_export_actions(request.user))
    _filterset, queryset, _sort = actions_for(request, timezone.localdate())
    return _export(
        fmt,
        name="actions",
        title="Actions",
        columns=ACTION_COLUMNS,
        items=queryset.iterator(chunk_size=500),
        widths=ACTION_WIDTHS,
    )


def plan_export_view(request, fmt: str):
    """The person's action plans with their progress, filtered and sorted as on the list."""
    require(permissions.can_export_actions(request.user))
    today = timezone.localdate()
    _filterset, queryset, _sort = plans_for(request, today)
    return _export(
        fmt,
        name="action-plans",
        title="Action plans",
        columns=PLAN_COLUMNS,
        items=plan_rows(queryset, today),
        widths=PLAN_WIDTHS,
    )
