"""Changing and removing what was added: a return's planned improvements (while it is editable,
by those who may edit it) and its colleagues (by the agency's lead); a multi-agency audit's lines
of enquiry, agencies taking part and cases (by the business unit); a year's audit programme.
Each removal asks first, and every change names its actor in the history."""

import datetime

import pytest
from django.urls import reverse

from audits.models import (
    AgencyAuditFinding,
    AuditCase,
    AuditParticipant,
    AuditProgramme,
    LineOfEnquiry,
    PlannedImprovement,
    Return,
    ReturnStatus,
)
from audits.services import audits as services_audits
from audits.services.section11 import returns as return_services
from partnership.services import DomainError
from tests.audits.factories import PlannedImprovementFactory, make_round

from ..matrix.audits_audits import make_audit

pytestmark = pytest.mark.django_db


def url(name, *args):
    return reverse(f"audits:{name}", args=args)


@pytest.fixture
def ours(world):
    return make_round(world).returns.get(agency=world.agency)


@pytest.fixture
def planned(ours):
    return PlannedImprovementFactory(
        agency_return=ours,
        description="Level 2 training for all ward staff",
        due_on=datetime.date(2027, 6, 30),
    )


# --- planned improvements ----------------------------------------------------------------------


def test_the_agency_lead_changes_a_planned_improvement(world, ours, planned, client_for):
    client = client_for(world.agency_lead)
    page = client.get(url("return-improvement-edit", ours.pk, planned.pk))
    assert "Level 2 training for all ward staff" in page.content.decode()
    standard5 = ours.round.framework.standards.get(number=5)
    response = client.post(url("return-improvement-edit", ours.pk, planned.pk), {
        "standard": standard5.pk, "description": "Level 3 training for ward managers", "due_on": "31/3/2027",
        "lead_name": "Named nurse",
    })  # fmt: skip
    assert response.status_code == 302 and response["Location"].endswith("#improvements")
    planned.refresh_from_db()
    assert (planned.description, planned.due_on, planned.standard) == (
        "Level 3 training for ward managers", datetime.date(2027, 3, 31), standard5,
    )  # fmt: skip
    assert planned.history.first().history_user == world.agency_lead
    # A blank description is refused next to the field, keeping what was typed.
    response = client.post(url("return-improvement-edit", ours.pk, planned.pk),
                           {"description": "", "due_on": "31/3/2027", "lead_name": "Kept name"})  # fmt: skip
    assert response.status_code == 200
    assert (
        "Describe the improvement" in response.content.decode() and "Kept name" in response.content.decode()
    )


def test_removing_a_planned_improvement_asks_first(world, ours, planned, client_for):
    client = client_for(world.agency_lead)
    confirm = client.get(url("return-improvement-delete", ours.pk, planned.pk))
    assert confirm.status_code == 200
    assert "Are you sure" in confirm.content.decode() and "Level 2 training" in confirm.content.decode()
    assert PlannedImprovement.objects.exists()
    response = client.post(url("return-improvement-delete", ours.pk, planned.pk))
    assert response.status_code == 302
    assert not PlannedImprovement.objects.exists()
    deleted = PlannedImprovement.history.filter(history_type="-").get()
    assert deleted.history_user == world.agency_lead


def test_improvements_are_locked_once_the_return_is_submitted(world, ours, planned, client_for):
    Return.objects.filter(pk=ours.pk).update(status=ReturnStatus.SUBMITTED)
    client = client_for(world.agency_lead)
    assert client.get(url("return-improvement-edit", ours.pk, planned.pk)).status_code == 403
    assert client.post(url("return-improvement-delete", ours.pk, planned.pk)).status_code == 403
    ours.refresh_from_db()
    with pytest.raises(DomainError):
        return_services.improvement_delete(improvement=planned, actor=world.agency_lead)
    assert PlannedImprovement.objects.filter(pk=planned.pk).exists()
    assert (
        "Remove"
        not in client.get(ours.get_absolute_url())
        .content.decode()
        .split('id="improvements"')[1]
        .split('id="contributors"')[0]
    )


