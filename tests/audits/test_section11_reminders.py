"""Section 11 reminder jobs: the 14-day, 3-day and overdue reminders to agency leads whose return
is not submitted, and the outstanding actions report six months after the overview was
reported. Each is sent once, however often and on however many days the job runs."""

import datetime

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command

from audits import reminders
from audits.models import RoundStatus
from audits.services import panel as panel_services
from audits.services.section11 import returns as return_services
from partnership.models import Action, ActionStatus, Role
from partnership.services.reminders import run_reminders
from tests.audits.factories import PlannedImprovementFactory, answer_every_requirement, make_round

from ..factories import RoleAssignmentFactory, UserFactory

pytestmark = pytest.mark.django_db

DUE = datetime.date(2026, 11, 30)


def day(offset: int) -> datetime.date:
    return DUE + datetime.timedelta(days=offset)


@pytest.fixture
def round_(world):
    round_ = make_round(world, due_on=DUE)
    round_.status = RoundStatus.OPEN
    round_.save()
    # Opened weeks ago: the opening emails went then (test_round_opening_email.py tests them).
    reminders.send_round_opened_emails(today=round_.opens_on)
    mail.outbox.clear()
    return round_


def complete_and_submit(agency_return, actor):
    answer_every_requirement(agency_return, actor, evidence="Audit of training records, March.")
    return_services.return_submit(agency_return=agency_return, actor=actor)


def jobs_run(today):
    """Run the Section 11 jobs; return (job, recipient) of each email sent."""
    before = len(mail.outbox)
    results = reminders.send_round_reminders(today=today) + reminders.send_outstanding_actions_reports(
        today=today
    )
    assert len(mail.outbox) - before == len([r for r in results if r.status == "sent"])
    return [(r.job, r.recipients[0]) for r in results]


def test_nothing_is_sent_before_the_fourteen_day_reminder(world, round_):
    assert jobs_run(day(-15)) == []
    assert mail.outbox == []


def test_each_round_reminder_is_sent_once_however_often_the_job_runs(world, round_):
    lead, other = world.agency_lead.email, world.other_agency_lead.email
    assert sorted(jobs_run(day(-14))) == [("s11-due-14", lead), ("s11-due-14", other)]
    message = mail.outbox[0]
    assert "30 November 2026" in message.subject and message.alternatives[0][1] == "text/html"
    assert "due in 14 days" in message.body and round_.returns.first().get_absolute_url() in message.body
    assert jobs_run(day(-14)) == []  # twice on the same day
    assert jobs_run(day(-10)) == [] and jobs_run(day(-4)) == []  # and on the following days
    assert sorted(jobs_run(day(-3))) == [("s11-due-3", lead), ("s11-due-3", other)]
    assert jobs_run(day(-3)) == [] and jobs_run(day(0)) == []
    assert sorted(jobs_run(day(1))) == [("s11-overdue", lead), ("s11-overdue", other)]
    assert "overdue" in mail.outbox[-1].body.lower()
    assert jobs_run(day(1)) == [] and jobs_run(day(20)) == []
    assert len(mail.outbox) == 6


def test_a_missed_run_sends_only_the_latest_reminder(world, round_):
    # Nobody ran the job until two days before the due date: the 14-day reminder is skipped.
    assert {job for job, _ in jobs_run(day(-2))} == {"s11-due-3"}
    assert jobs_run(day(-1)) == []
    # A run missed on day 14 is made up on day 13.
    mail.outbox.clear()
    round_.due_on = datetime.date(2027, 1, 31)
    round_.save()
    assert {job for job, _ in jobs_run(datetime.date(2027, 1, 18))} == {"s11-due-14"}


def test_no_reminder_after_submission(world, round_):
    complete_and_submit(round_.returns.get(agency=world.agency), world.agency_lead)
    sent = jobs_run(day(-14)) + jobs_run(day(-3)) + jobs_run(day(1))
    assert world.agency_lead.email not in {recipient for _, recipient in sent}
    assert {recipient for _, recipient in sent} == {world.other_agency_lead.email}


def test_a_closed_round_sends_no_reminders(world, round_):
    round_.status = RoundStatus.CLOSED
    round_.save()
    assert jobs_run(day(1)) == []


@pytest.fixture
def reported(world, round_):
    """Both returns accepted with one planned improvement each; the overview reported on
    15/1/2027; one of the other agency's actions is complete."""
    qp_chair = UserFactory(full_name="Quinn Chair", email="quinn.chair@example.org")
    RoleAssignmentFactory(user=qp_chair, role=Role.SUBGROUP_CHAIR, subgroup=world.subgroup)
    for agency_return, lead in ((round_.returns.get(agency=world.agency), world.agency_lead),
                                (round_.returns.get(agency=world.other_agency), world.other_agency_lead)):  # fmt: skip
        complete_and_submit(agency_return, lead)
        for text in ("Level 3 training for all designated leads", "Audit of supervision records"):
            PlannedImprovementFactory(agency_return=agency_return, description=f"{agency_return.agency.short_name}: {text}",
                                              due_on=datetime.date(2027, 6, 30))  # fmt: skip
        return_services.return_accept(agency_return=agency_return, actor=world.business_unit)
    Action.objects.filter(description="EHT: Audit of supervision records").update(
        status=ActionStatus.COMPLETE, impact="Every supervision record was audited."
    )
    round_.status = RoundStatus.CLOSED
    round_.save()
    with time_machine.travel(datetime.date(2027, 2, 1)):
        panel_services.round_report_overview(
            round_=round_, reported_on=datetime.date(2027, 1, 15), actor=world.business_unit
        )
    return round_


def test_the_outstanding_actions_report_is_sent_once_six_months_on(world, reported):
    assert reminders.send_outstanding_actions_reports(today=datetime.date(2027, 7, 14)) == []
    sent = jobs_run(datetime.date(2027, 7, 15))
    recipients = {r for _, r in sent}
    assert recipients == {"chris.chair@example.org", "quinn.chair@example.org", world.agency_lead.email,
                          world.other_agency_lead.email}  # fmt: skip
    assert {job for job, _ in sent} == {"s11-outstanding-actions"}
    by_recipient = {m.to[0]: m for m in mail.outbox}
    chair = by_recipient["quinn.chair@example.org"]
    assert "NCCS: Level 3 training" in chair.body and "EHT: Level 3 training" in chair.body
    assert "EHT: Audit of supervision records" not in chair.body  # complete: not outstanding
    assert world.agency.name in chair.body and world.other_agency.name in chair.body
    assert "NCCS: Audit of supervision records" in chair.alternatives[0][0]
    ours = by_recipient[world.agency_lead.email]
    assert "NCCS: Level 3 training" in ours.body and "EHT:" not in ours.body  # only their own agency's
    theirs = by_recipient[world.other_agency_lead.email]
    assert "EHT: Level 3 training" in theirs.body and "NCCS:" not in theirs.body
    assert jobs_run(datetime.date(2027, 7, 15)) == [] and jobs_run(datetime.date(2027, 9, 1)) == []
    assert len(mail.outbox) == 4


def test_dry_run_lists_and_sends_nothing(world, round_, capsys):
    call_command("send_reminders", "--dry-run", "--date", day(-3).isoformat())
    output = capsys.readouterr().out
    assert "[s11-due-3] would send" in output and world.agency_lead.email in output
    assert mail.outbox == []
    # Nothing was claimed either: the real run still sends them.
    assert {job for job, _ in jobs_run(day(-3))} == {"s11-due-3"}
    assert not [r for r in run_reminders(today=day(-3), dry_run=True) if r.job.startswith("s11-")]
