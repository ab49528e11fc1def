"""The publication trail's pages: finalise a version (a confirmation), un-finalise (with a
reason), record the publication, and record each sending (to the national Panel, to
Foundations). Each is the business unit's (403 for the report's readers and everyone else); each
parses, checks, calls one service of `services.publication` and goes back to the year's page,
where the trail and its clock are shown. A refusal is shown next to the field it is about.
"""

from __future__ import annotations

from django.http import Http404
from django.urls import reverse
from django.utils.formats import date_format

from partnership.views.toolkit import form_page, posted, require

from ... import periods
from ..forms import FinaliseForm, PublishForm, SubmissionForm, UnfinaliseForm
from ..models import Recipient, ReportStatus, ReportVersion
from ..models.publication import SHORT_NAMES
from ..permissions import can_produce_report
from ..services import report_finalise, report_publish, report_submission_record, report_unfinalise
from .years import _year

TEMPLATE = "dashboards/report/publication_form.html"


def _back(year: int) -> str:
    return reverse("dashboards:report-year", args=[year]) + "#publication"


def _page(request, year: int, form, *, call, success, title: str, button: str, **context):
    return form_page(
        request,
        form,
        call=call,
        success=success,
        next_url=_back(year),
        template=TEMPLATE,
        title=title,
        button=button,
        cancel_url=_back(year),
        caption=f"Annual report {periods.year_label(year)}",
        **context,
    )


def report_finalise_view(request, year: int):
    """Choose the ready version that is the year's final report, with a warning that the
    sections are then locked; posting finalises it."""
    require(can_produce_report(request.user))
    year = _year(year)
    versions = ReportVersion.objects.filter(year=year, status=ReportStatus.READY)
    form = FinaliseForm(posted(request), versions=versions)
    return _page(
        request,
        year,
        form,
        call=lambda f: report_finalise(version=f.cleaned_data["version"], actor=request.user),
        success=lambda _p: "The report is finalised",
        title="Finalise the report",
        button="Finalise the report",
        warning=(
            "Once finalised, the year's sections can no longer be changed, and the HTML edition is "
            "kept as it is now. You can un-finalise it, with a reason, until it is published."
        ),
        empty=None if versions else "No version of this year's report is ready. Produce the report first.",
    )


def report_unfinalise_view(request, year: int):
    """Undo finalising before publication; the reason is kept in the history."""
    require(can_produce_report(request.user))
    year = _year(year)
    return _page(
        request,
        year,
        UnfinaliseForm(posted(request)),
        call=lambda f: report_unfinalise(year=year, reason=f.cleaned_data["reason"], actor=request.user),
        success=lambda _p: "The report is no longer finalised: its sections can be changed again",
        title="Un-finalise the report",
        button="Un-finalise the report",
        button_warning=True,
    )


def report_publish_view(request, year: int):
    """Record where and when the finalised report was published: this starts the clock."""
    require(can_produce_report(request.user))
    year = _year(year)
    return _page(
        request,
        year,
        PublishForm(posted(request)),
        call=lambda f: report_publish(
            year=year,
            url=f.cleaned_data["url"],
            published_on=f.cleaned_data["published_on"],
            actor=request.user,
        ),
        success=lambda p: (
            "Publication recorded: send the report to the national Panel and Foundations by "
            + date_format(p.submission_due, "j F Y")
        ),
        title="Record the report's publication",
        button="Record the publication",
    )


def report_submission_view(request, year: int, recipient: str):
    """Record that the published report was sent to the Panel or to Foundations (once each)."""
    require(can_produce_report(request.user))
    year = _year(year)
    if recipient not in Recipient.values:
        raise Http404("No such recipient")
    name = SHORT_NAMES[recipient]
    return _page(
        request,
        year,
        SubmissionForm(posted(request)),
        call=lambda f: report_submission_record(
            year=year,
            recipient=recipient,
            sent_on=f.cleaned_data["sent_on"],
            how=f.cleaned_data["how"],
            actor=request.user,
        ),
        success=lambda _p: f"Sending to {name} recorded",
        title=f"Record sending the report to {name}",
        button="Record it",
        intro=f"Send the published report to {Recipient(recipient).label}.",
    )