def test_only_those_who_may_edit_the_return_change_its_improvements(world, ours, planned, client_for):
    for person, status in [(world.other_agency_lead, 404), (world.lay_member, 404), (world.business_unit, 403),
                           (world.subgroup_chair, 403)]:  # fmt: skip
        client = client_for(person)
        assert client.get(url("return-improvement-edit", ours.pk, planned.pk)).status_code == status
        assert client.post(url("return-improvement-delete", ours.pk, planned.pk)).status_code == status
    with pytest.raises(DomainError):
        return_services.improvement_delete(improvement=planned, actor=world.business_unit)
    # An improvement of another return is not found under ours.
    theirs = ours.round.returns.get(agency=world.other_agency)
    other = PlannedImprovementFactory(agency_return=theirs, description="x", due_on=datetime.date(2027, 1, 1))
    assert (
        client_for(world.agency_lead).get(url("return-improvement-edit", ours.pk, other.pk)).status_code
        == 404
    )
    assert PlannedImprovement.objects.count() == 2


def test_an_improvement_that_became_an_action_cannot_be_changed(world, ours, planned):
    from ..factories import ActionFactory

    planned.action = ActionFactory()
    planned.save()
    with pytest.raises(DomainError, match="already an action"):
        return_services.improvement_delete(improvement=planned, actor=world.agency_lead)
    planned.description = "Changed"
    with pytest.raises(DomainError, match="already an action"):
        return_services.improvement_update(improvement=planned, actor=world.agency_lead)


# --- colleagues on a return ------------------------------------------------------------------


def test_the_agency_lead_removes_a_colleague_who_then_loses_access(world, ours, client_for):
    return_services.return_contributor_add(agency_return=ours, person=world.no_role, actor=world.agency_lead)
    colleague = client_for(world.no_role)
    assert colleague.get(ours.get_absolute_url()).status_code == 200
    lead = client_for(world.agency_lead)
    detail = lead.get(ours.get_absolute_url()).content.decode()
    remove_url = url("return-contributor-remove", ours.pk, world.no_role.pk)
    assert remove_url in detail
    confirm = lead.get(remove_url).content.decode()
    assert "Are you sure" in confirm and world.no_role.full_name in confirm
    # The colleague cannot remove themselves or anyone else: only the lead can.
    assert colleague.post(remove_url).status_code == 403
    assert lead.post(remove_url).status_code == 302
    assert not ours.contributors.exists()
    assert colleague.get(ours.get_absolute_url()).status_code == 404
    assert ours.history.first().history_user == world.agency_lead
    # Removing someone who is not on the return: a 404 page, and a refusal from the service.
    assert lead.get(remove_url).status_code == 404
    with pytest.raises(DomainError, match="not helping"):
        return_services.return_contributor_remove(
            agency_return=ours, person=world.no_role, actor=world.agency_lead
        )


def test_another_agency_lead_cannot_remove_our_colleagues(world, ours, client_for):
    ours.contributors.add(world.no_role)
    remove_url = url("return-contributor-remove", ours.pk, world.no_role.pk)
    assert client_for(world.other_agency_lead).post(remove_url).status_code == 404
    assert client_for(world.business_unit).post(remove_url).status_code == 403
    with pytest.raises(DomainError):
        return_services.return_contributor_remove(
            agency_return=ours, person=world.no_role, actor=world.other_agency_lead
        )
    assert list(ours.contributors.all()) == [world.no_role]


# --- a multi-agency audit's parts ---------------------------------------------------------------


def _finding(world, audit, line, agency):
    return services_audits.agency_finding_record(audit=audit, agency=agency, line_of_enquiry=line, grade="good",
                                                 finding="Voice of the child heard.", actor=world.business_unit)  # fmt: skip


