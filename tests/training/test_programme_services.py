"""The training programme's services: programmes, courses, outcomes, sessions, adding people,
cancelling a session and marking attendance."""

import pytest
from django.core import mail

from partnership.services import DomainError
from tests.factories import AgencyFactory, PriorityFactory, ThemeFactory
from training.models import Attendee, Course, LearningOutcome, Programme, Session
from training.services import attendees as attendee_services
from training.services import programme as services
from training.services.attendees import Person

from .factories import (
    AttendeeFactory,
    CourseFactory,
    LearningOutcomeFactory,
    OutcomeConfidenceFactory,
    ProgrammeFactory,
    SessionFactory,
    at,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]


# --- programmes -----------------------------------------------------------------------------


def test_the_business_unit_sets_up_a_programme_with_priorities_and_history(world):
    priorities = [PriorityFactory(), PriorityFactory()]
    programme = services.programme_save(
        programme=Programme(year=2026, subgroup=world.other_subgroup),
        priorities=priorities,
        actor=world.business_unit,
    )
    assert set(programme.priorities.all()) == set(priorities)
    assert programme.subgroup == world.other_subgroup
    assert programme.history.latest().history_user == world.business_unit
    programme.title = "Keeping children safe 2026/27"
    services.programme_save(programme=programme, priorities=priorities[:1], actor=world.business_unit)
    assert list(programme.priorities.all()) == priorities[:1]


def test_one_programme_a_year(world):
    ProgrammeFactory(year=2026)
    with pytest.raises(DomainError) as exc:
        services.programme_save(programme=Programme(year=2026), actor=world.business_unit)
    assert exc.value.field == "year" and "2026/27" in exc.value.message


@pytest.mark.parametrize("role", ["partnership_lead", "subgroup_chair", "agency_lead", "no_role"])
def test_only_the_business_unit_changes_the_programme(world, role):
    with pytest.raises(DomainError):
        services.programme_save(programme=Programme(year=2027), actor=world.person(role))
    with pytest.raises(DomainError):
        services.course_save(
            course=Course(programme=ProgrammeFactory(), title="X", level=1), actor=world.person(role)
        )
    assert not Programme.objects.filter(year=2027).exists()


def test_the_training_subgroup_oversees_training_only_when_it_oversees_a_programme(world):
    from training.permissions import can_view_training, oversees_training

    chair = world.subgroup_chair
    ProgrammeFactory(year=2026, subgroup=world.other_subgroup)
    assert not oversees_training(chair) and not can_view_training(chair)
    del chair._oversees_training
    ProgrammeFactory(year=2025, subgroup=world.subgroup)
    assert oversees_training(chair) and can_view_training(chair)
    assert can_view_training(world.agency_lead) and not oversees_training(world.agency_lead)
    assert not can_view_training(world.lay_member)


# --- courses and outcomes -------------------------------------------------------------------


def new_course(**kwargs) -> Course:
    values = {"programme": ProgrammeFactory(), "title": "Neglect: recognising cumulative harm", "level": 2}
    return Course(**{**values, **kwargs})


def test_a_course_with_themes(world):
    themes = [ThemeFactory(), ThemeFactory()]
    course = services.course_save(course=new_course(), themes=themes, actor=world.business_unit)
    assert set(course.themes.all()) == set(themes)
    assert course.provider == "partnership" and course.provider_agency is None and course.provider_name == ""


def test_an_agency_provider_needs_the_agency_and_loses_any_trainer_name(world):
    with pytest.raises(DomainError) as exc:
        services.course_save(course=new_course(provider="agency"), actor=world.business_unit)
    assert exc.value.field == "provider_agency"
    course = services.course_save(
        course=new_course(provider="agency", provider_agency=world.agency, provider_name="Old name"),
        actor=world.business_unit,
    )
    assert course.provider_agency == world.agency and course.provider_name == ""


