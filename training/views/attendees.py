"""A session's people: adding one, importing many from a file (with the template to fill in),
the list as CSV, marking attendance after the session, and attendance (no-shows) by agency.

The business unit adds, imports and marks; an agency lead reads only their own agency's people
(the list, its CSV and the attendance by agency start from `selectors.attendees_visible_to`).
The rules of the import (all rows or none, each problem with its line, no duplicates on a
second import) are in `services/attendee_import.py`.
"""

from django.conf import settings
from django.contrib import messages
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from partnership.exports import csv_response
from partnership.models import Agency
from partnership.services import DomainError
from partnership.spreadsheets import Sheet, csv_streaming_response, xlsx_response
from partnership.views.toolkit import add_domain_error, export_query, form_page, posted

from .. import permissions, selectors
from ..filters import AttendanceFilter
from ..forms.attendees import AttendanceForm, AttendeeForm, AttendeeImportForm
from ..models import AttendeeStatus, SessionStatus
from ..services import attendee_import as importer
from ..services.attendees import Person, attendance_mark, attendee_add, check_attendance_open
from .programme.common import attendees_of, get_session, require_manager, require_viewer

TEMPLATE_FORMATS = ("csv", "xlsx")


def attendee_add_view(request, pk: int):
    session = get_session(request, pk)
    require_manager(request.user)
    form = AttendeeForm(posted(request))

    def add(form):
        data = form.cleaned_data
        person = Person(
            name=data["name"], email=data["email"], agency=data["agency"], organisation=data["organisation"],
            job_role=data["job_role"], manager_name=data["manager_name"], manager_email=data["manager_email"],
        )  # fmt: skip
        return attendee_add(session=session, person=person, actor=request.user)

    return form_page(
        request,
        form,
        call=add,
        success=lambda saved: f"{saved.name} added to the session",
        next_url=session.get_absolute_url(),
        template="partnership/source_form.html",
        title="Add a person to the session",
        caption=str(session),
        button="Add person",
        cancel_url=session.get_absolute_url(),
    )


def attendee_import_view(request, pk: int):
    """GET: what the file must hold, with the templates; POST: import it, all rows or none."""
    session = get_session(request, pk)
    require_manager(request.user)
    form = (
        AttendeeImportForm(request.POST, request.FILES) if request.method == "POST" else AttendeeImportForm()
    )
    row_errors = []
    if form.is_bound and form.is_valid():
        try:
            result = importer.attendees_import(
                session=session, upload=form.cleaned_data["file"], actor=request.user
            )
        except importer.ImportRefused as exc:
            row_errors = exc.errors
            add_domain_error(form, exc)
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, result.message)
            return redirect(session)
    context = {
        "session": session,
        "form": form,
        "row_errors": row_errors,
        "columns": importer.COLUMN_HELP,
        "max_rows": importer.MAX_ROWS,
        "max_mb": settings.MAX_UPLOAD_MB,
        "has_started": session.starts_at <= timezone.now(),
        "is_cancelled": session.status == SessionStatus.CANCELLED,
        "template_urls": {
            fmt: reverse("training:attendee-import-template", args=[session.pk, fmt])
            for fmt in TEMPLATE_FORMATS
        },
    }
    return render(request, "training/programme/attendee_import.html", context)


def attendee_import_template_view(request, pk: int, fmt: str):
    """The import template: the header row and one example; the Excel one also lists the
    partnership's agencies (name and short name) on a second sheet."""
    if fmt not in TEMPLATE_FORMATS:
        raise Http404
    session = get_session(request, pk)
    require_manager(request.user)
    agencies = list(Agency.objects.active().order_by("name"))
    example_agency = agencies[0].display_name if agencies else ""
    attended = "Yes" if session.starts_at <= timezone.now() else ""
    example = ["Jo Bloggs (replace this row with your list)", "jo.bloggs@example.org", example_agency,
               "Social worker", "Sam Manager", "sam.manager@example.org", attended]  # fmt: skip
    filename = f"attendees-import-template-session-{session.pk}.{fmt}"
    if fmt == "csv":
        return csv_streaming_response(filename=filename, header=importer.COLUMNS, rows=[example])
    return xlsx_response(
        filename=filename,
        sheets=[
            Sheet("Attendees", importer.COLUMNS, [example], widths=(40, 34, 30, 25, 25, 34, 10)),
            Sheet(
                "Agencies",
                ["Agency", "Short name"],
                [[a.name, a.short_name] for a in agencies],
                widths=(50, 14),
            ),
        ],
    )


