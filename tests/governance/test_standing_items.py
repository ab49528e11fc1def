"""Section 11 improvements still open six months after the round's overview go to the
executive's meeting: the framework places them on the agenda of the first planned executive
meeting on or after the day escalation became due, once, however often the job runs."""

import datetime

import pytest
import time_machine

from governance import services
from governance.models import AgendaItem, Body, Meeting
from governance.tasks import place_standing_items_task
from tests.audits.factories import reported_round
from tests.workers import require_postgres, twice_at_once

from .factories import AgendaItemFactory, MeetingFactory

pytestmark = pytest.mark.django_db

REPORTED = datetime.date(2027, 1, 15)  # escalation due 15 July 2027
TODAY = datetime.date(2027, 5, 1)


def executive(date, status=Meeting.Status.PLANNED):
    return MeetingFactory(
        body=Body.EXECUTIVE, subgroup=None, title=f"Executive {date}", date=date, status=status
    )


@pytest.fixture
def reported(world):
    return reported_round(world, REPORTED)


def test_the_first_executive_meeting_after_escalation_is_due_gets_the_item_once(world, reported):
    executive(datetime.date(2027, 6, 10))  # before escalation is due: not this one
    september = executive(datetime.date(2027, 9, 9))
    executive(datetime.date(2027, 12, 9))
    AgendaItemFactory(meeting=september, number=1, title="Minutes of the last meeting")
    added = services.place_section11_escalations(today=TODAY)
    assert [item.meeting for item in added] == [september]
    item = september.agenda_items.get(number=2)
    # By hand: our agency's "Level 3 training" is the one improvement still open (of four).
    assert item.title == (
        f"{reported.title}: 1 improvement still open at 1 agency six months after the overview "
        "(escalation due 15 July 2027): the chair's letters to their senior managers"
    )
    assert item.decision_needed and item.presenter == "Business unit"
    assert services.place_section11_escalations(today=TODAY) == []
    assert place_standing_items_task() == 0
    assert AgendaItem.objects.filter(placed_for__startswith="section11-escalation:").count() == 1


def test_nothing_is_placed_when_every_improvement_is_done_or_no_meeting_is_planned(world, reported):
    assert services.place_section11_escalations(today=TODAY) == []  # no executive meeting planned
    executive(datetime.date(2027, 9, 9), status=Meeting.Status.CANCELLED)
    executive(datetime.date(2027, 8, 1), status=Meeting.Status.HELD)
    assert services.place_section11_escalations(today=TODAY) == []
    from partnership.models import Action, ActionStatus

    Action.objects.update(status=ActionStatus.COMPLETE, impact="Done.")
    executive(datetime.date(2027, 10, 1))
    assert services.place_section11_escalations(today=TODAY) == []


def test_an_item_on_a_cancelled_meeting_is_placed_again_on_the_next(world, reported):
    september = executive(datetime.date(2027, 9, 9))
    services.place_section11_escalations(today=TODAY)
    september.status = Meeting.Status.CANCELLED
    september.save()
    october = executive(datetime.date(2027, 10, 7))
    assert [item.meeting for item in services.place_section11_escalations(today=TODAY)] == [october]


def test_recording_an_executive_meeting_places_what_is_due(
    client_for, world, reported, django_capture_on_commit_callbacks
):
    from django.urls import reverse

    with time_machine.travel(datetime.date(2027, 8, 1)), django_capture_on_commit_callbacks(execute=True):
        response = client_for(world.business_unit).post(
            reverse("governance:meeting-create"),
            {"body": Body.EXECUTIVE, "title": "Executive, September", "date_day": "9", "date_month": "9",
             "date_year": "2027", "place": "Online", "status": Meeting.Status.PLANNED},
        )  # fmt: skip
    assert response.status_code == 302, response.content.decode()[:3000]
    meeting = Meeting.objects.get(title="Executive, September")
    assert [i.placed_for for i in meeting.agenda_items.all()] == [f"section11-escalation:{reported.pk}"]


@pytest.mark.django_db(transaction=True)
def test_two_runs_at_once_place_the_item_once(world):
    require_postgres()
    reported_round(world, REPORTED)
    executive(datetime.date(2027, 9, 9))
    errors = twice_at_once(lambda: services.place_section11_escalations(today=TODAY))
    assert errors == []
    assert AgendaItem.objects.filter(placed_for__startswith="section11-escalation:").count() == 1


def test_the_meeting_page_says_the_framework_placed_the_item(client_for, world, reported):
    september = executive(datetime.date(2027, 9, 9))
    services.place_section11_escalations(today=TODAY)
    page = client_for(world.business_unit).get(september.get_absolute_url()).content.decode()
    assert "1 improvement still open at 1 agency" in page
    assert "Placed on the agenda by the framework: Section 11 improvements outstanding" in page