def test_a_commissioned_provider_needs_the_trainers_name(world):
    with pytest.raises(DomainError) as exc:
        services.course_save(
            course=new_course(provider="commissioned", provider_name="  "), actor=world.business_unit
        )
    assert exc.value.field == "provider_name"
    course = services.course_save(
        course=new_course(
            provider="commissioned", provider_name=" Safe Minds Ltd ", provider_agency=world.agency
        ),
        actor=world.business_unit,
    )
    assert course.provider_name == "Safe Minds Ltd" and course.provider_agency is None


def test_the_partnership_as_provider_clears_both(world):
    course = CourseFactory(provider="agency", provider_agency=world.agency)
    course.provider = "partnership"
    services.course_save(course=course, actor=world.business_unit)
    course.refresh_from_db()
    assert course.provider_agency is None and course.provider_name == ""


def test_outcomes_are_numbered_edited_and_removed_with_renumbering(world):
    course = CourseFactory()
    bu = world.business_unit
    first = services.outcome_add(course=course, text="Recognise  neglect", actor=bu)
    second = services.outcome_add(course=course, text="Use the neglect toolkit", actor=bu)
    third = services.outcome_add(course=course, text="Escalate concerns", actor=bu)
    assert [first.number, second.number, third.number] == [1, 2, 3]
    assert first.text == "Recognise neglect"
    services.outcome_update(outcome=second, text="Use the graded care profile", actor=bu)
    services.outcome_remove(outcome=LearningOutcome.objects.get(pk=first.pk), actor=bu)
    assert list(course.outcomes.values_list("number", "text")) == [
        (1, "Use the graded care profile"),
        (2, "Escalate concerns"),
    ]
    assert services.outcome_add(course=course, text="Record the child's voice", actor=bu).number == 3


def test_an_empty_outcome_is_refused(world):
    with pytest.raises(DomainError) as exc:
        services.outcome_add(course=CourseFactory(), text="   ", actor=world.business_unit)
    assert exc.value.field == "text"


def test_an_outcome_already_rated_cannot_be_removed(world):
    outcome = LearningOutcomeFactory()
    OutcomeConfidenceFactory(outcome=outcome, evaluation__attendee__session__course=outcome.course)
    with pytest.raises(DomainError) as exc:
        services.outcome_remove(outcome=outcome, actor=world.business_unit)
    assert "change its wording" in exc.value.message
    assert LearningOutcome.objects.filter(pk=outcome.pk).exists()


# --- sessions -------------------------------------------------------------------------------


def new_session(course=None, **kwargs) -> Session:
    values = {"course": course or CourseFactory(), "starts_at": at(10), "ends_at": at(10, 12), "capacity": 2,
              "venue": "Civic Centre"}  # fmt: skip
    return Session(**{**values, **kwargs})


def test_a_session_is_scheduled(world):
    session = services.session_save(session=new_session(status="cancelled"), actor=world.business_unit)
    assert session.status == "scheduled"
    assert session.history.latest().history_user == world.business_unit


def test_a_session_ends_after_it_starts(world):
    with pytest.raises(DomainError) as exc:
        services.session_save(session=new_session(ends_at=at(10)), actor=world.business_unit)
    assert exc.value.field == "ends_at"


def test_a_session_needs_a_venue_unless_online(world):
    with pytest.raises(DomainError) as exc:
        services.session_save(session=new_session(venue=""), actor=world.business_unit)
    assert exc.value.field == "venue"
    assert services.session_save(session=new_session(venue="", online=True), actor=world.business_unit).pk


def test_capacity_cannot_drop_below_the_places_held(world):
    session = SessionFactory(capacity=3)
    AttendeeFactory(session=session)
    AttendeeFactory(session=session, status="awaiting_approval")
    AttendeeFactory(session=session, status="waiting")
    AttendeeFactory(session=session, status="cancelled")
    session.capacity = 1
    with pytest.raises(DomainError) as exc:
        services.session_save(session=session, actor=world.business_unit)
    assert exc.value.field == "capacity" and "2 people" in exc.value.message
    session.capacity = 2
    services.session_save(session=session, actor=world.business_unit)


