"""Section 11: the seeded framework, completing and submitting a return, peer challenge,
acceptance into actions, the heatmap, and who may see a return."""

import datetime

import pytest

from audits import selectors
from audits.models import PlannedImprovement, Return, ReturnStatus
from audits.services import panel as panel_services
from audits.services.section11 import returns as return_services
from audits.services.section11 import rounds as round_services
from partnership.models import Action, Role, RoleAssignment
from partnership.services import DomainError
from tests.audits.factories import (
    ChallengeSessionFactory,
    FrameworkFactory,
    PlannedImprovementFactory,
    RatingLevelFactory,
    RequirementFactory,
    StandardFactory,
    answer_every_requirement,
    make_round,
)

pytestmark = pytest.mark.django_db


def test_the_pan_london_framework_is_seeded_with_eight_standards(framework):
    assert [s.number for s in framework.standards.all()] == list(range(1, 9))
    assert framework.standards.get(number=8).title == "There is effective information sharing"
    assert [level.label for level in framework.rating_levels.all()] == [
        "Fully met",
        "Mostly met",
        "Partially met",
        "Not met",
    ]
    assert all(s.requirements.exists() for s in framework.standards.all())


def test_a_second_framework_needs_no_code(world):
    schools = FrameworkFactory(name="Annual schools safeguarding audit", sectors=["education"])
    level = RatingLevelFactory(framework=schools, label="Yes", score=1)
    RatingLevelFactory(framework=schools, label="No", score=0)
    standard = StandardFactory(framework=schools, number=1, title="Designated safeguarding lead")
    requirement = RequirementFactory(standard=standard, reference="1.1", text="A trained DSL is in post.")
    world.agency.sector = "education"
    world.agency.save()
    round_ = make_round(world, framework=schools, title="Schools audit 2026", due_on=datetime.date(2026, 10, 1),
                        agencies=[world.agency])  # fmt: skip
    with pytest.raises(DomainError, match="does not apply"):
        round_services.round_invite(round_=round_, agencies=[world.other_agency], actor=world.business_unit)
    agency_return = round_.returns.get()
    return_services.answer_save(agency_return=agency_return, requirement=requirement, rating=level, evidence="DSL certificate",
                         links="", improvement="", actor=world.agency_lead)  # fmt: skip
    return_services.return_submit(agency_return=agency_return, actor=world.agency_lead)
    assert Return.objects.get(pk=agency_return.pk).status == ReturnStatus.SUBMITTED


def test_submitting_lists_every_missing_answer_and_locks_the_return(world, framework):
    round_ = make_round(world)
    agency_return = round_.returns.get(agency=world.agency)
    first = framework.standards.get(number=1).requirements.first()
    return_services.answer_save(agency_return=agency_return, requirement=first, rating=framework.rating_levels.get(score=2),
                         evidence="", links="", improvement="", actor=world.agency_lead)  # fmt: skip
    assert Return.objects.get(pk=agency_return.pk).status == ReturnStatus.DRAFT
    with pytest.raises(DomainError) as exc:
        return_services.return_submit(agency_return=agency_return, actor=world.agency_lead)
    assert "1.1, 1.2, 1.3, 2.1" in exc.value.message  # 1.1 has a rating but no evidence
    answer_every_requirement(agency_return, world.agency_lead, plan_low_ratings=True)
    return_services.return_submit(agency_return=agency_return, actor=world.agency_lead)
    agency_return.refresh_from_db()
    assert agency_return.status == ReturnStatus.SUBMITTED
    assert agency_return.submitted_by == world.agency_lead
    with pytest.raises(DomainError, match="cannot change"):
        return_services.answer_save(agency_return=agency_return, requirement=first, rating=None, evidence="x", links="",
                             improvement="", actor=world.agency_lead)  # fmt: skip


def test_another_agency_cannot_touch_or_see_a_return(world, framework):
    round_ = make_round(world)
    theirs = round_.returns.get(agency=world.other_agency)
    requirement = framework.standards.first().requirements.first()
    with pytest.raises(DomainError):
        return_services.answer_save(agency_return=theirs, requirement=requirement, rating=None, evidence="x", links="",
                             improvement="", actor=world.agency_lead)  # fmt: skip
    visible = set(selectors.returns_visible_to(world.agency_lead))
    assert visible == {round_.returns.get(agency=world.agency)}
    assert not selectors.returns_visible_to(world.lay_member).exists()
    assert set(selectors.returns_visible_to(world.subgroup_member)) == set(
        round_.returns.all()
    )  # overseeing subgroup


def test_a_colleague_added_to_the_return_may_complete_it(world, framework):
    round_ = make_round(world)
    agency_return = round_.returns.get(agency=world.agency)
    agency_return.contributors.add(world.no_role)
    answer_every_requirement(agency_return, world.no_role, plan_low_ratings=True)
    assert selectors.returns_visible_to(world.no_role).get() == agency_return


