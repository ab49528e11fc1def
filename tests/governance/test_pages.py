"""Who sees which meeting, the meeting page as minutes and action log, and the forms."""

import datetime
import uuid
from html import unescape

import pytest
import time_machine
from django.urls import reverse

from governance import selectors
from governance.models import Attendance, Body, Decision, Meeting
from partnership.models import Action
from tests.factories import ActionFactory, ActionPlanFactory, RecommendationFactory

from .factories import AttendanceFactory, DecisionFactory, MeetingFactory, PaperFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(datetime.datetime(2026, 11, 30, 9, 0), tick=False):
        yield


@pytest.fixture
def meetings(world):
    attended = MeetingFactory(subgroup=world.subgroup, title="L&I October")
    AttendanceFactory(meeting=attended, agency=world.agency, status=Attendance.Status.PRESENT)
    apologies = MeetingFactory(subgroup=world.other_subgroup, title="Training October")
    AttendanceFactory(meeting=apologies, agency=world.agency, status=Attendance.Status.APOLOGIES)
    other = MeetingFactory(subgroup=world.other_subgroup, title="Training September")
    AttendanceFactory(meeting=other, agency=world.other_agency, status=Attendance.Status.PRESENT)
    executive = MeetingFactory(body=Body.EXECUTIVE, subgroup=None, title="Executive Q3")
    return {"attended": attended, "apologies": apologies, "other": other, "executive": executive}


def titles(user):
    return set(selectors.meetings_visible_to(user).values_list("title", flat=True))


def test_each_role_sees_its_meetings(world, meetings):
    everything = {"L&I October", "Training October", "Training September", "Executive Q3"}
    assert titles(world.business_unit) == titles(world.partnership_lead) == everything
    assert titles(world.subgroup_chair) == titles(world.subgroup_member) == {"L&I October"}
    # An agency lead: only where their agency was present (not where it sent apologies).
    assert titles(world.agency_lead) == {"L&I October"}
    assert titles(world.other_agency_lead) == {"Training September"}
    assert titles(world.lay_member) == titles(world.no_role) == set()


def test_an_agency_lead_does_not_see_confidential_papers(world, meetings, client_for):
    meeting = meetings["attended"]
    PaperFactory(meeting=meeting, title="Open dataset")
    secret = PaperFactory(meeting=meeting, title="Child Q chronology", confidential=True)
    lead = unescape(client_for(world.agency_lead).get(meeting.get_absolute_url()).content.decode())
    assert "Open dataset" in lead and "Child Q chronology" not in lead
    assert (
        client_for(world.agency_lead).get(reverse("governance:paper-download", args=[secret.pk])).status_code
        == 404
    )
    member = unescape(client_for(world.subgroup_member).get(meeting.get_absolute_url()).content.decode())
    assert "Child Q chronology" in member


def test_the_meeting_page_shows_attendance_and_each_actions_live_status(world, meetings, client_for):
    meeting = meetings["attended"]
    action = ActionFactory(plan=ActionPlanFactory(subgroup=world.subgroup), owner_agency=world.agency,
                           description="Refresh the neglect toolkit", due_date=datetime.date(2026, 11, 1))  # fmt: skip
    DecisionFactory(
        meeting=meeting, kind=Decision.Kind.ACTION, text="Refresh the neglect toolkit", action=action
    )
    body = unescape(client_for(world.business_unit).get(meeting.get_absolute_url()).content.decode())
    assert "Northbrook Council Children's Services" in body and "Present" in body
    assert "Red" in body and action.get_absolute_url() in body and "due 1 November 2026" in body
    # The action's page says where it was agreed.
    page = unescape(client_for(world.subgroup_chair).get(action.get_absolute_url()).content.decode())
    assert "Where it was agreed" in page and meeting.get_absolute_url() in page


def test_the_list_puts_upcoming_meetings_first_and_exports_them(world, meetings, client_for):
    MeetingFactory(subgroup=world.subgroup, title="L&I January", date=datetime.date(2027, 1, 14),
                   status=Meeting.Status.PLANNED)  # fmt: skip
    MeetingFactory(subgroup=world.subgroup, title="L&I December", date=datetime.date(2026, 12, 9),
                   status=Meeting.Status.PLANNED)  # fmt: skip
    body = client_for(world.subgroup_chair).get(reverse("governance:meeting-list")).content.decode()
    order = [body.index(t) for t in ("L&amp;I December", "L&amp;I January", "L&amp;I October")]
    assert order == sorted(order)
    csv = client_for(world.subgroup_chair).get(reverse("governance:meeting-export") + "?when=upcoming")
    text = csv.content.decode()
    assert "L&I December" in text and "9 December 2026" in text and "L&I October" not in text


