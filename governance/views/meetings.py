"""The pages of meetings: the list (by who meets and year, upcoming first, CSV export), a
meeting's page (the minutes and the action log as one record), and the forms to record a
meeting, its attendance, agenda, papers and decisions. Views are thin: the rules are in
`services`, who may see what in `selectors` and `permissions`."""

import logging

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Case, F, IntegerField, Prefetch, Value, When
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from partnership import selectors as core_selectors
from partnership import uploads
from partnership.exports import csv_response
from partnership.home import uk_date
from partnership.permissions import is_business_unit, roles_of
from partnership.views.toolkit import confirmed_change, export_query, form_page, posted, require, sorted_by

from .. import permissions, selectors, services
from ..filters import MeetingFilter
from ..forms import (
    AgendaItemForm,
    AttendanceForm,
    DecisionForm,
    MeetingForm,
    PaperForm,
)
from ..models import Meeting, PackRecipient, Paper

logger = logging.getLogger(__name__)

SORTS = {"date": "date", "title": "title", "body": "body", "status": "status"}


def _filtered(request):
    """(filterset, ordered queryset, sort): upcoming meetings first (soonest first), then past
    ones (latest first), unless a column's sort is asked for."""
    filterset = MeetingFilter(
        request.GET, queryset=selectors.meetings_visible_to(request.user), request=request
    )
    requested = request.GET.get("sort", "")
    if requested.lstrip("-") in SORTS:
        queryset, sort = sorted_by(filterset.qs, requested, sorts=SORTS, default="date")
        return filterset, queryset, sort
    today = timezone.localdate()
    past = Case(When(date__lt=today, then=Value(1)), default=Value(0), output_field=IntegerField())
    soonest = Case(When(date__gte=today, then=F("date")))
    latest = Case(When(date__lt=today, then=F("date")))
    queryset = filterset.qs.annotate(is_past=past).order_by(
        "is_past", soonest.asc(nulls_last=True), latest.desc(nulls_last=True), "start_time", "pk"
    )
    return filterset, queryset, ""


def meeting_list_view(request):
    require(permissions.can_view_meetings(request.user))
    filterset, queryset, sort = _filtered(request)
    page_obj = Paginator(queryset, settings.PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "filterset": filterset,
        "page_obj": page_obj,
        "sort": sort,
        "today": timezone.localdate(),
        "has_any": bool(page_obj.object_list) or selectors.meetings_visible_to(request.user).exists(),
        "export_query": export_query(request),
        "may_record": permissions.can_record_meetings(request.user),
    }
    return render(request, "governance/meeting_list.html", context)


CSV_COLUMNS = (
    ("Who meets", lambda m: m.body_name),
    ("Title", lambda m: m.title),
    ("Date", lambda m: uk_date(m.date)),
    ("Start time", lambda m: m.start_time.strftime("%H:%M") if m.start_time else ""),
    ("Where", lambda m: m.place),
    ("Status", lambda m: m.get_status_display()),
    ("Summary of the minutes", lambda m: m.minutes_summary),
)


def meeting_export_view(request):
    """The meetings the list shows, with the same filters and order, all pages, as CSV."""
    require(permissions.can_view_meetings(request.user))
    _filterset, queryset, _sort = _filtered(request)
    return csv_response(
        filename=f"meetings-{timezone.localdate():%Y-%m-%d}.csv",
        header=[label for label, _value in CSV_COLUMNS],
        rows=([value(m) for _label, value in CSV_COLUMNS] for m in queryset),
    )


def visible_meeting(request, pk: int) -> Meeting:
    return get_object_or_404(selectors.meetings_visible_to(request.user), pk=pk)


def meeting_detail_view(request, pk: int):
    meeting = visible_meeting(request, pk)
    user = request.user
    papers = list(selectors.papers_visible_to(user, meeting))
    readable = {paper.pk: paper for paper in papers}
    agenda = list(meeting.agenda_items.all())
    for item in agenda:
        # A confidential paper on the agenda is named only to those who may read it.
        item.visible_paper = readable.get(item.paper_id)
    context = {
        "meeting": meeting,
        "attendances": list(meeting.attendances.select_related("agency")),
        "agenda": agenda,
        "papers": papers,
        "decisions": selectors.decisions_with_actions(user, meeting),
        "may_record": permissions.can_record_meetings(user),
        "may_decide": permissions.can_record_decision(user, meeting)
        and meeting.status != Meeting.Status.CANCELLED,
        "may_read_packs": permissions.can_read_packs(user),
        "versions": selectors.pack_versions_visible_to(user)
        .filter(meeting=meeting)
        .prefetch_related(Prefetch("recipients", queryset=PackRecipient.objects.select_related("user"))),
    }
    return render(request, "governance/meeting_detail.html", context)


