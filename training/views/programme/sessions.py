"""Sessions: the list (upcoming or past, by course, level and year; sorting; CSV), a session's
page with its list of people, scheduling a session, changing it and cancelling it.

Everyone who may open training sees the sessions; on a session's page an agency lead sees only
their own agency's people. The business unit schedules, changes and cancels (cancelling emails
everyone on the list: see `services.programme.session_cancel`).
"""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone

from partnership.exports import csv_response
from partnership.services import DomainError
from partnership.views.toolkit import form_page, list_context, posted

from ... import permissions, selectors
from ...filters import SessionFilter
from ...forms.programme import SessionCancelForm, SessionForm
from ...models import HOLDS_PLACE, AttendeeStatus, Session, SessionStatus
from ...services import programme as services
from ...services.attendees import attendance_open
from .common import attendees_of, get_course, get_session, require_manager, require_viewer

SORTS = {"date": "starts_at", "course": "course__title", "level": "course__level", "places": "held"}
DEFAULT_SORT = "date"


def _list(request) -> dict:
    return list_context(
        request, SessionFilter, selectors.sessions_visible_to(request.user), sorts=SORTS, default=DEFAULT_SORT
    )


def session_list_view(request):
    require_viewer(request.user)
    context = _list(request)
    context["can_manage"] = permissions.can_manage_training(request.user)
    context["now"] = timezone.now()
    return render(request, "training/programme/session_list.html", context)


def session_export_view(request):
    require_viewer(request.user)
    rows = (
        [
            timezone.localtime(s.starts_at),
            timezone.localtime(s.ends_at).strftime("%H:%M"),
            s.course.title,
            s.course.get_level_display(),
            "Online" if s.online else s.venue,
            s.trainer,
            s.capacity,
            s.held,
            s.waiting,
            s.get_status_display(),
        ]
        for s in _list(request)["queryset"]
    )
    header = ["Starts", "Ends", "Course", "Level", "Venue", "Trainer", "Places", "Places taken", "Waiting",
              "Status"]  # fmt: skip
    return csv_response(
        filename=f"training-sessions-{timezone.localdate():%Y-%m-%d}.csv", header=header, rows=rows
    )


def session_detail_view(request, pk: int):
    session = get_session(request, pk)
    people = list(attendees_of(session, request.user))
    waiting = sorted(
        (a for a in people if a.status == AttendeeStatus.WAITING), key=lambda a: (a.booked_at, a.pk)
    )
    can_manage = permissions.can_manage_training(request.user)
    is_cancelled = session.status == SessionStatus.CANCELLED
    has_started = session.starts_at <= timezone.now()
    context = {
        "session": session,
        "course": session.course,
        "times": f"{timezone.localtime(session.starts_at):%H:%M} to {timezone.localtime(session.ends_at):%H:%M}",
        "places": [a for a in people if a.status in HOLDS_PLACE],
        "waiting": waiting,
        "left": [a for a in people if a.status not in (*HOLDS_PLACE, AttendeeStatus.WAITING)],
        "sees_everyone": permissions.oversees_training(request.user),
        "free": max(session.capacity - session.held, 0),
        "can_manage": can_manage,
        "is_cancelled": is_cancelled,
        "has_started": has_started,
        # Places can be cancelled (training:attendee-cancel) until the session starts.
        "can_cancel_places": can_manage and not is_cancelled and not has_started,
        "attendance_open": attendance_open(session),
    }
    return render(request, "training/programme/session_detail.html", context)


def session_create_view(request, pk: int):
    course = get_course(request, pk)
    require_manager(request.user)
    return session_form_page(request, Session(course=course))


def session_edit_view(request, pk: int):
    session = get_session(request, pk)
    require_manager(request.user)
    return session_form_page(request, session)


def session_form_page(request, session: Session):
    is_new = session.pk is None
    form = SessionForm(posted(request), instance=session)
    return form_page(
        request,
        form,
        call=lambda form: services.session_save(session=form.instance, actor=request.user),
        success=lambda saved: f"Session {'scheduled' if is_new else 'saved'}: {saved}",
        template="partnership/source_form.html",
        title="Schedule a session" if is_new else "Change the session",
        caption=session.course.title if is_new else str(session),
        button="Schedule session" if is_new else "Save session",
        cancel_url=session.course.get_absolute_url() if is_new else session.get_absolute_url(),
    )


def session_cancel_view(request, pk: int):
    """GET: what cancelling does, and why (for the email); POST: cancel and email everyone."""
    session = get_session(request, pk)
    require_manager(request.user)
    form = SessionCancelForm(posted(request))
    if form.is_bound and form.is_valid():
        try:
            services.session_cancel(session=session, reason=form.cleaned_data["reason"], actor=request.user)
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            told = session.held + session.waiting
            messages.success(
                request,
                f"Session cancelled. {told} {'person has' if told == 1 else 'people have'} been emailed.",
            )
        return redirect(session)
    context = {"session": session, "form": form, "told": session.held + session.waiting}
    return render(request, "training/programme/session_cancel.html", context)
