"""The action plan pages: starting a plan, its page (progress, RAG, recommendations and the
actions the person may see), changing it, and its query count as actions grow."""

import datetime
import re

import pytest
import time_machine
from django.urls import reverse

from partnership.models import ActionPlan, ActionStatus
from tests.factories import (
    ActionFactory,
    ActionPlanFactory,
    ActionUpdateFactory,
    ConsultationFactory,
    RecommendationFactory,
)
from tests.queries import queries_for

TODAY = datetime.date(2026, 6, 1)


@pytest.fixture(autouse=True)
def frozen_today():
    with time_machine.travel(datetime.datetime(2026, 6, 1, 10, 0, tzinfo=datetime.UTC), tick=False):
        yield


def text_of(response) -> str:
    """The page's text with tags removed and white space collapsed, for phrase checks."""
    html = response.content.decode()
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def plan_url(plan):
    return reverse("partnership:plan-detail", args=[plan.pk])


# --- starting and changing a plan ---------------------------------------------------------


def test_the_chair_starts_a_plan_for_a_consultation(world, client_for):
    consultation = ConsultationFactory(title="Feeling safe online", subgroup=world.subgroup)
    source = consultation.learning_source
    client = client_for(world.subgroup_chair)
    url = reverse("partnership:plan-create", args=[source.pk])

    page = client.get(url)
    assert page.status_code == 200
    # The owning subgroup defaults to the source's.
    assert page.context["form"].initial["subgroup"] == world.subgroup.pk
    assert "Action plan: Feeling safe online" in page.content.decode()

    response = client.post(
        url, {"title": "Online safety plan", "subgroup": world.subgroup.pk, "start_date": "5/1/2026"}
    )
    plan = ActionPlan.objects.get(source=source)
    assert response.status_code == 302 and response["Location"] == plan_url(plan)
    assert plan.title == "Online safety plan" and plan.start_date == datetime.date(2026, 1, 5)
    assert plan.history.first().history_user == world.subgroup_chair

    page = client.get(plan_url(plan))
    text = text_of(page)
    assert "Action plan started: Online safety plan" in text
    assert "Consultation with children and young people: Feeling safe online" in text
    assert "Learning and Improvement" in text
    # Chased six months after the start.
    assert "5 July 2026" in text
    assert "No actions yet" in text
    assert "This source has no recommendations yet." in text


def test_starting_a_second_plan_goes_to_the_first(world, client_for):
    plan = ActionPlanFactory(subgroup=world.subgroup)
    response = client_for(world.business_unit).get(reverse("partnership:plan-create", args=[plan.source_id]))
    assert response.status_code == 302 and response["Location"] == plan_url(plan)


