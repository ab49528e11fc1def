"""Recording meetings and their decisions (governance/services.py)."""

import datetime
import uuid

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile

from governance import services
from governance.models import Attendance, Body, Decision, Meeting
from partnership.models import Action, ActionStatus, Agency
from partnership.services import DomainError
from tests.factories import ActionPlanFactory, AgencyFactory, ConsultationFactory, RecommendationFactory

from .factories import PDF, MeetingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(datetime.datetime(2026, 11, 30, 9, 0), tick=False):
        yield


@pytest.fixture
def plan(world):
    plan = ActionPlanFactory(subgroup=world.subgroup, title="Neglect audit plan")
    plan.recommendation = RecommendationFactory(source=plan.source, reference="R1")
    return plan


def record_action(world, meeting, plan, *, actor, token=None):
    return services.decision_record(
        meeting=meeting, kind=Decision.Kind.ACTION, text="Refresh the neglect toolkit by March",
        actor=actor, token=token, plan=plan, recommendation=plan.recommendation,
        owner_agency=world.agency, lead_name="Jo Bloggs", due_date=datetime.date(2027, 3, 31),
    )  # fmt: skip


def test_the_business_unit_records_a_subgroup_meeting(world):
    meeting = services.meeting_save(
        meeting=Meeting(body=Body.SUBGROUP, subgroup=world.subgroup, title="L&I subgroup",
                        date=datetime.date(2027, 1, 14), place="Online"),
        actor=world.business_unit,
    )  # fmt: skip
    assert meeting.status == Meeting.Status.PLANNED
    assert meeting.history.first().history_user == world.business_unit


@pytest.mark.parametrize("role", ["partnership_lead", "subgroup_chair", "agency_lead", "no_role"])
def test_nobody_else_records_a_meeting(world, role):
    with pytest.raises(DomainError, match="Only the business unit"):
        services.meeting_save(
            meeting=Meeting(body=Body.EXECUTIVE, title="Executive", date=datetime.date(2027, 1, 14)),
            actor=world.person(role),
        )


def test_a_subgroup_meeting_names_its_subgroup_and_a_future_meeting_is_not_held(world):
    with pytest.raises(DomainError, match="Choose the subgroup"):
        services.meeting_save(
            meeting=Meeting(body=Body.SUBGROUP, title="L&I", date=datetime.date(2027, 1, 14)),
            actor=world.business_unit,
        )
    with pytest.raises(DomainError, match="cannot have been held"):
        services.meeting_save(
            meeting=Meeting(body=Body.EXECUTIVE, title="Executive", date=datetime.date(2027, 1, 14),
                            status=Meeting.Status.HELD),
            actor=world.business_unit,
        )  # fmt: skip


def test_an_action_agreed_creates_exactly_one_action_even_on_a_double_submit(world, plan):
    meeting = MeetingFactory(subgroup=world.subgroup, date=datetime.date(2026, 11, 12))
    token = uuid.uuid4()
    first = record_action(world, meeting, plan, actor=world.business_unit, token=token)
    second = record_action(world, meeting, plan, actor=world.business_unit, token=token)
    assert first.pk == second.pk
    action = Action.objects.get()
    assert first.action == action
    assert (action.plan, action.owner_agency, action.lead_name) == (plan, world.agency, "Jo Bloggs")
    assert action.status == ActionStatus.NOT_STARTED
    assert action.start_date == meeting.date and action.due_date == datetime.date(2027, 3, 31)
    assert Decision.objects.count() == 1


def test_the_chair_records_a_decision_for_their_subgroup_but_not_for_another(world, plan):
    own = MeetingFactory(subgroup=world.subgroup)
    decision = record_action(world, own, plan, actor=world.subgroup_chair)
    assert decision.action.plan == plan
    other = MeetingFactory(subgroup=world.other_subgroup)
    with pytest.raises(DomainError, match="subgroup's chair"):
        record_action(world, other, plan, actor=world.subgroup_chair)
    with pytest.raises(DomainError):
        services.decision_record(meeting=own, kind="noted", text="Noted", actor=world.subgroup_member)


