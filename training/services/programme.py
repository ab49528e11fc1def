"""Writes to the training programme: programmes, courses and their learning outcomes, sessions.

The rules, each enforced here and nowhere else:
- Only the business unit sets up and changes training (`permissions.can_manage_training`),
  checked again here because commands and tasks have no view to check it.
- One programme per year (the model's unique year); its priorities and overseeing subgroup.
- A course names who provides it: a partner agency (`provider_agency` required) when the
  provider is an agency, a trainer's name (`provider_name` required) when it is commissioned;
  the other provider field is cleared so no stale value lingers.
- Learning outcomes are numbered 1, 2, 3… in each course; removing one closes the gap. An
  outcome participants have already rated their confidence in cannot be removed (the ratings
  would go with it): its wording can still be changed.
- A session ends after it starts; its capacity is never below the places already held. A
  cancelled session cannot be changed or booked; cancelling one emails everyone on its list
  (booked, awaiting approval or waiting) that it will not go ahead. A session that has
  started cannot be cancelled.

Every write saves through `save_tracked`, so the history names the person who acted.
"""

from django.db import transaction
from django.utils import timezone

from partnership import selectors as core_selectors
from partnership.emails import send_email_on_commit
from partnership.models import Finding
from partnership.services import DomainError
from partnership.services.guards import check_transition, require, require_actor
from partnership.services.history import delete_tracked, save_tracked

from .. import permissions
from ..models import (
    HOLDS_PLACE,
    SESSION_TRANSITIONS,
    Attendee,
    AttendeeStatus,
    Course,
    LearningOutcome,
    Programme,
    Provider,
    Session,
    SessionStatus,
)
from .analysis import course_year, schedule_summary_refresh

# Everyone on a session's list who is told when it is cancelled.
ON_THE_LIST = (*HOLDS_PLACE, AttendeeStatus.WAITING)


def require_manager(actor) -> None:
    """Refuse anyone but the business unit (the services' own check; views check first); the
    product itself (actor None) may act."""
    require_actor(
        actor, permissions.can_manage_training, "Only the business unit can change the training programme."
    )


# --- programmes ----------------------------------------------------------------------------


@transaction.atomic
def programme_save(*, programme: Programme, priorities=None, actor) -> Programme:
    """Set up or change a year's training programme, its priorities and overseeing subgroup."""
    require_manager(actor)
    if programme.year and Programme.objects.filter(year=programme.year).exclude(pk=programme.pk).exists():
        raise DomainError(f"There is already a training programme for {programme.year_label}.", field="year")
    save_tracked(programme, actor=actor)
    if priorities is not None:
        programme.priorities.set(priorities)
    return programme


# --- courses and learning outcomes ---------------------------------------------------------


def _check_provider(course: Course) -> None:
    if course.provider == Provider.AGENCY:
        if course.provider_agency_id is None:
            raise DomainError("Choose the partner agency that provides the course", field="provider_agency")
        course.provider_name = ""
    elif course.provider == Provider.COMMISSIONED:
        if not (course.provider_name or "").strip():
            raise DomainError("Enter the name of the commissioned trainer", field="provider_name")
        course.provider_name = course.provider_name.strip()
        course.provider_agency = None
    else:
        course.provider_agency = None
        course.provider_name = ""


def _findings_to_keep(course: Course, findings, actor) -> list[int]:
    """The finding ids the course will answer: those chosen, which the actor must be able to
    see, and those it answers already that the actor cannot see (nobody unlinks, unknowingly,
    a finding of a review they may not open)."""
    chosen = {getattr(f, "pk", f) for f in findings}
    if actor is None:
        return sorted(chosen)
    visible = core_selectors.findings_visible_to(actor).prefetch_related(None)
    require(
        len(chosen) == visible.filter(pk__in=chosen).count(),
        "Choose findings from reviews, audits and other learning you can see",
        field="findings",
    )
    hidden = course.findings.exclude(pk__in=visible.values("pk")) if course.pk else Finding.objects.none()
    return sorted(chosen | set(hidden.values_list("pk", flat=True)))


@transaction.atomic
def course_save(*, course: Course, themes=None, priorities=None, findings=None, actor) -> Course:
    """Set up or change a course, its themes, the priorities it serves and the findings of
    learning it answers (`findings`: see `_findings_to_keep`), with the provider rules above."""
    require_manager(actor)
    _check_provider(course)
    if not 0 <= (course.follow_up_sample_percent or 0) <= 100:
        raise DomainError("Enter a share between 0 and 100", field="follow_up_sample_percent")
    save_tracked(course, actor=actor)
    if themes is not None:
        course.themes.set(themes)
    if priorities is not None:
        course.priorities.set(priorities)
    if findings is not None:
        course.findings.set(_findings_to_keep(course, findings, actor))
    # Its places count in its programme's year (a course moved to another year takes them there).
    schedule_summary_refresh(course_year(course.pk))
    return course


