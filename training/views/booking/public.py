"""The public booking pages: no sign-in, for practitioners of any partner agency (or another
organisation).

- `book/`: the upcoming sessions of bookable courses, soonest first, with places left or "Full –
  join the waiting list", filtered by level, theme and month.
- `book/<pk>/`: the session and the booking form. The form posts to the same address; after a
  booking the browser is sent on (post/redirect/get) to the confirmation page, so refreshing
  cannot book twice, and a second submit finds the person already on the list (the service
  locks the session; the database's one-place-per-email constraint is the last guard).
- `book/<pk>/booked/<ref>/`: what happens next. `ref` is signed and short-lived, and names the
  booking without putting anyone's details in the address; a bad or old one goes back to the form.
"""

from django.contrib.auth.decorators import login_not_required
from django.core import signing
from django.core.paginator import Paginator
from django.db import IntegrityError
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from partnership.services import DomainError
from partnership.views.toolkit import add_domain_error

from ...filters import UpcomingSessionFilter
from ...forms.booking import BookingForm
from ...models import HOLDS_PLACE, Attendee, AttendeeStatus, Session, SessionStatus
from ...services import booking

PAGE_SIZE = 20
DONE_SALT = "training.booking-done"
DONE_MAX_AGE = 60 * 60 * 24


def bookable_sessions():
    """Sessions of bookable courses, with the places they hold and the people waiting."""
    return (
        Session.objects.filter(course__bookable=True)
        .select_related("course")
        .annotate(
            held=Count("attendees", filter=Q(attendees__status__in=HOLDS_PLACE), distinct=True),
            waiting=Count("attendees", filter=Q(attendees__status=AttendeeStatus.WAITING), distinct=True),
        )
    )


def upcoming_sessions():
    return bookable_sessions().filter(status=SessionStatus.SCHEDULED, starts_at__gt=timezone.now())


def _describe(session: Session) -> Session:
    session.places_left = max(session.capacity - session.held, 0)
    session.when = booking.when_text(session)
    session.where = booking.where_text(session)
    return session


@login_not_required
def session_list_view(request):
    queryset = upcoming_sessions().order_by("starts_at", "pk")
    filterset = UpcomingSessionFilter(request.GET or None, queryset=queryset)
    sessions = filterset.qs if filterset.is_bound and filterset.is_valid() else queryset
    page_obj = Paginator(sessions, PAGE_SIZE).get_page(request.GET.get("page"))
    for session in page_obj:
        _describe(session)
    context = {
        "filterset": filterset,
        "page_obj": page_obj,
        "has_any": bool(page_obj.object_list) or queryset.exists(),
    }
    return render(request, "training/booking/session_list.html", context)


def done_url(attendee: Attendee, already: bool) -> str:
    ref = signing.dumps({"a": attendee.pk, "x": already}, salt=DONE_SALT, compress=True)
    return reverse("training:book-done", args=[attendee.session_id, ref])


@login_not_required
def session_book_view(request, pk: int):
    session = _describe(get_object_or_404(bookable_sessions(), pk=pk))
    is_open = session.status == SessionStatus.SCHEDULED and session.starts_at > timezone.now()
    form = BookingForm(request.POST if request.method == "POST" and is_open else None, session=session)
    if request.method == "POST" and is_open and form.is_valid():
        try:
            result = booking.place_book(session=session, **form.service_kwargs())
        except DomainError as exc:
            add_domain_error(form, exc)
        except IntegrityError:
            # A second submit that raced the first past every other guard: the place exists.
            attendee = Attendee.objects.filter(
                session=session, email__iexact=form.cleaned_data["email"]
            ).first()
            if attendee is None:
                raise
            return redirect(done_url(attendee, already=True))
        else:
            return redirect(done_url(result.attendee, result.already))
    context = {"session": session, "course": session.course, "form": form, "is_open": is_open}
    return render(request, "training/booking/session_book.html", context)


@login_not_required
def booking_done_view(request, pk: int, ref: str):
    try:
        data = signing.loads(ref, salt=DONE_SALT, max_age=DONE_MAX_AGE)
        attendee = Attendee.objects.select_related("session__course", "agency").get(
            pk=data["a"], session_id=pk
        )
    except (signing.BadSignature, Attendee.DoesNotExist, KeyError, TypeError):
        return redirect("training:book-session", pk=pk)
    session = _describe(get_object_or_404(bookable_sessions(), pk=pk))
    context = {
        "attendee": attendee,
        "session": session,
        "course": session.course,
        "already": bool(data.get("x")),
    }
    return render(request, "training/booking/booking_done.html", context)
