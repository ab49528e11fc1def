"""The audit programme, multi-agency and single-agency audits and inspections, in the browser:
building an audit through its forms, who records and sees each agency's findings, a
single-agency audit's scope, an inspection's report and recommendations, the lists' filters,
the services' refusals and the demo data."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.html import escape

from audits.models import (
    AgencyAuditFinding,
    AuditCase,
    AuditParticipant,
    AuditStatus,
    Inspection,
    LineOfEnquiry,
    MultiAgencyAudit,
    SingleAgencyAudit,
)
from audits.services import audits as services
from partnership.models import Recommendation, Role, RoleAssignment, Theme
from partnership.services import DomainError

from ..matrix.audits_audits import PDF, make_audit, make_inspection, make_single_audit

pytestmark = pytest.mark.django_db

EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 200


def post(client, name, pk=None, data=None):
    return client.post(reverse(name, args=[pk] if pk else []), data or {})


def test_the_business_unit_builds_an_audit_through_its_forms(world, client_for):
    bu = client_for(world.business_unit)
    theme = Theme.objects.create(name="Neglect (audit test)")
    response = post(bu, "audits:audit-create", data={
        "title": "Neglect of adolescents", "themes": [theme.pk], "subgroup": world.subgroup.pk, "planned_on": "4/5/2026",
    })  # fmt: skip
    audit = MultiAgencyAudit.objects.get()
    assert response.status_code == 302 and response["Location"] == audit.get_absolute_url()
    assert list(audit.themes.all()) == [theme] and audit.status == AuditStatus.PLANNED
    assert audit.history.first().history_user == world.business_unit

    for text in ["How well did agencies hear the child?", "Was neglect recognised early?"]:
        assert post(bu, "audits:audit-loe-add", audit.pk, {"text": text}).status_code == 302
    assert list(audit.lines_of_enquiry.values_list("number", flat=True)) == [1, 2]

    # The auditor must have had no previous involvement: refused, next to the box, with the name kept.
    response = post(
        bu, "audits:audit-participant-add", audit.pk, {"agency": world.agency.pk, "auditor": "Jo Auditor"}
    )
    assert response.status_code == 200
    assert "Confirm that the auditor had no previous involvement" in response.content.decode()
    assert 'value="Jo Auditor"' in response.content.decode()
    for agency, auditor in [(world.agency, "Jo Auditor"), (world.other_agency, "Kim Auditor")]:
        response = post(bu, "audits:audit-participant-add", audit.pk,
                        {"agency": agency.pk, "auditor": auditor, "no_previous_involvement": "on"})  # fmt: skip
        assert response.status_code == 302
    assert AuditParticipant.objects.filter(audit=audit, no_previous_involvement=True).count() == 2

    page = bu.get(reverse("audits:audit-case-add", args=[audit.pk])).content.decode()
    assert "pseudonym only" in page.lower()
    assert (
        post(
            bu, "audits:audit-case-add", audit.pk, {"pseudonym": "Child A", "notes": "Open to early help"}
        ).status_code
        == 302
    )
    assert AuditCase.objects.get().pseudonym == "Child A"

    line = audit.lines_of_enquiry.get(number=1)
    for agency, grade in [(world.agency, "good"), (world.other_agency, "requires_improvement")]:
        response = post(bu, "audits:audit-finding-add", audit.pk, {
            "agency": agency.pk, "line_of_enquiry": line.pk, "grade": grade, "finding": f"{agency.short_name} finding",
        })  # fmt: skip
        assert response.status_code == 302
    assert AgencyAuditFinding.objects.count() == 2

    response = post(bu, "audits:audit-workshop", audit.pk, {
        "workshop_on": "1/7/2026", "workshop_attendees": "Auditors from each agency", "workshop_notes": "Challenge on neglect",
    })  # fmt: skip
    assert response.status_code == 302
    audit.refresh_from_db()
    assert audit.workshop_on == datetime.date(2026, 7, 1) and audit.status == AuditStatus.WORKSHOP

    # Reported needs strengths, areas for improvement and a date.
    response = post(bu, "audits:audit-overview", audit.pk, {"status": "reported", "strengths": "Good"})
    assert response.status_code == 200 and "Enter the areas for improvement" in response.content.decode()
    response = post(bu, "audits:audit-overview", audit.pk, {
        "status": "reported", "strengths": "Strong early help", "areas_for_improvement": "Hearing teenagers",
        "childrens_views": "Young people said nobody asked them.", "reported_on": "20/7/2026",
    })  # fmt: skip
    assert response.status_code == 302
    audit.refresh_from_db()
    assert audit.status == AuditStatus.REPORTED and audit.reported_on == datetime.date(2026, 7, 20)

    page = bu.get(audit.get_absolute_url()).content.decode()
    for text in ["Was neglect recognised early?", "Jo Auditor", "Child A", "NCCS finding", "EHT finding",
                 "Requires improvement", "Auditors from each agency", "Strong early help", "nobody asked them",
                 "Findings", "Recommendations"]:  # fmt: skip
        assert text in page, text


def test_an_agency_lead_records_only_their_own_agencys_findings(world, client_for):
    audit = make_audit(world, agencies=[world.agency, world.other_agency])
    line = audit.lines_of_enquiry.get()
    lead = client_for(world.agency_lead)
    page = lead.get(reverse("audits:audit-finding-add", args=[audit.pk])).content.decode()
    assert escape(world.agency.name) in page and escape(world.other_agency.name) not in page
    data = {"line_of_enquiry": line.pk, "grade": "good", "finding": "Our own work"}
    assert (
        post(lead, "audits:audit-finding-add", audit.pk, {**data, "agency": world.agency.pk}).status_code
        == 302
    )
    finding = AgencyAuditFinding.objects.get()
    assert finding.agency == world.agency and finding.recorded_by == world.agency_lead
    assert (
        post(
            lead, "audits:audit-finding-add", audit.pk, {**data, "agency": world.other_agency.pk}
        ).status_code
        == 403
    )
    # Recording again replaces the agency's finding on that line.
    post(
        lead,
        "audits:audit-finding-add",
        audit.pk,
        {**data, "agency": world.agency.pk, "grade": "outstanding"},
    )
    assert AgencyAuditFinding.objects.get().grade == "outstanding"
    # An audit their agency does not take part in: no recording at all.
    elsewhere = make_audit(world, agencies=[world.other_agency])
    assert lead.get(reverse("audits:audit-finding-add", args=[elsewhere.pk])).status_code == 403


def test_an_agency_lead_sees_only_their_agencys_rows_unless_in_the_subgroup(world, client_for):
    audit = make_audit(world, agencies=[world.agency, world.other_agency])
    line = audit.lines_of_enquiry.get()
    for agency in (world.agency, world.other_agency):
        services.agency_finding_record(audit=audit, agency=agency, line_of_enquiry=line, grade="good",
                                       finding=f"Finding of {agency.short_name}", actor=world.business_unit)  # fmt: skip

    def page_for(user):
        return client_for(user).get(audit.get_absolute_url()).content.decode()

    page = page_for(world.agency_lead)
    assert "Finding of NCCS" in page and "Finding of EHT" not in page
    for user in (world.business_unit, world.partnership_lead, world.subgroup_member, world.subgroup_chair):
        page = page_for(user)
        assert "Finding of NCCS" in page and "Finding of EHT" in page
    assert "Finding of" not in page_for(world.lay_member)
    RoleAssignment.objects.create(user=world.agency_lead, role=Role.SUBGROUP_MEMBER, subgroup=world.subgroup)
    page = page_for(world.agency_lead)
    assert "Finding of NCCS" in page and "Finding of EHT" in page


def test_a_single_agency_audit_is_seen_by_its_agency_and_not_another(world, client_for):
    lead = client_for(world.agency_lead)
    page = lead.get(reverse("audits:single-audit-create")).content.decode()
    assert escape(world.agency.name) in page and escape(world.other_agency.name) not in page
    data = {"title": "Supervision audit", "scope": "20 cases", "summary": "Supervision was regular",
            "reported_on": "1/7/2026", "subgroup": world.subgroup.pk}  # fmt: skip
    response = post(lead, "audits:single-audit-create", data={**data, "agency": world.other_agency.pk})
    assert response.status_code == 200 and SingleAgencyAudit.objects.count() == 0
    assert (
        post(lead, "audits:single-audit-create", data={**data, "agency": world.agency.pk}).status_code == 302
    )
    audit = SingleAgencyAudit.objects.get()
    assert audit.reported_by == world.agency_lead
    assert "Findings" in lead.get(audit.get_absolute_url()).content.decode()  # the learning panel
    other = client_for(world.other_agency_lead)
    assert other.get(audit.get_absolute_url()).status_code == 404
    assert other.get(reverse("audits:single-audit-edit", args=[audit.pk])).status_code == 404
    assert "Supervision audit" not in other.get(reverse("audits:single-audit-list")).content.decode()
    assert "Supervision audit" in lead.get(reverse("audits:single-audit-list")).content.decode()
    # The subgroup reads it, but does not change it.
    member = client_for(world.subgroup_member)
    assert member.get(audit.get_absolute_url()).status_code == 200
    assert member.get(reverse("audits:single-audit-edit", args=[audit.pk])).status_code == 403


def test_an_inspection_with_its_report_and_recommendations(world, client_for):
    bu = client_for(world.business_unit)
    data = {"inspectorate": "ofsted_ilacs", "title": "Ofsted ILACS 2026", "agencies": [world.agency.pk],
            "started_on": "2/3/2026", "ended_on": "13/3/2026", "published_on": "24/4/2026", "judgement": "Good",
            "subgroup": world.subgroup.pk}  # fmt: skip
    bad = bu.post(
        reverse("audits:inspection-create"), {**data, "report_upload": SimpleUploadedFile("r.pdf", EXE)}
    )
    assert (
        bad.status_code == 200 and "must be a PDF" in bad.content.decode() and not Inspection.objects.exists()
    )
    ended_early = bu.post(reverse("audits:inspection-create"), {**data, "ended_on": "1/3/2026"})
    assert "end date must be on or after" in ended_early.content.decode()
    upload = SimpleUploadedFile("Ofsted report.pdf", PDF, content_type="application/pdf")
    assert bu.post(reverse("audits:inspection-create"), {**data, "report_upload": upload}).status_code == 302
    inspection = Inspection.objects.get()
    assert inspection.report_file_name == "Ofsted_report.pdf"
    download = client_for(world.agency_lead).get(reverse("audits:inspection-report", args=[inspection.pk]))
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith("attachment")
    assert b"".join(download.streaming_content) == PDF
    # Its recommendations through the learning panel (the chair of its subgroup may add them).
    response = client_for(world.subgroup_chair).post(
        reverse("partnership:recommendation-create", args=[inspection.learning_source_id]),
        {"reference": "1", "text": "Improve the quality of supervision.", "agencies": [world.agency.pk]},
    )
    assert response.status_code == 302
    assert Recommendation.objects.get().source == inspection.learning_source
    page = client_for(world.lay_member).get(inspection.get_absolute_url()).content.decode()
    assert "Improve the quality of supervision." in page and "Ofsted_report.pdf" in page


def test_the_lists_filter_sort_and_export(world, client_for):
    neglect = Theme.objects.create(name="Neglect (list test)")
    first = make_audit(world)
    first.themes.add(neglect)
    second = make_audit(world)
    second.title, second.status = "Exploitation", AuditStatus.REPORTED
    second.save()
    client = client_for(world.lay_member)
    page = client.get(reverse("audits:audit-list"), {"status": "reported"}).content.decode()
    assert "Exploitation" in page and "Neglect of adolescents" not in page
    page = client.get(reverse("audits:audit-list"), {"theme": neglect.pk, "sort": "-title"}).content.decode()
    assert "Neglect of adolescents" in page and "Exploitation" not in page
    csv = client.get(reverse("audits:audit-export"), {"status": "reported"}).content.decode()
    assert "Exploitation" in csv and "Neglect of adolescents" not in csv
    assert "Neglect of adolescents" in client.get(reverse("audits:programme-list")).content.decode()

    make_inspection(world)
    other = make_inspection(world)
    other.title, other.inspectorate = "JTAI: children affected by domestic abuse", "jtai"
    other.save()
    page = client.get(reverse("audits:inspection-list"), {"inspectorate": "jtai"}).content.decode()
    assert "JTAI: children" in page and "Ofsted ILACS inspection" not in page
    page = client.get(reverse("audits:inspection-list"), {"agency": world.other_agency.pk}).content.decode()
    assert "No inspections match these filters" in page

    make_single_audit(world)
    theirs = make_single_audit(world, agency=world.other_agency)
    theirs.title = "Eastmoor record keeping"
    theirs.save()
    bu = client_for(world.business_unit)
    page = bu.get(reverse("audits:single-audit-list"), {"agency": world.other_agency.pk}).content.decode()
    assert "Eastmoor record keeping" in page and "Supervision audit" not in page


def test_the_services_refuse_people_who_may_not(world):
    audit = make_audit(world, agencies=[world.agency, world.other_agency])
    line = audit.lines_of_enquiry.get()
    with pytest.raises(DomainError):
        services.audit_save(audit=MultiAgencyAudit(title="x", subgroup=world.subgroup, planned_on=datetime.date(2026, 1, 1)),
                            actor=world.agency_lead)  # fmt: skip
    with pytest.raises(DomainError):
        services.line_of_enquiry_add(audit=audit, text="Another", actor=world.subgroup_chair)
    with pytest.raises(DomainError):
        services.case_add(audit=audit, pseudonym="Child B", notes="", actor=world.partnership_lead)
    with pytest.raises(DomainError):
        services.agency_finding_record(audit=audit, agency=world.agency, line_of_enquiry=line, grade="good",
                                       finding="Not theirs", actor=world.other_agency_lead)  # fmt: skip
    with pytest.raises(DomainError):
        services.workshop_record(audit=audit, workshop_on=datetime.date(2026, 6, 1), attendees="", notes="",
                                 actor=world.agency_lead)  # fmt: skip
    with pytest.raises(DomainError):
        services.single_agency_audit_save(audit=make_single_audit(world), actor=world.other_agency_lead)
    with pytest.raises(DomainError):
        services.inspection_save(inspection=make_inspection(world), actor=world.partnership_lead)
    with pytest.raises(DomainError) as exc:
        services.participant_add(audit=audit, agency=world.agency, auditor="Jo", no_previous_involvement=False,
                                 actor=world.business_unit)  # fmt: skip
    assert exc.value.field == "no_previous_involvement"
    with pytest.raises(DomainError) as exc:
        services.case_add(audit=audit, pseudonym="", notes="", actor=world.business_unit)
    assert exc.value.field == "pseudonym"
    assert not LineOfEnquiry.objects.exclude(pk=line.pk).exists()
    assert not AgencyAuditFinding.objects.exists() and not AuditCase.objects.exists()


def test_the_demo_seed_runs_twice_and_changes_nothing_the_second_time():
    from django.apps import apps

    from audits import demo
    from partnership import demo as core_demo

    core_demo.seed()
    demo.seed()
    audit_models = list(apps.get_app_config("audits").get_models())
    counts = {m.__name__: m.objects.count() for m in audit_models}
    # Neglect of adolescents, child criminal exploitation, the graded care profile and its re-audit.
    assert counts["MultiAgencyAudit"] == 4 and counts["Inspection"] == 1 and counts["SingleAgencyAudit"] == 1
    assert counts["Round"] == 2
    demo.seed()
    assert {m.__name__: m.objects.count() for m in audit_models} == counts


def test_a_programme_is_looked_up_through_the_selector(world, client_for):
    """Everyone signed in sees the audit programme, nobody signed out; only the business unit
    changes it (403 for others, who may see it); an id that is not a programme is a 404."""
    from django.contrib.auth.models import AnonymousUser

    from audits import selectors
    from audits.models import AuditProgramme

    programme = AuditProgramme.objects.create(year=2026, subgroup=world.subgroup)
    assert not selectors.programmes_visible_to(AnonymousUser()).exists()
    assert list(selectors.programmes_visible_to(world.agency_lead)) == [programme]
    bu = client_for(world.business_unit)
    assert bu.get(reverse("audits:programme-edit", args=[programme.pk])).status_code == 200
    assert bu.get(reverse("audits:programme-edit", args=[programme.pk + 1])).status_code == 404
    lead = client_for(world.agency_lead)
    assert lead.get(reverse("audits:programme-edit", args=[programme.pk])).status_code == 403


def test_the_wide_grades_table_scrolls_by_keyboard(world, client_for):
    """The grades table scrolls sideways in a region a keyboard user can focus (WCAG 2.1.1)."""
    audit = make_audit(world, agencies=[world.agency, world.other_agency])
    services.agency_finding_record(audit=audit, agency=world.agency, line_of_enquiry=audit.lines_of_enquiry.get(),
                                   grade="good", finding="Our own work", actor=world.business_unit)  # fmt: skip
    page = " ".join(client_for(world.business_unit).get(audit.get_absolute_url()).content.decode().split())
    assert (
        '<div class="app-table-scroll" tabindex="0" role="region" '
        'aria-label="Grades by agency and line of enquiry, scrolls sideways">'
    ) in page