def test_lines_of_enquiry_are_changed_and_removed_renumbering_the_rest(world, client_for):
    audit = make_audit(world)
    for text in ["Was neglect recognised early?", "Did agencies share information?"]:
        services_audits.line_of_enquiry_add(audit=audit, text=text, actor=world.business_unit)
    first, second, third = audit.lines_of_enquiry.all()
    _finding(world, audit, first, world.agency)
    _finding(world, audit, third, world.agency)
    bu = client_for(world.business_unit)
    detail = bu.get(audit.get_absolute_url()).content.decode()
    assert url("audit-loe-edit", audit.pk, second.pk) in detail
    response = bu.post(
        url("audit-loe-edit", audit.pk, second.pk), {"text": "Was neglect recognised in time?"}
    )
    assert response.status_code == 302
    second.refresh_from_db()
    assert second.text == "Was neglect recognised in time?" and second.number == 2
    assert second.history.first().history_user == world.business_unit

    confirm = bu.get(url("audit-loe-delete", audit.pk, first.pk)).content.decode()
    assert (
        "Are you sure" in confirm
        and "The 1 finding agencies recorded against it will be removed too" in confirm
    )
    bu.post(url("audit-loe-delete", audit.pk, first.pk))
    assert list(audit.lines_of_enquiry.values_list("number", "text")) == [
        (1, "Was neglect recognised in time?"), (2, "Did agencies share information?"),
    ]  # fmt: skip
    assert list(AgencyAuditFinding.objects.values_list("line_of_enquiry", flat=True)) == [third.pk]
    removed = AgencyAuditFinding.history.filter(history_type="-").get()
    assert removed.history_user == world.business_unit
    assert LineOfEnquiry.history.filter(history_type="-").get().history_user == world.business_unit


def test_a_participating_agency_is_changed_and_taken_out_with_its_findings(world, client_for):
    audit = make_audit(world, agencies=[world.agency, world.other_agency])
    line = audit.lines_of_enquiry.get()
    _finding(world, audit, line, world.agency)
    _finding(world, audit, line, world.other_agency)
    ours = audit.participants.get(agency=world.agency)
    bu = client_for(world.business_unit)
    refused = bu.post(url("audit-participant-edit", audit.pk, ours.pk), {"auditor": "New Auditor"})
    assert refused.status_code == 200
    assert "Confirm that the auditor had no previous involvement" in refused.content.decode()
    assert "New Auditor" in refused.content.decode()
    bu.post(url("audit-participant-edit", audit.pk, ours.pk),
            {"auditor": "New Auditor", "no_previous_involvement": "on"})  # fmt: skip
    ours.refresh_from_db()
    assert ours.auditor == "New Auditor" and ours.history.first().history_user == world.business_unit

    confirm = bu.get(url("audit-participant-delete", audit.pk, ours.pk)).content.decode()
    assert "The 1 finding it recorded will be removed too" in confirm
    assert bu.post(url("audit-participant-delete", audit.pk, ours.pk)).status_code == 302
    assert list(audit.participants.values_list("agency", flat=True)) == [world.other_agency.pk]
    assert list(AgencyAuditFinding.objects.values_list("agency", flat=True)) == [world.other_agency.pk]
    assert AuditParticipant.history.filter(history_type="-").get().history_user == world.business_unit


def test_cases_are_changed_by_pseudonym_and_taken_out(world, client_for):
    audit = make_audit(world)
    child_a = services_audits.case_add(audit=audit, pseudonym="Child A", notes="", actor=world.business_unit)
    services_audits.case_add(audit=audit, pseudonym="Child B", notes="", actor=world.business_unit)
    bu = client_for(world.business_unit)
    refused = bu.post(
        url("audit-case-edit", audit.pk, child_a.pk), {"pseudonym": "child b", "notes": "Typed"}
    )
    assert refused.status_code == 200 and "already in the case sample" in refused.content.decode()
    bu.post(
        url("audit-case-edit", audit.pk, child_a.pk), {"pseudonym": "Child C", "notes": "Open to early help"}
    )
    child_a.refresh_from_db()
    assert (child_a.pseudonym, child_a.notes) == ("Child C", "Open to early help")
    assert "Are you sure" in bu.get(url("audit-case-delete", audit.pk, child_a.pk)).content.decode()
    bu.post(url("audit-case-delete", audit.pk, child_a.pk))
    assert list(audit.cases.values_list("pseudonym", flat=True)) == ["Child B"]
    assert AuditCase.history.filter(history_type="-").get().history_user == world.business_unit


