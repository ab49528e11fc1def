"""Priorities with a plan: the owner, the progress rule, the page of everything that serves a
priority (and only what the person may open), progress assessments and the business plan."""

import datetime
from decimal import Decimal

import pytest
from django.core import mail
from django.db import IntegrityError, transaction
from django.urls import reverse

from audits.models import MultiAgencyAudit
from partnership.models import (
    ActionPlan,
    ActionStatus,
    LearningSource,
    Priority,
    PriorityAssessment,
    ProgressRating,
    Recommendation,
    SourceKind,
)
from partnership.priorities import PriorityPart, suggested_progress
from partnership.services import DomainError
from partnership.services import priorities as services
from partnership.services.reminders import run_reminders
from tests.dashboards.factories import IndicatorFactory, IndicatorValueFactory
from tests.factories import (
    ActionFactory,
    FindingFactory,
    PriorityFactory,
    ReviewFactory,
)
from tests.training.factories import CourseFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 10, 1)


# --- the progress rule ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "on_track, behind, expected",
    [
        (0, 0, ProgressRating.LITTLE_PROGRESS),
        (3, 0, ProgressRating.ON_TRACK),
        (2, 2, ProgressRating.SOME_PROGRESS),
        (3, 1, ProgressRating.SOME_PROGRESS),
        (1, 2, ProgressRating.LITTLE_PROGRESS),
    ],
)
def test_the_evidence_suggests_progress_by_the_rule(on_track, behind, expected):
    parts = [PriorityPart("Actions", on_track=on_track, behind=0), PriorityPart("Measures", behind=behind)]
    progress = suggested_progress(parts)
    assert progress.rating == expected
    assert progress.reason


# --- the plan ----------------------------------------------------------------------------------


def test_a_priority_has_at_most_one_owner_in_the_database(world):
    with pytest.raises(IntegrityError), transaction.atomic():
        PriorityFactory(owner_subgroup=world.subgroup, owner_agency=world.agency)


def test_the_form_asks_for_exactly_one_owner_and_keeps_what_was_typed(world, client_for):
    client = client_for(world.business_unit)
    url = reverse("partnership:priority-create")
    data = {"year": "2026", "title": "Neglect", "outcome": "Fewer children live with neglect"}
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Choose the subgroup or partner agency that owns this priority" in response.content.decode()
    assert "Fewer children live with neglect" in response.content.decode()

    both = {**data, "owner_subgroup": world.subgroup.pk, "owner_agency": world.agency.pk}
    response = client.post(url, both)
    assert "not both" in response.content.decode()
    assert not Priority.objects.filter(title="Neglect").exists()

    response = client.post(url, {**data, "owner_subgroup": world.subgroup.pk})
    priority = Priority.objects.get(title="Neglect")
    assert response.status_code == 302
    assert priority.owner == world.subgroup
    assert priority.outcome == "Fewer children live with neglect"
    assert priority.history.count() == 1


# --- the page of a priority ---------------------------------------------------------------------


@pytest.fixture
def priority(world):
    return PriorityFactory(
        title="Neglect",
        outcome="Children living with neglect are helped sooner.",
        owner_subgroup=world.subgroup,
    )


def test_the_page_shows_the_plan_and_every_linked_record(world, client_for, priority):
    action = ActionFactory(description="Roll out the graded care profile", owner_agency=world.agency)
    action.priorities.add(priority)
    action.plan.source.priorities.add(priority)
    finding = FindingFactory(title="Neglect was recognised late")
    finding.priorities.add(priority)
    audit = MultiAgencyAudit.objects.create(
        title="Audit of neglect cases", subgroup=world.subgroup, planned_on=datetime.date(2026, 6, 1)
    )
    audit.priorities.add(priority)
    course = CourseFactory(title="Neglect: using the graded care profile")
    course.priorities.add(priority)
    indicator = IndicatorFactory(title="Neglect plans reviewed on time")
    indicator.priorities.add(priority)

    client = client_for(world.business_unit)
    for record in (audit, course, indicator):
        assert "Neglect (2026/27)" in client.get(record.get_absolute_url()).content.decode(), record
    page = client.get(priority.get_absolute_url()).content.decode()
    for text in (
        "Children living with neglect are helped sooner.",
        "Learning and Improvement",
        "Roll out the graded care profile",
        action.plan.source.title,
        "Neglect was recognised late",
        "Audit of neglect cases",
        "Neglect: using the graded care profile",
        "Neglect plans reviewed on time",
        "What the evidence suggests",
    ):
        assert text in page, text


