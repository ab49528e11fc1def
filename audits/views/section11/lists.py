"""The Section 11 lists: rounds, and agencies' returns across rounds, each with filters, sorting,
pages and a CSV export of the same filters and order.

Everyone signed in sees the rounds (partnership business). The returns list reads through
`selectors.returns_visible_to`: an agency lead sees their own agency's returns, a panel member
the returns assigned to their sessions, the business unit, partnership leads and the overseeing
subgroup every return; the export holds exactly the rows the list would show, on every page.
"""

from django.db.models import Count, Q
from django.shortcuts import render
from django.utils import timezone

from partnership.spreadsheets import csv_streaming_response
from partnership.views.toolkit import list_context, sorted_by

from ... import permissions, selectors
from ...filters import ReturnFilter, RoundFilter
from ...models import Requirement, ReturnStatus, RoundStatus

SUBMITTED = (ReturnStatus.SUBMITTED, ReturnStatus.CHALLENGE, ReturnStatus.ACCEPTED)
EDITABLE = (ReturnStatus.NOT_STARTED, ReturnStatus.DRAFT, ReturnStatus.AMENDMENT)

ROUND_SORTS = {"title": "title", "year": "year", "opens": "opens_on", "due": "due_on", "status": "status"}
ROUND_DEFAULT = "-year"
RETURN_SORTS = {"round": "round__year", "agency": "agency__name", "status": "status", "due": "round__due_on",
                "submitted": "submitted_at"}  # fmt: skip
RETURN_DEFAULT = "-round"


def _rounds(user):
    return selectors.rounds_visible_to(user).annotate(
        invited=Count("returns", distinct=True),
        submitted=Count("returns", filter=Q(returns__status__in=SUBMITTED), distinct=True),
    )


def round_list_view(request):
    context = list_context(
        request, RoundFilter, _rounds(request.user), sorts=ROUND_SORTS, default=ROUND_DEFAULT
    )
    context["can_manage"] = permissions.can_manage_section11(request.user)
    return render(request, "audits/round_list.html", context)


def round_export_view(request):
    """The rounds the list shows, with its filters and order, every page, as CSV."""
    filterset = RoundFilter(request.GET, queryset=_rounds(request.user), request=request)
    rounds, _ = sorted_by(filterset.qs, request.GET.get("sort", ""), sorts=ROUND_SORTS, default=ROUND_DEFAULT)
    header = ["Round", "Framework", "Year", "Opens", "Returns due", "Status", "Overseeing subgroup",
              "Agencies invited", "Returns submitted", "Overview reported"]  # fmt: skip
    rows = (
        [
            r.title,
            r.framework.name,
            r.year,
            r.opens_on,
            r.due_on,
            r.get_status_display(),
            r.subgroup.name,
            r.invited,
            r.submitted,
            r.overview_reported_on,
        ]
        for r in rounds
    )
    return csv_streaming_response(
        filename=f"section11-rounds-{timezone.localdate():%Y-%m-%d}.csv", header=header, rows=rows
    )


def _returns(user):
    complete = Q(answers__rating__isnull=False) & ~Q(answers__evidence="")
    return (
        selectors.returns_visible_to(user)
        .select_related("round__subgroup")
        .annotate(answered=Count("answers", filter=complete, distinct=True))
    )


def _with_progress(returns) -> list:
    """Each return with `requirements_total` and `overdue` set, in one more query."""
    returns = list(returns)
    totals = dict(
        Requirement.objects.filter(standard__framework__in={r.round.framework_id for r in returns})
        .values("standard__framework")
        .annotate(n=Count("pk"))
        .values_list("standard__framework", "n")
    )
    today = timezone.localdate()
    for r in returns:
        r.requirements_total = totals.get(r.round.framework_id, 0)
        r.overdue = r.round.status != RoundStatus.DRAFT and today > r.round.due_on and r.status in EDITABLE
    return returns


def _local(moment):
    return timezone.localtime(moment) if moment else None


def return_list_view(request):
    context = list_context(
        request, ReturnFilter, _returns(request.user), sorts=RETURN_SORTS, default=RETURN_DEFAULT
    )
    context["returns"] = _with_progress(context["page_obj"].object_list)
    return render(request, "audits/return_list.html", context)


def return_export_view(request):
    """The returns the list shows the person, with its filters and order, every page, as CSV."""
    filterset = ReturnFilter(request.GET, queryset=_returns(request.user), request=request)
    returns, _ = sorted_by(
        filterset.qs, request.GET.get("sort", ""), sorts=RETURN_SORTS, default=RETURN_DEFAULT
    )
    header = ["Round", "Agency", "Status", "Requirements answered", "Requirements", "Returns due", "Overdue",
              "Submitted", "Accepted"]  # fmt: skip
    rows = (
        [
            r.round.title,
            r.agency.name,
            r.get_status_display(),
            r.answered,
            r.requirements_total,
            r.round.due_on,
            r.overdue,
            _local(r.submitted_at),
            _local(r.accepted_at),
        ]
        for r in _with_progress(returns)
    )
    return csv_streaming_response(
        filename=f"section11-returns-{timezone.localdate():%Y-%m-%d}.csv", header=header, rows=rows
    )
