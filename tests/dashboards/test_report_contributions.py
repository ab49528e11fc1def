"""The annual report's contributions: the business unit requests the scrutineer's assessment, a
subgroup's section or an agency's contribution; its author writes it from the request email's
link, saves and submits it; the business unit approves it (printed in the report) or returns it.
One per (year, kind, subgroup or agency); nobody but the author and the business unit reads a
draft; the request and the one chaser are emailed once however often the job runs."""

import datetime
from collections import Counter

import pytest
import time_machine
from django.core import mail
from django.db import IntegrityError
from django.urls import reverse

from dashboards import reminders
from dashboards.report.figures import report_sections
from dashboards.report.figures.contributions import starting_text
from dashboards.report.models import ContributionStatus, ReportContribution
from dashboards.report.services import (
    contribution_approve,
    contribution_request,
    contribution_return,
    contribution_save,
)
from partnership.models import ActionStatus
from partnership.services import DomainError
from partnership.services.reminders import run_reminders
from tests.workers import require_postgres, twice_at_once

from ..factories import ActionFactory, ActionPlanFactory, UserFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 12, 6)
DUE = datetime.date(2027, 1, 15)


def request_subgroup(world, **kwargs):
    values = {"year": 2025, "kind": "subgroup", "subgroup": world.subgroup, "due_on": DUE, "today": TODAY}
    values.update(kwargs)
    return contribution_request(actor=values.pop("actor", world.business_unit), **values)


def request_agency(world, agency=None, **kwargs):
    values = {"year": 2025, "kind": "agency", "agency": agency or world.agency, "due_on": DUE, "today": TODAY}
    values.update(kwargs)
    return contribution_request(actor=world.business_unit, **values)


def request_scrutineer(world, scrutineer):
    return contribution_request(
        year=2025, kind="scrutineer", author=scrutineer, due_on=DUE, today=TODAY, actor=world.business_unit
    )


# --- services --------------------------------------------------------------------------------


def test_a_subgroup_section_is_asked_of_its_chair_and_an_agency_of_its_lead_by_default(world):
    section = request_subgroup(world)
    assert section.author == world.subgroup_chair and section.status == ContributionStatus.REQUESTED
    assert section.requested_by == world.business_unit and section.requested_on == TODAY
    assert request_agency(world).author == world.agency_lead
    assert section.history.first().history_user == world.business_unit


def test_asking_twice_makes_one_and_a_new_person_is_a_new_request(world):
    first = request_subgroup(world)
    again = request_subgroup(world)  # a double click
    assert again.pk == first.pk and ReportContribution.objects.count() == 1
    other = UserFactory(full_name="Vic Vice-chair")
    changed = request_subgroup(world, author=other, today=TODAY + datetime.timedelta(days=2))
    assert changed.pk == first.pk and changed.author == other
    assert changed.requested_on == TODAY + datetime.timedelta(days=2)
    assert ReportContribution.objects.count() == 1
    # The database holds the rule too.
    with pytest.raises(IntegrityError):
        ReportContribution.objects.create(
            year=2025, kind="subgroup", subgroup=world.subgroup, author=other, due_on=DUE, requested_on=TODAY
        )


def test_the_request_rules(world):
    with pytest.raises(DomainError, match="Only the business unit"):
        request_subgroup(world, actor=world.partnership_lead)
    with pytest.raises(DomainError, match="Choose the independent scrutineer"):
        contribution_request(year=2025, kind="scrutineer", due_on=DUE, today=TODAY, actor=world.business_unit)
    with pytest.raises(DomainError, match="today or in the future"):
        request_subgroup(world, due_on=TODAY - datetime.timedelta(days=1))
    with pytest.raises(DomainError, match="no chair"):
        request_subgroup(world, subgroup=world.other_subgroup)
    with pytest.raises(DomainError, match="can no longer sign in"):
        request_subgroup(world, author=UserFactory(is_active=False))


