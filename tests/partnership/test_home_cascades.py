"""An agency lead's home asks them to confirm each briefing their agency must cascade: "Confirm
how you cascaded <briefing> by <date>", overdue ones first, linked to the signed-in
confirmation; confirmed ones and other agencies' never show."""

import datetime
from html import unescape

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from partnership.home import home_parts
from partnership.models import Briefing, CascadeRequest

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 12, 10)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(datetime.datetime(2026, 12, 10, 10, 0), tick=False):
        yield


def briefing(title) -> Briefing:
    return Briefing.objects.create(
        title=title, what_we_found="Each agency saw part of the picture.", channel_newsletter=True,
        status=Briefing.Status.PUBLISHED, published_on=datetime.date(2026, 11, 2),
    )  # fmt: skip


def cascade(agency, title, due_on, **extra) -> CascadeRequest:
    return CascadeRequest.objects.create(briefing=briefing(title), agency=agency, due_on=due_on, **extra)


def cascade_part(user):
    found = [p for p in home_parts(user, today=TODAY) if p.heading == "Briefings to cascade"]
    assert len(found) <= 1
    return found[0] if found else None


def test_the_lead_is_asked_to_confirm_each_awaiting_cascade_overdue_first(world):
    later = cascade(world.agency, "Bruising in babies", datetime.date(2026, 12, 31))
    overdue = cascade(world.agency, "Cumulative neglect", datetime.date(2026, 12, 1))
    cascade(world.agency, "Already told", datetime.date(2026, 11, 20), confirmed_at=timezone.now(),
            method="email", staff_reached=12)  # fmt: skip
    cascade(world.other_agency, "Not theirs", datetime.date(2026, 11, 25))
    part = cascade_part(world.agency_lead)
    assert part.section == "agency" and part.key == world.agency.pk
    # By hand: 2 awaiting (the confirmed one and the other agency's left out), 1 past its date.
    assert (
        part.summary
        == "2 briefings await your confirmation of how they were cascaded to your staff; 1 overdue."
    )
    assert [(i.label, i.overdue) for i in part.items] == [
        ("Confirm how you cascaded Cumulative neglect by 1 December 2026", True),
        ("Confirm how you cascaded Bruising in babies by 31 December 2026", False),
    ]
    assert [i.url for i in part.items] == [
        reverse("partnership:cascade-confirm", args=[c.pk]) for c in (overdue, later)
    ]


def test_no_part_when_nothing_awaits_and_none_for_those_who_lead_no_agency(world):
    cascade(world.agency, "Already told", datetime.date(2026, 11, 20), confirmed_at=timezone.now(),
            method="email", staff_reached=12)  # fmt: skip
    assert cascade_part(world.agency_lead) is None
    cascade(world.agency, "Cumulative neglect", datetime.date(2026, 12, 31))
    assert cascade_part(world.agency_lead).summary == (
        "1 briefing awaits your confirmation of how it was cascaded to your staff."
    )
    for who in ("business_unit", "subgroup_chair", "no_role", "other_agency_lead"):
        assert cascade_part(world.person(who)) is None


def test_the_home_page_shows_the_prompt_and_the_link_confirms(world, client_for):
    awaiting = cascade(world.agency, "Cumulative neglect", datetime.date(2026, 12, 1))
    client = client_for(world.agency_lead)
    body = unescape(client.get(reverse("partnership:home")).content.decode())
    assert "Briefings to cascade" in body
    assert "Confirm how you cascaded Cumulative neglect by 1 December 2026" in body
    confirm = reverse("partnership:cascade-confirm", args=[awaiting.pk])
    assert confirm in body
    assert client.get(confirm).status_code == 200
