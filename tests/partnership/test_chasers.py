"""The six-monthly chaser and the agency digest: due on time, sent once, never twice."""

import datetime
import smtplib
import uuid
from datetime import timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend as LocmemBackend
from django.core.management import call_command
from django.utils import timezone

from partnership.models import ActionStatus, Role, RoleAssignment, SentReminder
from partnership.services.chasers import CHASER_JOB, chaser_period, next_chaser_date
from partnership.services.reminders import RemindersIncomplete, run_reminders
from tests.factories import ActionFactory, ActionPlanFactory, ActionUpdateFactory

pytestmark = pytest.mark.django_db

START = datetime.date(2026, 1, 5)


@pytest.mark.parametrize(
    "today, expected",
    [
        (datetime.date(2026, 7, 4), None),  # the day before six months
        (datetime.date(2026, 7, 5), datetime.date(2026, 7, 5)),  # exactly six months
        (datetime.date(2026, 12, 31), datetime.date(2026, 7, 5)),
        (datetime.date(2027, 1, 5), datetime.date(2027, 1, 5)),  # twelve months
        (datetime.date(2028, 3, 1), datetime.date(2028, 1, 5)),
    ],
)
def test_chaser_periods_fall_every_six_months_from_the_start(today, expected):
    assert chaser_period(START, today) == expected


def test_chaser_period_at_month_ends():
    assert chaser_period(datetime.date(2026, 8, 31), datetime.date(2027, 2, 28)) == datetime.date(2027, 2, 28)


@pytest.fixture
def plan(world):
    """A Learning and Improvement plan started 5 January 2026, chaired by world.subgroup_chair."""
    plan = ActionPlanFactory(subgroup=world.subgroup, start_date=START, title="Child Q action plan")
    ActionFactory(plan=plan, description="Refresh the neglect toolkit", due_date=datetime.date(2026, 12, 1),
                  owner_agency=world.agency)  # fmt: skip
    return plan


def chasers(outbox=None):
    return [m for m in (outbox or mail.outbox) if "chaser" in m.subject.lower()]


def test_the_chair_is_chased_six_months_after_the_start_once(world, plan):
    run_reminders(today=datetime.date(2026, 7, 4))
    assert chasers() == []
    run_reminders(today=datetime.date(2026, 7, 5))
    run_reminders(today=datetime.date(2026, 7, 5))
    run_reminders(today=datetime.date(2026, 7, 20))
    [email] = chasers()
    assert email.to == [world.subgroup_chair.email]
    assert "Child Q action plan" in email.body
    assert "Refresh the neglect toolkit" in email.body
    assert f"/plans/{plan.pk}/" in email.body
    html = email.alternatives[0][0]
    assert "Refresh the neglect toolkit" in html
    assert SentReminder.objects.get(job=CHASER_JOB).period == datetime.date(2026, 7, 5)
    # Next one six months after that, not before.
    assert next_chaser_date(plan, datetime.date(2026, 7, 20)) == datetime.date(2027, 1, 5)
    run_reminders(today=datetime.date(2027, 1, 4))
    assert len(chasers()) == 1
    run_reminders(today=datetime.date(2027, 1, 5))
    assert len(chasers()) == 2


def test_one_email_per_chair_gathers_all_their_due_plans(world, plan):
    second = ActionPlanFactory(subgroup=world.subgroup, start_date=START, title="Audit of neglect plan")
    ActionFactory(plan=second, due_date=datetime.date(2026, 12, 1))
    co_chair = world.subgroup_member
    RoleAssignment.objects.create(user=co_chair, role=Role.SUBGROUP_CHAIR, subgroup=world.subgroup)
    run_reminders(today=datetime.date(2026, 7, 6))
    sent = chasers()
    assert sorted(m.to[0] for m in sent) == sorted([world.subgroup_chair.email, co_chair.email])
    for email in sent:
        assert "Child Q action plan" in email.body and "Audit of neglect plan" in email.body


def test_a_plan_whose_actions_are_all_closed_is_not_chased(world, plan):
    plan.actions.update(status=ActionStatus.CANCELLED, cancelled_reason="Superseded")
    run_reminders(today=datetime.date(2026, 7, 6))
    assert chasers() == []


def test_overdue_actions_come_first_and_stale_ones_are_flagged(world, plan):
    late = ActionFactory(plan=plan, description="Overdue briefing", due_date=datetime.date(2026, 6, 1))
    ActionUpdateFactory(action=late, date=datetime.date(2026, 6, 20))
    run_reminders(today=datetime.date(2026, 7, 6))
    [email] = chasers()
    assert email.body.index("Overdue briefing") < email.body.index("Refresh the neglect toolkit")
    assert "(OVERDUE)" in email.body
    # The toolkit action never had an update: flagged; the briefing was updated recently.
    toolkit = email.body[email.body.index("Refresh the neglect toolkit") :]
    assert "No update for 3 months (never updated)" in toolkit
    assert email.cc == []  # overdue by five weeks only: not escalated


def test_actions_overdue_by_more_than_three_months_escalate_to_the_business_unit(world, plan, settings):
    ActionFactory(plan=plan, description="Long overdue audit", due_date=datetime.date(2026, 3, 1))
    run_reminders(today=datetime.date(2026, 7, 6))
    [email] = chasers()
    assert email.cc == [settings.BUSINESS_UNIT_EMAIL]
    assert email.subject.startswith("Escalated:")
    assert "business unit has been copied" in email.body