def test_only_the_author_writes_then_the_business_unit_approves_or_returns(world):
    section = request_subgroup(world)
    with pytest.raises(DomainError, match="Only the person asked"):
        contribution_save(contribution=section, text="Mine", submit=False, actor=world.business_unit)
    with pytest.raises(DomainError, match="Write your contribution"):
        contribution_save(contribution=section, text="  ", submit=True, actor=world.subgroup_chair)
    with pytest.raises(DomainError, match="Only a submitted"):
        contribution_approve(contribution=section, actor=world.business_unit)
    section = contribution_save(
        contribution=section, text="A draft", submit=False, actor=world.subgroup_chair
    )
    assert section.status == "requested" and section.text == "A draft"
    section = contribution_save(
        contribution=section, text="Our year.", submit=True, actor=world.subgroup_chair
    )
    assert section.status == "submitted" and section.submitted_at
    with pytest.raises(DomainError, match="Only the person asked"):  # submitted: no longer theirs to change
        contribution_save(contribution=section, text="Changed", submit=False, actor=world.subgroup_chair)
    with pytest.raises(DomainError, match="Say what"):
        contribution_return(contribution=section, reason="", actor=world.business_unit)
    with pytest.raises(DomainError, match="Only the business unit"):
        contribution_return(contribution=section, reason="More", actor=world.partnership_lead)
    section = contribution_return(
        contribution=section, reason="Add the training figures", actor=world.business_unit
    )
    assert section.status == "requested" and section.returned_reason == "Add the training figures"
    assert section.text == "Our year."  # kept for the author to change
    section = contribution_save(
        contribution=section, text="Our year, better.", submit=True, actor=world.subgroup_chair
    )
    section = contribution_approve(contribution=section, actor=world.business_unit)
    assert section.status == "approved" and section.approved_by == world.business_unit and section.approved_at
    assert section.returned_reason == ""
    with pytest.raises(DomainError, match="already been approved"):
        request_subgroup(world)
    reasons = [h.history_change_reason for h in section.history.order_by("history_date")]
    assert reasons == [
        "Requested",
        "Draft saved",
        "Submitted",
        "Returned to its author",
        "Submitted",
        "Approved",
    ]


def test_the_starting_text_carries_the_subgroups_and_the_agencys_own_figures(world):
    plan = ActionPlanFactory(subgroup=world.subgroup, start_date=datetime.date(2025, 5, 1))
    other_plan = ActionPlanFactory(subgroup=world.other_subgroup, start_date=datetime.date(2025, 5, 1))
    # In the subgroup's plan: 2 open (1 overdue on 31 March 2026), 1 completed in the year.
    ActionFactory(plan=plan, owner_agency=world.agency, due_date=datetime.date(2026, 1, 31),
                  start_date=datetime.date(2025, 6, 1))  # fmt: skip
    ActionFactory(plan=plan, owner_agency=world.other_agency, due_date=datetime.date(2026, 9, 30))
    ActionFactory(plan=plan, owner_agency=world.agency, status=ActionStatus.COMPLETE, impact="Staff use the toolkit", start_date=datetime.date(2025, 6, 1),
                  closed_on=datetime.date(2025, 11, 3), due_date=datetime.date(2025, 12, 1))  # fmt: skip
    # Another subgroup's, owned by the agency: open and not overdue.
    ActionFactory(plan=other_plan, owner_agency=world.agency, due_date=datetime.date(2026, 9, 30))
    text = starting_text(request_subgroup(world), today=TODAY)
    assert "Actions open on 31 March 2026: 2" in text
    assert "of which overdue: 1" in text
    assert "Actions completed in 2025/26: 1" in text
    assert "What the subgroup did this year" in text
    # The agency: 2 open (its 31 January one overdue) and 1 completed, across both subgroups.
    text = starting_text(request_agency(world), today=TODAY)
    assert "Actions open on 31 March 2026: 2" in text and "of which overdue: 1" in text
    assert "Actions completed in 2025/26: 1" in text
    assert "Staff who attended the partnership's training in 2025/26: 0" in text
    scrutineer = starting_text(request_scrutineer(world, UserFactory()))
    assert "How well the arrangements worked" in scrutineer and "What should improve" in scrutineer


def test_only_approved_contributions_are_printed_each_in_its_section(world):
    scrutineer = UserFactory(full_name="Ivy Independent")
    assessment = request_scrutineer(world, scrutineer)
    contribution_save(
        contribution=assessment, text="The arrangements worked well.", submit=True, actor=scrutineer
    )
    contribution_approve(contribution=assessment, actor=world.business_unit)
    section = request_subgroup(world)
    contribution_save(contribution=section, text="Our draft.", submit=True, actor=world.subgroup_chair)
    sections = {s.key: s for s in report_sections(2025, user=world.business_unit, today=TODAY)}
    assert sections["scrutiny"].contributions == [("", "The arrangements worked well.")]
    assert sections["subgroup_reports"].contributions == []  # submitted, not approved
    assert sections["subgroup_reports"].notes == ["No subgroup's report has been approved yet."]
    contribution_approve(contribution=section, actor=world.business_unit)
    sections = {s.key: s for s in report_sections(2025, user=world.business_unit, today=TODAY)}
    assert sections["subgroup_reports"].contributions == [("Learning and Improvement", "Our draft.")]
    assert sections["partner_contributions"].contributions == []


# --- pages -----------------------------------------------------------------------------------


