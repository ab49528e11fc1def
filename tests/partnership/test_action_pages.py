"""The action pages: the learning chain end to end in the browser's steps, the refusals, who may
do what (404 outside scope, 403 for readers), and the action page's query count."""

import datetime
import re

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from partnership.models import Action, ActionPlan, ActionStatus, Evidence
from tests.factories import (
    ActionFactory,
    ActionPlanFactory,
    ActionUpdateFactory,
    ConsultationFactory,
    EvidenceFactory,
    RecommendationFactory,
)
from tests.queries import queries_for

PDF = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 200


@pytest.fixture(autouse=True)
def frozen_today():
    with time_machine.travel(datetime.datetime(2026, 6, 1, 10, 0, tzinfo=datetime.UTC)):
        yield


@pytest.fixture(autouse=True)
def private_storage(settings, tmp_path):
    """Stored files go to this test's own folder."""
    default = settings.STORAGES["default"]
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {**default, "OPTIONS": {**default.get("OPTIONS", {}), "location": str(tmp_path)}},
    }
    return tmp_path


def text_of(response) -> str:
    html = response.content.decode()
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def url(name, obj):
    return reverse(f"partnership:{name}", args=[obj.pk])


# --- the chain, end to end ------------------------------------------------------------------


def test_the_learning_chain_from_plan_to_impact(world, client_for):
    consultation = ConsultationFactory(title="Feeling safe online", subgroup=world.subgroup)
    source = consultation.learning_source
    recommendation = RecommendationFactory(
        source=source, reference="R1", text="Ask children about their online lives."
    )
    chair = client_for(world.subgroup_chair)

    # Start the plan.
    response = chair.post(
        reverse("partnership:plan-create", args=[source.pk]),
        {"title": "Online safety plan", "subgroup": world.subgroup.pk, "start_date": "5/1/2026"},
    )
    plan = ActionPlan.objects.get(source=source)
    assert response["Location"] == plan.get_absolute_url()

    # Add an action, preselecting the recommendation from the plan page's link.
    create_url = url("action-create", plan) + f"?recommendation={recommendation.pk}"
    page = chair.get(create_url)
    assert page.context["form"].initial["recommendation"] == recommendation.pk
    response = chair.post(
        create_url,
        {
            "recommendation": recommendation.pk,
            "description": "Add a question about apps to every assessment",
            "success_measure": "Audit shows the question asked in 9 of 10 assessments",
            "owner_agency": world.agency.pk,
            "lead_user": "",
            "lead_name": "Jo Bloggs",
            "lead_email": "jo.bloggs@example.org",
            "start_date": "1/2/2026",
            "due_date": "30/9/2026",
        },
    )
    action = Action.objects.get(plan=plan)
    assert response["Location"] == plan.get_absolute_url()
    assert action.owner_agency == world.agency and action.lead_email == "jo.bloggs@example.org"
    plan_text = text_of(chair.get(plan.get_absolute_url()))
    assert "Action added" in plan_text and "Add a question about apps" in plan_text

    # The agency lead records progress that moves the action off track.
    lead = client_for(world.agency_lead)
    response = lead.post(
        url("action-update", action),
        {"date": "1/6/2026", "text": "Question drafted; IT change delayed.", "new_status": "off_track"},
    )
    assert response["Location"] == action.get_absolute_url()
    action.refresh_from_db()
    assert action.status == ActionStatus.OFF_TRACK

    # Evidence by file upload.
    response = lead.post(
        url("action-evidence", action),
        {
            "description": "Revised assessment template",
            "file": SimpleUploadedFile("Assessment template.pdf", PDF, content_type="application/pdf"),
            "link": "",
        },
    )
    assert response.status_code == 302
    evidence = Evidence.objects.get(action=action)
    assert evidence.file_name == "Assessment_template.pdf" and evidence.size == len(PDF)

    # Complete, with the impact.
    page = lead.get(url("action-complete", action))
    assert "This action has 1 piece of evidence." in text_of(page)
    response = lead.post(
        url("action-complete", action), {"impact": "Children are now asked about their online lives."}
    )
    assert response["Location"] == action.get_absolute_url()

    text = text_of(lead.get(action.get_absolute_url()))
    assert "Action sent for sign-off" in text  # the success message
    assert "Awaiting sign-off" in text and "Children are now asked about their online lives." in text
    assert "Jo Bloggs" in text and "jo.bloggs@example.org" in text
    assert "Assessment_template.pdf" in text and "Added by Alex Agency" in text
    assert "Feeling safe online" in text and "Ask children about their online lives." in text
    # The timeline, newest first.
    timeline = [entry.title for entry in lead.get(action.get_absolute_url()).context["timeline"]]
    assert timeline == [
        "Reported done: awaiting sign-off",
        "Evidence added",
        "Progress update",
        "Action added",
    ]
    assert "Status set to off track" in text and "Question drafted; IT change delayed." in text
    # Awaiting sign-off: no more updates, and the owner may not sign it off.
    assert "Add a progress update" not in text and "Accept as complete" not in text
    # Not complete until the chair accepts it.
    assert "0 of 1 actions complete (0%)" in text_of(chair.get(plan.get_absolute_url()))

    response = chair.post(url("action-accept", action))
    assert response["Location"] == action.get_absolute_url()
    timeline = [entry.title for entry in lead.get(action.get_absolute_url()).context["timeline"]]
    assert timeline[0] == "Accepted as complete"
    plan_text = text_of(chair.get(plan.get_absolute_url()))
    assert "1 of 1 actions complete (100%)" in plan_text


