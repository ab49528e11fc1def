"""Places on training sessions: booking, the waiting list, the line manager's approval and
cancelling.

Rules kept here and nowhere else:

- A session never has more places held (BOOKED or AWAITING_APPROVAL) than its capacity. Every
  change that takes or frees a place locks the session row first (`select_for_update`), so two
  people booking the last place at the same moment are served one after the other: one gets
  the place, the other the waiting list.
- A full session puts the person on the waiting list (WAITING). Whenever a place frees (a
  cancellation, a manager's decline), the people waiting are promoted in the order they booked
  while places are free, and each is told by email.
- A course that needs the line manager's approval takes the place as AWAITING_APPROVAL (the
  place is held meanwhile) and emails the manager a single-use approve/decline link that
  expires when the session starts.
- One row per email per session: booking again while holding a place or waiting changes
  nothing (the page says so); booking again after cancelling (or being declined) re-activates
  the same row with fresh links.
- A cancelled session, or one that has started, cannot be booked, and its places cannot be
  cancelled or promoted into.

Every status change is saved with history (the actor is None when a practitioner or manager
acts through an emailed link) and its email is queued on commit, so a rolled-back change emails
nobody. Each email stands on its own: the course, the date and time, where, and how to cancel.
"""

from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from partnership.emails import send_email_on_commit
from partnership.services import DomainError
from partnership.services.guards import check_transition, require, require_actor
from partnership.services.history import save_tracked

from .. import links
from ..models import (
    ATTENDEE_TRANSITIONS,
    HOLDS_PLACE,
    Attendee,
    AttendeeSource,
    AttendeeStatus,
    LinkPurpose,
    Session,
    SessionStatus,
)
from .analysis import course_year, schedule_summary_refresh

ACTIVE = (AttendeeStatus.BOOKED, AttendeeStatus.AWAITING_APPROVAL, AttendeeStatus.WAITING)


@dataclass(frozen=True)
class Booking:
    """What a booking did: the person's row, and whether they were already on the list."""

    attendee: Attendee
    already: bool = False


# --- words for emails and pages --------------------------------------------------------------


def _time(moment) -> str:
    return f"{moment:%H:%M}"


def when_text(session: Session) -> str:
    """'Tuesday 15 December 2026, 09:30 to 12:30' (UK time; both dates when it spans days)."""
    start, end = timezone.localtime(session.starts_at), timezone.localtime(session.ends_at)
    day = f"{start:%A} {start.day} {start:%B %Y}"
    if end.date() == start.date():
        return f"{day}, {_time(start)} to {_time(end)}"
    return f"{day}, {_time(start)} to {end:%A} {end.day} {end:%B %Y}, {_time(end)}"


def where_text(session: Session) -> str:
    if session.online:
        return (
            f"Online: {session.venue}"
            if session.venue
            else "Online (joining details will be sent before the session)"
        )
    return session.venue or "The venue will be confirmed by email before the session"


def places_left(session: Session, held: int | None = None) -> int:
    if held is None:
        held = session.attendees.filter(status__in=HOLDS_PLACE).count()
    return max(session.capacity - held, 0)


def email_context(attendee: Attendee, **extra) -> dict:
    """What every booking email says about the place: who, what, when, where, how to cancel."""
    session = attendee.session
    context = {
        "attendee": attendee,
        "session": session,
        "course": session.course,
        "when": when_text(session),
        "where": where_text(session),
        "business_unit_email": settings.BUSINESS_UNIT_EMAIL,
        "cancel_url": "",
    }
    if attendee.status in ACTIVE:
        context["cancel_url"] = links.url_for(cancel_link(attendee))
    context.update(extra)
    return context


def _email(attendee: Attendee, event: str, *, to: str | None = None, **extra) -> None:
    send_email_on_commit(
        to=[to or attendee.email],
        template_prefix=f"training/booking_{event}",
        context=email_context(attendee, **extra),
    )


# --- links ----------------------------------------------------------------------------------


def cancel_link(attendee: Attendee):
    """The practitioner's cancellation link: works until the session starts, once. If the
    session has been moved since the link was made, the link follows it."""
    starts_at = attendee.session.starts_at
    link = links.link_for(attendee, LinkPurpose.CANCEL, starts_at)
    if link.expires_at != starts_at and link.used_at is None:
        link.expires_at = starts_at
        link.save(update_fields=["expires_at"])
    return link


def _fresh_links(attendee: Attendee) -> None:
    """A re-activated booking gets new links: the old ones (used, or sent for the old place)
    stay dead."""
    attendee.links.filter(purpose__in=[LinkPurpose.CANCEL, LinkPurpose.APPROVE]).delete()