def test_a_refused_action_leaves_no_decision(world, plan):
    meeting = MeetingFactory(subgroup=world.subgroup)
    foreign = RecommendationFactory()  # another source's recommendation
    with pytest.raises(DomainError, match="plan's recommendations"):
        services.decision_record(
            meeting=meeting, kind="action", text="Do it", actor=world.business_unit, plan=plan,
            recommendation=foreign, lead_name="Jo", due_date=datetime.date(2027, 3, 31),
        )  # fmt: skip
    assert not Decision.objects.exists() and not Action.objects.exists()


def test_a_decision_on_a_source_links_it_and_noted_links_nothing(world):
    meeting = MeetingFactory(subgroup=world.subgroup)
    source = ConsultationFactory().learning_source
    decision = services.decision_record(
        meeting=meeting,
        kind="source",
        text="Commission a deep dive",
        source=source,
        actor=world.business_unit,
    )
    assert decision.source == source and decision.action is None
    with pytest.raises(DomainError, match="Choose the review"):
        services.decision_record(meeting=meeting, kind="source", text="x", actor=world.business_unit)
    noted = services.decision_record(meeting=meeting, kind="noted", text="Noted", actor=world.business_unit)
    assert noted.source is None and noted.action is None


def test_a_cancelled_meeting_makes_no_decisions(world):
    meeting = MeetingFactory(subgroup=world.subgroup, status=Meeting.Status.CANCELLED)
    with pytest.raises(DomainError, match="cancelled"):
        services.decision_record(meeting=meeting, kind="noted", text="Noted", actor=world.business_unit)


def test_attendance_is_one_row_per_agency_and_a_blank_status_removes_it(world):
    meeting = MeetingFactory(subgroup=world.subgroup)
    rows = [
        {"agency": world.agency, "status": "present", "representative": "Ann", "representative_role": "DSL"},
        {"agency": world.other_agency, "status": "apologies"},
    ]
    services.attendance_record(meeting=meeting, rows=rows, actor=world.business_unit)
    services.attendance_record(meeting=meeting, rows=rows, actor=world.business_unit)
    assert meeting.attendances.count() == 2
    services.attendance_record(meeting=meeting, rows=[{"agency": world.other_agency, "status": ""}],
                               actor=world.business_unit)  # fmt: skip
    assert list(meeting.attendances.values_list("agency", "status", "representative")) == [
        (world.agency.pk, Attendance.Status.PRESENT, "Ann")
    ]


def test_the_executives_agencies_default_to_the_statutory_partners(world):
    partners = [
        AgencyFactory(name=n, partner_status=Agency.PartnerStatus.STATUTORY_PARTNER)
        for n in ("Council", "ICB", "Police")
    ]
    AgencyFactory(name="School", partner_status=Agency.PartnerStatus.RELEVANT_AGENCY)
    Agency.objects.filter(pk__in=[world.agency.pk, world.other_agency.pk]).update(
        partner_status=Agency.PartnerStatus.RELEVANT_AGENCY
    )
    meeting = MeetingFactory(body=Body.EXECUTIVE, subgroup=None)
    assert services.default_agencies(meeting) == sorted(partners, key=lambda a: a.name)
    # A subgroup's: the agencies of its chair and members.
    assert services.default_agencies(MeetingFactory(subgroup=world.subgroup)) == [world.agency]


def test_a_paper_is_type_checked_and_stored(world):
    meeting = MeetingFactory(subgroup=world.subgroup)
    paper = services.paper_add(meeting=meeting, title="Dataset", confidential=True, actor=world.business_unit,
                               upload=SimpleUploadedFile("q2.pdf", PDF))  # fmt: skip
    assert (paper.file_name, paper.content_type, paper.confidential) == ("q2.pdf", "application/pdf", True)
    with pytest.raises(DomainError, match="must be"):
        services.paper_add(meeting=meeting, title="Bad", confidential=False, actor=world.business_unit,
                           upload=SimpleUploadedFile("x.pdf", b"\x00\x01binary\x02" * 20))  # fmt: skip


def test_agenda_items_are_numbered_in_order(world):
    meeting = MeetingFactory(subgroup=world.subgroup)
    first = services.agenda_item_add(
        meeting=meeting, title="Apologies", paper=None, actor=world.business_unit
    )
    second = services.agenda_item_add(meeting=meeting, title="Dataset", presenter="Ann", paper=None,
                                      actor=world.business_unit)  # fmt: skip
    assert (first.number, second.number) == (1, 2)
