"""Actions: RAG at its boundaries, the status rules, completion, cancellation and due dates."""

import datetime

import pytest
from django.db.models import ProtectedError

from partnership.models import Action, ActionStatus, Finding, LearningSource, Rag, Recommendation
from partnership.services import DomainError
from partnership.services.actions import (
    action_add_evidence,
    action_add_update,
    action_cancel,
    action_complete,
    action_create,
    action_move_due_date,
)
from tests.factories import (
    ActionFactory,
    ActionPlanFactory,
    ActionUpdateFactory,
    ConsultationFactory,
    EvidenceFactory,
    FindingFactory,
    RecommendationFactory,
)

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 6, 1)


def days(n):
    return TODAY + datetime.timedelta(days=n)


def rag_of(action):
    return Action.objects.with_rag(TODAY).get(pk=action.pk).rag


@pytest.mark.parametrize(
    "status, due, last_update, expected",
    [
        # Red: overdue (due before today) or off track.
        ("on_track", days(-1), days(0), Rag.RED),
        ("off_track", days(200), days(0), Rag.RED),
        # Due today is not overdue; with no update it is due soon and stale: amber.
        ("not_started", days(0), None, Rag.AMBER),
        # The 30-day window: day 30 is inside, day 31 outside.
        ("on_track", days(30), None, Rag.AMBER),
        ("on_track", days(31), None, Rag.GREEN),
        # The 60-day freshness: an update 60 days ago still counts, 61 days ago does not.
        ("on_track", days(10), days(-60), Rag.GREEN),
        ("on_track", days(10), days(-61), Rag.AMBER),
        ("on_track", days(200), None, Rag.GREEN),
        # Closed actions show as such, even when their due date has passed.
        ("complete", days(-100), None, Rag.COMPLETE),
        ("cancelled", days(-100), None, Rag.CANCELLED),
        # Reported done, awaiting sign-off: with the subgroup, not red for its owner, not complete.
        ("awaiting_signoff", days(-100), None, Rag.AWAITING_SIGNOFF),
    ],
)
def test_rag_is_derived_from_status_due_date_and_last_update(status, due, last_update, expected):
    action = ActionFactory(
        start_date=days(-300),
        due_date=due,
        status=status,
        impact="x",
        cancelled_reason="x",
        reported_complete_on=days(-1),
    )
    if last_update:
        ActionUpdateFactory(action=action, date=last_update)
        ActionUpdateFactory(action=action, date=last_update - datetime.timedelta(days=400))
    assert rag_of(action) == expected


def test_only_the_latest_update_counts_for_rag():
    action = ActionFactory(start_date=days(-300), due_date=days(10))
    ActionUpdateFactory(action=action, date=days(-100))
    assert rag_of(action) == Rag.AMBER
    ActionUpdateFactory(action=action, date=days(-5))
    assert rag_of(action) == Rag.GREEN


def chair_plan(world, **kwargs):
    return ActionPlanFactory(subgroup=world.subgroup, **kwargs)


def test_completion_needs_an_impact_statement_and_evidence(world):
    action = ActionFactory(plan=chair_plan(world), owner_agency=world.agency)
    with pytest.raises(DomainError) as no_impact:
        action_complete(action=action, impact="  ", actor=world.agency_lead)
    assert no_impact.value.field == "impact"
    with pytest.raises(DomainError) as no_evidence:
        action_complete(
            action=action,
            impact="Audit shows 90% of plans now record the child's view.",
            actor=world.agency_lead,
        )
    assert no_evidence.value.field == "evidence"
    action.refresh_from_db()
    assert action.status == ActionStatus.NOT_STARTED

    action_add_evidence(
        action=action, description="Audit report", link="https://example.org/audit", actor=world.agency_lead
    )
    action_complete(
        action=action, impact="Audit shows 90% of plans now record the child's view.", actor=world.agency_lead
    )
    action.refresh_from_db()
    # Reported done, it awaits the subgroup's sign-off: not yet complete, not closed.
    assert action.status == ActionStatus.AWAITING_SIGNOFF
    assert action.closed_on is None
    assert action.reported_complete_on is not None
    latest = action.history.first()
    assert latest.history_user == world.agency_lead
    assert latest.history_change_reason == "Reported complete: awaiting sign-off"


def test_a_closed_action_takes_no_updates_and_cannot_be_completed_again(world):
    action = ActionFactory(
        plan=chair_plan(world), status=ActionStatus.CANCELLED, cancelled_reason="Superseded"
    )
    with pytest.raises(DomainError, match="cancelled"):
        action_add_update(action=action, text="More work", actor=world.business_unit)
    EvidenceFactory(action=action)
    with pytest.raises(DomainError, match="cancelled and cannot change"):
        action_complete(action=action, impact="Done", actor=world.business_unit)


def test_updates_move_status_only_to_on_or_off_track(world):
    action = ActionFactory(plan=chair_plan(world))
    action_add_update(
        action=action, text="Started", new_status=ActionStatus.OFF_TRACK, actor=world.subgroup_member
    )
    action.refresh_from_db()
    assert action.status == ActionStatus.OFF_TRACK
    with pytest.raises(DomainError) as exc:
        action_add_update(
            action=action, text="Done", new_status=ActionStatus.COMPLETE, actor=world.subgroup_member
        )
    assert exc.value.field == "new_status"
    with pytest.raises(DomainError) as future:
        action_add_update(
            action=action, text="Soon", on=datetime.date(2999, 1, 1), actor=world.subgroup_member
        )
    assert future.value.field == "date"
    assert action.updates.count() == 1


