"""The annual report's index and a year's page: its narratives, versions, contributions and
publication; and `_year`, the check every page of a year makes (404 outside the years a report
may be written for)."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone

from partnership.services import DomainError
from partnership.views.toolkit import require

from ... import periods
from ..figures import narratives_for
from ..forms import NarrativesForm
from ..models import Recipient, ReportVersion, SubmissionState
from ..models.publication import SHORT_NAMES
from ..permissions import can_produce_report, can_request_contributions, can_view_report
from ..selectors import contributions_of_year
from ..services import FIRST_YEAR, LAST_YEAR, narratives_save, publication_of


def _year(year: int) -> int:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise Http404("No such reporting year")
    return year


def report_index_view(request):
    """The report of the current reporting year, the one being written up (the year before is
    a link away on its page)."""
    require(can_view_report(request.user))
    return redirect("dashboards:report-year", year=periods.reporting_year(timezone.localdate()))


def report_year_view(request, year: int):
    """The year's narratives (a form for the business unit, read-only for the others) and every
    version produced, newest first. Saving the form keeps each section's history."""
    require(can_view_report(request.user))
    year = _year(year)
    can_produce = can_produce_report(request.user)
    texts = narratives_for(year)
    form = NarrativesForm(texts=texts)
    if request.method == "POST":
        require(can_produce)
        form = NarrativesForm(request.POST, texts=texts)
        if form.is_valid():
            try:
                changed = narratives_save(year=year, texts=form.cleaned_data, actor=request.user)
            except DomainError as exc:
                messages.error(request, exc.message)
                return redirect("dashboards:report-year", year=year)
            messages.success(
                request,
                f"{changed} section{'s' if changed != 1 else ''} saved" if changed else "Nothing had changed",
            )
            return redirect("dashboards:report-year", year=year)
    versions = ReportVersion.objects.filter(year=year).select_related("requested_by")
    contributions = contributions_of_year(year)
    publication = publication_of(year)
    finalised = bool(publication and publication.is_finalised)
    today = timezone.localdate()
    return render(
        request,
        "dashboards/report/report_year.html",
        {
            "year": year,
            "year_label": periods.year_label(year),
            "form": form,
            "texts": [(field.label, texts.get(name, "")) for name, field in form.fields.items()],
            "can_produce": can_produce,
            # Once finalised, the sections are read-only for everyone (un-finalise to change them).
            "can_write": can_produce and not finalised,
            "publication": publication,
            "finalised": finalised,
            "has_ready": any(v.is_ready for v in versions),
            "submission": _submission(publication, today),
            "submission_days": settings.ANNUAL_REPORT_SUBMISSION_DAYS,
            "recipients": _recipients(publication),
            "versions": versions,
            "in_progress": next((v for v in versions if v.in_progress), None),
            "previous_year": year - 1 if year > FIRST_YEAR else None,
            "next_year": year + 1 if year < LAST_YEAR else None,
            # The contributors' parts: who was asked (for the business unit), what is still
            # missing before the report is finalised, and what is approved (as it will print).
            "can_request": can_request_contributions(request.user),
            "today": timezone.localdate(),
            "contributions": contributions,
            "missing_contributions": [c for c in contributions if c.is_missing],
            "approved_contributions": [c for c in contributions if not c.is_missing],
        },
    )


def _submission(publication, today) -> dict | None:
    """The submission clock as the year's page shows it, once the report is published."""
    if publication is None or not publication.is_published:
        return None
    state = publication.submission_state(today)
    return {
        "state": state,
        "label": SUBMISSION_LABELS[state],
        "tag_class": SUBMISSION_TAGS[state],
        "description": publication.submission_description(today),
        "due": publication.submission_due,
    }


def _recipients(publication) -> list[dict]:
    """Each recipient the published report goes to, with its sending once recorded."""
    if publication is None:
        return []
    return [
        {
            "key": recipient.value,
            "name": SHORT_NAMES[recipient],
            "sent_on": publication.sent_on(recipient),
            "how": publication.sent_how(recipient),
            "by": publication.sent_by(recipient),
        }
        for recipient in Recipient
    ]


SUBMISSION_LABELS = {
    SubmissionState.RUNNING: "Running",
    SubmissionState.OVERDUE: "Overdue",
    SubmissionState.MET: "Met",
    SubmissionState.MISSED: "Missed",
}
SUBMISSION_TAGS = {
    SubmissionState.RUNNING: "govuk-tag--blue",
    SubmissionState.OVERDUE: "govuk-tag--red",
    SubmissionState.MET: "govuk-tag--green",
    SubmissionState.MISSED: "govuk-tag--orange",
}
