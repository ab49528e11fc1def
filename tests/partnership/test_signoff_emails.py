"""The sign-off emails: the chair hears once of each action reported done (a digest), the owner
hears once that it was returned, with the reason; reruns and two runs at once send nothing twice."""

import datetime
import smtplib

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend as LocmemBackend

from partnership.models import ActionSignOff, Role, SentReminder
from partnership.services.actions import action_return
from partnership.services.reminders import RemindersIncomplete, run_reminders
from partnership.services.signoff import (
    RETURNED_JOB,
    SIGNOFF_DIGEST_JOB,
    send_returned_notices,
    send_signoff_digests,
)
from tests.factories import ActionPlanFactory, RoleAssignmentFactory, SubgroupFactory, UserFactory
from tests.workers import require_postgres, twice_at_once

from .factories import AwaitingActionFactory

TODAY = datetime.date(2026, 9, 2)


def digests():
    return [m for m in mail.outbox if "your sign-off" in m.subject]


def returns():
    return [m for m in mail.outbox if m.subject.startswith("Action returned at sign-off")]


@pytest.fixture
def plan(world):
    return ActionPlanFactory(subgroup=world.subgroup, title="Child Q action plan")


@pytest.mark.django_db
def test_the_chair_hears_once_of_each_action_reported_done(world, plan):
    AwaitingActionFactory(plan=plan, description="Audit children's plans", owner_agency=world.agency)
    AwaitingActionFactory(plan=plan, description="Brief every GP practice", owner_agency=None)
    send_signoff_digests(today=TODAY)
    [email] = digests()
    assert email.to == [world.subgroup_chair.email]
    assert email.subject.startswith("2 actions await your sign-off")
    assert "Audit children's plans" in email.body and "Brief every GP practice" in email.body
    assert "Reported done on 1 September 2026" in email.body
    assert "Owner: The partnership" in email.body
    assert "2 actions in all await your sign-off: http" in email.body and "signoff=mine" in email.body
    # A rerun, and the next day, send nothing.
    send_signoff_digests(today=TODAY)
    send_signoff_digests(today=TODAY + datetime.timedelta(days=1))
    assert len(digests()) == 1
    # A newly reported action: a digest of it alone, counting the three.
    AwaitingActionFactory(plan=plan, description="Train reception staff", reported_complete_on=TODAY)
    send_signoff_digests(today=TODAY)
    assert len(digests()) == 2
    newest = digests()[-1]
    assert newest.subject.startswith("1 action awaits your sign-off")
    assert "Train reception staff" in newest.body and "Audit children's plans" not in newest.body
    assert "3 actions in all await your sign-off" in newest.body


@pytest.mark.django_db
def test_every_chair_of_the_subgroup_hears_and_a_subgroup_without_one_goes_to_the_business_unit(
    world, plan, settings
):
    second = UserFactory(email="co.chair@example.org")
    RoleAssignmentFactory(user=second, role=Role.SUBGROUP_CHAIR, subgroup=world.subgroup)
    AwaitingActionFactory(plan=plan)
    AwaitingActionFactory(plan=ActionPlanFactory(subgroup=SubgroupFactory(name="Chairless")))
    send_signoff_digests(today=TODAY)
    recipients = sorted(m.to[0] for m in digests())
    assert recipients == sorted(
        [world.subgroup_chair.email, "co.chair@example.org", settings.BUSINESS_UNIT_EMAIL]
    )
    business_unit = next(m for m in digests() if m.to == [settings.BUSINESS_UNIT_EMAIL])
    assert "subgroups have no chair" in business_unit.body


@pytest.mark.django_db
def test_the_owner_hears_once_that_the_action_was_returned_with_the_reason(world, plan):
    action = AwaitingActionFactory(plan=plan, lead_email="jo.bloggs@example.org", due_date=TODAY)
    action_return(action=action, reason="The audit covers one team only.", actor=world.subgroup_chair)
    sign_off = ActionSignOff.objects.get(action=action)
    sign_off_day = sign_off.decided_on
    send_returned_notices(today=sign_off_day)
    [email] = returns()
    assert email.to == ["jo.bloggs@example.org"]
    assert "The audit covers one team only." in email.body
    assert "Chris Chair returned it" in email.body and action.get_absolute_url() in email.body
    send_returned_notices(today=sign_off_day)
    send_returned_notices(today=sign_off_day + datetime.timedelta(days=3))
    assert len(returns()) == 1
    assert SentReminder.objects.filter(job=RETURNED_JOB, sent_at__isnull=False).count() == 1


@pytest.mark.django_db
def test_a_return_with_no_lead_email_goes_to_the_owning_agencys_leads(world, plan):
    action = AwaitingActionFactory(plan=plan, owner_agency=world.agency, lead_name="Jo Bloggs", lead_email="")
    action_return(action=action, reason="Evidence missing.", actor=world.business_unit)
    send_returned_notices(today=ActionSignOff.objects.get().decided_on)
    assert [m.to for m in returns()] == [[world.agency_lead.email]]


class FailingOnceBackend(LocmemBackend):
    calls = 0

    def send_messages(self, messages):
        FailingOnceBackend.calls += 1
        if FailingOnceBackend.calls == 1:
            raise smtplib.SMTPServerDisconnected("gone")
        return super().send_messages(messages)


@pytest.mark.django_db
def test_a_digest_the_mail_server_refused_is_sent_by_the_next_run_once(world, plan, settings):
    FailingOnceBackend.calls = 0
    settings.EMAIL_BACKEND = f"{__name__}.FailingOnceBackend"
    AwaitingActionFactory(plan=plan)
    with pytest.raises(RemindersIncomplete):
        send_signoff_digests(today=TODAY)
    assert digests() == []
    send_signoff_digests(today=TODAY)
    send_signoff_digests(today=TODAY)
    assert len(digests()) == 1


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_two_runs_at_once_send_each_sign_off_email_once(world, plan):
    require_postgres()
    AwaitingActionFactory(plan=plan, description="Audit children's plans")
    AwaitingActionFactory(plan=plan, description="Brief every GP practice")
    returned = AwaitingActionFactory(plan=plan, lead_email="jo.bloggs@example.org", due_date=TODAY)
    action_return(action=returned, reason="Evidence missing.", actor=world.subgroup_chair)
    day = ActionSignOff.objects.get().decided_on
    errors = twice_at_once(lambda: run_reminders(today=max(day, TODAY)), timeout=60)
    assert not errors, errors
    [digest] = digests()
    assert "Audit children's plans" in digest.body and "Brief every GP practice" in digest.body
    assert len(returns()) == 1
    assert SentReminder.objects.filter(job=SIGNOFF_DIGEST_JOB, sent_at__isnull=False).count() == 2
    assert SentReminder.objects.filter(job=RETURNED_JOB, sent_at__isnull=False).count() == 1
