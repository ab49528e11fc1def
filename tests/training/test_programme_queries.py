"""The session list and a session's page read the database a constant number of times, however
many sessions and people there are (an N+1 shows up here as a failure)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import AgencyFactory, ThemeFactory
from tests.queries import queries_for

from .factories import AttendeeFactory, CourseFactory, ProgrammeFactory, SessionFactory

pytestmark = pytest.mark.django_db


def add_sessions(world, count: int) -> None:
    programme = ProgrammeFactory(year=2026, subgroup=world.subgroup)
    theme = ThemeFactory()
    for n in range(count):
        course = CourseFactory(programme=programme)
        course.themes.set([theme])
        starts = timezone.now() + datetime.timedelta(days=n - count // 2)
        session = SessionFactory(
            course=course, starts_at=starts, ends_at=starts + datetime.timedelta(hours=2)
        )
        AttendeeFactory(session=session, agency=world.agency, attended=True)
        AttendeeFactory(session=session, status="waiting", agency=world.agency)


def add_people(world, session, count: int) -> None:
    for n in range(count):
        agency = AgencyFactory() if n % 3 else world.agency
        status = ("booked", "waiting", "cancelled", "awaiting_approval")[n % 4]
        AttendeeFactory(session=session, agency=agency, status=status)


LIST_URLS = ["training:session-list", "training:session-export", "training:course-list", "training:course-export",
             "training:programme-list", "training:attendance-by-agency", "training:index"]  # fmt: skip


@pytest.mark.parametrize("url_name", LIST_URLS)
@pytest.mark.parametrize("role", ["business_unit", "agency_lead"])
def test_lists_keep_a_constant_number_of_queries(world, client_for, url_name, role):
    client = client_for(world.person(role))
    url = reverse(url_name)
    add_sessions(world, 2)
    client.get(url)  # warm caches (content types, session) so both counts are like for like
    small = queries_for(client, url)
    add_sessions(world, 20)
    assert queries_for(client, url) == small


@pytest.mark.parametrize("url_name", ["training:session-detail", "training:session-attendee-export"])
@pytest.mark.parametrize("role", ["business_unit", "agency_lead", "subgroup_chair"])
def test_a_sessions_page_keeps_a_constant_number_of_queries(world, client_for, url_name, role):
    programme = ProgrammeFactory(year=2026, subgroup=world.subgroup)
    session = SessionFactory(course__programme=programme, capacity=100)
    client = client_for(world.person(role))
    url = reverse(url_name, args=[session.pk])
    add_people(world, session, 3)
    client.get(url)
    small = queries_for(client, url)
    add_people(world, session, 40)
    assert queries_for(client, url) == small
