"""The subgroups' highlight reports to a meeting of the executive or the board: which subgroups
have and have not submitted (for the business unit and the partnership leads), the chair's form
to write the report (its figures pre-filled from the subgroup's data), the report's page, and
submitting it (after a confirmation: its figures are then frozen). Views are thin: the rules are
in `services`, the figures and who may see what in `selectors` and `permissions`."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from partnership.home import uk_date
from partnership.views.toolkit import confirmed_change, form_page, posted, require

from .. import permissions, selectors, services
from ..forms import HighlightReportForm
from ..models import Body, HighlightReport, due_on


def _live_figures(subgroup, meeting):
    start, end = selectors.highlight_period(subgroup, meeting, today=timezone.localdate())
    return selectors.subgroup_figures(subgroup, start, end), start, end


def highlight_list_view(request, pk: int):
    """Each subgroup's report to the meeting: submitted, in draft, or not started."""
    meeting = get_object_or_404(
        selectors.meetings_visible_to(request.user).exclude(body=Body.SUBGROUP), pk=pk
    )
    require(permissions.can_view_highlight_list(request.user))
    rows = selectors.highlight_status_for(meeting)
    context = {
        "meeting": meeting,
        "rows": rows,
        "due_on": due_on(meeting),
        "submitted": sum(1 for row in rows if row["report"] and row["report"].is_submitted),
        "may_write": permissions.can_record_meetings(request.user),
        "today": timezone.localdate(),
    }
    return render(request, "governance/highlight_list.html", context)


def highlight_write_view(request, pk: int, subgroup_pk: int):
    """Start or change the subgroup's draft; a submitted report opens its page instead."""
    meeting = get_object_or_404(selectors.report_meetings_for(request.user), pk=pk)
    subgroup = get_object_or_404(selectors.report_subgroups_for(request.user), pk=subgroup_pk)
    require(permissions.can_write_highlight(request.user, subgroup))
    report = HighlightReport.objects.filter(meeting=meeting, subgroup=subgroup).first()
    if report is not None and report.is_submitted:
        messages.info(request, "This report has been submitted: it can no longer be changed.")
        return redirect(report)
    initial = (
        {"went_well": report.went_well, "concerns": report.concerns, "support_needed": report.support_needed}
        if report
        else {}
    )
    form = HighlightReportForm(posted(request), initial=initial)
    figures, start, end = _live_figures(subgroup, meeting)
    return form_page(
        request,
        form,
        call=lambda form: services.highlight_report_save(
            meeting=meeting, subgroup=subgroup, actor=request.user, **form.cleaned_data
        ),
        success=lambda saved: "Draft saved. Check it, then submit it when it is ready",
        template="governance/highlight_form.html",
        title=f"{subgroup.name}: highlight report",
        button="Save the draft",
        meeting=meeting,
        subgroup=subgroup,
        figures=figures,
        period_start=start,
        period_end=end,
        due_on=due_on(meeting),
        cancel_url=report.get_absolute_url() if report else reverse("partnership:home"),
    )


def _visible_report(request, pk: int) -> HighlightReport:
    return get_object_or_404(selectors.highlight_reports_visible_to(request.user), pk=pk)


def highlight_detail_view(request, pk: int):
    """The report: its figures (today's while a draft, as frozen once submitted) and its words."""
    report = _visible_report(request, pk)
    if report.is_submitted:
        figures, start, end = report.figures, report.period_start, report.period_end
    else:
        figures, start, end = _live_figures(report.subgroup, report.meeting)
    may_write = not report.is_submitted and permissions.can_write_highlight(request.user, report.subgroup)
    context = {
        "report": report,
        "meeting": report.meeting,
        "figures": figures,
        "period_start": start,
        "period_end": end,
        "may_write": may_write,
        # What submitting needs and the draft lacks (the service refuses the same).
        "still_to_write": [
            label
            for label, words in (
                ("what went well", report.went_well),
                ("the concerns and risks", report.concerns),
            )
            if not words
        ],
        "may_list": permissions.can_view_highlight_list(request.user),
        "today": timezone.localdate(),
    }
    return render(request, "governance/highlight_detail.html", context)


def highlight_submit_view(request, pk: int):
    """Confirm, then submit: the figures are frozen and the report goes in the board pack."""
    report = _visible_report(request, pk)
    require(permissions.can_write_highlight(request.user, report.subgroup))
    if report.is_submitted:
        messages.info(request, "This report has already been submitted.")
        return redirect(report)
    return confirmed_change(
        request,
        change=lambda: services.highlight_report_submit(report=report, actor=request.user),
        success=f"Highlight report submitted to {report.meeting}",
        back_url=report.get_absolute_url(),
        title=f"Submit the {report.subgroup.name} highlight report?",
        body=[
            f"It goes to {report.meeting} (due {uk_date(report.due_on)}) and into its board pack.",
            "The subgroup's figures are fixed as they are today, and the report can no longer be changed.",
        ],
        button="Submit the report",
    )
