"""The list of action plans and the list of actions: filters, sortable columns and pages.

`plans_for` and `actions_for` build what a page shows (selector, filters, sort) and are reused
by the exports, so a download holds exactly the rows the page lists, in the same order.
"""

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Case, ExpressionWrapper, F, FloatField, IntegerField, Value, When
from django.shortcuts import render
from django.utils import timezone

from ... import fragments, permissions, selectors
from ...filters.actions import ActionFilter, PlanFilter
from ...models import ActionStatus, Rag
from ...services.chasers import next_chaser_dates
from ..toolkit import export_query, filter_rows, sorted_by

# The `?sort=` keys of each list and the field or annotation each orders by.
PLAN_SORTS = {
    "title": "title",
    "source": "source__kind",
    "subgroup": "subgroup__name",
    "start": "start_date",
    "actions": "actions_total",
    "complete": "complete_share",
    "overdue": "actions_overdue",
}
ACTION_SORTS = {
    "description": "description",
    "due": "due_date",
    "rag": "rag_rank",
    "status": "status_rank",
    "owner": "owner_agency__name",
    "updated": "last_update_on",
}
# RAG and status sort by how much attention they need, not alphabetically.
RAG_ORDER = (Rag.RED, Rag.AMBER, Rag.GREEN, Rag.AWAITING_SIGNOFF, Rag.COMPLETE, Rag.CANCELLED)
STATUS_ORDER = (
    ActionStatus.OFF_TRACK,
    ActionStatus.NOT_STARTED,
    ActionStatus.ON_TRACK,
    ActionStatus.AWAITING_SIGNOFF,
    ActionStatus.COMPLETE,
    ActionStatus.CANCELLED,
)


def _rank(field: str, order) -> Case:
    return Case(
        *(When(**{field: value}, then=Value(rank)) for rank, value in enumerate(order)),
        default=Value(len(order)),
        output_field=IntegerField(),
    )


def plans_for(request, today: date):
    """(filterset, plans with their action counts, sort in force) for this person."""
    filterset = PlanFilter(request.GET, queryset=selectors.plans_visible_to(request.user), request=request)
    queryset = selectors.plan_summaries(filterset.qs, today, user=request.user).annotate(
        complete_share=Case(
            When(actions_total=0, then=Value(None)),
            default=ExpressionWrapper(F("actions_complete") * 100.0 / F("actions_total"), FloatField()),
            output_field=FloatField(),
        )
    )
    queryset, sort = sorted_by(queryset, request.GET.get("sort", ""), sorts=PLAN_SORTS, default="-start")
    return filterset, queryset, sort


def actions_for(request, today: date):
    """(filterset, actions with RAG and last update, sort in force) for this person."""
    filterset = ActionFilter(
        request.GET,
        queryset=selectors.actions_visible_to(request.user, today),
        request=request,
        today=today,
    )
    queryset = filterset.qs.annotate(
        rag_rank=_rank("rag", RAG_ORDER), status_rank=_rank("status", STATUS_ORDER)
    )
    queryset, sort = sorted_by(queryset, request.GET.get("sort", ""), sorts=ACTION_SORTS, default="due")
    return filterset, queryset, sort


@dataclass
class PlanRow:
    """A plan as its list shows it."""

    plan: object
    percent_complete: int | None
    next_chaser: date | None  # None while no action is open: chasers stop

    @property
    def open_actions(self) -> int:
        return self.plan.actions_total - self.plan.actions_closed


def plan_rows(plans, today: date) -> list[PlanRow]:
    """Each plan with its share complete and its next chaser date (one query for the page)."""
    plans = list(plans)
    chasers = next_chaser_dates([p for p in plans if p.actions_total > p.actions_closed], today)
    return [
        PlanRow(
            plan=plan,
            percent_complete=round(100 * plan.actions_complete / plan.actions_total)
            if plan.actions_total
            else None,
            next_chaser=chasers.get(plan.pk),
        )
        for plan in plans
    ]


def action_list_heading(user) -> str:
    if permissions.sees_everything(user):
        return "All actions"
    r = permissions.roles_of(user)
    if r.subgroups and r.lead_of:
        return "Your actions"
    if r.subgroups:
        return "Your subgroups' actions"
    if r.lead_of:
        return "Your agency's actions"
    return "Actions you lead"


def plan_list_view(request):
    today = timezone.localdate()
    filterset, queryset, sort = plans_for(request, today)
    page_obj = Paginator(queryset, settings.PAGE_SIZE).get_page(request.GET.get("page"))
    rows = plan_rows(page_obj.object_list, today)
    context = {
        "filterset": filterset,
        "filter_rows": filter_rows(filterset),
        "page_obj": page_obj,
        "rows": rows,
        "sort": sort,
        "has_any": bool(rows) or selectors.plans_visible_to(request.user).exists(),
        "export_query": export_query(request),
        "can_export": permissions.can_export_actions(request.user),
    }
    return render(request, "partnership/plan_list.html", context)


def lean_page(queryset, number):
    """A page of `queryset` whose rows are picked by a lean query of ids (only the joins the
    filters and the sort need, no select_related columns) inside the one that loads them, so the
    database sorts thousands of narrow rows rather than wide ones. Still one query for the page."""
    page_obj = Paginator(queryset, settings.PAGE_SIZE).get_page(number)
    page_obj.object_list = queryset.filter(pk__in=page_obj.object_list.values("pk"))
    return page_obj


def action_list_view(request):
    # The filters, the page of actions and its pages: this person's, kept until the data changes.
    heading = action_list_heading(request.user)
    if request.GET.get("signoff") == "mine":
        heading = "Actions awaiting your sign-off"
    return render(
        request,
        "partnership/action_list.html",
        {
            "heading": heading,
            "actions_part": fragments.page_part(
                request,
                "action-list",
                "partnership/_action_list_body.html",
                lambda: _action_list_context(request),
            ),
        },
    )


def _action_list_context(request) -> dict:
    today = timezone.localdate()
    filterset, queryset, sort = actions_for(request, today)
    page_obj = lean_page(queryset, request.GET.get("page"))
    actions = list(page_obj.object_list)
    for action in actions:
        action.days_overdue = (
            (today - action.due_date).days if action.is_open and action.due_date < today else 0
        )
    signoff = filterset.form.is_valid() and filterset.form.cleaned_data.get("signoff") == "mine"
    context = {
        "heading": "Actions awaiting your sign-off" if signoff else action_list_heading(request.user),
        "filterset": filterset,
        "filter_rows": filter_rows(filterset),
        "page_obj": page_obj,
        "actions": actions,
        "sort": sort,
        "has_any": bool(actions) or selectors.actions_visible_to(request.user, today).exists(),
        "export_query": export_query(request),
        "can_export": permissions.can_export_actions(request.user),
    }
    return context
