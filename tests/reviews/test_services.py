"""The case review services: the rules of the statutory process and who may act."""

import datetime

import pytest
import time_machine
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile

from partnership.services import DomainError
from partnership.services.learning import plan_create
from reviews.models import (
    AgencyRequest,
    Decision,
    Notification,
    PanelMember,
    Review,
    ReviewDocument,
    ReviewKind,
    Stage,
)
from reviews.services import rapid as rapid_services
from reviews.services import reviews as review_services
from tests.factories import NotificationFactory, PanelMemberFactory, ReviewFactory

pytestmark = pytest.mark.django_db
D = datetime.date
TODAY = D(2027, 1, 15)  # a Friday


@pytest.fixture(autouse=True)
def frozen_today():
    with time_machine.travel(datetime.datetime(2027, 1, 15, 10, 0, tzinfo=datetime.UTC), tick=False):
        yield


def children(*pseudonyms):
    return [{"pseudonym": p, "age_band": "1_4", "looked_after": False} for p in pseudonyms]


def new_notification(**fields):
    values = {
        "reference": "SIN-2027-01",
        "became_aware_on": D(2027, 1, 11),
        "notified_on": D(2027, 1, 12),
        "incident": "serious_harm",
        "abuse_or_neglect": "suspected",
        "summary": "Child Q was admitted to hospital with unexplained injuries.",
    }
    values.update(fields)
    return Notification(**values)


def decide(review, actor, decision=Decision.LCSPR, criteria=None, **overrides):
    values = {
        "review": review,
        "criteria": criteria if criteria is not None else {"abuse_or_neglect": True, "serious_harm": True},
        "considerations": "",
        "decision": decision,
        "rationale": "Concerns about information sharing between agencies.",
        "decided_by": "The three safeguarding partners",
        "decided_on": TODAY,
        "actor": actor,
    }
    values.update(overrides)
    return rapid_services.rapid_review_decide(**values)


# --- notification_record ---------------------------------------------------------------------


def test_a_notification_is_recorded_with_its_children_and_agencies(world):
    notification = rapid_services.notification_record(
        notification=new_notification(),
        children=children("Child Q", "Child R"),
        agencies=[world.agency],
        actor=world.business_unit,
    )
    assert [c.pseudonym for c in notification.children.all()] == ["Child Q", "Child R"]
    assert list(notification.agencies.all()) == [world.agency]
    assert notification.created_by == world.business_unit
    assert notification.history.first().history_user == world.business_unit
    assert notification.children.first().history.first().history_user == world.business_unit


def test_only_the_business_unit_records_notifications(world):
    for person in (world.partnership_lead, world.subgroup_chair, world.agency_lead):
        with pytest.raises(DomainError):
            rapid_services.notification_record(
                notification=new_notification(), children=children("Child Q"), agencies=[], actor=person
            )
    assert not Notification.objects.exists()


def test_more_than_four_children_are_refused(world):
    with pytest.raises(DomainError) as exc:
        rapid_services.notification_record(
            notification=new_notification(),
            children=children("Child A", "Child B", "Child C", "Child D", "Child E"),
            agencies=[],
            actor=world.business_unit,
        )
    assert exc.value.field == "children"
    assert not Notification.objects.exists()


def test_duplicate_pseudonyms_are_refused(world):
    with pytest.raises(DomainError) as exc:
        rapid_services.notification_record(
            notification=new_notification(),
            children=children("Child Q", " Child Q "),
            agencies=[],
            actor=world.business_unit,
        )
    assert exc.value.field == "children"


def test_the_panel_cannot_be_notified_before_the_la_became_aware(world):
    with pytest.raises(DomainError) as exc:
        rapid_services.notification_record(
            notification=new_notification(notified_on=D(2027, 1, 10)),
            children=children("Child Q"),
            agencies=[],
            actor=world.business_unit,
        )
    assert exc.value.field == "notified_on"


@pytest.mark.parametrize("field", ["became_aware_on", "notified_on"])
def test_future_dates_are_refused(world, field):
    fields = {"became_aware_on": D(2027, 1, 11), "notified_on": D(2027, 1, 12), field: D(2027, 1, 16)}
    with pytest.raises(DomainError) as exc:
        rapid_services.notification_record(
            notification=new_notification(**fields),
            children=children("Child Q"),
            agencies=[],
            actor=world.business_unit,
        )
    assert exc.value.field == field