def _ask_manager(attendee: Attendee) -> None:
    link = links.link_for(attendee, LinkPurpose.APPROVE, attendee.session.starts_at)
    # The manager's email never carries the practitioner's own cancellation link.
    _email(
        attendee,
        "approval_request",
        to=attendee.manager_email,
        approve_url=links.url_for(link),
        cancel_url="",
    )


# --- guards -----------------------------------------------------------------------------------


def _lock_session(session: Session) -> Session:
    return Session.objects.select_for_update().select_related("course").get(pk=session.pk)


def _open_for_booking(session: Session) -> bool:
    return session.status == SessionStatus.SCHEDULED and session.starts_at > timezone.now()


def _check_bookable(session: Session) -> None:
    if session.status == SessionStatus.CANCELLED:
        raise DomainError("This session has been cancelled, so it cannot be booked. Choose another date.")
    if session.starts_at <= timezone.now():
        raise DomainError(
            "This session has already taken place, so it cannot be booked. Choose another date."
        )
    if not session.course.bookable:
        raise DomainError("This course is not open for booking. Contact the business unit.")


def _check_details(session, *, name, email, agency, organisation, manager_name, manager_email) -> None:
    if not name.strip():
        raise DomainError("Enter your full name", field="name")
    if not email.strip():
        raise DomainError("Enter your work email address", field="email")
    if agency is None and not organisation.strip():
        raise DomainError("Enter the name of your organisation", field="organisation")
    if session.course.requires_manager_approval:
        if not manager_name.strip():
            raise DomainError(
                "Enter your line manager's name: this course needs their approval", field="manager_name"
            )
        if not manager_email.strip():
            raise DomainError(
                "Enter your line manager's email address: this course needs their approval",
                field="manager_email",
            )
        if manager_email.strip().lower() == email.strip().lower():
            raise DomainError("Enter your line manager's email address, not your own", field="manager_email")


def _move(attendee: Attendee, new: str, **message) -> None:
    """Set the place's new status if the transition table allows the move (the caller saves);
    `message=` gives the refusal's words, as for `check_transition`."""
    check_transition(ATTENDEE_TRANSITIONS, attendee.status, new, **message)
    attendee.status = new


def _place_status(session: Session) -> str:
    return (
        AttendeeStatus.AWAITING_APPROVAL
        if session.course.requires_manager_approval
        else AttendeeStatus.BOOKED
    )


# --- services ---------------------------------------------------------------------------------


def place_book(
    *,
    session: Session,
    name: str,
    email: str,
    agency=None,
    organisation: str = "",
    job_role: str = "",
    manager_name: str = "",
    manager_email: str = "",
) -> Booking:
    """Book a place for a practitioner from the public form (no account, so no actor).

    Takes a free place (BOOKED, or AWAITING_APPROVAL and the manager is emailed when the course
    needs approval), or the waiting list when the session is full; emails the practitioner what
    happened, with their cancellation link. Booking the same email again while on the list
    changes nothing and returns `already=True`; after a cancellation it re-activates the row.
    Raises DomainError for a cancelled, past or unbookable session, or missing details.
    """
    email = email.strip().lower()
    with transaction.atomic():
        session = _lock_session(session)
        _check_bookable(session)
        _check_details(
            session,
            name=name,
            email=email,
            agency=agency,
            organisation=organisation,
            manager_name=manager_name,
            manager_email=manager_email,
        )
        existing = Attendee.objects.select_for_update().filter(session=session, email__iexact=email).first()
        if existing is not None and existing.status in ACTIVE:
            return Booking(existing, already=True)
        # Anyone already waiting goes first if a place has freed without promotion (capacity raised).
        _promote_locked(session)
        free = places_left(session) > 0
        attendee = existing or Attendee(session=session, email=email)
        attendee.session = session
        attendee.name = name.strip()
        attendee.agency = agency
        attendee.organisation = "" if agency else organisation.strip()
        attendee.job_role = job_role.strip()
        attendee.manager_name = manager_name.strip()
        attendee.manager_email = manager_email.strip().lower()
        status = _place_status(session) if free else AttendeeStatus.WAITING
        if existing is not None:
            _move(attendee, status)  # a cancelled or declined place comes back
        else:
            attendee.status = status
        attendee.source = AttendeeSource.BOOKED_ONLINE
        attendee.booked_at = timezone.now()
        attendee.attended = None
        if existing is not None:
            _fresh_links(existing)
        save_tracked(attendee, actor=None, reason="Booked again online" if existing else "Booked online")
        event = {
            AttendeeStatus.BOOKED: "confirmed",
            AttendeeStatus.AWAITING_APPROVAL: "awaiting_approval",
            AttendeeStatus.WAITING: "waiting",
        }[attendee.status]
        _email(attendee, event)
        if attendee.status == AttendeeStatus.AWAITING_APPROVAL:
            _ask_manager(attendee)
        schedule_summary_refresh(course_year(session.course_id))
    return Booking(attendee)