def test_an_agency_lead_sees_only_their_agencys_actions_on_a_priority(world, client_for, priority):
    ours = ActionFactory(description="Ours: audit neglect referrals", owner_agency=world.agency)
    theirs = ActionFactory(description="Theirs: train health visitors", owner_agency=world.other_agency)
    for action in (ours, theirs):
        action.priorities.add(priority)

    page = client_for(world.agency_lead).get(priority.get_absolute_url()).content.decode()
    assert "Ours: audit neglect referrals" in page
    assert "Theirs: train health visitors" not in page
    page = client_for(world.business_unit).get(priority.get_absolute_url()).content.decode()
    assert "Theirs: train health visitors" in page


def test_a_case_review_linked_to_a_priority_is_shown_only_to_those_with_a_need_to_know(
    world, client_for, priority
):
    review = ReviewFactory(title="Child Q", reference="RR-2026-901", subgroup=world.other_subgroup)
    review.learning_source.priorities.add(priority)
    FindingFactory(source=review.learning_source, title="Child Q was not seen alone").priorities.add(priority)

    for person in (world.agency_lead, world.subgroup_member, world.lay_member):
        page = client_for(person).get(priority.get_absolute_url()).content.decode()
        assert "Child Q" not in page, person
    page = client_for(world.business_unit).get(priority.get_absolute_url()).content.decode()
    assert "Child Q was not seen alone" in page


def test_measures_show_whether_the_latest_value_meets_the_target(world, client_for, priority):
    from dashboards.models import PriorityMeasure

    met = IndicatorFactory(title="Visits on time", target=Decimal("80"))
    IndicatorValueFactory(indicator=met, value=Decimal("85"))
    missed = IndicatorFactory(title="Plans reviewed", target=Decimal("90"))
    IndicatorValueFactory(indicator=missed, value=Decimal("60"))
    PriorityMeasure.objects.create(priority=priority, description="More visits on time", indicator=met)
    PriorityMeasure.objects.create(
        priority=priority,
        description="Plans reviewed on time",
        indicator=missed,
        target=Decimal("70"),
        target_date=datetime.date(2027, 3, 31),
    )

    page = client_for(world.business_unit).get(priority.get_absolute_url()).content.decode()
    assert "Latest 85%" in page and "meets the target" in page
    assert "target 70% by 31 March 2027" in page and "does not yet meet the target" in page
    assert "Of 2 measures with an indicator, 1 meets the target and 1 do not yet." in page.replace(
        "does", "do"
    )
    # One met, one missed, nothing else: some progress.
    assert "At least as much is on track as behind (1 on track, 1 behind)." in page


# --- progress assessments -----------------------------------------------------------------------


def test_the_business_unit_and_the_owning_chair_record_progress(world, client_for, priority):
    url = reverse("partnership:priority-assess", args=[priority.pk])
    data = {
        "date_day": "30",
        "date_month": "9",
        "date_year": "2026",
        "rating": ProgressRating.SOME_PROGRESS,
        "evidence": "Two of three measures met.",
    }
    response = client_for(world.subgroup_chair).post(url, data)
    assert response.status_code == 302
    assessment = PriorityAssessment.objects.get()
    assert (assessment.assessed_by, assessment.date) == (world.subgroup_chair, datetime.date(2026, 9, 30))
    assert client_for(world.subgroup_member).post(url, data).status_code == 403
    with pytest.raises(DomainError):
        services.priority_assess(
            priority=priority, rating="on_track", evidence="x", on=TODAY, actor=world.subgroup_member
        )

    page = client_for(world.agency_lead).get(priority.get_absolute_url()).content.decode()
    assert "Some progress" in page and "Two of three measures met." in page and "30 September 2026" in page


