"""Assurance before closure: a completed action awaits the owning subgroup's sign-off.

Only the plan's subgroup chair and the business unit accept (then, and only then, it is
complete) or return it with a reason (back to its owner, who reads the reason). An action
awaiting sign-off is neither open work for its owner (not chased, not overdue) nor complete.
"""

import datetime
import re

import pytest
import time_machine
from django.urls import reverse

from partnership import selectors
from partnership.filters.actions import PlanFilter
from partnership.home import home_parts
from partnership.models import Action, ActionPlan, ActionSignOff, ActionStatus, ActionUpdate, SignOffDecision
from partnership.security.retention_rules import closed_plans
from partnership.services import DomainError
from partnership.services.actions import action_accept, action_add_update, action_complete, action_return
from tests.factories import ActionFactory, ActionPlanFactory, EvidenceFactory

from .factories import AwaitingActionFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 10, 1)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(datetime.datetime(2026, 10, 1, 10, 0), tick=False):
        yield


def text_of(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def url(name, obj):
    return reverse(f"partnership:{name}", args=[obj.pk])


def awaiting(world, **kwargs):
    kwargs.setdefault("plan", ActionPlanFactory(subgroup=world.subgroup))
    kwargs.setdefault("owner_agency", world.agency)
    return AwaitingActionFactory(**kwargs)


# --- the services -----------------------------------------------------------------------------


def test_completing_sends_the_action_for_sign_off_and_the_chair_accepts_it(world):
    action = ActionFactory(plan=ActionPlanFactory(subgroup=world.subgroup), owner_agency=world.agency)
    EvidenceFactory(action=action)
    action_complete(action=action, impact="Children's words are recorded.", actor=world.agency_lead)
    action.refresh_from_db()
    assert action.status == ActionStatus.AWAITING_SIGNOFF
    assert action.reported_complete_on == TODAY and action.closed_on is None

    action_accept(action=action, actor=world.subgroup_chair)
    action.refresh_from_db()
    assert action.status == ActionStatus.COMPLETE
    assert action.closed_on == TODAY
    sign_off = ActionSignOff.objects.get(action=action)
    assert sign_off.decision == SignOffDecision.ACCEPTED
    assert sign_off.decided_by == world.subgroup_chair and sign_off.decided_on == TODAY
    latest = action.history.first()
    assert latest.history_user == world.subgroup_chair
    assert latest.history_change_reason == "Accepted at sign-off: complete"


def test_the_business_unit_signs_off_any_plan_including_one_whose_subgroup_has_no_chair(world):
    action = awaiting(world, plan=ActionPlanFactory(subgroup=world.other_subgroup))
    action_accept(action=action, actor=world.business_unit)
    action.refresh_from_db()
    assert action.status == ActionStatus.COMPLETE


@pytest.mark.parametrize(
    "who", ["subgroup_member", "agency_lead", "partnership_lead", "other_agency_lead", "lay_member"]
)
def test_only_the_chair_or_the_business_unit_may_sign_off(world, who):
    action = awaiting(world)
    with pytest.raises(DomainError, match="subgroup's chair or the business unit"):
        action_accept(action=action, actor=world.person(who))
    with pytest.raises(DomainError, match="subgroup's chair or the business unit"):
        action_return(action=action, reason="More evidence", actor=world.person(who))
    action.refresh_from_db()
    assert action.status == ActionStatus.AWAITING_SIGNOFF
    assert not ActionSignOff.objects.exists()


def test_a_chair_of_another_subgroup_may_not_sign_off(world):
    action = awaiting(world, plan=ActionPlanFactory(subgroup=world.other_subgroup))
    with pytest.raises(DomainError):
        action_accept(action=action, actor=world.subgroup_chair)


def test_only_an_action_awaiting_sign_off_is_accepted_or_returned(world):
    action = ActionFactory(plan=ActionPlanFactory(subgroup=world.subgroup), status=ActionStatus.ON_TRACK)
    with pytest.raises(DomainError, match="not awaiting sign-off"):
        action_accept(action=action, actor=world.subgroup_chair)
    with pytest.raises(DomainError, match="not awaiting sign-off"):
        action_return(action=action, reason="No", actor=world.subgroup_chair)


def test_an_action_awaiting_sign_off_takes_no_updates_and_is_not_completed_twice(world):
    action = awaiting(world)
    EvidenceFactory(action=action)
    with pytest.raises(DomainError, match="awaiting sign-off"):
        action_add_update(action=action, text="More", actor=world.agency_lead)
    with pytest.raises(DomainError, match="awaiting sign-off"):
        action_complete(action=action, impact="Again", actor=world.agency_lead)


def test_returning_needs_a_reason_and_puts_it_where_the_owner_sees_it(world):
    action = awaiting(world, due_date=datetime.date(2026, 12, 31))
    with pytest.raises(DomainError) as blank:
        action_return(action=action, reason="  ", actor=world.subgroup_chair)
    assert blank.value.field == "reason"

    action_return(action=action, reason="The audit covers one team only.", actor=world.subgroup_chair)
    action.refresh_from_db()
    assert action.status == ActionStatus.ON_TRACK  # due date not passed
    assert action.closed_on is None
    sign_off = ActionSignOff.objects.get(action=action)
    assert (
        sign_off.decision == SignOffDecision.RETURNED and sign_off.reason == "The audit covers one team only."
    )
    update = ActionUpdate.objects.get(action=action)
    assert update.text == "Returned at sign-off: The audit covers one team only."
    assert update.author == world.subgroup_chair and update.new_status == ActionStatus.ON_TRACK

    # The owner carries on and reports it done again.
    action_add_update(action=action, text="Second team audited", actor=world.agency_lead)
    EvidenceFactory(action=action)
    action_complete(action=action, impact="Both teams record children's words.", actor=world.agency_lead)
    action.refresh_from_db()
    assert action.status == ActionStatus.AWAITING_SIGNOFF


def test_a_returned_action_past_its_due_date_goes_back_off_track(world):
    action = awaiting(world, due_date=datetime.date(2026, 9, 30))
    action_return(action=action, reason="No evidence of impact yet.", actor=world.business_unit)
    action.refresh_from_db()
    assert action.status == ActionStatus.OFF_TRACK


# --- where it counts --------------------------------------------------------------------------


def test_an_action_awaiting_sign_off_is_neither_open_nor_complete_in_the_counts(world):
    plan = ActionPlanFactory(subgroup=world.subgroup)
    # By hand: 1 awaiting (overdue by date), 1 complete, 1 open and overdue.
    awaiting(world, plan=plan, due_date=datetime.date(2026, 9, 1))
    ActionFactory(plan=plan, status=ActionStatus.COMPLETE, impact="Done", closed_on=TODAY)
    ActionFactory(plan=plan, status=ActionStatus.ON_TRACK, due_date=datetime.date(2026, 9, 1))
    summary = selectors.plan_summaries(ActionPlan.objects.filter(pk=plan.pk), TODAY).get()
    assert summary.actions_total == 3
    assert summary.actions_complete == 1
    assert summary.actions_closed == 1
    assert summary.actions_overdue == 1
    assert Action.objects.filter(plan=plan).open().count() == 1
    assert Action.objects.filter(plan=plan).overdue(TODAY).count() == 1


def test_a_plan_with_an_action_awaiting_sign_off_is_not_closed(world):
    plan = ActionPlanFactory(subgroup=world.subgroup)
    awaiting(world, plan=plan)
    ActionFactory(plan=plan, status=ActionStatus.COMPLETE, impact="Done", closed_on=TODAY)
    assert not closed_plans().filter(pk=plan.pk).exists()
    plans = ActionPlan.objects.filter(pk=plan.pk)
    assert list(PlanFilter({"status": "open"}, queryset=plans).qs) == [plan]
    assert list(PlanFilter({"status": "closed"}, queryset=plans).qs) == []


def test_the_chairs_home_says_how_many_actions_await_their_sign_off(world):
    awaiting(world)
    awaiting(world)
    awaiting(world, plan=ActionPlanFactory(subgroup=world.other_subgroup))
    chair_parts = [
        p for p in home_parts(world.subgroup_chair, today=TODAY) if p.heading == "Awaiting your sign-off"
    ]
    assert [p.summary for p in chair_parts] == ["2 actions await your sign-off."]
    assert "signoff=mine" in chair_parts[0].links[0][1]
    unit_parts = [p for p in home_parts(world.business_unit, today=TODAY) if p.heading == "Awaiting sign-off"]
    assert [p.summary for p in unit_parts] == ["3 actions await sign-off."]
    # A member answers for actions but does not sign them off: nothing about sign-off.
    member = [p for p in home_parts(world.subgroup_member, today=TODAY) if "sign-off" in p.heading]
    assert member == []


def test_the_list_of_actions_awaiting_your_sign_off(world, client_for):
    mine = awaiting(world, description="Awaiting the chair")
    awaiting(world, plan=ActionPlanFactory(subgroup=world.other_subgroup), description="Another subgroup's")
    ActionFactory(plan=ActionPlanFactory(subgroup=world.subgroup), description="Still open")
    chair = client_for(world.subgroup_chair)
    response = chair.get(reverse("partnership:action-list") + "?signoff=mine")
    assert response.status_code == 200
    assert [a.pk for a in response.context["actions"]] == [mine.pk]
    assert "Actions awaiting your sign-off" in text_of(response)
    export = chair.get(reverse("partnership:action-export-csv") + "?signoff=mine")
    body = b"".join(export.streaming_content if export.streaming else [export.content]).decode()
    assert "Awaiting the chair" in body and "Still open" not in body
    # A member may sign off nothing.
    member = client_for(world.subgroup_member).get(reverse("partnership:action-list") + "?signoff=mine")
    assert list(member.context["actions"]) == []
    # The business unit signs off every plan's actions.
    unit = client_for(world.business_unit).get(reverse("partnership:action-list") + "?signoff=mine")
    assert len(unit.context["actions"]) == 2


# --- the pages --------------------------------------------------------------------------------


def test_the_chair_sees_accept_and_return_and_the_owner_does_not(world, client_for):
    action = awaiting(world)
    chair_text = text_of(client_for(world.subgroup_chair).get(action.get_absolute_url()))
    assert "Awaiting sign-off" in chair_text and "Reported done on 1 September 2026" in chair_text
    assert "Accept as complete" in chair_text and "Return with a reason" in chair_text
    lead_text = text_of(client_for(world.agency_lead).get(action.get_absolute_url()))
    assert "Awaiting sign-off" in lead_text
    assert "Accept as complete" not in lead_text and "Add a progress update" not in lead_text


def test_accepting_is_confirmed_on_its_own_page(world, client_for):
    action = awaiting(world)
    chair = client_for(world.subgroup_chair)
    page = chair.get(url("action-accept", action))
    assert "Accept this action as complete" in text_of(page)
    assert "Every assessment now records the words of the child." in text_of(page)
    action.refresh_from_db()
    assert action.status == ActionStatus.AWAITING_SIGNOFF  # a GET changes nothing
    response = chair.post(url("action-accept", action))
    assert response["Location"] == action.get_absolute_url()
    action.refresh_from_db()
    assert action.status == ActionStatus.COMPLETE
    # Once decided, the sign-off pages send people back to the action.
    assert chair.get(url("action-return", action))["Location"] == action.get_absolute_url()


def test_returning_keeps_what_was_typed_and_the_owner_reads_the_reason(world, client_for):
    action = awaiting(world, due_date=datetime.date(2026, 12, 31))
    chair = client_for(world.subgroup_chair)
    page = chair.get(url("action-return", action))
    assert "sends it back to its owner as on track" in text_of(page)
    response = chair.post(url("action-return", action), {"reason": " "})
    assert response.status_code == 200
    assert "Enter why the action is being returned" in text_of(response)
    response = chair.post(url("action-return", action), {"reason": "Add the audit of the second team."})
    assert response["Location"] == action.get_absolute_url()

    owner = client_for(world.agency_lead).get(action.get_absolute_url())
    text = text_of(owner)
    assert "Returned at sign-off" in text and "Add the audit of the second team." in text
    assert "Chris Chair returned this action on 1 October 2026" in text
    assert "Add a progress update" in text  # back with its owner
    returned = [e for e in owner.context["timeline"] if e.title == "Returned at sign-off"]
    assert [e.text for e in returned] == ["Add the audit of the second team."]
