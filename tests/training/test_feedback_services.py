"""Evaluation and follow-up answers, the follow-up sample and tagging impact examples."""

import datetime
import random

import pytest
from django.utils import timezone

from partnership.services import DomainError
from tests.factories import ActionFactory, ActionPlanFactory, FindingFactory, ThemeFactory
from training import links
from training.models import Evaluation, FollowUp, LinkPurpose, OutcomeConfidence
from training.permissions import oversees_training
from training.services import feedback as services

from .factories import (
    AttendeeFactory,
    CourseFactory,
    FollowUpFactory,
    LearningOutcomeFactory,
    ProgrammeFactory,
    SessionFactory,
)

pytestmark = pytest.mark.django_db


def open_link(attendee, purpose, days=10):
    return links.link_for(attendee, purpose, timezone.now() + datetime.timedelta(days=days))


@pytest.fixture
def course():
    course = CourseFactory(title="Neglect: the Graded Care Profile")
    for n in (1, 2):
        LearningOutcomeFactory(course=course, number=n)
    return course


@pytest.fixture
def attendee(course):
    return AttendeeFactory(session=SessionFactory(course=course), attended=True)


# --- the evaluation ----------------------------------------------------------------------------


def test_an_evaluation_is_saved_with_every_outcome_and_uses_the_link(attendee, course):
    link = open_link(attendee, LinkPurpose.EVALUATION)
    first, second = course.outcomes.order_by("number")
    evaluation = services.evaluation_submit(
        link=link, overall_rating=4, confidences={first.pk: (2, 4), second.pk: (3, 5)},
        will_do_differently="  Use the Graded Care Profile at the first visit.  ", comments="",
    )  # fmt: skip
    assert evaluation.attendee == attendee and evaluation.overall_rating == 4
    assert evaluation.will_do_differently == "Use the Graded Care Profile at the first visit."
    scores = {
        c.outcome_id: (c.before, c.after) for c in OutcomeConfidence.objects.filter(evaluation=evaluation)
    }
    assert scores == {first.pk: (2, 4), second.pk: (3, 5)}
    link.refresh_from_db()
    assert link.used


def test_a_second_submission_of_the_same_link_saves_nothing(attendee, course):
    link = open_link(attendee, LinkPurpose.EVALUATION)
    answers = {o.pk: (1, 2) for o in course.outcomes.all()}
    services.evaluation_submit(link=link, overall_rating=3, confidences=answers)
    # A second tab holding the link as it was before the first submission (a race).
    stale = type(link).objects.get(pk=link.pk)
    stale.used_at = None
    with pytest.raises(services.LinkUnusable) as refused:
        services.evaluation_submit(link=stale, overall_rating=5, confidences=answers)
    assert refused.value.problem == "used"
    assert Evaluation.objects.count() == 1 and Evaluation.objects.get().overall_rating == 3
    assert OutcomeConfidence.objects.count() == 2


def test_an_expired_or_wrong_link_is_refused(attendee, course):
    answers = {o.pk: (1, 2) for o in course.outcomes.all()}
    expired = open_link(attendee, LinkPurpose.EVALUATION, days=-1)
    with pytest.raises(services.LinkUnusable) as refused:
        services.evaluation_submit(link=expired, overall_rating=3, confidences=answers)
    assert refused.value.problem == "expired"
    follow_up_link = open_link(attendee, LinkPurpose.FOLLOW_UP_PARTICIPANT)
    with pytest.raises(services.LinkUnusable):
        services.evaluation_submit(link=follow_up_link, overall_rating=3, confidences=answers)
    assert not Evaluation.objects.exists()
    expired.refresh_from_db()
    assert not expired.used


@pytest.mark.parametrize(
    "rating,confidences,field",
    [(0, "all", "overall_rating"), (6, "all", "overall_rating"), (3, "missing", "outcome_{}_before"),
     (3, "out of range", "outcome_{}_after")],
)  # fmt: skip
def test_an_incomplete_evaluation_is_refused_and_leaves_the_link_open(
    attendee, course, rating, confidences, field
):
    link = open_link(attendee, LinkPurpose.EVALUATION)
    first, second = course.outcomes.order_by("number")
    answers = {"all": {first.pk: (1, 2), second.pk: (1, 2)}, "missing": {second.pk: (1, 2)},
               "out of range": {first.pk: (1, 9), second.pk: (1, 2)}}[confidences]  # fmt: skip
    with pytest.raises(DomainError) as refused:
        services.evaluation_submit(link=link, overall_rating=rating, confidences=answers)
    assert refused.value.field == field.format(first.pk)
    link.refresh_from_db()
    assert not link.used and not Evaluation.objects.exists()


# --- the follow-up -----------------------------------------------------------------------------


def test_a_participant_follow_up_keeps_every_answer(attendee):
    link = open_link(attendee, LinkPurpose.FOLLOW_UP_PARTICIPANT)
    answer = services.follow_up_submit(
        link=link, practice_changed="yes", how="I use chronologies.", example="Child A's case.",
        difference_for_children="Earlier help.", barriers="Caseload.",
    )  # fmt: skip
    assert answer.respondent == FollowUp.Respondent.PARTICIPANT
    assert (answer.how, answer.example, answer.difference_for_children, answer.barriers) == (
        "I use chronologies.", "Child A's case.", "Earlier help.", "Caseload.",
    )  # fmt: skip
    assert answer.history.count() == 1