def session_attendee_export_view(request, pk: int):
    """The session's list as CSV: everyone for those who oversee training, an agency lead's own."""
    session = get_session(request, pk)
    rows = (
        [
            a.name,
            a.email,
            a.organisation_name,
            a.job_role,
            a.manager_name,
            a.manager_email,
            a.get_status_display(),
            a.attended,
            a.get_source_display(),
            timezone.localtime(a.booked_at),
        ]
        for a in attendees_of(session, request.user)
    )
    header = ["Name", "Email", "Agency", "Job role", "Line manager name", "Line manager email", "Status",
              "Attended", "How added", "Booked"]  # fmt: skip
    return csv_response(filename=f"session-{session.pk}-attendees.csv", header=header, rows=rows)


def attendance_mark_view(request, pk: int):
    """After the session: attended or not for each person with a booked place."""
    session = get_session(request, pk)
    require_manager(request.user)
    try:
        check_attendance_open(session)
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect(session)
    booked = attendees_of(session, request.user).filter(status=AttendeeStatus.BOOKED)
    form = AttendanceForm(posted(request), attendees=booked)
    if form.is_bound and form.is_valid():
        try:
            changed = attendance_mark(session=session, marks=form.marks(), actor=request.user)
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            no_shows = sum(1 for value in form.marks().values() if value is False)
            messages.success(
                request,
                f"Attendance saved ({changed} changed). {no_shows} no-show{'s' if no_shows != 1 else ''}.",
            )
            return redirect(session)
    return render(request, "training/programme/attendance_mark.html", {"session": session, "form": form})


# --- attendance by agency -------------------------------------------------------------------------

ATTENDANCE_SORTS = {
    "agency": lambda r: (r["agency"] or "~").casefold(),
    "booked": lambda r: r["booked"],
    "attended": lambda r: r["attended"],
    "no_shows": lambda r: r["no_shows"],
    "rate": lambda r: (r["no_show_rate"] is None, r["no_show_rate"] or 0),
}


def attendance_rows(request) -> tuple[AttendanceFilter, list[dict], str]:
    """Per agency, over the sessions that have taken place (not cancelled): booked places,
    attended, no-shows, not yet marked and the no-show rate among those marked."""
    base = selectors.attendees_visible_to(request.user).filter(
        status=AttendeeStatus.BOOKED,
        session__status=SessionStatus.SCHEDULED,
        session__starts_at__lte=timezone.now(),
    )
    filterset = AttendanceFilter(request.GET, queryset=base, request=request)
    counts = (
        filterset.qs.order_by()
        .values("agency_id", "agency__name")
        .annotate(
            booked=Count("pk"),
            attended_count=Count("pk", filter=Q(attended=True)),
            no_shows=Count("pk", filter=Q(attended=False)),
            unmarked=Count("pk", filter=Q(attended__isnull=True)),
        )
    )
    rows = []
    for c in counts:
        marked = c["attended_count"] + c["no_shows"]
        rows.append({
            "agency": c["agency__name"] or "",
            "booked": c["booked"],
            "attended": c["attended_count"],
            "no_shows": c["no_shows"],
            "unmarked": c["unmarked"],
            "no_show_rate": round(100 * c["no_shows"] / marked, 1) if marked else None,
        })  # fmt: skip
    requested = request.GET.get("sort", "")
    sort = requested if requested.lstrip("-") in ATTENDANCE_SORTS else "agency"
    rows.sort(key=ATTENDANCE_SORTS[sort.lstrip("-")], reverse=sort.startswith("-"))
    return filterset, rows, sort


def attendance_by_agency_view(request):
    require_viewer(request.user)
    filterset, rows, sort = attendance_rows(request)
    totals = {key: sum(r[key] for r in rows) for key in ("booked", "attended", "no_shows", "unmarked")}
    context = {
        "filterset": filterset,
        "rows": rows,
        "totals": totals,
        "sort": sort,
        "export_query": export_query(request),
        "sees_everyone": permissions.oversees_training(request.user),
    }
    return render(request, "training/programme/attendance_by_agency.html", context)


def attendance_export_view(request):
    require_viewer(request.user)
    _filterset, rows, _sort = attendance_rows(request)
    header = ["Agency", "Booked places", "Attended", "No-shows", "Not yet marked", "No-show rate %"]
    data = ([r["agency"] or "Other organisations", r["booked"], r["attended"], r["no_shows"], r["unmarked"],
             r["no_show_rate"]] for r in rows)  # fmt: skip
    return csv_response(filename=f"training-attendance-by-agency-{timezone.localdate():%Y-%m-%d}.csv", header=header,
                        rows=data)  # fmt: skip