def test_only_the_business_unit_changes_an_audits_parts(world, client_for):
    audit = make_audit(world)
    line = audit.lines_of_enquiry.get()
    for person in (world.agency_lead, world.subgroup_chair, world.partnership_lead):
        client = client_for(person)
        assert client.post(url("audit-loe-delete", audit.pk, line.pk)).status_code == 403
        assert "audit-loe-edit" not in client.get(audit.get_absolute_url()).content.decode()
    for call in (
        lambda: services_audits.line_of_enquiry_delete(line=line, actor=world.agency_lead),
        lambda: services_audits.case_delete(
            case=AuditCase(audit=audit, pseudonym="x"), actor=world.agency_lead
        ),
        lambda: services_audits.participant_delete(
            participant=audit.participants.get(), actor=world.agency_lead
        ),
    ):
        with pytest.raises(DomainError):
            call()
    assert audit.lines_of_enquiry.exists() and audit.participants.exists()


# --- the audit programme ---------------------------------------------------------------------


def test_the_business_unit_changes_a_years_programme(world, client_for):
    programme = AuditProgramme.objects.create(year=2026, subgroup=world.subgroup)
    AuditProgramme.objects.create(year=2027, subgroup=world.subgroup)
    bu = client_for(world.business_unit)
    assert url("programme-edit", programme.pk) in bu.get(url("programme-list")).content.decode()
    refused = bu.post(url("programme-edit", programme.pk), {"year": "2027", "subgroup": world.subgroup.pk})
    assert (
        refused.status_code == 200
        and "There is already a programme for that year" in refused.content.decode()
    )
    response = bu.post(url("programme-edit", programme.pk), {
        "year": "2026", "subgroup": world.other_subgroup.pk, "notes": "Neglect and exploitation first.",
    })  # fmt: skip
    assert response.status_code == 302
    programme.refresh_from_db()
    assert programme.subgroup == world.other_subgroup and programme.notes == "Neglect and exploitation first."
    assert programme.history.first().history_user == world.business_unit
    assert (
        client_for(world.agency_lead).post(url("programme-edit", programme.pk), {"year": "2030"}).status_code
        == 403
    )


# --- evidence files ------------------------------------------------------------------------------


def test_an_evidence_file_is_removed_while_the_return_is_editable(world, ours, client_for):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from audits.models import AnswerFile

    requirement = ours.round.framework.standards.get(number=1).requirements.first()
    upload = SimpleUploadedFile("policy.txt", b"Policy, version 4", content_type="text/plain")
    record = return_services.answer_file_add(agency_return=ours, requirement=requirement, upload=upload, description="",
                                      actor=world.agency_lead)  # fmt: skip
    lead = client_for(world.agency_lead)
    delete_url = url("return-answer-file-delete", ours.pk, record.pk)
    assert delete_url in lead.get(url("return-standard", ours.pk, 1)).content.decode()
    assert "Are you sure you want to remove policy.txt" in lead.get(delete_url).content.decode()
    assert client_for(world.other_agency_lead).post(delete_url).status_code == 404
    assert client_for(world.business_unit).post(delete_url).status_code == 403
    Return.objects.filter(pk=ours.pk).update(status=ReturnStatus.SUBMITTED)
    assert lead.post(delete_url).status_code == 403
    Return.objects.filter(pk=ours.pk).update(status=ReturnStatus.AMENDMENT)
    assert lead.post(delete_url).status_code == 302
    assert not AnswerFile.objects.exists()
    assert lead.get(url("answer-file-download", record.pk)).status_code == 404
    assert AnswerFile.history.filter(history_type="-").get().history_user == world.agency_lead


def test_a_new_round_is_suggested_two_years_after_the_last(world, ours, client_for):
    form = client_for(world.business_unit).get(url("round-create")).context["form"]
    assert form.initial["year"] == 2028 and form.initial["title"] == "Section 11 self-assessment 2028"
