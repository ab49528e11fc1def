"""Producing a version of a year's annual report PDF, its progress and its download."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from partnership.services import DomainError
from partnership.uploads import file_response
from partnership.views.toolkit import require

from ... import periods
from ..models import ReportStatus, ReportVersion
from ..permissions import can_produce_report, can_view_report
from ..services import report_version_request
from .years import _year

REFRESH_SECONDS = 3


@require_POST
def report_produce_view(request, year: int):
    """Queue the year's report (a second click finds the one already queued) and show its
    progress."""
    require(can_produce_report(request.user))
    try:
        version = report_version_request(year=_year(year), actor=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("dashboards:report-year", year=year)
    return redirect(version)


def _version(request, pk: int) -> ReportVersion:
    require(can_view_report(request.user))
    return get_object_or_404(ReportVersion.objects.select_related("requested_by"), pk=pk)


def report_version_view(request, pk: int):
    """The version's progress (refreshing itself every few seconds while it is being
    produced, without JavaScript) and, once ready, its download."""
    version = _version(request, pk)
    return render(
        request,
        "dashboards/report/report_version.html",
        {
            "version": version,
            "year_label": periods.year_label(version.year),
            "refresh": REFRESH_SECONDS if version.in_progress else None,
            "year_url": reverse("dashboards:report-year", args=[version.year]),
        },
    )


def report_version_download_view(request, pk: int):
    """The PDF, as an attachment, for those who may read the report; 404 until it is ready."""
    version = _version(request, pk)
    if version.status != ReportStatus.READY or not version.file:
        raise Http404("This version of the report is not ready")
    return file_response(version.file, file_name=version.file_name, content_type="application/pdf")