def test_a_subgroup_without_a_chair_is_chased_through_the_business_unit(world, settings):
    plan = ActionPlanFactory(subgroup=world.other_subgroup, start_date=START)
    ActionFactory(plan=plan, due_date=datetime.date(2026, 12, 1))
    run_reminders(today=datetime.date(2026, 7, 6))
    assert [m.to for m in chasers()] == [[settings.BUSINESS_UNIT_EMAIL]]


class FailingOnceBackend(LocmemBackend):
    """An email backend whose first send fails as a mail server would, then delivers."""

    calls = 0

    def send_messages(self, messages):
        type(self).calls += 1
        if type(self).calls == 1:
            raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
        return super().send_messages(messages)


def test_an_smtp_failure_is_sent_later_without_a_duplicate(world, plan, settings):
    FailingOnceBackend.calls = 0
    settings.EMAIL_BACKEND = f"{__name__}.FailingOnceBackend"
    with pytest.raises(RemindersIncomplete):
        run_reminders(today=datetime.date(2026, 7, 6))
    assert chasers() == []
    row = SentReminder.objects.get(job=CHASER_JOB)
    assert row.sent_at is None and row.claimed_at is None
    assert "SMTPServerDisconnected" in row.last_error
    run_reminders(today=datetime.date(2026, 7, 6))
    run_reminders(today=datetime.date(2026, 7, 7))
    assert len(chasers()) == 1
    row.refresh_from_db()
    assert row.sent_at is not None and row.attempts == 2


def test_a_send_left_unfinished_by_a_crashed_worker_is_claimed_again(world, plan, settings):
    run_reminders(today=datetime.date(2026, 7, 6))
    row = SentReminder.objects.get(job=CHASER_JOB)
    # Pretend the worker crashed after claiming and before sending.
    SentReminder.objects.filter(pk=row.pk).update(sent_at=None, claimed_at=timezone.now())
    mail.outbox.clear()
    run_reminders(today=datetime.date(2026, 7, 6))
    assert chasers() == []  # a fresh claim belongs to a worker that may still be sending
    stale = timezone.now() - timedelta(minutes=settings.REMINDER_CLAIM_TIMEOUT_MINUTES + 1)
    SentReminder.objects.filter(pk=row.pk).update(claimed_at=stale)
    run_reminders(today=datetime.date(2026, 7, 6))
    assert len(chasers()) == 1


def test_a_digest_partly_claimed_by_another_run_is_left_whole_to_that_run(world, plan, settings):
    # Another run (two beats, a manual run beside the nightly one) has claimed one of the
    # chair's two plans and is sending their digest now: this run must not send the other plan
    # in a digest of its own.
    second = ActionPlanFactory(subgroup=world.subgroup, start_date=START, title="Audit of neglect plan")
    ActionFactory(plan=second, due_date=datetime.date(2026, 12, 1))
    row = SentReminder.objects.create(
        job=CHASER_JOB, object_type=ContentType.objects.get_for_model(second), object_id=second.pk,
        period=datetime.date(2026, 7, 5), recipient=world.subgroup_chair.email,
        claimed_at=timezone.now(), claim_token=uuid.uuid4(), attempts=1,
    )  # fmt: skip
    run_reminders(today=datetime.date(2026, 7, 6))
    assert chasers() == []
    assert not SentReminder.objects.filter(job=CHASER_JOB, object_id=plan.pk).exists()
    # That run died: once its claim lapses, one digest holds both plans.
    stale = timezone.now() - timedelta(minutes=settings.REMINDER_CLAIM_TIMEOUT_MINUTES + 1)
    SentReminder.objects.filter(pk=row.pk).update(claimed_at=stale)
    run_reminders(today=datetime.date(2026, 7, 6))
    [email] = chasers()
    assert "Child Q action plan" in email.body and "Audit of neglect plan" in email.body


def test_agency_leads_get_a_monthly_digest_of_their_agencys_overdue_actions(world, plan):
    ActionFactory(
        plan=plan,
        description="Our overdue action",
        owner_agency=world.agency,
        due_date=datetime.date(2026, 5, 1),
    )
    ActionFactory(plan=plan, description="Their overdue action", owner_agency=world.other_agency,
                  due_date=datetime.date(2026, 5, 1))  # fmt: skip
    run_reminders(today=datetime.date(2026, 5, 20))
    run_reminders(today=datetime.date(2026, 5, 21))
    digests = [m for m in mail.outbox if "overdue action" in m.subject]
    by_recipient = {m.to[0]: m for m in digests}
    assert sorted(by_recipient) == sorted([world.agency_lead.email, world.other_agency_lead.email])
    assert "Our overdue action" in by_recipient[world.agency_lead.email].body
    assert "Their overdue action" not in by_recipient[world.agency_lead.email].body
    run_reminders(today=datetime.date(2026, 6, 2))  # a new month: once more
    assert len([m for m in mail.outbox if "overdue action" in m.subject]) == 4


def test_send_reminders_dry_run_prints_and_sends_nothing(world, plan, capsys, settings):
    call_command("send_reminders", "--dry-run", "--date", "2026-07-06")
    out = capsys.readouterr().out
    assert (
        f"would send: Six-monthly chaser: 1 action plan to review – {settings.PARTNERSHIP_NAME} -> {world.subgroup_chair.email}"
        in out
    )
    assert "1 email(s) would send." in out
    assert mail.outbox == []
    assert not SentReminder.objects.exists()
    call_command("send_reminders", "--date", "2026-07-06")
    out = capsys.readouterr().out
    assert "[plan-chaser] sent: " in out
    assert len(chasers()) == 1
