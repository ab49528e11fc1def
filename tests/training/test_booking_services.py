"""Booking services: capacity, the waiting list and its order, the line manager's approval,
cancelling (which promotes), duplicate bookings, refused sessions, history and the emails."""

import datetime

import pytest
from django.core import mail
from django.test import TestCase
from django.utils import timezone

from partnership.services import DomainError
from tests.factories import AgencyFactory
from training import links
from training.models import Attendee, FormLink, LinkPurpose, Session
from training.services import booking

from .factories import NOW, AttendeeFactory, CourseFactory, SessionFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]

# Tuesday 15 December 2026, 09:30 to 12:30 (UK time).
START = datetime.datetime(2026, 12, 15, 9, 30, tzinfo=datetime.UTC)


@pytest.fixture
def emails():
    """The sent emails: `committed` runs each service's on-commit callbacks as a real commit."""
    return mail.outbox


def committed(function, **kwargs):
    """Call a service and run what it queued on commit (its emails), as a real commit would."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        return function(**kwargs)


def cancel(**kwargs):
    return committed(booking.place_cancel, **kwargs)


def approve(**kwargs):
    return committed(booking.place_approve, **kwargs)


def decline(**kwargs):
    return committed(booking.place_decline, **kwargs)


def promote(session):
    return committed(booking.promote_from_waiting_list, session=session)


def make_session(capacity=2, approval=False, **kwargs) -> Session:
    course = CourseFactory(title="Neglect: seeing the child", requires_manager_approval=approval)
    return SessionFactory(
        course=course,
        capacity=capacity,
        starts_at=START,
        ends_at=START + datetime.timedelta(hours=3),
        venue="Northbrook Civic Centre, Room 2",
        **kwargs,
    )


def book(session, n=1, **overrides) -> booking.Booking:
    details = {
        "name": f"Practitioner {n}",
        "email": f"p{n}@example.org",
        "agency": overrides.pop("agency", None) or AgencyFactory(),
        "organisation": "",
        "job_role": "Health visitor",
        "manager_name": f"Manager {n}",
        "manager_email": f"m{n}@example.org",
    }
    details.update(overrides)
    return committed(booking.place_book, session=session, **details)


def to(address):
    return [m for m in mail.outbox if address in m.to]


# --- capacity and the waiting list ----------------------------------------------------------


def test_places_are_booked_until_full_then_the_waiting_list(emails):
    session = make_session(capacity=2)
    first, second, third = (book(session, n).attendee for n in (1, 2, 3))
    assert [first.status, second.status, third.status] == ["booked", "booked", "waiting"]
    assert first.source == Attendee.Source.BOOKED_ONLINE
    assert booking.places_left(session) == 0
    assert "Your place is booked" in to("p1@example.org")[0].subject
    waiting_email = to("p3@example.org")[0]
    assert "waiting list" in waiting_email.subject
    assert "You do not have a place yet" in waiting_email.body


def test_the_waiting_list_is_promoted_in_booking_order_and_each_is_told(emails, frozen):
    session = make_session(capacity=1)
    booked = book(session, 1).attendee
    frozen.shift(60)
    second = book(session, 2).attendee
    frozen.shift(60)
    third = book(session, 3).attendee
    assert (second.status, third.status) == ("waiting", "waiting")

    cancel(attendee=booked)
    second.refresh_from_db()
    third.refresh_from_db()
    assert (second.status, third.status) == ("booked", "waiting")
    promoted = to("p2@example.org")[-1]
    assert promoted.subject.startswith("A place has become available: you are booked")
    assert not [m for m in to("p3@example.org") if "available" in m.subject]

    cancel(attendee=second)
    third.refresh_from_db()
    assert third.status == "booked"


def test_promotion_fills_every_free_place_in_order_after_capacity_is_raised(emails, frozen):
    session = make_session(capacity=1)
    book(session, 1)
    waiting = []
    for n in (2, 3, 4):
        frozen.shift(60)
        waiting.append(book(session, n).attendee)
    Session.objects.filter(pk=session.pk).update(capacity=3)
    promoted = promote(session)
    assert [a.pk for a in promoted] == [waiting[0].pk, waiting[1].pk]
    assert [Attendee.objects.get(pk=a.pk).status for a in waiting] == ["booked", "booked", "waiting"]


def test_a_new_booking_does_not_jump_the_queue_when_a_place_frees_without_promotion(emails, frozen):
    session = make_session(capacity=1)
    book(session, 1)
    frozen.shift(60)
    waiting = book(session, 2).attendee
    Session.objects.filter(pk=session.pk).update(capacity=2)
    frozen.shift(60)
    late = book(session, 3).attendee
    waiting.refresh_from_db()
    assert (waiting.status, late.status) == ("booked", "waiting")


def test_nobody_is_promoted_into_a_session_that_has_started(emails, frozen):
    session = make_session(capacity=1)
    book(session, 1)
    waiting = book(session, 2).attendee
    Session.objects.filter(pk=session.pk).update(capacity=2)
    frozen.move_to(START + datetime.timedelta(minutes=5))
    assert promote(session) == []
    waiting.refresh_from_db()
    assert waiting.status == "waiting"


# --- the line manager's approval ------------------------------------------------------------


def test_a_course_needing_approval_holds_the_place_and_asks_the_manager(emails):
    session = make_session(capacity=1, approval=True)
    attendee = book(session, 1).attendee
    assert attendee.status == "awaiting_approval"
    link = FormLink.objects.get(attendee=attendee, purpose=LinkPurpose.APPROVE)
    assert link.expires_at == session.starts_at
    request = to("m1@example.org")[0]
    assert "approve or decline Practitioner 1's place" in request.subject
    assert links.url_for(link) in request.body
    # The manager never gets the practitioner's own cancellation link.
    assert links.url_for(booking.cancel_link(attendee)) not in request.body
    assert "manager's approval" in to("p1@example.org")[0].subject
    # The held place counts: the next person waits.
    assert book(session, 2).attendee.status == "waiting"


def test_approval_confirms_the_place(emails):
    session = make_session(approval=True)
    attendee = book(session, 1).attendee
    approve(attendee=attendee)
    attendee.refresh_from_db()
    assert attendee.status == "booked"
    assert FormLink.objects.get(attendee=attendee, purpose=LinkPurpose.APPROVE).used
    approved = to("p1@example.org")[-1]
    assert approved.subject.startswith("Your line manager approved your place")
    assert links.url_for(booking.cancel_link(attendee)) in approved.body
    with pytest.raises(DomainError):
        approve(attendee=attendee)


def test_a_decline_frees_the_place_and_the_promoted_person_needs_approval_too(emails, frozen):
    session = make_session(capacity=1, approval=True)
    declined = book(session, 1).attendee
    frozen.shift(60)
    waiting = book(session, 2).attendee
    assert not to("m2@example.org")  # nobody asks a manager about a waiting-list place
    decline(attendee=declined, reason="Short-staffed that week")
    declined.refresh_from_db()
    waiting.refresh_from_db()
    assert declined.status == "declined"
    assert declined.history.first().history_change_reason.startswith("Declined by the line manager")
    assert "Short-staffed that week" in to("p1@example.org")[-1].body
    assert waiting.status == "awaiting_approval"
    assert "approve or decline Practitioner 2's place" in to("m2@example.org")[0].subject
    assert "waiting for your line manager's approval" in to("p2@example.org")[-1].subject


def test_a_course_needing_approval_needs_the_managers_details():
    session = make_session(approval=True)
    with pytest.raises(DomainError) as exc:
        book(session, 1, manager_email="")
    assert exc.value.field == "manager_email"
    with pytest.raises(DomainError) as exc:
        book(session, 1, manager_email="P1@example.org")
    assert exc.value.field == "manager_email"
    assert not Attendee.objects.exists()


# --- cancelling -----------------------------------------------------------------------------


def test_cancelling_frees_the_place_saves_history_and_emails(emails, world):
    session = make_session(capacity=1)
    attendee = book(session, 1).attendee
    cancel(attendee=attendee, actor=world.business_unit)
    attendee.refresh_from_db()
    assert attendee.status == "cancelled"
    latest = attendee.history.first()
    assert latest.history_user == world.business_unit
    assert latest.history_change_reason == "Cancelled by the business unit"
    assert booking.cancel_link(attendee).used
    email = to("p1@example.org")[-1]
    assert "has been cancelled" in email.subject
    assert "business unit has cancelled your place" in email.body
    with pytest.raises(DomainError):
        cancel(attendee=attendee)


def test_leaving_the_waiting_list_promotes_nobody(emails):
    session = make_session(capacity=1)
    booked = book(session, 1).attendee
    waiting = book(session, 2).attendee
    cancel(attendee=waiting)
    booked.refresh_from_db()
    assert booked.status == "booked"
    assert "left the waiting list" in to("p2@example.org")[-1].subject


def test_only_the_business_unit_cancels_someone_elses_place(world):
    attendee = AttendeeFactory(session=make_session())
    for person in (world.agency_lead, world.partnership_lead, world.no_role):
        with pytest.raises(DomainError):
            cancel(attendee=attendee, actor=person)
    attendee.refresh_from_db()
    assert attendee.status == "booked"


def test_a_place_cannot_be_cancelled_once_the_session_has_started(frozen):
    attendee = AttendeeFactory(session=make_session())
    frozen.move_to(START)
    with pytest.raises(DomainError):
        cancel(attendee=attendee)


# --- duplicates and refused sessions --------------------------------------------------------


def test_booking_the_same_email_twice_keeps_one_row_and_sends_one_email(emails):
    session = make_session()
    first = book(session, 1)
    again = book(session, 1, email="  P1@Example.org ", name="Someone else")
    assert again.already and again.attendee.pk == first.attendee.pk
    assert Attendee.objects.filter(session=session).count() == 1
    assert again.attendee.name == "Practitioner 1"
    assert len(to("p1@example.org")) == 1


def test_booking_again_after_cancelling_reactivates_the_row_with_a_new_link(emails):
    session = make_session()
    attendee = book(session, 1).attendee
    old_token = links.token_for(booking.cancel_link(attendee))
    cancel(attendee=attendee)
    again = book(session, 1, job_role="Team manager")
    assert not again.already
    assert again.attendee.pk == attendee.pk
    assert again.attendee.status == "booked"
    assert again.attendee.job_role == "Team manager"
    assert links.resolve(old_token).problem == "invalid"
    new_link = booking.cancel_link(again.attendee)
    assert links.resolve(links.token_for(new_link)).usable
    assert again.attendee.history.first().history_change_reason == "Booked again online"


@pytest.mark.parametrize(
    "change, words",
    [
        ({"status": Session.Status.CANCELLED}, "has been cancelled"),
        ({"starts_at": NOW - datetime.timedelta(hours=1), "ends_at": NOW}, "already taken place"),
    ],
)
def test_a_cancelled_or_past_session_cannot_be_booked(change, words):
    session = make_session()
    Session.objects.filter(pk=session.pk).update(**change)
    session.refresh_from_db()
    with pytest.raises(DomainError, match=words):
        book(session, 1)
    assert not Attendee.objects.exists()


def test_an_unbookable_course_cannot_be_booked():
    session = make_session()
    session.course.bookable = False
    session.course.save()
    with pytest.raises(DomainError, match="not open for booking"):
        book(session, 1)


def test_another_organisation_needs_its_name():
    session = make_session()
    with pytest.raises(DomainError) as exc:
        booking.place_book(session=session, name="Ana", email="ana@example.org", job_role="GP")
    assert exc.value.field == "organisation"
    result = booking.place_book(
        session=session, name="Ana", email="ana@example.org", organisation="Northbrook Dental Practice"
    )
    assert result.attendee.organisation_name == "Northbrook Dental Practice"


# --- the emails' content --------------------------------------------------------------------


def test_the_confirmation_says_what_when_where_and_how_to_cancel(emails):
    session = make_session()
    attendee = book(session, 1).attendee
    email = to("p1@example.org")[0]
    html = email.alternatives[0][0]
    assert email.subject == "Your place is booked: Neglect: seeing the child on 15 December 2026"
    for part in (email.body, html):
        assert "Tuesday 15 December 2026, 09:30 to 12:30" in part
        assert "Northbrook Civic Centre, Room 2" in part
        assert links.url_for(booking.cancel_link(attendee)) in part
        assert "Practitioner 1" in part
    assert "&amp;" not in email.body  # the plain text is not HTML-escaped


def test_an_online_session_says_so():
    session = make_session(online=True)
    session.venue = "Microsoft Teams: the joining link comes a week before"
    assert booking.where_text(session) == "Online: Microsoft Teams: the joining link comes a week before"
    session.venue = ""
    assert booking.where_text(session).startswith("Online")


def test_when_text_uses_uk_time_and_dates():
    # 10:00 UTC in July is 11:00 in London (BST).
    session = Session(
        starts_at=datetime.datetime(2027, 7, 6, 10, 0, tzinfo=datetime.UTC),
        ends_at=datetime.datetime(2027, 7, 7, 15, 0, tzinfo=datetime.UTC),
    )
    assert booking.when_text(session) == "Tuesday 6 July 2027, 11:00 to Wednesday 7 July 2027, 16:00"
    assert timezone.localtime(session.starts_at).hour == 11