def test_cancelling_emails_everyone_on_the_list_once(world, django_capture_on_commit_callbacks):
    session = SessionFactory(course__title="Safer sleep")
    booked = AttendeeFactory(session=session, email="booked@example.org")
    AttendeeFactory(session=session, email="awaiting@example.org", status="awaiting_approval")
    AttendeeFactory(session=session, email="waiting@example.org", status="waiting")
    AttendeeFactory(session=session, email="gone@example.org", status="cancelled")
    AttendeeFactory(session=session, email="declined@example.org", status="declined")
    with pytest.raises(DomainError):
        services.session_cancel(session=session, actor=world.agency_lead)
    with django_capture_on_commit_callbacks(execute=True):
        services.session_cancel(session=session, reason="The trainer is unwell", actor=world.business_unit)
    session.refresh_from_db()
    assert session.status == "cancelled"
    assert session.history.latest().history_change_reason == "Cancelled: The trainer is unwell"
    assert sorted(m.to[0] for m in mail.outbox) == [
        "awaiting@example.org",
        "booked@example.org",
        "waiting@example.org",
    ]
    message = next(m for m in mail.outbox if m.to == ["booked@example.org"])
    assert "Cancelled: Safer sleep on 14 December 2026" == message.subject
    assert "The trainer is unwell" in message.body and booked.name in message.body
    assert "/training/book/" in message.body
    assert "The trainer is unwell" in message.alternatives[0][0]
    assert Attendee.objects.get(pk=booked.pk).status == "booked"  # the list still shows who was booked
    with pytest.raises(DomainError) as exc:
        services.session_cancel(session=session, actor=world.business_unit)
    assert "already been cancelled" in exc.value.message
    assert len(mail.outbox) == 3


def test_a_started_session_cannot_be_cancelled(world):
    session = SessionFactory(starts_at=at(0, 9), ends_at=at(0, 12))
    with pytest.raises(DomainError) as exc:
        services.session_cancel(session=session, actor=world.business_unit)
    assert "already started" in exc.value.message


def test_a_cancelled_session_cannot_be_changed_or_added_to(world):
    session = SessionFactory(status="cancelled")
    session.trainer = "Someone else"
    with pytest.raises(DomainError):
        services.session_save(session=session, actor=world.business_unit)
    with pytest.raises(DomainError) as exc:
        attendee_services.attendee_add(session=session, person=person(), actor=world.business_unit)
    assert "cancelled" in exc.value.message


# --- adding people --------------------------------------------------------------------------


def person(**kwargs) -> Person:
    values = {"name": "Ada Worker", "email": "Ada.Worker@Example.org", "agency": AgencyFactory(),
              "job_role": "Health visitor", "manager_name": "Mo Manager", "manager_email": "mo@example.org"}  # fmt: skip
    return Person(**{**values, **kwargs})


def test_the_business_unit_adds_a_person_with_a_booked_place(world):
    session = SessionFactory()
    attendee = attendee_services.attendee_add(session=session, person=person(), actor=world.business_unit)
    assert attendee.email == "ada.worker@example.org"
    assert (attendee.status, attendee.source, attendee.attended) == ("booked", "added", None)
    assert attendee.history.latest().history_user == world.business_unit


def test_the_same_email_twice_on_a_session_is_refused_clearly(world):
    session = SessionFactory()
    AttendeeFactory(session=session, name="Ada Worker", email="ada.worker@example.org", status="cancelled")
    with pytest.raises(DomainError) as exc:
        attendee_services.attendee_add(
            session=session, person=person(email="ADA.WORKER@example.org "), actor=world.business_unit
        )
    assert exc.value.field == "email"
    assert exc.value.message == (
        "ada.worker@example.org is already on this session's list (Ada Worker, cancelled). "
        "Each person can be on a session only once."
    )
    # The same person may be on another session.
    attendee_services.attendee_add(session=SessionFactory(), person=person(), actor=world.business_unit)