def test_the_business_unit_requests_from_the_year_page(world, client_for):
    client = client_for(world.business_unit)
    url = reverse("dashboards:report-contribution-request", args=[2025])
    response = client.post(url, {"what": "", "due_on_day": "31", "due_on_month": "2", "due_on_year": "2027"})
    assert response.status_code == 200
    assert "Choose what you want to request" in response.content.decode()
    assert 'value="31"' in response.content.decode()  # what was typed is kept
    with time_machine.travel(datetime.datetime(2026, 12, 6, 10, 0), tick=False):
        client = client_for(world.business_unit)
        response = client.post(
            url,
            {
                "what": f"subgroup-{world.subgroup.pk}",
                "due_on_day": "15",
                "due_on_month": "1",
                "due_on_year": "2027",
            },
        )
        assert response.status_code == 302
        client.post(url, {"what": f"subgroup-{world.subgroup.pk}", "due_on_day": "15", "due_on_month": "1",
                          "due_on_year": "2027"})  # fmt: skip
        assert ReportContribution.objects.get().author == world.subgroup_chair
        page = client.get(reverse("dashboards:report-year", args=[2025])).content.decode()
    assert "1 contribution still missing" in page
    assert "The Learning and Improvement subgroup&#x27;s section" in page and "15 January 2027" in page


def test_the_author_writes_and_submits_and_the_business_unit_approves(world, client_for):
    section = request_subgroup(world)
    chair = client_for(world.subgroup_chair)
    page = chair.get(section.get_absolute_url()).content.decode()
    assert "What the subgroup did this year" in page and "Submit to the business unit" in page
    response = chair.post(section.get_absolute_url(), {"text": "Our year.", "action": "draft"})
    assert response.status_code == 302
    response = chair.post(section.get_absolute_url(), {"text": "", "action": "submit"})
    assert "Write your contribution before you submit it" in response.content.decode()
    chair.post(section.get_absolute_url(), {"text": "Our year.", "action": "submit"})
    section.refresh_from_db()
    assert section.status == "submitted"
    bu = client_for(world.business_unit)
    assert "Approve for the report" in bu.get(section.get_absolute_url()).content.decode()
    response = bu.post(reverse("dashboards:report-contribution-approve", args=[section.pk]))
    assert response.status_code == 302
    section.refresh_from_db()
    assert section.status == "approved"
    page = (
        client_for(world.partnership_lead)
        .get(reverse("dashboards:report-year", args=[2025]))
        .content.decode()
    )
    assert "Our year." in page and "still missing" not in page


def test_the_business_unit_returns_it_with_a_reason_the_author_then_sees(world, client_for):
    section = request_subgroup(world)
    contribution_save(contribution=section, text="Short.", submit=True, actor=world.subgroup_chair)
    bu = client_for(world.business_unit)
    url = reverse("dashboards:report-contribution-return", args=[section.pk])
    assert "Say what the author should change" in bu.post(url, {"reason": ""}).content.decode()
    assert bu.post(url, {"reason": "Say what changed for children"}).status_code == 302
    page = client_for(world.subgroup_chair).get(section.get_absolute_url()).content.decode()
    assert "Say what changed for children" in page and "Short." in page


def test_nobody_else_reads_a_contribution(world, client_for):
    section = request_subgroup(world)
    agency = request_agency(world)
    other_agency = request_agency(world, world.other_agency)
    scrutineer = UserFactory(full_name="Ivy Independent")
    assessment = request_scrutineer(world, scrutineer)
    assert client_for(scrutineer).get(assessment.get_absolute_url()).status_code == 200
    assert client_for(scrutineer).get(section.get_absolute_url()).status_code == 404
    assert client_for(world.agency_lead).get(agency.get_absolute_url()).status_code == 200
    assert client_for(world.agency_lead).get(other_agency.get_absolute_url()).status_code == 404
    assert client_for(world.other_agency_lead).get(agency.get_absolute_url()).status_code == 404
    assert client_for(world.subgroup_chair).get(agency.get_absolute_url()).status_code == 404
    for role in ("lay_member", "partnership_lead", "subgroup_member", "no_role"):
        for contribution in (section, agency, assessment):
            assert client_for(world.person(role)).get(contribution.get_absolute_url()).status_code == 404


def test_the_authors_home_page_says_what_to_write_by_when(world, client_for):
    scrutineer = UserFactory(full_name="Ivy Independent")
    request_scrutineer(world, scrutineer)
    page = client_for(scrutineer).get(reverse("partnership:home")).content.decode()
    assert "Write your annual report contribution by 15 January 2027" in page
    assert "Write your annual report contribution" not in (
        client_for(world.lay_member).get(reverse("partnership:home")).content.decode()
    )


