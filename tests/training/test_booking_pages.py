"""The public booking pages (list, booking form, confirmation) and the business unit's cancel
of a place."""

import datetime
import html
import re

import pytest
from django.core import mail
from django.test import TestCase
from django.urls import reverse

from tests.factories import AgencyFactory, ThemeFactory
from training.models import Attendee, Session

from .factories import AttendeeFactory, CourseFactory, SessionFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]


def at(month, day, hour=9) -> datetime.datetime:
    year = 2026 if month >= 11 else 2027
    return datetime.datetime(year, month, day, hour, 30, tzinfo=datetime.UTC)


def session_on(start, title="Neglect: seeing the child", level=2, capacity=10, **course) -> Session:
    course = CourseFactory(title=title, level=level, **course)
    return SessionFactory(
        course=course, starts_at=start, ends_at=start + datetime.timedelta(hours=3), capacity=capacity
    )


def details(chosen, **overrides) -> dict:
    data = {
        "name": "Ruth Ahmed",
        "email": "ruth.ahmed@example.org",
        "agency": str(chosen.pk),
        "organisation": "",
        "job_role": "Health visitor",
        "manager_name": "Jo Price",
        "manager_email": "jo.price@example.org",
    }
    data.update(overrides)
    return data


def read(response) -> str:
    """The page's text as a person reads it (apostrophes unescaped)."""
    return html.unescape(response.content.decode())


def post(client, url, data):
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(url, data)


def assert_no_inline_script_or_style(html: str):
    assert " style=" not in html
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), "inline script"


# --- the list -------------------------------------------------------------------------------


def test_the_list_shows_upcoming_bookable_sessions_with_places_or_the_waiting_list(client):
    open_session = session_on(at(12, 15), title="Neglect: seeing the child", capacity=3)
    AttendeeFactory(session=open_session)
    AttendeeFactory(session=open_session, status=Attendee.Status.CANCELLED)
    full = session_on(at(12, 16), title="Exploitation: contextual safeguarding", capacity=1)
    AttendeeFactory(session=full, status=Attendee.Status.AWAITING_APPROVAL)
    session_on(at(11, 29), title="A past session")
    cancelled = session_on(at(12, 17), title="A cancelled session")
    Session.objects.filter(pk=cancelled.pk).update(status=Session.Status.CANCELLED)
    session_on(at(12, 18), title="An internal course", bookable=False)

    response = client.get(reverse("training:book"))
    assert response.status_code == 200
    text = read(response)
    assert "Neglect: seeing the child" in text and "2 places left" in text
    assert "Exploitation: contextual safeguarding" in text and "Full – join the waiting list" in text
    assert "Tuesday 15 December 2026, 09:30 to 12:30" in text
    for hidden in ("A past session", "A cancelled session", "An internal course"):
        assert hidden not in text
    assert_no_inline_script_or_style(text)


def test_the_list_filters_by_level_theme_and_month(client):
    neglect = ThemeFactory(name="Neglect in adolescence (booking test)")
    basic = session_on(at(12, 15), title="Basic awareness", level=1)
    core = session_on(at(1, 12), title="Core multi-agency", level=2)
    core.course.themes.add(neglect)
    url = reverse("training:book")
    assert "Core multi-agency" not in read(client.get(url, {"level": 1}))
    assert "Basic awareness" in read(client.get(url, {"level": 1}))
    by_theme = read(client.get(url, {"theme": neglect.pk}))
    assert "Core multi-agency" in by_theme and "Basic awareness" not in by_theme
    by_month = read(client.get(url, {"month": "2027-01"}))
    assert "Core multi-agency" in by_month and "Basic awareness" not in by_month
    assert basic.pk != core.pk
    nothing = read(client.get(url, {"level": 3}))
    assert "No upcoming sessions match these filters" in nothing


def test_an_empty_list_says_what_to_do():
    from django.test import Client

    text = read(Client().get(reverse("training:book")))
    assert "There are no sessions open for booking" in text


# --- booking --------------------------------------------------------------------------------


