"""factory_boy factories for training."""

import datetime

import factory
from django.utils import timezone

from tests.factories import AgencyFactory
from training.models import (
    Attendee,
    Course,
    CoverageReturn,
    Evaluation,
    FollowUp,
    LearningOutcome,
    Need,
    NeedsAssessment,
    OutcomeConfidence,
    Programme,
    Session,
)

NOW = datetime.datetime(2026, 11, 30, 10, 0, tzinfo=datetime.UTC)  # the `frozen` fixture's now


def at(days: int, hour: int = 9) -> datetime.datetime:
    """`days` from today (negative: before), at `hour`:30 local time: a session's start."""
    day = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 30)))


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Programme
        django_get_or_create = ("year",)

    year = 2026
    title = factory.LazyAttribute(lambda o: f"Training programme {o.year}/{str(o.year + 1)[-2:]}")


class CourseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Course

    programme = factory.SubFactory(ProgrammeFactory)
    title = factory.Sequence(lambda n: f"Course {n}")
    level = 2
    format = "course"


class LearningOutcomeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LearningOutcome

    course = factory.SubFactory(CourseFactory)
    number = factory.Sequence(lambda n: n + 1)
    text = factory.Sequence(lambda n: f"Outcome {n}")


def _start(days: int = 14) -> datetime.datetime:
    today = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(today, datetime.time(9, 30)))


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Session

    course = factory.SubFactory(CourseFactory)
    starts_at = factory.LazyFunction(_start)
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + datetime.timedelta(hours=3))
    venue = "Northbrook Civic Centre, Room 2"
    capacity = 20
    trainer = "Dana Trainer"


class AttendeeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Attendee

    session = factory.SubFactory(SessionFactory)
    name = factory.Sequence(lambda n: f"Practitioner {n}")
    email = factory.Sequence(lambda n: f"practitioner{n}@example.org")
    agency = factory.SubFactory(AgencyFactory)
    job_role = "Social worker"
    manager_name = factory.Sequence(lambda n: f"Manager {n}")
    manager_email = factory.Sequence(lambda n: f"manager{n}@example.org")
    status = Attendee.Status.BOOKED


class EvaluationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Evaluation

    attendee = factory.SubFactory(AttendeeFactory, attended=True)
    overall_rating = 4


class OutcomeConfidenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OutcomeConfidence

    evaluation = factory.SubFactory(EvaluationFactory)
    outcome = factory.SubFactory(LearningOutcomeFactory)
    before = 2
    after = 4


class FollowUpFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FollowUp

    attendee = factory.SubFactory(AttendeeFactory, attended=True, follow_up_sampled=True)
    respondent = FollowUp.Respondent.PARTICIPANT
    practice_changed = FollowUp.Change.YES
    example = "I now ask the child directly about their lived experience."


class NeedsAssessmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NeedsAssessment
        django_get_or_create = ("year",)

    year = 2026
    opens_on = datetime.date(2026, 1, 5)
    closes_on = datetime.date(2026, 2, 27)


class NeedFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Need

    assessment = factory.SubFactory(NeedsAssessmentFactory)
    agency = factory.SubFactory(AgencyFactory)
    need = "Recognising neglect in adolescents"


class CoverageReturnFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CoverageReturn

    agency = factory.SubFactory(AgencyFactory)
    year = 2026
    level = 1
    staff_in_scope = 200
    staff_trained = 150