# --- emails ----------------------------------------------------------------------------------


def test_the_request_and_the_one_chaser_are_each_sent_once(world):
    section = request_subgroup(world)
    assert [s.status for s in reminders.send_contribution_emails(today=TODAY, dry_run=True)] == ["would send"]
    assert mail.outbox == []
    sent = reminders.send_contribution_emails(today=TODAY)
    assert [s.recipients for s in sent] == [[world.subgroup_chair.email]]
    message = mail.outbox[0]
    assert message.subject == (
        'Annual report 2025/26: please write "The Learning and Improvement subgroup\'s section" by 15 January 2027'
    )
    assert f"/dashboards/annual-report/contributions/{section.pk}/" in message.body
    assert reminders.send_contribution_emails(today=TODAY) == []
    assert reminders.send_contribution_emails(today=DUE) == []  # due today: not yet late
    late = DUE + datetime.timedelta(days=1)
    chased = reminders.send_contribution_emails(today=late)
    assert [s.job for s in chased] == [reminders.CHASER_JOB]
    assert mail.outbox[-1].subject.startswith("Overdue:") and "15 January 2027" in mail.outbox[-1].body
    run_reminders(today=late + datetime.timedelta(days=3))
    assert len(mail.outbox) == 2
    # A submitted contribution is never chased.
    agency = request_agency(world)
    contribution_save(contribution=agency, text="Ours.", submit=True, actor=world.agency_lead)
    assert reminders.send_contribution_emails(today=late) == []


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_two_runs_at_once_send_each_email_once(world):
    require_postgres()
    request_subgroup(world)
    request_agency(world)
    request_agency(world, world.other_agency)
    late = DUE + datetime.timedelta(days=1)
    errors = twice_at_once(lambda: reminders.send_contribution_emails(today=late), timeout=120)
    assert not errors, errors
    # Three contributions, each overdue: a request and a chaser each.
    counts = Counter((m.to[0], m.subject.startswith("Overdue")) for m in mail.outbox)
    assert len(mail.outbox) == 6 and set(counts.values()) == {1}


@time_machine.travel(datetime.datetime(2026, 12, 6, 10, 0), tick=False)
def test_the_demo_contributions_are_for_the_last_complete_year_and_a_second_run_adds_nothing(world):
    from dashboards.report.demo import contributions as demo_contributions

    # The world: a scrutineer (made by the demo), its chaired subgroup; the other subgroup has no
    # chair and its agencies are not the demo's NGH and Police, so nobody else is asked.
    assert demo_contributions.seed() == 2
    rows = {(c.kind, c.status) for c in ReportContribution.objects.filter(year=2025)}
    assert rows == {("scrutineer", "approved"), ("subgroup", "approved")}
    assert (
        ReportContribution.objects.get(kind="scrutineer").author.email == demo_contributions.SCRUTINEER_EMAIL
    )
    assert demo_contributions.seed() == 0
    assert ReportContribution.objects.count() == 2


def test_an_agencys_starting_text_gives_its_section_11_return_and_staff_trained(world):
    from audits.models import Framework, Return, Round
    from tests.training.factories import AttendeeFactory, CourseFactory, ProgrammeFactory, SessionFactory

    framework = Framework.objects.create(name="Pan London standards")
    round_ = Round.objects.create(framework=framework, title="Section 11 self-assessment 2025", year=2025,
                                  opens_on=datetime.date(2025, 5, 1), due_on=datetime.date(2025, 7, 31),
                                  status="closed", subgroup=world.subgroup)  # fmt: skip
    Return.objects.create(round=round_, agency=world.agency, status="submitted")
    start = datetime.datetime(2025, 6, 10, 9, 30, tzinfo=datetime.UTC)
    session = SessionFactory(course=CourseFactory(programme=ProgrammeFactory(year=2025)), starts_at=start,
                             ends_at=start + datetime.timedelta(hours=3))  # fmt: skip
    # Two of the agency's staff attended, one did not; another agency's person attended.
    AttendeeFactory(session=session, agency=world.agency, attended=True)
    AttendeeFactory(session=session, agency=world.agency, attended=True)
    AttendeeFactory(session=session, agency=world.agency, attended=False)
    AttendeeFactory(session=session, agency=world.other_agency, attended=True)
    text = starting_text(request_agency(world), today=TODAY)
    assert "Section 11 return (Section 11 self-assessment 2025): submitted" in text
    assert "Staff who attended the partnership's training in 2025/26: 2" in text
    other = starting_text(request_agency(world, world.other_agency), today=TODAY)
    assert "Section 11 return (Section 11 self-assessment 2025): not invited" in other
    assert "Staff who attended the partnership's training in 2025/26: 1" in other
