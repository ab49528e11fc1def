"""factory_boy factories for Section 11: frameworks and their parts, rounds (set up through
`round_create`, so each invited agency gets its return and the previous round is linked),
peer challenge sessions and planned improvements; and `answer_every_requirement`, the one way
the tests fill in a return through the services."""

import datetime

import factory
import time_machine
from django.core import mail

from audits.frameworks import PAN_LONDON_NAME
from audits.models import (
    ChallengeSession,
    Framework,
    PlannedImprovement,
    RatingLevel,
    Requirement,
    Round,
    RoundStatus,
    Standard,
)
from audits.services import panel as panel_services
from audits.services.section11 import returns as return_services
from audits.services.section11 import rounds as round_services
from partnership.models import Action, ActionStatus
from tests.factories import SubgroupFactory

EVIDENCE = "Policy reviewed by the board in May."


def pan_london() -> Framework:
    """The Pan London framework every installation starts with (seeded by a migration, and put
    back after a test that empties the tables: tests/conftest.py)."""
    return Framework.objects.get(name=PAN_LONDON_NAME)


class FrameworkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Framework

    name = factory.Sequence(lambda n: f"Framework {n}")


class RatingLevelFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RatingLevel

    framework = factory.SubFactory(FrameworkFactory)
    label = factory.Sequence(lambda n: f"Level {n}")
    score = factory.Sequence(lambda n: n)


class StandardFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Standard

    framework = factory.SubFactory(FrameworkFactory)
    number = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Standard {n}")


class RequirementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Requirement

    standard = factory.SubFactory(StandardFactory)
    reference = factory.LazyAttribute(lambda o: f"{o.standard.number}.1")
    text = factory.Sequence(lambda n: f"Requirement {n}")


class RoundFactory(factory.django.DjangoModelFactory):
    """A round set up by `actor` through `round_create`, inviting `agencies` (a return each).
    Opens on 1 September of its year and is due on 30 November, on the Pan London framework."""

    class Meta:
        model = Round

    framework = factory.LazyFunction(pan_london)
    year = 2026
    title = factory.LazyAttribute(lambda o: f"Section 11 self-assessment {o.year}")
    opens_on = factory.LazyAttribute(lambda o: datetime.date(o.year, 9, 1))
    due_on = factory.LazyAttribute(lambda o: datetime.date(o.year, 11, 30))
    subgroup = factory.SubFactory(SubgroupFactory)

    @classmethod
    def _create(cls, model_class, *args, agencies=(), actor=None, **kwargs):
        return round_services.round_create(
            round_=model_class(*args, **kwargs), agencies=list(agencies), actor=actor
        )


def make_round(world, *, agencies=None, open_it=False, **fields) -> Round:
    """A round the business unit sets up for the world's subgroup, inviting `agencies` (by
    default the world's agency and the other agency), and opens if `open_it`."""
    agencies = [world.agency, world.other_agency] if agencies is None else agencies
    round_ = RoundFactory(subgroup=world.subgroup, agencies=agencies, actor=world.business_unit, **fields)
    if open_it:
        round_ = round_services.round_open(round_=round_, actor=world.business_unit)
    return round_


class ChallengeSessionFactory(factory.django.DjangoModelFactory):
    """A peer challenge session; `members` and `returns` are lists to add."""

    class Meta:
        model = ChallengeSession
        skip_postgeneration_save = True  # members and returns are added, nothing to save again

    title = "Panel A"
    date = datetime.date(2026, 12, 10)

    @factory.post_generation
    def members(self, create, extracted, **kwargs):
        if extracted:
            self.members.add(*extracted)

    @factory.post_generation
    def returns(self, create, extracted, **kwargs):
        if extracted:
            self.returns.add(*extracted)


class PlannedImprovementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlannedImprovement

    description = "Level 2 training for all ward staff"
    due_on = datetime.date(2027, 6, 30)


def answer_every_requirement(agency_return, actor, *, score=3, evidence=EVIDENCE, improvement="",
                             plan_low_ratings=False) -> None:  # fmt: skip
    """Answer every requirement of the return's framework at `score`, through `answer_save`.
    With `plan_low_ratings`, a rating in the lower half of the scale comes with its area for
    improvement and a planned improvement for each standard, as submission asks."""
    framework = agency_return.round.framework
    level = framework.rating_levels.get(score=score)
    low = plan_low_ratings and level.pk in return_services.needs_improvement_levels(framework)
    for standard in framework.standards.all():
        for requirement in standard.requirements.all():
            return_services.answer_save(agency_return=agency_return, requirement=requirement, rating=level,
                                 evidence=evidence, links="",
                                 improvement="Not every team is audited." if low else improvement,
                                 actor=actor)  # fmt: skip
        if low:
            return_services.improvement_save(improvement=PlannedImprovement(
                agency_return=agency_return, standard=standard, description="Audit every team",
                due_on=datetime.date(2027, 6, 30)), actor=actor)  # fmt: skip


def reported_round(world, reported_on):
    """Both agencies' returns accepted with two planned improvements each (now actions); the
    overview reported on `reported_on` (the round closed 30 November 2026). Our agency has a senior manager; both of the other
    agency's improvements are complete."""
    world.agency.senior_manager_name = "Dr Ada Senior"
    world.agency.senior_manager_role = "Director of Children's Services"
    world.agency.senior_manager_email = "ada.senior@example.org"
    world.agency.save()
    world.other_agency.senior_manager_email = "eve.senior@example.org"
    world.other_agency.save()
    round_ = make_round(world, due_on=datetime.date(2026, 11, 30), open_it=True)
    for agency_return, lead in ((round_.returns.get(agency=world.agency), world.agency_lead),
                                (round_.returns.get(agency=world.other_agency), world.other_agency_lead)):  # fmt: skip
        answer_every_requirement(agency_return, lead, evidence="Audit of training records, March.")
        return_services.return_submit(agency_return=agency_return, actor=lead)
        for text in ("Level 3 training for all designated leads", "Audit of supervision records"):
            PlannedImprovementFactory(agency_return=agency_return, due_on=datetime.date(2027, 6, 30),
                                      description=f"{agency_return.agency.short_name}: {text}")  # fmt: skip
        return_services.return_accept(agency_return=agency_return, actor=world.business_unit)
    Action.objects.filter(description__startswith="EHT:").update(
        status=ActionStatus.COMPLETE, impact="Done and evidenced."
    )
    Action.objects.filter(description="NCCS: Audit of supervision records").update(
        status=ActionStatus.COMPLETE, impact="Every supervision record was audited."
    )
    round_.status = RoundStatus.CLOSED
    round_.save()
    with time_machine.travel(datetime.date(2027, 2, 1)):
        panel_services.round_report_overview(
            round_=round_, reported_on=reported_on, actor=world.business_unit
        )
    mail.outbox.clear()
    return round_
