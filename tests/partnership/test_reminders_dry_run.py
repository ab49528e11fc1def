"""`send_reminders --dry-run` answers exactly what a real run would send now, for every job:
the same recipients and subjects; nothing already sent; nothing another run has claimed."""

import datetime

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from audits.frameworks import PAN_LONDON_NAME
from audits.models import Framework, PlannedImprovement, Round, RoundStatus
from audits.services.section11 import rounds as round_services
from dashboards.report.models import ReportContribution, ReportPublication, ReportVersion
from partnership.models import ActionSignOff, ActionStatus, Briefing, CascadeRequest, SignOffDecision
from partnership.services.chasers import AGENCY_DIGEST_JOB
from partnership.services.reminders import claim, reminder_jobs
from tests.factories import (
    ActionFactory,
    ActionPlanFactory,
    IntendedOutcomeFactory,
    NotificationFactory,
    ReviewFactory,
)
from tests.training.factories import AttendeeFactory, CourseFactory, SessionFactory

from .factories import AwaitingActionFactory

pytestmark = pytest.mark.django_db
D = datetime.date

# Days on which, between them, every job has something to send (see `everything_due`).
DAYS = [D(2026, 3, 5), D(2026, 3, 10), D(2026, 7, 6), D(2026, 9, 1), D(2026, 9, 8), D(2026, 11, 16),
        D(2026, 11, 30), D(2026, 12, 1), D(2026, 12, 14)]  # fmt: skip


def at(day: datetime.date, hour: int = 9) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 0)))


@pytest.fixture
def everything_due(world):
    # Case review: aware Monday 2 March 2026, the Panel to be notified by 9 March: warned on
    # 5 March, missed on 10 March.
    ReviewFactory(notification=NotificationFactory(became_aware_on=D(2026, 3, 2), notified_on=None),
                  lead=world.business_unit, reference="RR-DRY-1", title="Child O'Neill & \"sibling\"")  # fmt: skip
    # A plan started 5 January 2026: chased from 5 July; an action overdue since June: the
    # agency lead's monthly digest.
    plan = ActionPlanFactory(subgroup=world.subgroup, start_date=D(2026, 1, 5), title="Child Q plan")
    ActionFactory(plan=plan, owner_agency=world.agency, due_date=D(2026, 6, 1))
    # An action reported done on 1 September 2026 awaits the chair's sign-off (the digest), and
    # another was returned that day (the notice to its lead).
    AwaitingActionFactory(plan=plan, owner_agency=world.agency, reported_complete_on=D(2026, 9, 1))
    returned = ActionFactory(plan=plan, owner_agency=world.agency, lead_email="jo.bloggs@example.org",
                             due_date=D(2026, 12, 1), status=ActionStatus.ON_TRACK)  # fmt: skip
    ActionSignOff.objects.create(action=returned, decision=SignOffDecision.RETURNED, decided_on=D(2026, 9, 1),
                                 reason="The audit covers one team only.", decided_by=world.subgroup_chair)  # fmt: skip
    # A Section 11 round due 30 November 2026, the returns not started (reminders from 16
    # November), its overview reported on 1 May 2026 (outstanding actions from 1 November).
    round_ = Round(framework=Framework.objects.get(name=PAN_LONDON_NAME), title="Section 11 2026", year=2026,
                   opens_on=D(2026, 9, 1), due_on=D(2026, 11, 30), subgroup=world.subgroup)  # fmt: skip
    round_services.round_create(round_=round_, agencies=[world.agency], actor=world.business_unit)
    Round.objects.filter(pk=round_.pk).update(status=RoundStatus.OPEN, overview_reported_on=D(2026, 5, 1))
    s11_plan = ActionPlanFactory(
        source=round_.learning_source, subgroup=world.subgroup, start_date=D(2026, 6, 1)
    )
    s11_action = ActionFactory(plan=s11_plan, owner_agency=world.agency, due_date=D(2027, 6, 30))
    # The agency's planned improvement behind that action is still open six months on: the
    # letter to its senior manager is due from 1 November too.
    PlannedImprovement.objects.create(agency_return=round_.returns.get(), description="Level 3 training",
                                      due_on=D(2027, 6, 30), action=s11_action)  # fmt: skip
    world.agency.senior_manager_email = "senior.manager@example.org"
    world.agency.save()
    # Training: a session on 31 August 2026 attended (evaluation 1 September, its reminder 8
    # September, follow-up 30 November, its reminder 14 December); one on Thursday 3 December
    # (booking reminder 1 December).
    course = CourseFactory(title="Safeguarding is everyone's responsibility", follow_up_sample_percent=100)
    done = SessionFactory(course=course, starts_at=at(D(2026, 8, 31)), ends_at=at(D(2026, 8, 31), 12))
    for _ in range(2):
        AttendeeFactory(session=done, attended=True)
    coming = SessionFactory(course=course, starts_at=at(D(2026, 12, 3)), ends_at=at(D(2026, 12, 3), 12))
    AttendeeFactory(session=coming)
    # An intended outcome of the review's plan, its check scheduled for 1 September 2026.
    IntendedOutcomeFactory(source=plan.source, check_on=D(2026, 9, 1), scheduled_on=D(2026, 3, 1))
    # A briefing published on 1 September 2026: its agency's lead is asked to cascade it.
    briefing = Briefing.objects.create(title="Recognising cumulative neglect", what_we_found="Each saw part.",
                                       channel_newsletter=True, status=Briefing.Status.PUBLISHED,
                                       published_on=D(2026, 9, 1))  # fmt: skip
    CascadeRequest.objects.create(briefing=briefing, agency=world.agency, due_on=D(2026, 9, 29))
    # The 2025/26 annual report published on Tuesday 1 September 2026 and sent to neither: due
    # 8 September, the business unit warned from 3 September (on the 8th here).
    version = ReportVersion.objects.create(year=2025, status="ready", file="annual-reports/2025/x.pdf")
    ReportPublication.objects.create(year=2025, version=version, published_url="https://example.org/report",
                                     published_on=D(2026, 9, 1))  # fmt: skip
    # A subgroup's section of the annual report asked of its chair on 1 September 2026, due by the
    # 30th: the request goes that day, the chaser once after the due date.
    ReportContribution.objects.create(year=2025, kind="subgroup", subgroup=world.subgroup, author=world.subgroup_chair,
                                      due_on=D(2026, 9, 30), requested_on=D(2026, 9, 1))  # fmt: skip