def test_bad_plan_input_keeps_what_was_typed(world, client_for):
    source = ConsultationFactory(subgroup=world.subgroup).learning_source
    response = client_for(world.business_unit).post(
        reverse("partnership:plan-create", args=[source.pk]),
        {"title": "Keep this title", "subgroup": world.subgroup.pk, "start_date": "31/2/2026"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Enter the start date as a real date" in html
    assert 'value="Keep this title"' in html
    assert 'name="start_date_day" type="text" inputmode="numeric" value="31"' in html
    assert 'name="start_date_month" type="text" inputmode="numeric" value="2"' in html
    assert not ActionPlan.objects.filter(source=source).exists()


def test_the_chair_changes_the_plan(world, client_for):
    plan = ActionPlanFactory(subgroup=world.subgroup, title="Old title")
    response = client_for(world.subgroup_chair).post(
        reverse("partnership:plan-edit", args=[plan.pk]),
        {"title": "New title", "subgroup": world.subgroup.pk, "start_date": "1/2/2026"},
    )
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.title == "New title" and plan.start_date == datetime.date(2026, 2, 1)


@pytest.mark.parametrize("role", ["partnership_lead", "subgroup_member", "agency_lead"])
def test_those_who_may_only_read_get_403_on_the_plan_forms(world, client_for, role):
    plan = ActionPlanFactory(subgroup=world.subgroup)
    ActionFactory(plan=plan, owner_agency=world.agency)
    client = client_for(world.person(role))
    assert client.get(plan_url(plan)).status_code == 200
    for name in ("plan-edit", "action-create"):
        assert client.get(reverse(f"partnership:{name}", args=[plan.pk])).status_code == 403
        assert client.post(reverse(f"partnership:{name}", args=[plan.pk]), {}).status_code == 403
    assert client.get(reverse("partnership:plan-create", args=[plan.source_id])).status_code == 403


# --- the plan page ---------------------------------------------------------------------------


def test_the_plan_page_shows_progress_rag_and_actions_by_recommendation(world, client_for):
    plan = ActionPlanFactory(subgroup=world.subgroup)
    first = RecommendationFactory(
        source=plan.source, reference="R1", text="Ask children about their online lives."
    )
    second = RecommendationFactory(source=plan.source, reference="R2", text="Train staff on apps.")
    RecommendationFactory(source=plan.source, reference="R3", text="Tell children what changed.")
    late = ActionFactory(
        plan=plan,
        recommendation=first,
        description="Run the online safety audit",
        owner_agency=world.agency,
        due_date=datetime.date(2026, 5, 1),
    )
    ActionFactory(
        plan=plan,
        recommendation=first,
        description="Publish the briefing",
        status=ActionStatus.COMPLETE,
        impact="Staff ask about apps.",
    )
    moved = ActionFactory(
        plan=plan, recommendation=second, description="Deliver the app training", owner_agency=None
    )
    moved.due_date = datetime.date(2026, 12, 31)
    moved.save()
    ActionUpdateFactory(action=moved, date=datetime.date(2026, 5, 20), author=world.subgroup_member)
    ActionFactory(
        plan=plan, recommendation=second, status=ActionStatus.CANCELLED, cancelled_reason="Replaced."
    )

    response = client_for(world.subgroup_chair).get(plan_url(plan))
    assert response.status_code == 200
    text = text_of(response)
    # Cancelled actions are not counted towards progress.
    assert "1 of 3 actions complete (33%)" in text
    assert "Cancelled actions (1) are not counted." in text
    assert "Recommendation R1" in text and "Recommendation R2" in text and "Recommendation R3" in text
    assert "No actions answer this recommendation yet." in text
    assert "Run the online safety audit" in text and "NCCS" in text
    assert "The partnership" in text
    assert "31 December 2026 moved from 30 September 2026" in text
    assert "20 May 2026" in text
    html = response.content.decode()
    assert 'govuk-tag--red app-rag-tag">Red' in html
    assert f'href="{late.get_absolute_url()}"' in html
    counts = {rag: n for _label, rag, n in response.context["rag_counts"]}
    assert counts == {"red": 1, "amber": 0, "green": 1, "awaiting_signoff": 0, "complete": 1, "cancelled": 1}
    for label in ("Add an action", "Add a recommendation", "Import actions", "Change plan details"):
        assert label in text
    assert reverse("partnership:recommendation-create", args=[plan.source_id]) in html
    assert reverse("partnership:plan-import", args=[plan.pk]) in html


def test_the_plan_page_has_no_change_buttons_for_readers(world, client_for):
    plan = ActionPlanFactory(subgroup=world.subgroup)
    ActionFactory(plan=plan)
    text = text_of(client_for(world.partnership_lead).get(plan_url(plan)))
    for label in ("Add an action", "Add a recommendation", "Import actions", "Change plan details"):
        assert label not in text


def test_an_agency_lead_sees_only_their_agencys_actions(world, client_for):
    plan = ActionPlanFactory(subgroup=world.other_subgroup)
    recommendation = RecommendationFactory(source=plan.source, to_partnership=False)
    recommendation.agencies.set([world.agency])
    ActionFactory(
        plan=plan, recommendation=recommendation, owner_agency=world.agency, description="Ours to do"
    )
    ActionFactory(
        plan=plan, recommendation=recommendation, owner_agency=world.other_agency, description="Theirs to do"
    )

    response = client_for(world.agency_lead).get(plan_url(plan))
    assert response.status_code == 200
    text = text_of(response)
    assert "Ours to do" in text and "Theirs to do" not in text
    assert "0 of 1 actions complete (0%)" in text
    assert "This page shows only the actions you answer for." in text

    assert client_for(world.other_agency_lead).get(plan_url(plan)).status_code == 200
    assert "Ours to do" not in text_of(client_for(world.other_agency_lead).get(plan_url(plan)))
    # Nobody on the plan's subgroup and no action of theirs: the plan is not found.
    assert client_for(world.subgroup_chair).get(plan_url(plan)).status_code == 404


def test_the_plan_page_query_count_does_not_grow_with_actions(world, client_for):
    plan = ActionPlanFactory(subgroup=world.subgroup)
    recommendations = [RecommendationFactory(source=plan.source) for _ in range(2)]
    for rec in recommendations:
        rec.agencies.set([world.agency, world.other_agency])

    def add_actions(n):
        for i in range(n):
            action = ActionFactory(
                plan=plan, recommendation=recommendations[i % 2], owner_agency=world.agency
            )
            ActionUpdateFactory(action=action, date=datetime.date(2026, 5, 1), author=world.subgroup_member)

    client = client_for(world.subgroup_chair)
    url = plan_url(plan)
    client.get(url)  # warm caches that last the process (content types)

    add_actions(3)
    with_3 = queries_for(client, url)
    add_actions(17)
    assert queries_for(client, url) == with_3


@pytest.mark.parametrize(
    "part, whole, expected", [(0, 0, 0), (0, 3, 0), (1, 3, 33), (3, 8, 38), (1, 8, 13), (8, 8, 100)]
)
def test_progress_percentages_round_halves_up(part, whole, expected):
    from partnership.views.plans.plan_pages import percent

    assert percent(part, whole) == expected


def test_the_plan_page_says_when_a_chaser_is_due_now_rather_than_showing_a_past_date(world, client_for):
    import datetime

    from django.urls import reverse

    from tests.factories import ActionFactory, ActionPlanFactory

    today = datetime.date.today()
    started = today - datetime.timedelta(days=200)
    plan = ActionPlanFactory(subgroup=world.subgroup, start_date=started)
    ActionFactory(plan=plan, start_date=started, due_date=today + datetime.timedelta(days=90))
    body = (
        client_for(world.subgroup_chair)
        .get(reverse("partnership:plan-detail", args=[plan.pk]))
        .content.decode()
    )
    assert "Due now: it goes with the next daily run" in body

    fresh = ActionPlanFactory(subgroup=world.subgroup, start_date=today)
    body = (
        client_for(world.subgroup_chair)
        .get(reverse("partnership:plan-detail", args=[fresh.pk]))
        .content.decode()
    )
    assert "Due now" not in body