def test_peer_challenge_keeps_both_ratings_and_sees_only_assigned_returns(world, framework):
    round_ = make_round(world)
    ours, theirs = round_.returns.get(agency=world.agency), round_.returns.get(agency=world.other_agency)
    answer_every_requirement(ours, world.agency_lead, score=3, plan_low_ratings=True)
    return_services.return_submit(agency_return=ours, actor=world.agency_lead)
    session = ChallengeSessionFactory(
        round=round_, members=[world.lay_member, world.business_unit], returns=[ours]
    )
    assert list(selectors.returns_visible_to(world.lay_member)) == [ours]
    with pytest.raises(DomainError):
        panel_services.challenge_record(agency_return=theirs, standard=framework.standards.first(), challenge="?",
                                  agency_response="", moderated_rating=None, actor=world.lay_member)  # fmt: skip
    standard = framework.standards.get(number=5)
    panel_services.challenge_record(agency_return=ours, standard=standard, challenge="Training records cover only 60% of staff.",
                              agency_response="Agreed; a plan is in place.",
                              moderated_rating=framework.rating_levels.get(score=1), actor=world.lay_member,
                              session=session)  # fmt: skip
    ours.refresh_from_db()
    assert ours.status == ReturnStatus.CHALLENGE
    grid = selectors.heatmap(round_)
    cell = next(
        c for row in grid["rows"] if row["return"] == ours for c in row["cells"] if c["standard"] == standard
    )
    assert cell["moderated"] and cell["level"].label == "Partially met"
    assert cell["self_rating"].label == "Fully met"


def test_accepting_turns_planned_improvements_into_the_agencys_actions(world, framework):
    round_ = make_round(world)
    ours = round_.returns.get(agency=world.agency)
    answer_every_requirement(ours, world.agency_lead, plan_low_ratings=True)
    PlannedImprovementFactory(agency_return=ours, standard=framework.standards.get(number=5),
                                      description="Level 2 training for all ward staff", due_on=datetime.date(2027, 6, 30))  # fmt: skip
    return_services.return_submit(agency_return=ours, actor=world.agency_lead)
    with pytest.raises(DomainError):
        return_services.return_accept(agency_return=ours, actor=world.subgroup_chair)
    return_services.return_accept(agency_return=ours, actor=world.business_unit)
    action = Action.objects.get()
    assert action.owner_agency == world.agency
    assert action.plan.source == round_.learning_source
    assert action.recommendation.agencies.get() == world.agency
    assert action.due_date == datetime.date(2027, 6, 30)
    assert PlannedImprovement.objects.get().action == action
    assert Return.objects.get(pk=ours.pk).status == ReturnStatus.ACCEPTED


def test_the_heatmap_shows_the_change_since_the_previous_round(world, framework):
    previous = make_round(
        world, year=2024, opens_on=datetime.date(2026, 9, 1), due_on=datetime.date(2026, 11, 30)
    )
    old = previous.returns.get(agency=world.agency)
    answer_every_requirement(old, world.agency_lead, score=1, plan_low_ratings=True)
    return_services.return_submit(agency_return=old, actor=world.agency_lead)
    current = make_round(world)
    assert current.previous_round == previous
    ours = current.returns.get(agency=world.agency)
    answer_every_requirement(ours, world.agency_lead, score=3, plan_low_ratings=True)
    return_services.return_submit(agency_return=ours, actor=world.agency_lead)
    row = next(r for r in selectors.heatmap(current)["rows"] if r["return"] == ours)
    assert {c["change"] for c in row["cells"]} == {2}
    other_row = next(
        r for r in selectors.heatmap(current)["rows"] if r["return"].agency == world.other_agency
    )
    assert {c["level"] for c in other_row["cells"]} == {None}


def test_answers_carry_forward_from_the_previous_round(world, framework):
    previous = make_round(
        world, year=2024, opens_on=datetime.date(2026, 9, 1), due_on=datetime.date(2026, 11, 30)
    )
    answer_every_requirement(
        previous.returns.get(agency=world.agency), world.agency_lead, score=2, plan_low_ratings=True
    )
    current = make_round(world)
    ours = current.returns.get(agency=world.agency)
    copied = return_services.answers_carry_forward(agency_return=ours, actor=world.agency_lead)
    assert copied == ours.answers.count() > 0
    assert return_services.missing_answers(ours) == []
    assert return_services.answers_carry_forward(agency_return=ours, actor=world.agency_lead) == 0


def test_only_agency_leads_of_the_agency_edit_not_the_business_unit(world, framework):
    round_ = make_round(world)
    ours = round_.returns.get(agency=world.agency)
    requirement = framework.standards.first().requirements.first()
    with pytest.raises(DomainError):
        return_services.answer_save(agency_return=ours, requirement=requirement, rating=None, evidence="x", links="",
                             improvement="", actor=world.business_unit)  # fmt: skip
    RoleAssignment.objects.create(user=world.no_role, role=Role.AGENCY_LEAD, agency=world.agency)
    return_services.answer_save(agency_return=ours, requirement=requirement, rating=None, evidence="x", links="",
                         improvement="", actor=world.no_role)  # fmt: skip