def test_correcting_a_notification_replaces_its_children(world):
    notification = rapid_services.notification_record(
        notification=new_notification(),
        children=children("Child Q", "Child R"),
        agencies=[],
        actor=world.business_unit,
    )
    rapid_services.notification_record(
        notification=notification,
        children=children("Child Q"),
        agencies=[world.other_agency],
        actor=world.business_unit,
    )
    assert [c.pseudonym for c in notification.children.all()] == ["Child Q"]
    assert list(notification.agencies.all()) == [world.other_agency]


# --- rapid_review_open -------------------------------------------------------------------------


def open_rapid_review(world, notification=None, agencies=None, **overrides):
    values = {
        "notification": notification or NotificationFactory(became_aware_on=D(2027, 1, 11)),
        "reference": "RR-2027-1",
        "title": "Child Q",
        "subgroup": world.subgroup,
        "lead": world.business_unit,
        "agencies": agencies if agencies is not None else [world.agency, world.other_agency],
        "due_on": D(2027, 1, 22),
        "actor": world.business_unit,
    }
    values.update(overrides)
    return rapid_services.rapid_review_open(**values)


def test_opening_a_rapid_review_asks_each_agency_and_emails_each_lead_once(
    world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        review = open_rapid_review(world)
    assert review.kind == ReviewKind.RAPID_REVIEW
    assert review.stage == Stage.GATHERING
    assert review.opened_on == TODAY
    requests = AgencyRequest.objects.filter(review=review)
    assert {r.agency for r in requests} == {world.agency, world.other_agency}
    assert all(r.due_on == D(2027, 1, 22) and r.requested_on == TODAY for r in requests)
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [world.agency_lead.email, world.other_agency_lead.email]
    )
    assert all(len(m.to) == 1 for m in mail.outbox)
    message = next(m for m in mail.outbox if m.to == [world.agency_lead.email])
    assert "RR-2027-1" in message.subject
    assert "/reviews/requests/" in message.body
    html = [content for content, mimetype in message.alternatives if mimetype == "text/html"]
    assert html and "Answer the request" in html[0]


def test_a_notification_has_one_rapid_review(world):
    notification = NotificationFactory(became_aware_on=D(2027, 1, 11))
    open_rapid_review(world, notification)
    with pytest.raises(DomainError):
        open_rapid_review(world, notification, reference="RR-2027-2")
    assert Review.objects.filter(notification=notification).count() == 1


def test_only_the_business_unit_opens_a_rapid_review(world):
    with pytest.raises(DomainError):
        open_rapid_review(world, actor=world.partnership_lead)
    assert not Review.objects.exists()


def test_the_reply_date_cannot_be_in_the_past(world):
    with pytest.raises(DomainError) as exc:
        open_rapid_review(world, due_on=D(2027, 1, 14))
    assert exc.value.field == "due_on"


def test_a_duplicate_reference_is_refused_by_the_field(world):
    open_rapid_review(world)
    with pytest.raises(DomainError) as exc:
        open_rapid_review(world, reference="RR-2027-1")
    assert exc.value.field == "reference"


# --- request_answer -----------------------------------------------------------------------------


def test_the_agency_lead_answers_their_agencys_request(world):
    review = open_rapid_review(world)
    request = review.agency_requests.get(agency=world.agency)
    rapid_services.request_answer(
        request=request,
        involvement="Health visits from March.",
        analysis="Missed signs.",
        actor=world.agency_lead,
    )
    request.refresh_from_db()
    assert request.is_answered
    assert request.responded_by == world.agency_lead
    assert request.history.first().history_user == world.agency_lead


def test_another_agencys_lead_cannot_answer(world):
    review = open_rapid_review(world)
    request = review.agency_requests.get(agency=world.agency)
    for person in (world.other_agency_lead, world.subgroup_chair, world.partnership_lead):
        with pytest.raises(DomainError):
            rapid_services.request_answer(request=request, involvement="x", analysis="", actor=person)
    request.refresh_from_db()
    assert not request.is_answered


def test_an_answer_needs_the_agencys_involvement(world):
    review = open_rapid_review(world)
    request = review.agency_requests.get(agency=world.agency)
    with pytest.raises(DomainError) as exc:
        rapid_services.request_answer(request=request, involvement="  ", analysis="", actor=world.agency_lead)
    assert exc.value.field == "involvement"


