"""Home per role, from the parts each app provides (partnership/home.py and <app>/home.py): the
business unit's week across everything, a subgroup chair's remit and next chaser, an agency
lead's actions and requests; figures against hand counts; bounded query counts."""

import datetime
from html import unescape

import pytest
import time_machine
from django.urls import reverse

from partnership.home import collect_home_parts
from reviews.models import AgencyRequest
from tests.queries import queries_for

from ..training.factories import AttendeeFactory, SessionFactory
from .test_overview_dashboard import TODAY, build, grow

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(datetime.datetime(2026, 11, 30, 9, 0), tick=False):
        yield


@pytest.fixture
def data(world):
    """`build` (see test_overview_dashboard) plus a training session on Wed 2 December with one
    place booked of 20, another after the week, and a request to NCCS about RR-1 due 20 Nov."""
    built = build(world)
    session = SessionFactory(starts_at=datetime.datetime(2026, 12, 2, 9, 30, tzinfo=datetime.UTC),
                             ends_at=datetime.datetime(2026, 12, 2, 12, 30, tzinfo=datetime.UTC),
                             course__title="Neglect: the graded care profile")  # fmt: skip
    AttendeeFactory(session=session, agency=world.agency)
    SessionFactory(starts_at=datetime.datetime(2026, 12, 15, 9, 30, tzinfo=datetime.UTC),
                   ends_at=datetime.datetime(2026, 12, 15, 12, 30, tzinfo=datetime.UTC), course__title="Later course")  # fmt: skip
    AgencyRequest.objects.create(review=built["r1"], agency=world.agency, requested_on=datetime.date(2026, 11, 6),
                                 due_on=datetime.date(2026, 11, 20), questions="Your involvement with Child Q")  # fmt: skip
    return built


def parts(user, section):
    return {p.heading: p for p in collect_home_parts(user, TODAY).get(section, [])}


def test_the_business_unit_sees_what_is_due_this_week_across_everything(world, data):
    week = parts(world.business_unit, "week")
    assert list(week) == ["Actions", "Statutory clocks", "Section 11 returns", "Training sessions"]
    # Actions: due 30 Nov to 7 Dec: a3 (3 Dec) = 1; overdue: a1 (1 Oct) = 1. Listed: a1 then a3.
    assert week["Actions"].summary == "1 action due by 7 December 2026; 1 overdue."
    assert [i.overdue for i in week["Actions"].items] == [True, False]
    # Clocks: R2's notification due 4 Dec = 1; R1's Rapid Review overdue = 1.
    assert week["Statutory clocks"].summary == "1 clock due by 7 December 2026; 1 overdue."
    # Section 11: two returns not started, round due 2 Dec.
    assert (
        week["Section 11 returns"].summary == "2 returns due by 7 December 2026 not yet submitted; 0 overdue."
    )
    # Training: the 2 December session only (the 15 December one is after the week).
    assert week["Training sessions"].summary == "1 session starting by 7 December 2026."
    assert week["Training sessions"].items[0].detail == "2 December 2026, 1 of 20 places booked"


def test_only_the_business_unit_gets_the_week(world, data):
    for role in ("partnership_lead", "subgroup_chair", "agency_lead", "lay_member"):
        assert parts(world.person(role), "week") == {}


def test_a_subgroup_chair_sees_their_subgroups_plans_overdue_actions_reviews_audits_and_next_chaser(
    world, data
):
    remit = parts(world.subgroup_chair, "subgroup")
    assert {p.key for p in collect_home_parts(world.subgroup_chair, TODAY)["subgroup"]} == {world.subgroup.pk}
    plans = remit["Action plans by RAG"]
    assert [(i.label, i.detail) for i in plans.items] == [
        ("Neglect audit plan", "1 red, 1 amber, 1 green, 0 complete")
    ]
    assert remit["Overdue actions"].summary == "1 action overdue on your subgroup's plans."  # a1
    # The plan started on 5 January 2026: its first chaser (5 July 2026) has not been sent.
    assert remit["Next chaser"].summary == (
        "Your next six-monthly chaser is due on 5 July 2026, for Neglect audit plan."
    )
    # Reviews in the remit: RR-1 (RR-2 is the other subgroup's, RR-3 closed), its clock overdue.
    reviews = remit["Case reviews"]
    assert reviews.summary == "1 open case review in your subgroup's remit."
    assert reviews.items[0].overdue and reviews.items[0].label.startswith("RR-1")
    # The open Section 11 round is overseen by their subgroup.
    assert remit["Audits and Section 11"].items[0].label == "Section 11 self-assessment 2026"


def test_an_agency_lead_sees_their_agencys_actions_and_requests_only(world, data, client_for):
    agency = parts(world.agency_lead, "agency")
    # NCCS owns a1 (red, overdue) and a4 (red, off track); a5 is complete.
    assert agency["Your agency's actions"].summary == "2 open actions: 2 red, 0 amber, 0 green; 1 overdue."
    requests = agency["Case review requests"]
    assert requests.summary == "1 request for your agency's information waiting for an answer."
    assert requests.items[0].overdue
    other = parts(world.other_agency_lead, "agency")
    # EHT owns a2 only; no request was sent to EHT.
    assert other["Your agency's actions"].summary == "1 open action: 0 red, 0 amber, 1 green; 0 overdue."
    assert other["Case review requests"].items == []
    body = unescape(client_for(world.other_agency_lead).get(reverse("partnership:home")).content.decode())
    assert "RR-1" not in body


def test_home_pages_render_the_parts(world, data, client_for):
    body = unescape(client_for(world.business_unit).get(reverse("partnership:home")).content.decode())
    assert "Due this week" in body and "Neglect: the graded care profile" in body
    chair = unescape(client_for(world.subgroup_chair).get(reverse("partnership:home")).content.decode())
    assert "Next chaser" in chair and "Due this week" not in chair
    lead = unescape(client_for(world.agency_lead).get(reverse("partnership:home")).content.decode())
    assert "Case review requests" in lead and "Your agency's actions" in lead


@pytest.mark.parametrize("role", ["business_unit", "subgroup_chair", "agency_lead"])
def test_home_query_count_is_constant_at_two_data_sizes(world, data, client_for, role):
    client = client_for(world.person(role))
    url = reverse("partnership:home")
    client.get(url)

    small = queries_for(client, url)
    grow(world, 2)
    middle = queries_for(client, url)
    grow(world, 6, start=2)
    for day in (1, 3, 4):
        AttendeeFactory(session=SessionFactory(
            starts_at=datetime.datetime(2026, 12, day, 13, 0, tzinfo=datetime.UTC),
            ends_at=datetime.datetime(2026, 12, day, 15, 0, tzinfo=datetime.UTC)), agency=world.agency)  # fmt: skip
    assert queries_for(client, url) == middle == small