def emails(results, status):
    assert {r.status for r in results} <= {status}, results
    return sorted((r.job, tuple(r.recipients), r.subject, tuple(r.cc)) for r in results)


def test_a_dry_run_lists_exactly_what_the_real_run_then_sends_and_nothing_after_it(world, everything_due):
    jobs_that_sent = set()
    for today in DAYS:
        with time_machine.travel(at(today, 7), tick=False):
            if today == D(2026, 7, 6):
                # Another run is sending the agency lead's digest right now.
                claim(AGENCY_DIGEST_JOB, [(world.agency, today.replace(day=1))], world.agency_lead.email)
            for job in reminder_jobs():
                would = emails(job(today=today, dry_run=True), "would send")
                sent = emails(job(today=today), "sent")
                assert would == sent, f"{job.__name__} on {today:%d/%m/%Y}"
                assert job(today=today, dry_run=True) == [], (
                    f"{job.__name__} on {today:%d/%m/%Y}, after sending"
                )
                if sent:
                    jobs_that_sent.add(job)
            if today == D(2026, 7, 6):
                # Neither run took over the other run's claim.
                assert world.agency_lead.email not in {r for job, rs, *_ in sent for r in rs}
    assert jobs_that_sent == set(reminder_jobs()), "a job this test never saw send"


def test_the_command_dry_run_after_a_real_run_lists_nothing(world, everything_due, capsys):
    with time_machine.travel(at(D(2026, 11, 16), 7), tick=False):
        call_command("send_reminders", "--date", "2026-11-16")
        assert "sent:" in capsys.readouterr().out
        call_command("send_reminders", "--dry-run", "--date", "2026-11-16")
    assert capsys.readouterr().out.strip() == "0 email(s) would send."