def test_cancelling_needs_a_reason_and_the_chair_or_business_unit(world):
    action = ActionFactory(plan=chair_plan(world), owner_agency=world.agency)
    with pytest.raises(DomainError, match="Only the business unit"):
        action_cancel(action=action, reason="No longer needed", actor=world.agency_lead)
    with pytest.raises(DomainError) as no_reason:
        action_cancel(action=action, reason="", actor=world.subgroup_chair)
    assert no_reason.value.field == "reason"
    action_cancel(action=action, reason="Replaced by the neglect strategy action", actor=world.subgroup_chair)
    action.refresh_from_db()
    assert action.status == ActionStatus.CANCELLED
    assert action.cancelled_reason == "Replaced by the neglect strategy action"


def test_a_due_date_moves_only_with_a_reason_and_the_original_is_kept(world):
    action = ActionFactory(plan=chair_plan(world), due_date=datetime.date(2026, 9, 30))
    with pytest.raises(DomainError) as no_reason:
        action_move_due_date(
            action=action, due_date=datetime.date(2026, 12, 31), reason=" ", actor=world.business_unit
        )
    assert no_reason.value.field == "reason"
    action_move_due_date(
        action=action,
        due_date=datetime.date(2026, 12, 31),
        reason="Waiting for the new procedure",
        actor=world.business_unit,
    )
    action.refresh_from_db()
    assert action.due_date == datetime.date(2026, 12, 31)
    assert action.original_due_date == datetime.date(2026, 9, 30)
    assert action.due_date_moved
    assert (
        action.history.first().history_change_reason
        == "Due date moved from 30 September 2026: Waiting for the new procedure"
    )


def test_an_agency_lead_cannot_update_another_agencys_action(world):
    action = ActionFactory(plan=ActionPlanFactory(), owner_agency=world.other_agency)
    with pytest.raises(DomainError):
        action_add_update(action=action, text="Progress", actor=world.agency_lead)
    with pytest.raises(DomainError):
        action_add_evidence(
            action=action, description="x", link="https://example.org", actor=world.agency_lead
        )
    action_add_update(action=action, text="Progress", actor=world.other_agency_lead)


def test_a_named_lead_may_update_their_own_action(world):
    action = ActionFactory(plan=ActionPlanFactory(), owner_agency=world.other_agency, lead_user=world.no_role)
    action_add_update(action=action, text="Progress", actor=world.no_role)
    assert action.updates.count() == 1


def test_creating_an_action_checks_its_recommendation_dates_and_lead(world):
    plan = chair_plan(world)
    elsewhere = RecommendationFactory()
    own = RecommendationFactory(source=plan.source)
    base = {
        "plan": plan,
        "description": "Run a safer sleep campaign",
        "start_date": days(0),
        "due_date": days(90),
    }
    with pytest.raises(DomainError) as wrong_rec:
        action_create(
            action=Action(recommendation=elsewhere, lead_name="Jo", **base), actor=world.subgroup_chair
        )
    assert wrong_rec.value.field == "recommendation"
    with pytest.raises(DomainError) as no_lead:
        action_create(action=Action(recommendation=own, **base), actor=world.subgroup_chair)
    assert no_lead.value.field == "lead_user"
    with pytest.raises(DomainError) as early:
        action_create(
            action=Action(recommendation=own, lead_name="Jo", **{**base, "due_date": days(-1)}),
            actor=world.subgroup_chair,
        )
    assert early.value.field == "due_date"
    with pytest.raises(DomainError, match="Only the business unit"):
        action_create(action=Action(recommendation=own, lead_name="Jo", **base), actor=world.subgroup_member)
    created = action_create(
        action=Action(recommendation=own, lead_name="Jo", **base), actor=world.subgroup_chair
    )
    assert created.original_due_date == days(90)
    assert created.history.first().history_user == world.subgroup_chair


def test_a_source_keeps_one_anchor_and_deleting_it_leaves_no_orphans():
    consultation = ConsultationFactory(title="Young carers' forum")
    anchor = consultation.learning_source
    assert anchor.kind == LearningSource.Kind.CONSULTATION
    assert anchor.title == "Young carers' forum"
    assert anchor.concrete == consultation
    consultation.title = "Young carers' forum, March"
    consultation.save()
    anchor.refresh_from_db()
    assert anchor.title == "Young carers' forum, March"

    finding = FindingFactory(source=anchor)
    RecommendationFactory(source=anchor)
    consultation.delete()
    assert not LearningSource.objects.filter(pk=anchor.pk).exists()
    assert not Finding.objects.filter(pk=finding.pk).exists()
    assert not Recommendation.objects.filter(source_id=anchor.pk).exists()


def test_a_source_with_an_action_plan_cannot_be_deleted():
    plan = ActionPlanFactory()
    consultation = plan.source.concrete
    with pytest.raises(ProtectedError):
        consultation.delete()
    assert LearningSource.objects.filter(pk=plan.source_id).exists()
    assert type(consultation).objects.filter(pk=consultation.pk).exists()