def test_an_answer_cannot_change_after_the_panel_stage(world):
    review = open_rapid_review(world)
    request = review.agency_requests.get(agency=world.agency)
    rapid_services.request_answer(
        request=request, involvement="First answer", analysis="", actor=world.agency_lead
    )
    decide(review, world.business_unit)
    with pytest.raises(DomainError):
        rapid_services.request_answer(
            request=request, involvement="Changed", analysis="", actor=world.agency_lead
        )
    request.refresh_from_db()
    assert request.involvement == "First answer"


# --- rapid_review_decide ------------------------------------------------------------------------


def test_the_decision_is_recorded_against_the_criteria(world):
    review = open_rapid_review(world)
    decided = decide(review, world.partnership_lead)
    assert decided.stage == Stage.DECIDED
    assert decided.decision == Decision.LCSPR
    assert decided.criteria["abuse_or_neglect"] is True
    assert decided.criteria["death_in_custody"] is False
    assert set(decided.criteria) == rapid_services.CRITERIA_KEYS
    assert decided.panel_meeting_on == TODAY
    assert decided.history.first().history_user == world.partnership_lead


def test_a_subgroup_chair_cannot_record_the_decision(world):
    review = open_rapid_review(world)
    with pytest.raises(DomainError):
        decide(review, world.subgroup_chair)


@pytest.mark.parametrize("criterion", ["death_in_custody", "mental_health_act", "deprivation_of_liberty"])
def test_a_death_in_custody_or_detention_always_needs_an_lcspr(world, criterion):
    review = open_rapid_review(world)
    with pytest.raises(DomainError) as exc:
        decide(review, world.business_unit, decision=Decision.NO_FURTHER, criteria={criterion: True})
    assert exc.value.field == "decision"
    assert decide(review, world.business_unit, criteria={criterion: True}).decision == Decision.LCSPR


@pytest.mark.parametrize(
    "overrides, field",
    [
        ({"rationale": " "}, "decision_rationale"),
        ({"decided_by": ""}, "decided_by"),
        ({"decision": "maybe"}, "decision"),
        ({"decided_on": D(2027, 1, 16)}, "decided_on"),
    ],
)
def test_the_decision_needs_its_rationale_who_and_when(world, overrides, field):
    review = open_rapid_review(world)
    with pytest.raises(DomainError) as exc:
        decide(review, world.business_unit, **overrides)
    assert exc.value.field == field


def test_the_decision_cannot_come_before_the_panel_meeting(world):
    review = open_rapid_review(world)
    review.panel_meeting_on = TODAY
    review_services.review_update(review=review, actor=world.business_unit)
    with pytest.raises(DomainError) as exc:
        decide(review, world.business_unit, decided_on=D(2027, 1, 14))
    assert exc.value.field == "decided_on"


def test_the_decision_is_recorded_once(world):
    review = open_rapid_review(world)
    decide(review, world.business_unit)
    with pytest.raises(DomainError):
        decide(review, world.business_unit, decision=Decision.NO_FURTHER)


def test_only_a_rapid_review_decides(world):
    review = ReviewFactory(kind=ReviewKind.LCSPR, stage=Stage.SCOPING)
    with pytest.raises(DomainError):
        decide(review, world.business_unit)


# --- review_advance ------------------------------------------------------------------------------


def test_a_review_moves_on_only_once_its_stage_is_recorded(world):
    review = open_rapid_review(world)
    with pytest.raises(DomainError) as exc:
        review_services.review_advance(review=review, actor=world.business_unit)
    assert exc.value.message == "Before moving on, record the date of the panel meeting."
    review.panel_meeting_on = TODAY
    review_services.review_update(review=review, actor=world.business_unit)
    review = review_services.review_advance(review=review, actor=world.business_unit)
    assert review.stage == Stage.PANEL
    with pytest.raises(DomainError) as exc:
        review_services.review_advance(review=review, actor=world.business_unit)
    assert "the decision against the criteria" in exc.value.message
    assert "the rationale for the decision" in exc.value.message
    assert "who decided and when" in exc.value.message


def test_a_decided_rapid_review_waits_for_the_date_it_was_sent_to_the_panel(world):
    review = decide(open_rapid_review(world), world.business_unit)
    with pytest.raises(DomainError) as exc:
        review_services.review_advance(review=review, actor=world.business_unit)
    assert "the date the Rapid Review was sent to the national Panel" in exc.value.message
    review.sent_to_panel_on = TODAY
    review_services.review_update(review=review, actor=world.business_unit)
    assert review_services.review_advance(review=review, actor=world.business_unit).stage == Stage.CLOSED
    with pytest.raises(DomainError, match="closed"):
        review_services.review_advance(review=review, actor=world.business_unit)


