"""Writes to a session's list by the business unit: adding a person, and marking attendance.

The rules:
- The business unit adds people one by one (for those who booked by phone or email); the
  person takes a place at once (no manager's approval: the business unit has arranged it).
- One entry per email on a session: adding an email already on the list (in any state,
  whatever its case) is refused, saying who holds it and in what state.
- No place is added to a cancelled session, nor to a full one (the session row is locked while
  the places are counted, as the booking service does, so two adds never overfill it).
- Attendance is marked once the session has started, for the people holding a booked place,
  each as attended or not (a no-show); it can be corrected later. Nothing else on the list is
  marked (the waiting list, cancelled places, places still awaiting approval).
"""

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from partnership.services import DomainError
from partnership.services.history import save_tracked

from ..models import Attendee, AttendeeSource, AttendeeStatus, Session, SessionStatus
from .analysis import course_year, schedule_summary_refresh
from .programme import places_held, require_manager


@dataclass(frozen=True)
class Person:
    """Who is being added: what a practitioner would give when booking."""

    name: str
    email: str
    agency: object = None
    organisation: str = ""
    job_role: str = ""
    manager_name: str = ""
    manager_email: str = ""


def locked_session(session: Session) -> Session:
    """The session row, locked until the transaction ends (capacity is counted under it)."""
    return Session.objects.select_for_update().select_related("course").get(pk=session.pk)


def already_listed_message(existing: Attendee) -> str:
    return (
        f"{existing.email} is already on this session's list ({existing.name}, "
        f"{existing.get_status_display().lower()}). Each person can be on a session only once."
    )


@transaction.atomic
def attendee_add(*, session: Session, person: Person, actor) -> Attendee:
    """Add one person to the session with a booked place (see the module docstring)."""
    require_manager(actor)
    session = locked_session(session)
    if session.status == SessionStatus.CANCELLED:
        raise DomainError("This session has been cancelled: nobody can be added to it.")
    email = (person.email or "").strip().lower()
    if not email:
        raise DomainError("Enter the person's email address", field="email")
    existing = Attendee.objects.filter(session=session, email__iexact=email).first()
    if existing is not None:
        raise DomainError(already_listed_message(existing), field="email")
    if places_held(session) >= session.capacity:
        raise DomainError(
            f"This session is full: all {session.capacity} places are taken. Change the session to "
            "raise its capacity first, or the person can join the waiting list on the booking page."
        )
    if person.agency is None and not person.organisation.strip():
        raise DomainError("Choose the person's agency, or enter their organisation", field="agency")
    attendee = Attendee(
        session=session,
        name=person.name.strip(),
        email=email,
        agency=person.agency,
        organisation="" if person.agency is not None else person.organisation.strip(),
        job_role=person.job_role.strip(),
        manager_name=person.manager_name.strip(),
        manager_email=person.manager_email.strip(),
        status=AttendeeStatus.BOOKED,
        source=AttendeeSource.ADDED,
    )
    if not attendee.name:
        raise DomainError("Enter the person's name", field="name")
    schedule_summary_refresh(course_year(session.course_id))
    return save_tracked(attendee, actor=actor)


def attendance_open(session: Session) -> bool:
    """Whether attendance can be marked: the session has started and was not cancelled."""
    return session.status != SessionStatus.CANCELLED and session.starts_at <= timezone.now()


def check_attendance_open(session: Session) -> None:
    if session.status == SessionStatus.CANCELLED:
        raise DomainError("This session was cancelled: there is no attendance to mark.")
    if session.starts_at > timezone.now():
        start = timezone.localtime(session.starts_at)
        raise DomainError(
            f"Attendance can be marked once the session has started ({start.day} {start:%B %Y} at {start:%H:%M})."
        )


@transaction.atomic
def attendance_mark(*, session: Session, marks: dict[int, bool | None], actor) -> int:
    """Record, for each booked attendee id in `marks`, whether they attended (None: not known
    yet). Returns how many entries changed. An id that is not a booked place on this session
    is refused, and nothing is saved."""
    require_manager(actor)
    session = locked_session(session)
    check_attendance_open(session)
    booked = {a.pk: a for a in session.attendees.filter(status=AttendeeStatus.BOOKED)}
    unknown = set(marks) - set(booked)
    if unknown:
        raise DomainError("Attendance can only be marked for people with a booked place on this session.")
    changed = 0
    for pk, attended in marks.items():
        attendee = booked[pk]
        if attendee.attended != attended:
            attendee.attended = attended
            save_tracked(attendee, actor=actor)
            changed += 1
    if changed:
        schedule_summary_refresh(course_year(session.course_id))
    return changed
