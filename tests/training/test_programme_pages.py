"""The programme's pages: the happy paths a business unit follows, and what an agency lead sees."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from partnership.models import Theme
from tests.factories import PriorityFactory, ThemeFactory
from training.models import Attendee, Course, LearningOutcome, Programme, Session

from .factories import (
    AttendeeFactory,
    CourseFactory,
    LearningOutcomeFactory,
    ProgrammeFactory,
    SessionFactory,
    at,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]


@pytest.fixture
def programme(world):
    return ProgrammeFactory(year=2026, subgroup=world.subgroup)


@pytest.fixture
def bu(world, client_for):
    return client_for(world.business_unit)


def test_the_nav_shows_training_to_those_who_may_open_it(world, programme, client_for):
    home = reverse("partnership:home")
    for role, shown in (("business_unit", True), ("agency_lead", True), ("subgroup_member", True),
                        ("lay_member", False), ("no_role", False)):  # fmt: skip
        content = client_for(world.person(role)).get(home).content.decode()
        assert (reverse("training:index") in content) is shown, role


def test_setting_up_a_programme_course_and_session(world, bu):
    priority = PriorityFactory(title="Tackling neglect")
    response = bu.post(reverse("training:programme-create"),
                       {"year": "2027", "title": "", "subgroup": world.other_subgroup.pk, "priorities": [priority.pk]})  # fmt: skip
    assert response.status_code == 302
    programme = Programme.objects.get(year=2027)
    assert list(programme.priorities.all()) == [priority]
    detail = bu.get(programme.get_absolute_url())
    assert b"Tackling neglect" in detail.content and b"This programme has no courses yet" in detail.content

    theme = Theme.objects.get(name="Neglect")
    data = {"programme": programme.pk, "title": "Neglect: cumulative harm", "level": "2", "format": "workshop",
            "multi_agency": "True", "provider": "agency", "themes": [theme.pk], "follow_up_sample_percent": "50",
            "bookable": "on"}  # fmt: skip
    missing_agency = bu.post(reverse("training:course-create"), data)
    assert missing_agency.status_code == 200
    assert "Choose the partner agency that provides the course" in missing_agency.content.decode()
    response = bu.post(reverse("training:course-create"), {**data, "provider_agency": world.agency.pk})
    course = Course.objects.get()
    assert response["Location"] == course.get_absolute_url()
    assert (course.level, course.format, course.provider_agency, course.follow_up_sample_percent) == (
        2, "workshop", world.agency, 50
    )  # fmt: skip

    bu.post(reverse("training:outcome-create", args=[course.pk]), {"text": "Recognise cumulative harm"})
    assert course.outcomes.get().number == 1

    session_url = reverse("training:session-create", args=[course.pk])
    bad = bu.post(
        session_url,
        {"date": "14/12/2026", "start_time": "12:00", "end_time": "9:30", "capacity": "20", "venue": "Hall"},
    )
    assert bad.status_code == 200 and "The end time must be after the start time" in bad.content.decode()
    response = bu.post(session_url, {"date": "14/12/2026", "start_time": "9:30", "end_time": "12:30", "capacity": "20",
                                     "venue": "Civic Centre", "trainer": "Dana"})  # fmt: skip
    session = Session.objects.get()
    assert response["Location"] == session.get_absolute_url()
    assert timezone.localtime(session.starts_at).strftime("%d/%m/%Y %H:%M") == "14/12/2026 09:30"
    page = bu.get(session.get_absolute_url()).content.decode()
    assert "0 of 20 taken, 20 free" in page and "09:30 to 12:30" in page


def test_editing_a_session_keeps_its_times(world, bu, programme):
    session = SessionFactory(course__programme=programme, starts_at=at(3), ends_at=at(3, 12))
    form = bu.get(reverse("training:session-edit", args=[session.pk])).context["form"]
    assert form.initial["start_time"] == datetime.time(9, 30)


def test_the_session_page_lists_places_waiting_list_in_order_and_cancel_links(world, bu, programme):
    session = SessionFactory(course__programme=programme, capacity=2)
    booked = AttendeeFactory(session=session, name="Ann Booked", agency=world.agency)
    AttendeeFactory(
        session=session, name="Ben Awaiting", status="awaiting_approval", agency=world.other_agency
    )
    AttendeeFactory(session=session, name="Second Waiting", status="waiting", booked_at=at(-1),
                    agency=world.agency)  # fmt: skip
    AttendeeFactory(session=session, name="First Waiting", status="waiting", booked_at=at(-2),
                    agency=world.agency)  # fmt: skip
    AttendeeFactory(session=session, name="Cy Cancelled", status="cancelled", agency=world.agency)
    response = bu.get(session.get_absolute_url())
    page = response.content.decode()
    assert "2 of 2 taken, 0 free" in page and "2 on the waiting list" in page
    assert [a.name for a in response.context["waiting"]] == ["First Waiting", "Second Waiting"]
    assert page.index("First Waiting") < page.index("Second Waiting")
    assert "Awaiting approval" in page and "Waiting list" in page and "Cy Cancelled" in page
    cancel = reverse("training:attendee-cancel", args=[booked.pk])
    assert cancel in page
    cancelled = Attendee.objects.get(name="Cy Cancelled")
    assert reverse("training:attendee-cancel", args=[cancelled.pk]) not in page


def test_an_agency_lead_sees_only_their_agencys_people_on_a_session(world, client_for, programme):
    session = SessionFactory(course__programme=programme)
    AttendeeFactory(session=session, name="Our Worker", agency=world.agency)
    AttendeeFactory(session=session, name="Their Worker", agency=world.other_agency)
    client = client_for(world.agency_lead)
    page = client.get(session.get_absolute_url()).content.decode()
    assert "Our Worker" in page and "Their Worker" not in page
    assert "Cancel place" not in page and "Import attendees" not in page
    csv = client.get(reverse("training:session-attendee-export", args=[session.pk])).content.decode()
    assert "Our Worker" in csv and "Their Worker" not in csv


def test_adding_a_person_and_refusing_the_same_email(world, bu, programme):
    session = SessionFactory(course__programme=programme)
    url = reverse("training:attendee-add", args=[session.pk])
    data = {"name": "Ada Worker", "email": "ada@example.org", "agency": world.agency.pk, "job_role": "Nurse"}
    assert bu.post(url, data).status_code == 302
    again = bu.post(url, {**data, "email": "ADA@example.org"})
    text = again.content.decode()
    assert again.status_code == 200
    assert "ada@example.org is already on this session&#x27;s list (Ada Worker, booked)" in text
    assert 'value="ADA@example.org"' in text  # what was typed is kept
    assert session.attendees.count() == 1
    no_agency = bu.post(url, {**data, "email": "bo@example.org", "agency": ""})
    assert "Choose the person&#x27;s agency, or enter their organisation" in no_agency.content.decode()


def test_cancelling_a_session_through_the_page(world, bu, programme, django_capture_on_commit_callbacks):
    session = SessionFactory(course__programme=programme)
    AttendeeFactory(session=session, email="one@example.org")
    AttendeeFactory(session=session, email="two@example.org", status="waiting")
    url = reverse("training:session-cancel", args=[session.pk])
    page = bu.get(url).content.decode()
    assert "The 2 people booked, awaiting approval or on the waiting list will each be emailed" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = bu.post(url, {"reason": "Venue flooded"})
    assert response.status_code == 302
    session.refresh_from_db()
    assert session.status == "cancelled" and len(mail.outbox) == 2
    assert "This session has been cancelled" in bu.get(session.get_absolute_url()).content.decode()
    assert bu.get(reverse("training:attendee-add", args=[session.pk])).status_code == 200
    refused = bu.post(reverse("training:attendee-add", args=[session.pk]),
                      {"name": "Late", "email": "late@example.org", "agency": world.agency.pk})  # fmt: skip
    assert "cancelled" in refused.content.decode() and session.attendees.count() == 2


def test_marking_attendance_after_the_session(world, bu, programme):
    session = SessionFactory(course__programme=programme, starts_at=at(-1), ends_at=at(-1, 12))
    came = AttendeeFactory(session=session, agency=world.agency)
    missed = AttendeeFactory(session=session, agency=world.agency)
    AttendeeFactory(session=session, status="waiting")
    url = reverse("training:attendance-mark", args=[session.pk])
    form = bu.get(url).context["form"]
    assert len(form.attendees) == 2
    response = bu.post(url, {f"attendee_{came.pk}": "yes", f"attendee_{missed.pk}": "no"})
    assert response.status_code == 302
    came.refresh_from_db()
    missed.refresh_from_db()
    assert came.attended is True and missed.no_show


def test_attendance_cannot_be_marked_before_the_session_starts(world, bu, programme):
    session = SessionFactory(course__programme=programme, starts_at=at(1), ends_at=at(1, 12))
    response = bu.get(reverse("training:attendance-mark", args=[session.pk]), follow=True)
    assert "Attendance can be marked once the session has started" in response.content.decode()


def test_attendance_by_agency_counts_no_shows_and_an_agency_lead_sees_only_theirs(
    world, client_for, programme
):
    past = SessionFactory(course__programme=programme, starts_at=at(-5), ends_at=at(-5, 12))
    for attended in (True, False, False, None):
        AttendeeFactory(session=past, agency=world.agency, attended=attended)
    AttendeeFactory(session=past, agency=world.other_agency, attended=False)
    AttendeeFactory(session=past, agency=world.other_agency, attended=None, status="cancelled")
    future = SessionFactory(course__programme=programme)
    AttendeeFactory(session=future, agency=world.agency)  # not counted: not yet taken place
    url = reverse("training:attendance-by-agency")
    rows = {r["agency"]: r for r in client_for(world.business_unit).get(url).context["rows"]}
    ours = rows[world.agency.name]
    assert (ours["booked"], ours["attended"], ours["no_shows"], ours["unmarked"], ours["no_show_rate"]) == (
        4, 1, 2, 1, 66.7
    )  # fmt: skip
    assert rows[world.other_agency.name]["no_shows"] == 1
    lead = client_for(world.agency_lead)
    assert [r["agency"] for r in lead.get(url).context["rows"]] == [world.agency.name]
    assert world.other_agency.name.encode() not in lead.get(reverse("training:attendance-export")).content
    by_rate = client_for(world.business_unit).get(url + "?sort=-rate").context["rows"]
    assert by_rate[0]["agency"] == world.other_agency.name


def test_lists_filter_and_export(world, bu, programme):
    theme = ThemeFactory(name="Exploitation")
    wanted = CourseFactory(programme=programme, title="Exploitation briefing", level=1, format="briefing")
    wanted.themes.set([theme])
    CourseFactory(programme=programme, title="Other course", level=3)
    page = bu.get(reverse("training:course-list") + f"?level=1&theme={theme.pk}")
    assert [c.title for c in page.context["page_obj"]] == ["Exploitation briefing"]
    csv = bu.get(reverse("training:course-export") + "?level=1").content.decode("utf-8-sig")
    assert "Exploitation briefing" in csv and "Other course" not in csv
    SessionFactory(course=wanted, starts_at=at(-3), ends_at=at(-3, 12))
    SessionFactory(course=wanted, starts_at=at(3), ends_at=at(3, 12))
    upcoming = bu.get(reverse("training:session-list") + "?when=upcoming").context["page_obj"]
    assert [s.starts_at for s in upcoming] == [at(3)]


def test_removing_an_outcome_asks_first(world, bu, programme):
    outcome = LearningOutcomeFactory(course__programme=programme, number=1)
    url = reverse("training:outcome-remove", args=[outcome.pk])
    assert b"Remove learning outcome 1?" in bu.get(url).content
    assert bu.post(url).status_code == 302
    assert not LearningOutcome.objects.exists()


def test_the_landing_page_counts_what_the_person_may_see(world, client_for, programme):
    past = SessionFactory(course__programme=programme, starts_at=at(-5), ends_at=at(-5, 12))
    AttendeeFactory(session=past, agency=world.agency, attended=False)
    AttendeeFactory(session=past, agency=world.other_agency, attended=False)
    everyone = client_for(world.business_unit).get(reverse("training:index")).context["people"]
    ours = client_for(world.agency_lead).get(reverse("training:index")).context["people"]
    assert everyone["no_shows"] == 2 and ours["no_shows"] == 1
