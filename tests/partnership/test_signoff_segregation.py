"""Segregation of duties at sign-off: nobody gives assurance on an action they lead or reported
done themselves. A chair who leads the action, or the business unit person who reported it,
leaves it to another chair of the subgroup or the business unit: the services refuse, the page
says who may sign it off instead, and neither the sign-off digest, the "awaiting my sign-off"
list nor the home page offers it to them."""

import datetime
import re

import pytest
import time_machine
from django.core import mail
from django.urls import reverse

from partnership import permissions
from partnership.home import home_parts
from partnership.models import ActionSignOff, ActionStatus, Role
from partnership.services import DomainError
from partnership.services.actions import action_accept, action_complete, action_return
from partnership.services.signoff import send_signoff_digests
from tests.factories import (
    ActionFactory,
    ActionPlanFactory,
    EvidenceFactory,
    RoleAssignmentFactory,
    UserFactory,
)

from .factories import AwaitingActionFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 10, 1)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(datetime.datetime(2026, 10, 1, 10, 0), tick=False):
        yield


def text_of(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def reported_by(world, actor, **kwargs):
    """An action of world.subgroup's plan, reported done by `actor` through the service."""
    action = ActionFactory(
        plan=ActionPlanFactory(subgroup=world.subgroup), owner_agency=world.agency, **kwargs
    )
    EvidenceFactory(action=action)
    return action_complete(action=action, impact="Children's words are recorded.", actor=actor)


def co_chair(world):
    second = UserFactory(full_name="Dana Deputy", email="dana.deputy@example.org")
    RoleAssignmentFactory(user=second, role=Role.SUBGROUP_CHAIR, subgroup=world.subgroup)
    return second


def digests():
    return [m for m in mail.outbox if "your sign-off" in m.subject]


# --- the services -----------------------------------------------------------------------------


def test_reporting_done_records_who_reported_it(world):
    action = reported_by(world, world.agency_lead)
    action.refresh_from_db()
    assert action.reported_complete_by == world.agency_lead


def test_the_business_unit_person_who_reported_it_done_may_not_sign_it_off(world):
    action = reported_by(world, world.business_unit)
    with pytest.raises(DomainError, match="because you reported it done"):
        action_accept(action=action, actor=world.business_unit)
    with pytest.raises(DomainError, match="because you reported it done"):
        action_return(action=action, reason="More evidence", actor=world.business_unit)
    action.refresh_from_db()
    assert action.status == ActionStatus.AWAITING_SIGNOFF
    assert not ActionSignOff.objects.exists()
    # The chair of the plan's subgroup, who did not report it, accepts it.
    action_accept(action=action, actor=world.subgroup_chair)
    action.refresh_from_db()
    assert action.status == ActionStatus.COMPLETE


def test_a_chair_who_leads_the_action_may_not_sign_it_off_even_reported_by_another(world):
    action = reported_by(
        world, world.agency_lead, lead_user=world.subgroup_chair, due_date=datetime.date(2026, 12, 31)
    )
    with pytest.raises(DomainError, match="because you lead it"):
        action_accept(action=action, actor=world.subgroup_chair)
    with pytest.raises(DomainError, match="because you lead it"):
        action_return(action=action, reason="More evidence", actor=world.subgroup_chair)
    assert not ActionSignOff.objects.exists()
    # The business unit (or another chair) signs it off instead.
    action_return(action=action, reason="Add the second team's audit.", actor=world.business_unit)
    action.refresh_from_db()
    assert action.status == ActionStatus.ON_TRACK


def test_a_chair_who_reported_it_done_may_not_sign_it_off_but_a_co_chair_may(world):
    second = co_chair(world)
    action = reported_by(world, world.subgroup_chair)
    assert not permissions.can_sign_off_action(world.subgroup_chair, action)
    assert permissions.signs_off_plan(world.subgroup_chair, action)  # the role, not this action
    assert permissions.can_sign_off_action(second, action)
    with pytest.raises(DomainError, match="another chair of the subgroup or the business unit"):
        action_accept(action=action, actor=world.subgroup_chair)
    action_accept(action=action, actor=second)
    assert ActionSignOff.objects.get(action=action).decided_by == second


def test_the_product_acting_has_no_conflict(world):
    action = reported_by(world, world.business_unit)
    action_accept(action=action, actor=None)
    action.refresh_from_db()
    assert action.status == ActionStatus.COMPLETE


def test_reported_again_by_another_the_first_reporter_may_then_sign_off(world):
    action = reported_by(world, world.business_unit)
    action_return(action=action, reason="Evidence missing.", actor=world.subgroup_chair)
    action.refresh_from_db()
    EvidenceFactory(action=action)
    action_complete(action=action, impact="Both teams record children's words.", actor=world.agency_lead)
    action.refresh_from_db()
    assert action.reported_complete_by == world.agency_lead
    action_accept(action=action, actor=world.business_unit)
    action.refresh_from_db()
    assert action.status == ActionStatus.COMPLETE


# --- the pages --------------------------------------------------------------------------------


def test_the_page_tells_a_conflicted_chair_who_may_sign_off_instead(world, client_for):
    second = co_chair(world)
    action = reported_by(world, world.agency_lead, lead_user=world.subgroup_chair)
    chair = client_for(world.subgroup_chair)
    text = text_of(chair.get(action.get_absolute_url()))
    assert "Accept as complete" not in text and "Return with a reason" not in text
    assert (
        "You cannot sign off this action because you lead it. "
        "Dana Deputy or the business unit can sign it off instead." in text
    )
    assert "Reported done by Alex Agency" in text
    # The sign-off pages are refused, and nothing changes.
    assert chair.get(reverse("partnership:action-accept", args=[action.pk])).status_code == 403
    assert chair.post(reverse("partnership:action-accept", args=[action.pk])).status_code == 403
    assert (
        chair.post(reverse("partnership:action-return", args=[action.pk]), {"reason": "x"}).status_code == 403
    )
    action.refresh_from_db()
    assert action.status == ActionStatus.AWAITING_SIGNOFF
    # The co-chair is offered the buttons, and told of no conflict.
    co = text_of(client_for(second).get(action.get_absolute_url()))
    assert "Accept as complete" in co and "You cannot sign off" not in co


def test_the_business_unit_reporter_is_told_to_leave_it_to_the_chair_or_a_colleague(world, client_for):
    action = reported_by(world, world.business_unit)
    text = text_of(client_for(world.business_unit).get(action.get_absolute_url()))
    assert "Accept as complete" not in text
    assert (
        "You cannot sign off this action because you reported it done. "
        "Chris Chair or another member of the business unit can sign it off instead." in text
    )
    chair = text_of(client_for(world.subgroup_chair).get(action.get_absolute_url()))
    assert "Accept as complete" in chair and "You cannot sign off" not in chair


def test_others_who_do_not_sign_off_are_not_told_of_a_conflict(world, client_for):
    action = reported_by(world, world.agency_lead, lead_user=world.subgroup_member)
    text = text_of(client_for(world.subgroup_member).get(action.get_absolute_url()))
    assert "Awaiting sign-off" in text and "You cannot sign off" not in text


# --- the lists, the home page and the digest --------------------------------------------------


def test_awaiting_my_sign_off_leaves_out_what_the_person_leads_or_reported(world, client_for):
    theirs = reported_by(world, world.agency_lead, description="Reported by the agency")
    led = reported_by(
        world, world.agency_lead, lead_user=world.subgroup_chair, description="Led by the chair"
    )
    by_unit = reported_by(world, world.business_unit, description="Reported by the business unit")
    list_url = reverse("partnership:action-list") + "?signoff=mine"
    chair = client_for(world.subgroup_chair).get(list_url)
    # By hand: the chair signs off the two not led by them (the agency's and the unit's).
    assert sorted(a.pk for a in chair.context["actions"]) == sorted([theirs.pk, by_unit.pk])
    unit = client_for(world.business_unit).get(list_url)
    # By hand: the business unit signs off the two it did not report.
    assert sorted(a.pk for a in unit.context["actions"]) == sorted([theirs.pk, led.pk])


def test_the_home_page_counts_only_what_the_person_may_sign_off(world):
    reported_by(world, world.agency_lead)
    reported_by(world, world.agency_lead, lead_user=world.subgroup_chair)
    reported_by(world, world.business_unit)
    chair = [
        p.summary
        for p in home_parts(world.subgroup_chair, today=TODAY)
        if p.heading == "Awaiting your sign-off"
    ]
    assert chair == ["2 actions await your sign-off."]  # 3 less the one they lead
    unit = [
        p.summary for p in home_parts(world.business_unit, today=TODAY) if p.heading == "Awaiting sign-off"
    ]
    assert unit == ["2 actions await sign-off."]  # 3 less the one it reported


def test_the_digest_goes_to_the_other_chair_or_else_the_business_unit(world, settings):
    plan = ActionPlanFactory(subgroup=world.subgroup)
    AwaitingActionFactory(plan=plan, description="Led by the chair", lead_user=world.subgroup_chair)
    send_signoff_digests(today=TODAY)
    # The only chair leads it: the business unit's mailbox hears instead, once.
    assert [m.to for m in digests()] == [[settings.BUSINESS_UNIT_EMAIL]]
    assert "Led by the chair" in digests()[0].body
    assert "or their chair leads the action or reported it done" in digests()[0].body
    send_signoff_digests(today=TODAY)
    assert len(digests()) == 1

    mail.outbox.clear()
    second = co_chair(world)
    AwaitingActionFactory(
        plan=plan,
        description="Reported by the chair",
        reported_complete_by=world.subgroup_chair,
        reported_complete_on=TODAY,
    )
    AwaitingActionFactory(plan=plan, description="Anyone's", reported_complete_on=TODAY)
    send_signoff_digests(today=TODAY)
    by_recipient = {m.to[0]: m.body for m in digests()}
    # By hand: the co-chair hears of all three (the first too: it is new to them); the first
    # chair only of the one that is not theirs.
    assert sorted(by_recipient) == sorted([world.subgroup_chair.email, second.email])
    assert "Anyone's" in by_recipient[world.subgroup_chair.email]
    assert "Reported by the chair" not in by_recipient[world.subgroup_chair.email]
    assert "Led by the chair" not in by_recipient[world.subgroup_chair.email]
    for description in ("Led by the chair", "Reported by the chair", "Anyone's"):
        assert description in by_recipient[second.email]