def test_a_practitioner_books_a_place_and_sees_what_happens_next(client):
    session = session_on(at(12, 15))
    agency = AgencyFactory(name="Northbrook Primary Care")
    url = reverse("training:book-session", args=[session.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert "Book a place" in read(page)
    assert "Northbrook Primary Care" in read(page) and "Other organisation" in read(page)
    assert_no_inline_script_or_style(read(page))

    response = post(client, url, details(agency))
    assert response.status_code == 302
    attendee = Attendee.objects.get(session=session)
    assert (attendee.name, attendee.agency, attendee.status) == ("Ruth Ahmed", agency, "booked")
    done = client.get(response["Location"])
    assert "Your place is booked" in read(done)
    assert "ruth.ahmed@example.org" in read(done)
    assert "reminder two working days before" in read(done)
    assert [m.to for m in mail.outbox] == [["ruth.ahmed@example.org"]]


def test_booking_a_full_session_joins_the_waiting_list(client):
    session = session_on(at(12, 15), capacity=1)
    AttendeeFactory(session=session)
    url = reverse("training:book-session", args=[session.pk])
    assert "This session is full" in read(client.get(url))
    done = client.get(post(client, url, details(AgencyFactory()))["Location"])
    assert "You are on the waiting list" in read(done)
    assert Attendee.objects.get(email="ruth.ahmed@example.org").status == "waiting"


def test_a_course_needing_approval_asks_for_the_manager_and_keeps_what_was_typed(client):
    session = session_on(at(12, 15), requires_manager_approval=True)
    url = reverse("training:book-session", args=[session.pk])
    assert "needs your line manager's approval" in read(client.get(url))
    response = client.post(url, details(AgencyFactory(), manager_name="", manager_email=""))
    assert response.status_code == 200
    assert "Enter your line manager's name: this course needs their approval" in read(response)
    assert "Enter your line manager's email address: this course needs their approval" in read(response)
    assert 'value="Ruth Ahmed"' in read(response) and 'value="Health visitor"' in read(response)
    assert "govuk-error-summary" in read(response)
    assert not Attendee.objects.exists()

    done = client.get(post(client, url, details(AgencyFactory()))["Location"])
    assert "Your place is held" in read(done)
    assert "jo.price@example.org" in read(done)
    assert sorted(m.to[0] for m in mail.outbox) == ["jo.price@example.org", "ruth.ahmed@example.org"]


def test_validation_errors_keep_what_was_typed(client):
    session = session_on(at(12, 15))
    url = reverse("training:book-session", args=[session.pk])
    response = client.post(
        url, details(AgencyFactory(), email="not-an-email", agency="other", organisation="")
    )
    assert response.status_code == 200
    text = read(response)
    assert "Enter an email address in the correct format" in text
    assert "Enter the name of your organisation" in text
    assert 'value="not-an-email"' in text
    assert '<option value="other" selected>' in text
    assert text.count("govuk-error-message") >= 2
    assert not Attendee.objects.exists()


def test_another_organisation_is_recorded_by_name(client):
    session = session_on(at(12, 15))
    url = reverse("training:book-session", args=[session.pk])
    post(client, url, details(AgencyFactory(), agency="other", organisation="Northbrook Dental Practice"))
    attendee = Attendee.objects.get()
    assert attendee.agency is None
    assert attendee.organisation_name == "Northbrook Dental Practice"


def test_an_inactive_agency_cannot_be_chosen(client):
    session = session_on(at(12, 15))
    gone = AgencyFactory(name="Old Agency", active=False)
    url = reverse("training:book-session", args=[session.pk])
    assert "Old Agency" not in read(client.get(url))
    response = client.post(url, details(gone))
    assert "Choose the organisation you work for" in read(response)


def test_submitting_twice_books_once_and_says_so(client):
    session = session_on(at(12, 15))
    url = reverse("training:book-session", args=[session.pk])
    data = details(AgencyFactory())
    post(client, url, data)
    second = post(client, url, data)
    assert second.status_code == 302
    done = client.get(second["Location"])
    assert "You are already on the list for this session" in read(done)
    assert Attendee.objects.filter(session=session).count() == 1
    assert len(mail.outbox) == 1


def test_a_cancelled_or_past_session_shows_no_form(client):
    past = session_on(at(11, 20))
    cancelled = session_on(at(12, 20))
    Session.objects.filter(pk=cancelled.pk).update(status=Session.Status.CANCELLED)
    for session, words in ((past, "already taken place"), (cancelled, "has been cancelled")):
        url = reverse("training:book-session", args=[session.pk])
        page = client.get(url)
        assert words in read(page) and '<form method="post"' not in read(page)
        client.post(url, details(AgencyFactory()))
    assert not Attendee.objects.exists()


def test_a_non_bookable_course_is_not_found(client):
    session = session_on(at(12, 15), bookable=False)
    assert client.get(reverse("training:book-session", args=[session.pk])).status_code == 404


def test_the_confirmation_needs_its_signed_reference(client):
    session = session_on(at(12, 15))
    response = client.get(reverse("training:book-done", args=[session.pk, "made-up"]))
    assert response.status_code == 302
    assert response["Location"] == reverse("training:book-session", args=[session.pk])


# --- the business unit cancels a place ------------------------------------------------------


def test_the_business_unit_cancels_a_place_after_confirming(world, client_for):
    session = session_on(at(12, 15), capacity=1)
    booked = AttendeeFactory(session=session, name="Ruth Ahmed", agency=world.agency)
    waiting = AttendeeFactory(session=session, status=Attendee.Status.WAITING)
    client = client_for(world.business_unit)
    url = reverse("training:attendee-cancel", args=[booked.pk])
    page = client.get(url)
    assert "Are you sure you want to cancel Ruth Ahmed's place?" in read(page)
    booked.refresh_from_db()
    assert booked.status == "booked"
    response = post(client, url, {})
    assert response.status_code == 302
    booked.refresh_from_db()
    waiting.refresh_from_db()
    assert (booked.status, waiting.status) == ("cancelled", "booked")
    assert booked.history.first().history_user == world.business_unit
    assert {m.to[0] for m in mail.outbox} == {booked.email, waiting.email}


def test_the_agency_lead_sees_but_cannot_cancel_and_another_agency_sees_nothing(world, client_for):
    attendee = AttendeeFactory(session=session_on(at(12, 15)), agency=world.agency)
    url = reverse("training:attendee-cancel", args=[attendee.pk])
    assert client_for(world.agency_lead).post(url).status_code == 403
    assert client_for(world.other_agency_lead).post(url).status_code == 404
    attendee.refresh_from_db()
    assert attendee.status == "booked"