def test_a_progress_form_with_errors_keeps_what_was_typed(world, client_for, priority):
    url = reverse("partnership:priority-assess", args=[priority.pk])
    response = client_for(world.business_unit).post(url, {"rating": "", "evidence": "Measures mostly met"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Choose how progress on this priority is going" in page
    assert "Measures mostly met" in page
    assert not PriorityAssessment.objects.exists()


def test_the_list_shows_each_prioritys_latest_judgement_and_filters_by_it(world, client_for, priority):
    other = PriorityFactory(title="Exploitation", year=2025)
    services.priority_assess(
        priority=priority, rating="little_progress", evidence="a", on=TODAY, actor=world.business_unit
    )
    PriorityAssessment.objects.create(
        priority=priority,
        rating=ProgressRating.ON_TRACK,
        evidence="b",
        date=TODAY + datetime.timedelta(days=1),
        assessed_by=world.business_unit,
    )
    client = client_for(world.agency_lead)
    page = client.get(reverse("partnership:priority-list")).content.decode()
    assert "govuk-tag--green" in page and "Not assessed" in page

    page = client.get(reverse("partnership:priority-list"), {"progress": "on_track"}).content.decode()
    assert "Neglect" in page and other.title not in page
    page = client.get(reverse("partnership:priority-list"), {"progress": "not_assessed"}).content.decode()
    assert other.title in page and ">Neglect<" not in page
    page = client.get(reverse("partnership:priority-list"), {"sort": "progress"}).content.decode()
    assert page.count("<tr") >= 3


# --- the business plan --------------------------------------------------------------------------


def test_starting_the_business_plan_twice_makes_one(world, client_for, priority):
    second = PriorityFactory(title="Exploitation", year=2026)
    client = client_for(world.business_unit)
    url = reverse("partnership:business-plan-start")
    for _ in range(2):
        response = client.post(url, {"year": "2026", "subgroup": world.subgroup.pk})
        assert response.status_code == 302
    source = LearningSource.objects.get(kind=SourceKind.BUSINESS_PLAN)
    assert source.title == "Business plan 2026/27"
    assert set(source.priorities.all()) == {priority, second}
    assert ActionPlan.objects.filter(source=source).count() == 1
    assert sorted(Recommendation.objects.filter(source=source).values_list("text", flat=True)) == [
        "Priority: Exploitation",
        "Priority: Neglect",
    ]
    assert (
        client_for(world.subgroup_chair)
        .post(url, {"year": "2026", "subgroup": world.subgroup.pk})
        .status_code
        == 403
    )


def test_the_business_plans_actions_are_chased_like_any_plans(world, priority):
    plan = services.business_plan_start(year=2026, subgroup=world.subgroup, actor=None)
    recommendation = plan.source.recommendations.get()
    action = ActionFactory(
        plan=plan,
        recommendation=recommendation,
        description="Publish the neglect strategy",
        start_date=datetime.date(2026, 4, 1),
        due_date=datetime.date(2026, 9, 1),
        status=ActionStatus.NOT_STARTED,
    )
    action.priorities.add(priority)
    run_reminders(today=datetime.date(2026, 10, 2))
    chasers = [m for m in mail.outbox if "chaser" in m.subject.lower()]
    assert len(chasers) == 1
    assert world.subgroup_chair.email in chasers[0].to
    assert "Publish the neglect strategy" in chasers[0].body


def test_an_action_added_to_the_business_plan_is_linked_to_its_priority(world, client_for, priority):
    plan = services.business_plan_start(year=2026, subgroup=world.subgroup, actor=None)
    recommendation = plan.source.recommendations.get()
    response = client_for(world.business_unit).post(
        reverse("partnership:action-create", args=[plan.pk]),
        {
            "recommendation": recommendation.pk,
            "description": "Publish the neglect strategy",
            "lead_user": world.subgroup_chair.pk,
            "start_date_day": "1",
            "start_date_month": "4",
            "start_date_year": "2026",
            "due_date_day": "30",
            "due_date_month": "9",
            "due_date_year": "2026",
            "priorities": [priority.pk],
        },
    )
    assert response.status_code == 302, response.content.decode()
    assert list(priority.actions.values_list("description", flat=True)) == ["Publish the neglect strategy"]
    action_page = (
        client_for(world.subgroup_chair).get(priority.actions.get().get_absolute_url()).content.decode()
    )
    assert "Priorities it serves" in action_page and "Neglect (2026/27)" in action_page


def test_only_an_active_years_priorities_start_a_business_plan(world):
    with pytest.raises(DomainError, match="Add the 2030/31 priorities"):
        services.business_plan_start(year=2030, subgroup=world.subgroup, actor=None)
    assert not LearningSource.objects.filter(kind=SourceKind.BUSINESS_PLAN).exists()


def test_a_consultations_learning_is_linked_to_priorities_from_its_form(world, client_for, priority):
    from partnership.models import Consultation
    from tests.factories import ConsultationFactory

    consultation = ConsultationFactory(title="Youth forum on online harm")
    client = client_for(world.business_unit)
    url = reverse("partnership:consultation-edit", args=[consultation.pk])
    form_page = client.get(url).content.decode()
    assert "Neglect (2026/27)" in form_page
    data = {
        "title": consultation.title,
        "date_day": str(consultation.date.day),
        "date_month": str(consultation.date.month),
        "date_year": str(consultation.date.year),
        "method": consultation.method,
        "group": consultation.group,
        "topic": consultation.topic,
        "what_they_said": consultation.what_they_said,
        "subgroup": consultation.subgroup.pk,
        "priorities": [priority.pk],
    }
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()
    consultation = Consultation.objects.get(pk=consultation.pk)
    assert list(consultation.learning_source.priorities.all()) == [priority]
    assert "Youth forum on online harm" in client.get(priority.get_absolute_url()).content.decode()


def test_the_list_links_the_business_plans_a_person_may_open(world, client_for, priority):
    services.business_plan_start(year=2026, subgroup=world.subgroup, actor=None)
    url = reverse("partnership:priority-list")
    assert "Business plan 2026/27" in client_for(world.subgroup_member).get(url).content.decode()
    page = client_for(world.lay_member).get(url).content.decode()
    assert "Business plan 2026/27" not in page
    assert "Start a year's business plan" not in page
    assert "Start a year's business plan" in client_for(world.business_unit).get(url).content.decode()


def test_courses_are_listed_only_for_those_who_may_open_training(world, client_for, priority):
    CourseFactory(title="Neglect: using the graded care profile").priorities.add(priority)
    assert "Neglect: using the graded care profile" in (
        client_for(world.business_unit).get(priority.get_absolute_url()).content.decode()
    )
    page = client_for(world.no_role).get(priority.get_absolute_url()).content.decode()
    assert "Neglect: using the graded care profile" not in page
    assert "Training courses" not in page


def test_the_page_reads_its_linked_records_in_a_fixed_number_of_queries(
    world, client_for, priority, django_assert_max_num_queries
):
    from tests.factories import ConsultationFactory

    client = client_for(world.business_unit)

    def link(n):
        for _ in range(n):
            ConsultationFactory().learning_source.priorities.add(priority)
            ActionFactory(owner_agency=world.agency).priorities.add(priority)
            FindingFactory().priorities.add(priority)

    link(2)
    client.get(priority.get_absolute_url())  # warm the session and caches
    from tests.queries import capturing

    with capturing() as few:
        client.get(priority.get_absolute_url())
    link(8)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(priority.get_absolute_url())
    assert response.content.decode().count("Youth forum session") >= 10


def test_an_audit_linked_both_ways_is_listed_once_under_audits(world, client_for, priority):
    """A multi-agency audit linked from its own form and, as a source, from its learning panel is
    one audit: listed under "Audits", not again under "Sources of learning"."""
    from partnership.priorities import priority_parts

    audit = MultiAgencyAudit.objects.create(
        title="Audit of neglect cases", subgroup=world.subgroup, planned_on=datetime.date(2026, 6, 1)
    )
    audit.priorities.add(priority)
    audit.learning_source.priorities.add(priority)
    deep_dive = LearningSource.objects.create(
        kind=SourceKind.DEEP_DIVE,
        title="Deep dive: neglect",
        date=datetime.date(2026, 5, 1),
        subgroup=world.subgroup,
    )
    deep_dive.priorities.add(priority)
    panel_only = MultiAgencyAudit.objects.create(
        title="Audit of neglect plans", subgroup=world.subgroup, planned_on=datetime.date(2026, 9, 1)
    )
    panel_only.learning_source.priorities.add(priority)

    parts = {part.heading: part for part in priority_parts(priority, world.business_unit, today=TODAY)}
    assert [row.label for row in parts["Sources of learning"].rows] == ["Deep dive: neglect"]
    assert parts["Sources of learning"].evidence.startswith("1 other source of learning serves this priority")
    assert sorted(row.label for row in parts["Audits"].rows) == [
        "Audit of neglect cases",
        "Audit of neglect plans",
    ]
    page = client_for(world.business_unit).get(priority.get_absolute_url()).content.decode()
    assert page.count("Audit of neglect cases") == 1