def test_a_manager_answers_only_their_two_questions(attendee):
    link = open_link(attendee, LinkPurpose.FOLLOW_UP_MANAGER)
    answer = services.follow_up_submit(
        link=link, practice_changed="partly", how="Should not be kept", example="Better referrals.",
        difference_for_children="Should not be kept", barriers="Should not be kept",
    )  # fmt: skip
    answer.refresh_from_db()
    assert answer.respondent == FollowUp.Respondent.MANAGER and answer.example == "Better referrals."
    assert answer.how == answer.difference_for_children == answer.barriers == ""


def test_a_follow_up_double_submit_saves_once_and_a_bad_answer_saves_nothing(attendee):
    link = open_link(attendee, LinkPurpose.FOLLOW_UP_PARTICIPANT)
    with pytest.raises(DomainError) as refused:
        services.follow_up_submit(link=link, practice_changed="maybe")
    assert refused.value.field == "practice_changed"
    services.follow_up_submit(link=link, practice_changed="no")
    stale = type(link).objects.get(pk=link.pk)
    stale.used_at = None
    with pytest.raises(services.LinkUnusable):
        services.follow_up_submit(link=stale, practice_changed="yes")
    assert FollowUp.objects.get().practice_changed == "no"


# --- the sample ------------------------------------------------------------------------------


@pytest.mark.parametrize("percent,attended,size", [(100, 7, 7), (50, 7, 4), (30, 10, 3), (7, 100, 7), (1, 3, 1),
                                                   (0, 5, 0)])  # fmt: skip
def test_the_sample_is_ceil_of_the_percentage_reproducible_and_recorded(percent, attended, size):
    session = SessionFactory(course=CourseFactory(follow_up_sample_percent=percent))
    people = [AttendeeFactory(session=session, attended=True) for _ in range(attended)]
    AttendeeFactory(session=session, attended=False)
    AttendeeFactory(session=session, attended=True, status="cancelled")
    drawn = services.follow_up_sample_draw(session)
    assert len(drawn) == size
    expected = sorted(
        random.Random(session.pk).sample(sorted(people, key=lambda a: a.pk), size), key=lambda a: a.pk
    )
    assert drawn == expected
    assert list(session.attendees.filter(follow_up_sampled=True).order_by("pk")) == expected
    session.refresh_from_db()
    assert session.follow_up_sampled_at is not None


def test_drawing_again_changes_nothing(world):
    session = SessionFactory(course=CourseFactory(follow_up_sample_percent=50))
    for _ in range(6):
        AttendeeFactory(session=session, attended=True)
    first = services.follow_up_sample_draw(session)
    drawn_at = session.follow_up_sampled_at
    AttendeeFactory(session=session, attended=True)  # attendance changed since: the sample stays
    session.course.follow_up_sample_percent = 100
    session.course.save()
    assert services.follow_up_sample_draw(session) == first
    session.refresh_from_db()
    assert session.follow_up_sampled_at == drawn_at
    assert session.attendees.filter(follow_up_sampled=True).count() == 3


# --- tagging impact examples ---------------------------------------------------------------------


def test_the_business_unit_tags_an_example_with_themes_an_action_and_a_finding(world):
    example = FollowUpFactory()
    theme = ThemeFactory()
    action = ActionFactory(plan=ActionPlanFactory(subgroup=world.subgroup))
    finding = FindingFactory()
    services.impact_example_tag(
        follow_up=example, themes=[theme], action=action, finding=finding, actor=world.business_unit
    )
    example.refresh_from_db()
    assert list(example.themes.all()) == [theme] and example.action == action and example.finding == finding
    assert example.history.first().history_user == world.business_unit
    services.impact_example_tag(
        follow_up=example, themes=[], action=None, finding=None, actor=world.business_unit
    )
    example.refresh_from_db()
    assert not example.themes.exists() and example.action is None and example.finding is None


@pytest.mark.parametrize("role", ["partnership_lead", "subgroup_chair", "agency_lead", "no_role"])
def test_only_the_business_unit_tags(world, role):
    example = FollowUpFactory()
    with pytest.raises(DomainError):
        services.impact_example_tag(follow_up=example, themes=[], actor=world.person(role))


def test_nobody_links_what_they_cannot_see(world, monkeypatch):
    example = FollowUpFactory()
    action = ActionFactory()
    finding = FindingFactory()
    # Were the business unit ever scoped, the service would refuse what its selectors hide.
    from partnership import selectors

    monkeypatch.setattr(selectors, "actions_visible_to", lambda user: type(action).objects.none())
    monkeypatch.setattr(selectors, "findings_visible_to", lambda user: type(finding).objects.none())
    with pytest.raises(DomainError) as refused:
        services.impact_example_tag(follow_up=example, themes=[], action=action, actor=world.business_unit)
    assert refused.value.field == "action"
    with pytest.raises(DomainError) as refused:
        services.impact_example_tag(follow_up=example, themes=[], finding=finding, actor=world.business_unit)
    assert refused.value.field == "finding"


def test_an_answer_without_an_example_cannot_be_tagged(world):
    answer = FollowUpFactory(example="")
    with pytest.raises(DomainError):
        services.impact_example_tag(follow_up=answer, themes=[], actor=world.business_unit)


def test_the_subgroup_overseeing_the_programme_oversees_training(world):
    ProgrammeFactory(year=2026, subgroup=world.other_subgroup)
    assert not oversees_training(world.subgroup_chair) and not oversees_training(world.subgroup_member)
    ProgrammeFactory(year=2027, subgroup=world.subgroup)
    for person in (world.subgroup_chair, world.subgroup_member):
        person._oversees_training = None  # the predicate caches per request
        assert oversees_training(person)
    assert oversees_training(world.partnership_lead) and not oversees_training(world.agency_lead)