def test_a_partnership_lead_cannot_move_a_review_on(world):
    review = open_rapid_review(world)
    with pytest.raises(DomainError):
        review_services.review_advance(review=review, actor=world.partnership_lead)


# --- review_open_follow_on -----------------------------------------------------------------------


def test_the_lcspr_the_rapid_review_decided_on_is_opened_with_its_panel(world):
    rapid = open_rapid_review(world)
    rapid_services.panel_member_add(
        review=rapid, user=world.agency_lead, role="member", actor=world.business_unit
    )
    rapid = decide(rapid, world.business_unit)
    lcspr = rapid_services.review_open_follow_on(
        rapid_review=rapid, reference="LCSPR-2027-1", actor=world.business_unit
    )
    assert lcspr.kind == ReviewKind.LCSPR
    assert lcspr.stage == Stage.SCOPING
    assert lcspr.rapid_review == rapid
    assert lcspr.notification == rapid.notification
    assert lcspr.subgroup == world.subgroup
    assert PanelMember.objects.filter(review=lcspr, user=world.agency_lead).exists()
    with pytest.raises(DomainError):
        rapid_services.review_open_follow_on(
            rapid_review=rapid, reference="LCSPR-2027-2", actor=world.business_unit
        )


def test_a_learning_review_decision_opens_a_learning_review(world):
    rapid = decide(open_rapid_review(world), world.business_unit, decision=Decision.LEARNING_REVIEW)
    review = rapid_services.review_open_follow_on(
        rapid_review=rapid, reference="LR-2027-1", actor=world.business_unit
    )
    assert review.kind == ReviewKind.LEARNING_REVIEW


def test_no_follow_on_without_a_decision_for_one(world):
    rapid = open_rapid_review(world)
    with pytest.raises(DomainError):
        rapid_services.review_open_follow_on(
            rapid_review=rapid, reference="LCSPR-2027-1", actor=world.business_unit
        )
    rapid = decide(rapid, world.business_unit, decision=Decision.NO_FURTHER)
    with pytest.raises(DomainError):
        rapid_services.review_open_follow_on(
            rapid_review=rapid, reference="LCSPR-2027-1", actor=world.business_unit
        )


def test_only_the_business_unit_opens_the_follow_on(world):
    rapid = decide(open_rapid_review(world), world.business_unit)
    with pytest.raises(DomainError):
        rapid_services.review_open_follow_on(
            rapid_review=rapid, reference="LCSPR-2027-1", actor=world.partnership_lead
        )


# --- joint DHR and LCSPR: one action plan ------------------------------------------------------


def test_a_joint_dhr_and_lcspr_share_the_lcsprs_action_plan(world):
    lcspr = ReviewFactory(kind=ReviewKind.LCSPR, stage=Stage.SCOPING, subgroup=world.subgroup)
    dhr = ReviewFactory(kind=ReviewKind.DHR, stage=Stage.SCOPING, subgroup=world.subgroup, title="Adult B")
    PanelMemberFactory(review=lcspr, user=world.agency_lead, role="member")
    review_services.reviews_link_joint(dhr=dhr, lcspr=lcspr, actor=world.business_unit)
    dhr.refresh_from_db()
    assert dhr.joint_with == lcspr
    assert review_services.joint_review(lcspr) == dhr
    assert PanelMember.objects.filter(review=dhr, user=world.agency_lead).exists()

    plan = plan_create(
        source=lcspr.learning_source, subgroup=world.subgroup, title="Child Q and Adult B", start_date=TODAY,
        actor=world.business_unit,
    )  # fmt: skip
    with pytest.raises(DomainError):
        plan_create(
            source=dhr.learning_source, subgroup=world.subgroup, title="Adult B", start_date=TODAY,
            actor=world.business_unit,
        )  # fmt: skip
    assert review_services.plan_for(dhr) == plan
    assert review_services.plan_for(lcspr) == plan