def meeting_create_view(request):
    require(permissions.can_record_meetings(request.user))
    return _meeting_form(
        request, Meeting(), title="Record a meeting", cancel_url=reverse("governance:meeting-list")
    )


def meeting_edit_view(request, pk: int):
    meeting = visible_meeting(request, pk)
    require(permissions.can_record_meetings(request.user))
    return _meeting_form(request, meeting, title="Change the meeting", cancel_url=meeting.get_absolute_url())


def _meeting_form(request, meeting: Meeting, *, title: str, cancel_url: str):
    is_new = meeting.pk is None
    form = MeetingForm(posted(request), instance=meeting)
    return form_page(
        request,
        form,
        call=lambda form: services.meeting_save(meeting=form.instance, actor=request.user),
        success=lambda saved: f"Meeting {'recorded' if is_new else 'saved'}: {saved}",
        title=title,
        cancel_url=cancel_url,
    )


def meeting_attendance_view(request, pk: int):
    meeting = visible_meeting(request, pk)
    require(permissions.can_record_meetings(request.user))
    recorded = {a.agency_id: a for a in meeting.attendances.all()}
    form = AttendanceForm(posted(request), agencies=services.default_agencies(meeting), recorded=recorded)
    return form_page(
        request,
        form,
        call=lambda form: services.attendance_record(meeting=meeting, rows=form.rows(), actor=request.user),
        success=lambda saved: "Attendance saved",
        next_url=meeting.get_absolute_url(),
        template="governance/attendance_form.html",
        title="Record attendance",
        meeting=meeting,
        cancel_url=meeting.get_absolute_url(),
    )


def meeting_agenda_add_view(request, pk: int):
    meeting = visible_meeting(request, pk)
    require(permissions.can_record_meetings(request.user))
    form = AgendaItemForm(posted(request), meeting=meeting)
    return form_page(
        request,
        form,
        call=lambda form: services.agenda_item_add(meeting=meeting, actor=request.user, **form.cleaned_data),
        success=lambda saved: f"Agenda item added: {saved}",
        next_url=meeting.get_absolute_url(),
        template="governance/meeting_form.html",
        title="Add an agenda item",
        meeting=meeting,
        cancel_url=meeting.get_absolute_url(),
    )


def _recordable_item(request, pk: int):
    item = get_object_or_404(selectors.agenda_items_visible_to(request.user), pk=pk)
    require(permissions.can_record_meetings(request.user))
    return item


def agenda_item_edit_view(request, pk: int):
    item = _recordable_item(request, pk)
    meeting = item.meeting
    initial = {"title": item.title, "presenter": item.presenter, "paper": item.paper,
               "decision_needed": item.decision_needed}  # fmt: skip
    form = AgendaItemForm(posted(request), meeting=meeting, initial=initial)
    return form_page(
        request,
        form,
        call=lambda form: services.agenda_item_change(item=item, actor=request.user, **form.cleaned_data),
        success=lambda saved: f"Agenda item changed: {saved}",
        next_url=meeting.get_absolute_url() + "#agenda",
        template="governance/meeting_form.html",
        title=f"Change agenda item {item.number}",
        button="Save the item",
        meeting=meeting,
        cancel_url=meeting.get_absolute_url() + "#agenda",
    )


def agenda_item_remove_view(request, pk: int):
    item = _recordable_item(request, pk)
    return confirmed_change(
        request,
        change=lambda: services.agenda_item_remove(item=item, actor=request.user),
        success=f"Removed from the agenda: {item.title}",
        back_url=item.meeting.get_absolute_url() + "#agenda",
        title=f"Remove agenda item {item.number}?",
        body=[
            f"“{item.title}” will be taken off the agenda of {item.meeting}. The items after it move up one.",
            "Its paper, if it has one, stays with the meeting's papers.",
        ],
        button="Remove the item",
        warning=True,
    )