def test_a_full_session_takes_nobody_more(world):
    session = SessionFactory(capacity=2)
    AttendeeFactory(session=session)
    AttendeeFactory(session=session, status="awaiting_approval")
    AttendeeFactory(session=session, status="waiting")
    with pytest.raises(DomainError) as exc:
        attendee_services.attendee_add(session=session, person=person(), actor=world.business_unit)
    assert "full: all 2 places" in exc.value.message
    assert session.attendees.count() == 3


def test_a_person_from_another_organisation(world):
    added = attendee_services.attendee_add(
        session=SessionFactory(),
        person=person(agency=None, organisation="Northbrook Nursery"),
        actor=world.business_unit,
    )
    assert added.agency is None and added.organisation_name == "Northbrook Nursery"
    with pytest.raises(DomainError) as exc:
        attendee_services.attendee_add(
            session=SessionFactory(), person=person(agency=None, organisation=""), actor=world.business_unit
        )
    assert exc.value.field == "agency"


def test_only_the_business_unit_adds_people(world):
    with pytest.raises(DomainError):
        attendee_services.attendee_add(session=SessionFactory(), person=person(), actor=world.agency_lead)


# --- attendance -----------------------------------------------------------------------------


def test_attendance_cannot_be_marked_before_the_session_starts(world):
    session = SessionFactory(starts_at=at(1), ends_at=at(1, 12))
    attendee = AttendeeFactory(session=session)
    assert not attendee_services.attendance_open(session)
    with pytest.raises(DomainError) as exc:
        attendee_services.attendance_mark(
            session=session, marks={attendee.pk: True}, actor=world.business_unit
        )
    assert "once the session has started (1 December 2026 at 09:30)" in exc.value.message
    attendee.refresh_from_db()
    assert attendee.attended is None


def test_attendance_is_marked_and_corrected_after_the_session(world):
    session = SessionFactory(starts_at=at(-1), ends_at=at(-1, 12))
    came, missed, later = (AttendeeFactory(session=session) for _ in range(3))
    assert attendee_services.attendance_open(session)
    changed = attendee_services.attendance_mark(
        session=session, marks={came.pk: True, missed.pk: False, later.pk: None}, actor=world.business_unit
    )
    assert changed == 2
    missed.refresh_from_db()
    assert missed.no_show and missed.history.latest().history_user == world.business_unit
    assert (
        attendee_services.attendance_mark(session=session, marks={missed.pk: True}, actor=world.business_unit)
        == 1
    )
    missed.refresh_from_db()
    assert missed.attended is True


def test_attendance_is_only_for_booked_places_on_the_session(world):
    session = SessionFactory(starts_at=at(-1), ends_at=at(-1, 12))
    booked = AttendeeFactory(session=session)
    waiting = AttendeeFactory(session=session, status="waiting")
    elsewhere = AttendeeFactory(session__starts_at=at(-1), session__ends_at=at(-1, 12))
    for pk in (waiting.pk, elsewhere.pk):
        with pytest.raises(DomainError):
            attendee_services.attendance_mark(
                session=session, marks={booked.pk: True, pk: True}, actor=world.business_unit
            )
    booked.refresh_from_db()
    assert booked.attended is None  # all or nothing


def test_a_cancelled_session_has_no_attendance(world):
    session = SessionFactory(starts_at=at(-1), ends_at=at(-1, 12), status="cancelled")
    assert not attendee_services.attendance_open(session)
    with pytest.raises(DomainError):
        attendee_services.attendance_mark(session=session, marks={}, actor=world.business_unit)


def test_only_the_business_unit_marks_attendance(world):
    session = SessionFactory(starts_at=at(-1), ends_at=at(-1, 12))
    attendee = AttendeeFactory(session=session, agency=world.agency)
    with pytest.raises(DomainError):
        attendee_services.attendance_mark(session=session, marks={attendee.pk: True}, actor=world.agency_lead)