def test_a_dhr_with_its_own_plan_cannot_be_joined(world):
    lcspr = ReviewFactory(kind=ReviewKind.LCSPR, stage=Stage.SCOPING, subgroup=world.subgroup)
    dhr = ReviewFactory(kind=ReviewKind.DHR, stage=Stage.SCOPING, subgroup=world.subgroup)
    plan_create(
        source=dhr.learning_source, subgroup=world.subgroup, title="Adult B", start_date=TODAY,
        actor=world.business_unit,
    )  # fmt: skip
    with pytest.raises(DomainError):
        review_services.reviews_link_joint(dhr=dhr, lcspr=lcspr, actor=world.business_unit)


def test_only_a_dhr_and_an_lcspr_are_held_jointly(world):
    first = ReviewFactory(kind=ReviewKind.LCSPR, stage=Stage.SCOPING)
    second = ReviewFactory(kind=ReviewKind.LCSPR, stage=Stage.SCOPING)
    with pytest.raises(DomainError):
        review_services.reviews_link_joint(dhr=first, lcspr=second, actor=world.business_unit)


def test_plan_for_a_review_without_a_plan_is_none(world):
    assert review_services.plan_for(ReviewFactory()) is None


# --- documents ---------------------------------------------------------------------------------


def test_a_pdf_document_is_uploaded(world):
    review = ReviewFactory(subgroup=world.subgroup)
    upload = SimpleUploadedFile(
        "terms.pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n", "application/pdf"
    )
    document = review_services.document_upload(
        review=review, kind=ReviewDocument.Kind.TERMS_OF_REFERENCE, upload=upload, description=" ToR ",
        actor=world.subgroup_chair,
    )  # fmt: skip
    assert document.file_name.endswith(".pdf")
    assert document.description == "ToR"
    assert document.uploaded_by == world.subgroup_chair


def test_a_document_of_the_wrong_type_is_refused(world):
    review = ReviewFactory(subgroup=world.subgroup)
    upload = SimpleUploadedFile("notes.exe", b"MZ\x90\x00\x03\x00\x00\x00", "application/octet-stream")
    with pytest.raises(DomainError):
        review_services.document_upload(
            review=review,
            kind=ReviewDocument.Kind.OTHER,
            upload=upload,
            description="",
            actor=world.business_unit,
        )
    assert not ReviewDocument.objects.exists()


def test_only_those_who_manage_a_review_upload_documents(world):
    review = ReviewFactory(subgroup=world.subgroup)
    upload = SimpleUploadedFile("terms.pdf", b"%PDF-1.4\n", "application/pdf")
    with pytest.raises(DomainError):
        review_services.document_upload(
            review=review,
            kind=ReviewDocument.Kind.OTHER,
            upload=upload,
            description="",
            actor=world.subgroup_member,
        )


def test_an_answer_cannot_change_once_the_panel_meeting_has_passed(world):
    review = open_rapid_review(world)
    request = review.agency_requests.get(agency=world.agency)
    review.panel_meeting_on = TODAY
    review_services.review_update(review=review, actor=world.business_unit)
    rapid_services.request_answer(
        request=request, involvement="On the day", analysis="", actor=world.agency_lead
    )
    review.panel_meeting_on = D(2027, 1, 14)
    review_services.review_update(review=review, actor=world.business_unit)
    with pytest.raises(DomainError, match="The panel has met"):
        rapid_services.request_answer(
            request=request, involvement="Too late", analysis="", actor=world.agency_lead
        )


def test_a_decision_made_before_every_agency_answered_records_which_had_not(world):
    """A warning, not a block: the decision stands, and says it was made without them."""
    review = open_rapid_review(world)
    rapid_services.request_answer(
        request=review.agency_requests.get(agency=world.agency),
        involvement="Known to the health visitor.",
        analysis="",
        actor=world.agency_lead,
    )
    decided = decide(review, world.business_unit)
    assert decided.decided_without == ["Eastmoor Health Trust"]
    latest = decided.history.first()
    assert latest.decided_without == ["Eastmoor Health Trust"]
    assert latest.history_change_reason == "Decision: Hold an LCSPR (made without 1 agency's summary)"


def test_a_decision_made_with_every_summary_records_none_missing(world):
    review = open_rapid_review(world, agencies=[world.agency])
    rapid_services.request_answer(
        request=review.agency_requests.get(),
        involvement="Known to the health visitor.",
        analysis="",
        actor=world.agency_lead,
    )
    decided = decide(review, world.business_unit)
    assert decided.decided_without == []
    assert decided.history.first().history_change_reason == "Decision: Hold an LCSPR"