def _outcome_text(text: str) -> str:
    text = " ".join((text or "").split())
    if not text:
        raise DomainError("Enter the learning outcome", field="text")
    return text


@transaction.atomic
def outcome_add(*, course: Course, text: str, actor) -> LearningOutcome:
    """Add a learning outcome to the course, numbered after the last one."""
    require_manager(actor)
    course = Course.objects.select_for_update().get(pk=course.pk)  # one numbering at a time
    last = course.outcomes.order_by("-number").values_list("number", flat=True).first() or 0
    return save_tracked(
        LearningOutcome(course=course, number=last + 1, text=_outcome_text(text)), actor=actor
    )


@transaction.atomic
def outcome_update(*, outcome: LearningOutcome, text: str, actor) -> LearningOutcome:
    """Change an outcome's wording (its number and any confidence ratings stay)."""
    require_manager(actor)
    outcome.text = _outcome_text(text)
    return save_tracked(outcome, actor=actor)


@transaction.atomic
def outcome_remove(*, outcome: LearningOutcome, actor) -> None:
    """Remove an outcome nobody has rated yet, and renumber the ones after it."""
    require_manager(actor)
    Course.objects.select_for_update().get(pk=outcome.course_id)
    if outcome.confidences.exists():
        raise DomainError(
            "Participants have already rated their confidence in this outcome, so it cannot be "
            "removed. You can change its wording instead."
        )
    course_id, number = outcome.course_id, outcome.number
    delete_tracked(outcome, actor=actor)
    # Ascending, so each number moves into the gap just left and the unique rule holds.
    for later in LearningOutcome.objects.filter(course_id=course_id, number__gt=number).order_by("number"):
        later.number -= 1
        save_tracked(later, actor=actor)


# --- sessions ------------------------------------------------------------------------------


def places_held(session: Session) -> int:
    """How many of the session's places are taken (booked, or awaiting a manager's approval)."""
    return session.attendees.filter(status__in=HOLDS_PLACE).count()


@transaction.atomic
def session_save(*, session: Session, actor) -> Session:
    """Schedule or change a session: it ends after it starts, and its capacity is never below
    the number of places already held. A cancelled session cannot be changed."""
    require_manager(actor)
    if session.starts_at and session.ends_at and session.ends_at <= session.starts_at:
        raise DomainError("The end time must be after the start time", field="ends_at")
    if session.pk is not None:
        current = Session.objects.select_for_update().get(pk=session.pk)
        require(
            current.status != SessionStatus.CANCELLED,
            "This session has been cancelled: it can no longer be changed.",
        )
        held = places_held(current)
        if session.capacity is not None and session.capacity < held:
            raise DomainError(
                f"{held} people already hold places on this session: the capacity cannot be less than {held}.",
                field="capacity",
            )
    else:
        session.status = SessionStatus.SCHEDULED
    session.venue = (session.venue or "").strip()
    if not session.venue and not session.online:
        raise DomainError("Enter the venue, or say the session is online", field="venue")
    schedule_summary_refresh(course_year(session.course_id))  # its date decides if it was delivered
    return save_tracked(session, actor=actor)


@transaction.atomic
def session_cancel(*, session: Session, reason: str = "", actor) -> Session:
    """Cancel a session that has not started, and email each person on its list (booked,
    awaiting approval or waiting) that it will not go ahead. Their places are left as they
    were, so the list still shows who was booked; nobody can book a cancelled session."""
    require_manager(actor)
    session = Session.objects.select_for_update().select_related("course").get(pk=session.pk)
    check_transition(
        SESSION_TRANSITIONS,
        session.status,
        SessionStatus.CANCELLED,
        message="This session has already been cancelled.",
    )
    require(
        session.starts_at > timezone.now(), "This session has already started, so it cannot be cancelled."
    )
    reason = (reason or "").strip()
    session.status = SessionStatus.CANCELLED
    save_tracked(session, actor=actor, reason=(f"Cancelled: {reason}" if reason else "Cancelled")[:100])
    schedule_summary_refresh(course_year(session.course_id))
    people = Attendee.objects.filter(session=session, status__in=ON_THE_LIST).order_by("pk")
    for attendee in people:
        send_email_on_commit(
            to=[attendee.email],
            template_prefix="training/programme_session_cancelled",
            context={"attendee": attendee, "session": session, "course": session.course, "reason": reason},
        )
    return session