def test_recording_a_decision_creates_the_action_and_a_resubmit_adds_nothing(world, meetings, client_for):
    meeting = meetings["attended"]
    plan = ActionPlanFactory(subgroup=world.subgroup, title="Neglect plan")
    recommendation = RecommendationFactory(source=plan.source)
    url = reverse("governance:meeting-decision-add", args=[meeting.pk])
    data = {"token": str(uuid.uuid4()), "kind": "action", "text": "Refresh the toolkit",
            "recommendation": recommendation.pk, "owner_agency": world.agency.pk, "lead_name": "Jo Bloggs",
            "due_date_day": "31", "due_date_month": "3", "due_date_year": "2027"}  # fmt: skip
    client = client_for(world.subgroup_chair)
    assert client.post(url, data).status_code == 302
    assert client.post(url, data).status_code == 302
    action = Action.objects.get()
    assert action.description == "Refresh the toolkit" and action.due_date == datetime.date(2027, 3, 31)
    assert Decision.objects.get().action == action


def test_a_decision_form_with_errors_keeps_what_was_typed(world, meetings, client_for):
    url = reverse("governance:meeting-decision-add", args=[meetings["attended"].pk])
    response = client_for(world.business_unit).post(
        url,
        {"token": str(uuid.uuid4()), "kind": "action", "text": "Train every school DSL", "lead_name": "Ann"},
    )
    body = unescape(response.content.decode())
    assert response.status_code == 200
    assert (
        "Choose the action plan and the recommendation the action answers" in body
        and "Enter the action's due date" in body
    )
    assert "Train every school DSL" in body and 'value="Ann"' in body
    assert not Decision.objects.exists()


def test_the_business_unit_records_a_meeting_and_its_attendance(world, client_for):
    client = client_for(world.business_unit)
    response = client.post(reverse("governance:meeting-create"), {
        "body": "subgroup", "subgroup": world.subgroup.pk, "title": "L&I February", "date_day": "10", "date_month": "2",
        "date_year": "2027", "start_time": "10:00", "place": "Online", "status": "planned"})  # fmt: skip
    meeting = Meeting.objects.get()
    assert response.status_code == 302 and response["Location"] == meeting.get_absolute_url()
    assert meeting.date == datetime.date(2027, 2, 10) and meeting.subgroup == world.subgroup
    url = reverse("governance:meeting-attendance", args=[meeting.pk])
    page = unescape(client.get(url).content.decode())
    assert world.agency.name in page  # the agency of the subgroup's chair and member
    # Present cannot be recorded for a planned meeting still to come; what was typed stays.
    response = client.post(
        url, {f"status_{world.agency.pk}": "present", f"name_{world.agency.pk}": "Ann Rep"}
    )
    assert response.status_code == 200 and 'value="Ann Rep"' in response.content.decode()
    assert client.post(url, {f"status_{world.agency.pk}": "apologies"}).status_code == 302
    assert meeting.attendances.get().status == Attendance.Status.APOLOGIES


def test_a_meeting_form_with_errors_keeps_what_was_typed(world, client_for):
    response = client_for(world.business_unit).post(
        reverse("governance:meeting-create"), {"body": "subgroup", "title": "L&I March", "place": "Room 4"}
    )
    body = unescape(response.content.decode())
    assert (
        "Choose the subgroup that meets" in body and 'value="L&I March"' in body and 'value="Room 4"' in body
    )
    assert not Meeting.objects.exists()


def test_a_chair_is_offered_only_their_subgroups_open_plans_grouped_by_plan(world, meetings, client_for):
    own = ActionPlanFactory(subgroup=world.subgroup, title="Neglect plan")
    RecommendationFactory(source=own.source, reference="R1", text="Use the graded care profile")
    other = ActionPlanFactory(subgroup=world.other_subgroup, title="Training plan")
    foreign = RecommendationFactory(source=other.source, reference="R9")
    url = reverse("governance:meeting-decision-add", args=[meetings["attended"].pk])
    client = client_for(world.subgroup_chair)
    page = unescape(client.get(url).content.decode())
    assert '<optgroup label="Neglect plan">' in page and "R1. Use the graded care profile" in page
    assert "Training plan" not in page
    response = client.post(url, {"token": str(uuid.uuid4()), "kind": "action", "text": "x", "lead_name": "Jo",
                                 "recommendation": foreign.pk, "due_date_day": "1", "due_date_month": "3",
                                 "due_date_year": "2027"})  # fmt: skip
    assert response.status_code == 200 and not Action.objects.exists()
