"""The subgroup's next meeting date: in the six-monthly chaser, in the Section 11 outstanding
actions email, and on the chair's home page (at a constant number of queries)."""

import datetime
from html import unescape

import pytest
import time_machine
from django.core import mail
from django.urls import reverse

from audits import reminders as audit_reminders
from governance.models import Body, Meeting
from partnership import extensions
from partnership.models import Role
from partnership.services.reminders import run_reminders
from tests.factories import ActionFactory, ActionPlanFactory, RoleAssignmentFactory
from tests.queries import capturing

from ..audits.test_section11_reminders import reported, round_  # noqa: F401 (fixtures)
from .factories import MeetingFactory

pytestmark = pytest.mark.django_db

PLANNED = Meeting.Status.PLANNED


@pytest.fixture
def plan(world):
    plan = ActionPlanFactory(
        subgroup=world.subgroup, start_date=datetime.date(2026, 1, 5), title="Child Q plan"
    )
    ActionFactory(plan=plan, due_date=datetime.date(2026, 12, 1), owner_agency=world.agency)
    return plan


def chaser():
    [email] = [m for m in mail.outbox if "chaser" in m.subject.lower()]
    return email.body, email.alternatives[0][0]


def test_next_meeting_is_the_subgroups_next_planned_one_on_or_after_today(world):
    today = datetime.date(2026, 7, 5)
    MeetingFactory(subgroup=world.subgroup, date=datetime.date(2026, 6, 1), status=Meeting.Status.HELD)
    MeetingFactory(subgroup=world.subgroup, date=datetime.date(2026, 7, 20), status=Meeting.Status.CANCELLED)
    MeetingFactory(subgroup=world.other_subgroup, date=datetime.date(2026, 7, 10), status=PLANNED)
    MeetingFactory(body=Body.EXECUTIVE, subgroup=None, date=datetime.date(2026, 7, 6), status=PLANNED)
    assert extensions.next_meeting_of(world.subgroup, today=today) is None
    MeetingFactory(subgroup=world.subgroup, date=datetime.date(2026, 9, 9), status=PLANNED)
    MeetingFactory(subgroup=world.subgroup, date=datetime.date(2026, 7, 5), status=PLANNED)
    assert extensions.next_meeting_of(world.subgroup, today=today) == datetime.date(2026, 7, 5)


def test_the_chaser_names_the_subgroups_next_meeting(world, plan):
    MeetingFactory(subgroup=world.subgroup, date=datetime.date(2026, 9, 9), status=PLANNED)
    run_reminders(today=datetime.date(2026, 7, 5))
    text, html = chaser()
    assert "before the subgroup's next meeting on 9 September 2026." in text
    assert "before the subgroup's next meeting on 9 September 2026." in unescape(html)


def test_a_chair_of_two_subgroups_is_told_each_ones_next_meeting(world, plan):
    RoleAssignmentFactory(user=world.subgroup_chair, role=Role.SUBGROUP_CHAIR, subgroup=world.other_subgroup)
    training = ActionPlanFactory(subgroup=world.other_subgroup, start_date=datetime.date(2026, 1, 5),
                                 title="Training plan")  # fmt: skip
    ActionFactory(plan=training, due_date=datetime.date(2026, 12, 1))
    MeetingFactory(subgroup=world.subgroup, date=datetime.date(2026, 9, 9), status=PLANNED)
    MeetingFactory(subgroup=world.other_subgroup, date=datetime.date(2026, 8, 12), status=PLANNED)
    run_reminders(today=datetime.date(2026, 7, 5))
    text, html = chaser()
    assert "before each subgroup's next meeting." in text
    assert "Learning and Improvement's next meeting: 9 September 2026" in text
    assert "Training's next meeting: 12 August 2026" in unescape(html)


def test_the_chaser_keeps_its_wording_when_no_meeting_is_planned(world, plan):
    run_reminders(today=datetime.date(2026, 7, 5))
    text, _html = chaser()
    assert "before the subgroup's next meeting." in text


def test_the_chair_home_shows_each_subgroups_next_meeting_at_constant_queries(world, client_for):
    client = client_for(world.subgroup_chair)
    url = reverse("partnership:home")
    with time_machine.travel(datetime.datetime(2026, 11, 30, 9, 0), tick=False):
        MeetingFactory(subgroup=world.subgroup, title="L&I December", date=datetime.date(2026, 12, 9),
                       status=PLANNED)  # fmt: skip
        body = unescape(client.get(url).content.decode())
        assert "Next meeting" in body and "L&I December" in body and "9 December 2026" in body
        client.get(url)

        def count():
            with capturing() as ctx:
                assert client.get(url).status_code == 200
            return len(ctx.captured_queries)

        small = count()
        for month in range(1, 13):
            MeetingFactory(subgroup=world.subgroup, date=datetime.date(2027, month, 3), status=PLANNED)
            MeetingFactory(
                subgroup=world.subgroup, date=datetime.date(2025, month, 3), status=Meeting.Status.HELD
            )
        assert count() == small
        assert "9 December 2026" in client.get(url).content.decode()


def test_the_section11_outstanding_actions_email_names_the_overseeing_subgroups_next_meeting(world, reported):  # noqa: F811
    MeetingFactory(subgroup=reported.subgroup, date=datetime.date(2027, 9, 8), status=PLANNED)
    audit_reminders.send_outstanding_actions_reports(today=datetime.date(2027, 7, 15))
    chair = next(m for m in mail.outbox if m.to == ["quinn.chair@example.org"])
    assert "at the subgroup's next meeting on 8 September 2027 and challenge" in chair.body
    assert "next meeting on 8 September 2027" in unescape(chair.alternatives[0][0])