def test_completion_without_evidence_is_refused_with_the_reason(world, client_for):
    action = ActionFactory(plan=ActionPlanFactory(subgroup=world.subgroup))
    client = client_for(world.subgroup_member)
    page = client.get(url("action-complete", action))
    text = text_of(page)
    assert "This action has no evidence yet." in text
    assert url("action-evidence", action) in page.content.decode()

    response = client.post(url("action-complete", action), {"impact": "Practice changed."})
    assert response.status_code == 200
    assert "Add at least one piece of evidence before completing the action." in text_of(response)
    assert "Practice changed." in response.content.decode()  # what was typed is kept
    action.refresh_from_db()
    assert action.status == ActionStatus.NOT_STARTED


def test_completion_without_impact_is_refused(world, client_for):
    action = ActionFactory(plan=ActionPlanFactory(subgroup=world.subgroup))
    EvidenceFactory(action=action)
    response = client_for(world.subgroup_member).post(url("action-complete", action), {"impact": " "})
    assert "Enter what changed for children, families or practice" in text_of(response)


def test_bad_action_input_keeps_what_was_typed(world, client_for):
    plan = ActionPlanFactory(subgroup=world.subgroup)
    recommendation = RecommendationFactory(source=plan.source)
    response = client_for(world.business_unit).post(
        url("action-create", plan),
        {
            "recommendation": recommendation.pk,
            "description": "Typed description stays",
            "owner_agency": "",
            "lead_name": "Jo Bloggs",
            "lead_email": "",
            "start_date": "1/6/2026",
            "due_date": "1/5/2026",
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "The due date must be on or after the start date" in html
    assert "Enter the lead&#x27;s email address" in html
    assert "Typed description stays" in html and 'value="Jo Bloggs"' in html
    # The date typed is kept, in the date input's three boxes.
    assert 'name="due_date_day" type="text" inputmode="numeric" value="1"' in html
    assert 'name="due_date_month" type="text" inputmode="numeric" value="5"' in html
    assert not plan.actions.exists()


def test_a_refused_file_keeps_the_other_values(world, client_for):
    action = ActionFactory(plan=ActionPlanFactory(subgroup=world.subgroup))
    response = client_for(world.subgroup_member).post(
        url("action-evidence", action),
        {
            "description": "Typed description stays",
            "file": SimpleUploadedFile("report.pdf", EXE, content_type="application/pdf"),
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'enctype="multipart/form-data"' in html
    assert "The selected file must be a PDF, Word, Excel" in html
    assert "govuk-file-upload--error" in html
    assert 'value="Typed description stays"' in html
    assert not action.evidence.exists()


def test_evidence_may_be_a_link(world, client_for):
    action = ActionFactory(plan=ActionPlanFactory(subgroup=world.subgroup))
    client = client_for(world.subgroup_member)
    client.post(
        url("action-evidence", action),
        {"description": "Attendance list", "link": "https://intranet.example.org/attendance"},
    )
    evidence = action.evidence.get()
    assert evidence.link == "https://intranet.example.org/attendance"
    assert (
        'href="https://intranet.example.org/attendance"'
        in client.get(action.get_absolute_url()).content.decode()
    )
    # A link has nothing to download.
    assert client.get(url("evidence-download", evidence)).status_code == 404


def test_the_chair_moves_the_due_date_and_cancels(world, client_for):
    action = ActionFactory(
        plan=ActionPlanFactory(subgroup=world.subgroup), due_date=datetime.date(2026, 9, 30)
    )
    chair = client_for(world.subgroup_chair)
    page = text_of(chair.get(url("action-due-date", action)))
    assert "Original due date 30 September 2026" in page

    response = chair.post(
        url("action-due-date", action), {"due_date": "31/12/2026", "reason": "Waiting for the new IT system."}
    )
    assert response["Location"] == action.get_absolute_url()
    text = text_of(chair.get(action.get_absolute_url()))
    assert "Due date moved to 31 December 2026" in text
    assert "Original due date 30 September 2026" in text
    assert "From 30 September 2026 to 31 December 2026" in text
    assert "Waiting for the new IT system." in text

    page = chair.get(url("action-cancel", action))
    assert "govuk-button--warning" in page.content.decode()
    assert "Enter why the action is cancelled" in text_of(
        chair.post(url("action-cancel", action), {"reason": ""})
    )
    chair.post(url("action-cancel", action), {"reason": "Superseded by the new neglect strategy."})
    action.refresh_from_db()
    assert action.status == ActionStatus.CANCELLED
    response = chair.get(action.get_absolute_url())
    text = text_of(response)
    assert "Why it was cancelled Superseded by the new neglect strategy." in text
    assert [e.title for e in response.context["timeline"]][:2] == ["Cancelled", "Due date moved"]
    # A closed action's forms send people back to it.
    assert chair.get(url("action-update", action))["Location"] == action.get_absolute_url()


# --- who may do what ------------------------------------------------------------------------

STEP_PAGES = (
    "action-update",
    "action-evidence",
    "action-complete",
    "action-accept",
    "action-return",
    "action-cancel",
    "action-due-date",
)


def test_an_agency_lead_cannot_reach_another_agencys_action(world, client_for):
    action = ActionFactory(plan=ActionPlanFactory(subgroup=world.subgroup), owner_agency=world.other_agency)
    evidence = action_evidence_file(action, world)
    client = client_for(world.agency_lead)
    for name in ("action-detail", *STEP_PAGES):
        assert client.get(url(name, action)).status_code == 404, name
        assert client.post(url(name, action), {}).status_code == 404, name
    assert client.get(url("evidence-download", evidence)).status_code == 404
    # Its own agency's lead may.
    other = client_for(world.other_agency_lead)
    assert other.get(url("action-detail", action)).status_code == 200
    assert other.get(url("evidence-download", evidence)).status_code == 200


def action_evidence_file(action, world):
    from partnership.services.actions import action_add_evidence

    return action_add_evidence(
        action=action,
        description="Minutes",
        upload=SimpleUploadedFile("minutes.pdf", PDF, content_type="application/pdf"),
        actor=world.business_unit,
    )


def test_a_subgroup_member_updates_but_may_not_cancel_or_move_the_due_date(world, client_for):
    action = ActionFactory(plan=ActionPlanFactory(subgroup=world.subgroup))
    client = client_for(world.subgroup_member)
    response = client.post(
        url("action-update", action), {"date": "1/6/2026", "text": "Going well.", "new_status": ""}
    )
    assert response.status_code == 302 and action.updates.count() == 1
    for name in ("action-cancel", "action-due-date"):
        assert client.get(url(name, action)).status_code == 403
        assert client.post(url(name, action), {"reason": "x", "due_date": "1/12/2026"}).status_code == 403
    text = text_of(client.get(action.get_absolute_url()))
    assert "Add a progress update" in text and "Cancel this action" not in text


def test_the_partnership_lead_only_reads(world, client_for):
    action = ActionFactory(plan=ActionPlanFactory(subgroup=world.subgroup))
    client = client_for(world.partnership_lead)
    assert client.get(action.get_absolute_url()).status_code == 200
    for name in STEP_PAGES:
        assert client.get(url(name, action)).status_code == 403, name
        assert client.post(url(name, action), {}).status_code == 403, name
    assert "Add a progress update" not in text_of(client.get(action.get_absolute_url()))


def test_a_named_lead_sees_and_updates_their_action(world, client_for):
    action = ActionFactory(plan=ActionPlanFactory(subgroup=world.other_subgroup), lead_user=world.lay_member)
    client = client_for(world.lay_member)
    assert client.get(action.get_absolute_url()).status_code == 200
    assert client.get(url("action-update", action)).status_code == 200
    assert client.get(url("action-cancel", action)).status_code == 403


# --- the action page's query count ----------------------------------------------------------


def test_the_action_page_query_count_does_not_grow_with_updates(world, client_for):
    action = ActionFactory(plan=ActionPlanFactory(subgroup=world.subgroup), owner_agency=world.agency)
    client = client_for(world.agency_lead)
    page_url = action.get_absolute_url()
    client.get(page_url)  # warm caches that last the process (content types)

    def add(n):
        for i in range(n):
            ActionUpdateFactory(action=action, date=datetime.date(2026, 5, 1), author=world.subgroup_member)
            EvidenceFactory(action=action, added_by=world.agency_lead, description=f"Evidence {i}")
            action.due_date = action.due_date + datetime.timedelta(days=1)
            action.save()

    add(3)
    with_3 = queries_for(client, page_url)
    add(17)
    assert queries_for(client, page_url) == with_3