@require_POST
def agenda_item_move_view(request, pk: int):
    """Move an item up or down the agenda (buttons on the meeting page, no JavaScript needed)."""
    item = _recordable_item(request, pk)
    moved = services.agenda_item_move(
        item=item, up=request.POST.get("direction") != "down", actor=request.user
    )
    return redirect(moved.meeting.get_absolute_url() + f"#agenda-item-{moved.pk}")


def paper_remove_view(request, pk: int):
    paper = get_object_or_404(
        Paper.objects.filter(meeting__in=selectors.meetings_visible_to(request.user)), pk=pk
    )
    if paper not in selectors.papers_visible_to(request.user, paper.meeting):
        raise Http404("No such paper.")
    require(permissions.can_record_meetings(request.user))
    on_agenda = paper.agenda_items.count()
    body = [f"“{paper.title}” ({paper.file_name}) will be removed from {paper.meeting} and its file deleted."]
    if on_agenda:
        body.append(
            f"{on_agenda} agenda item{'s' if on_agenda != 1 else ''} name{'' if on_agenda != 1 else 's'} it; "
            "they stay on the agenda with no paper."
        )
    return confirmed_change(
        request,
        change=lambda: services.paper_remove(paper=paper, actor=request.user),
        success=f"Paper removed: {paper.title}",
        back_url=paper.meeting.get_absolute_url() + "#papers",
        title=f"Remove the paper “{paper.title}”?",
        body=body,
        button="Remove the paper",
        warning=True,
    )


def meeting_paper_add_view(request, pk: int):
    meeting = visible_meeting(request, pk)
    require(permissions.can_record_meetings(request.user))
    form = PaperForm(posted(request), request.FILES if request.method == "POST" else None)
    return form_page(
        request,
        form,
        call=lambda form: services.paper_add(
            meeting=meeting,
            title=form.cleaned_data["title"],
            upload=form.cleaned_data["file"],
            confidential=form.cleaned_data["confidential"],
            actor=request.user,
        ),
        success=lambda saved: f"Paper added: {saved}",
        next_url=meeting.get_absolute_url(),
        template="governance/meeting_form.html",
        title="Add a paper",
        meeting=meeting,
        multipart=True,
        cancel_url=meeting.get_absolute_url(),
    )


def paper_download_view(request, pk: int):
    """A stored paper, only for someone who may see its meeting and, for a confidential paper,
    who sits on the body (404 for anyone else)."""
    paper = get_object_or_404(
        Paper.objects.filter(meeting__in=selectors.meetings_visible_to(request.user)), pk=pk
    )
    if paper not in selectors.papers_visible_to(request.user, paper.meeting):
        raise Http404("No such paper.")
    try:
        return uploads.file_response(paper.file, file_name=paper.file_name, content_type=paper.content_type)
    except FileNotFoundError:
        logger.error("Paper %s: its stored file %s is missing", paper.pk, paper.file.name)
        raise Http404("The file is missing.") from None


def _decision_choices(user):
    """The plans a person may add actions to, and the sources of learning they may see."""
    plans = core_selectors.plans_visible_to(user)
    if not is_business_unit(user):
        plans = plans.filter(subgroup_id__in=roles_of(user).chair_of)
    return plans.order_by("title"), core_selectors.sources_visible_to(user).order_by("-date", "title")


def meeting_decision_add_view(request, pk: int):
    meeting = visible_meeting(request, pk)
    require(permissions.can_record_decision(request.user, meeting))
    if meeting.status == Meeting.Status.CANCELLED:
        return redirect(meeting)
    plans, sources = _decision_choices(request.user)
    form = DecisionForm(posted(request), plans=plans, sources=sources)
    return form_page(
        request,
        form,
        call=lambda form: services.decision_record(meeting=meeting, actor=request.user, **form.cleaned_data),
        success=lambda saved: (
            "Decision recorded" + (": the action is on its plan" if saved.action_id else "")
        ),
        next_url=meeting.get_absolute_url(),
        template="governance/meeting_form.html",
        title="Record a decision",
        meeting=meeting,
        cancel_url=meeting.get_absolute_url(),
    )