def place_cancel(*, attendee: Attendee, actor=None) -> Attendee:
    """Cancel a place or leave the waiting list: by the practitioner's cancellation link
    (actor None) or by the business unit (actor). Not once the session has started. The
    practitioner is emailed; a freed place goes to the waiting list."""
    from ..permissions import can_manage_training

    require_actor(actor, can_manage_training, "Only the business unit can cancel someone's place.")
    with transaction.atomic():
        session = _lock_session(attendee.session)
        attendee = Attendee.objects.select_for_update().get(pk=attendee.pk)
        attendee.session = session
        held_place = attendee.status in HOLDS_PLACE
        was_waiting = attendee.status == AttendeeStatus.WAITING
        _move(
            attendee,
            AttendeeStatus.CANCELLED,
            message=lambda current, new: f"This place is already {AttendeeStatus(current).label.lower()}.",
        )
        require(
            session.starts_at > timezone.now(),
            "The session has started, so the place can no longer be cancelled.",
        )
        reason = "Cancelled by the business unit" if actor else "Cancelled by the practitioner"
        save_tracked(attendee, actor=actor, reason=reason)
        attendee.links.filter(purpose=LinkPurpose.CANCEL, used_at__isnull=True).update(used_at=timezone.now())
        _email(attendee, "cancelled", by_business_unit=actor is not None, was_waiting=was_waiting)
        if held_place:
            _promote_locked(session)
        schedule_summary_refresh(course_year(session.course_id))
    return attendee


def _decide(attendee: Attendee, *, approve: bool, reason: str = "", actor=None) -> Attendee:
    with transaction.atomic():
        session = _lock_session(attendee.session)
        attendee = Attendee.objects.select_for_update().get(pk=attendee.pk)
        attendee.session = session
        # Only a place awaiting approval is decided; the table alone would also let a waiting
        # place be booked (that is the waiting list's promotion, not a manager's decision).
        require(
            attendee.status == AttendeeStatus.AWAITING_APPROVAL,
            f"There is nothing to decide: {attendee.name}'s place is {attendee.get_status_display().lower()}.",
        )
        require(
            session.starts_at > timezone.now() and session.status != SessionStatus.CANCELLED,
            "The session has started or been cancelled, so the place can no longer be decided.",
        )
        _move(attendee, AttendeeStatus.BOOKED if approve else AttendeeStatus.DECLINED)
        default = "Approved by the line manager" if approve else "Declined by the line manager"
        save_tracked(attendee, actor=actor, reason=(f"{default}: {reason}" if reason else default)[:100])
        attendee.links.filter(purpose=LinkPurpose.APPROVE, used_at__isnull=True).update(
            used_at=timezone.now()
        )
        _email(attendee, "approved" if approve else "declined", reason=reason)
        if not approve:
            _promote_locked(session)
        schedule_summary_refresh(course_year(session.course_id))
    return attendee


def place_approve(*, attendee: Attendee, actor=None) -> Attendee:
    """The line manager approves (by the emailed link): the place is confirmed (BOOKED) and the
    practitioner is emailed with their cancellation link."""
    return _decide(attendee, approve=True, actor=actor)


def place_decline(*, attendee: Attendee, reason: str = "", actor=None) -> Attendee:
    """The line manager declines: the place is freed (DECLINED), the practitioner is told (with
    the manager's reason, if given) and the waiting list is promoted."""
    return _decide(attendee, approve=False, reason=reason.strip(), actor=actor)


def _promote_locked(session: Session) -> list[Attendee]:
    """Promote waiting people in booking order while places are free. The caller holds the
    session's row lock."""
    if not _open_for_booking(session):
        return []
    free = places_left(session)
    if free <= 0:
        return []
    waiting = list(
        Attendee.objects.select_for_update()
        .filter(session=session, status=AttendeeStatus.WAITING)
        .order_by("booked_at", "pk")[:free]
    )
    for attendee in waiting:
        attendee.session = session
        _move(attendee, _place_status(session))
        save_tracked(attendee, actor=None, reason="Given a place from the waiting list")
        _email(attendee, "promoted")
        if attendee.status == AttendeeStatus.AWAITING_APPROVAL:
            _ask_manager(attendee)
    return waiting


def promote_from_waiting_list(session: Session) -> list[Attendee]:
    """Give free places to the people waiting, in the order they booked, and email each ("a place
    has become available: you are booked", or "we have asked your line manager" when the course
    needs approval). Nothing happens for a cancelled session or one that has started.
    Returns the people promoted."""
    with transaction.atomic():
        promoted = _promote_locked(_lock_session(session))
        if promoted:
            schedule_summary_refresh(course_year(session.course_id))
        return promoted
