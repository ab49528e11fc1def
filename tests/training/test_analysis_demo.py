"""Training's part of `seed_demo`: plausible figures for the analysis pages, fictional people,
and running it again (even on a later day) changes nothing."""

import datetime

import pytest
import time_machine
from django.apps import apps
from django.core.management import call_command
from django.utils import timezone

from partnership.models import Agency, LearningSource
from training import demo
from training.analysis.summary import training_summary
from training.models import (
    Attendee,
    Course,
    CoverageReturn,
    FollowUp,
    ImpactAnalysis,
    NeedsAssessment,
    Programme,
    Session,
)

pytestmark = pytest.mark.django_db

TODAY = timezone.make_aware(datetime.datetime(2026, 11, 30, 8, 0))


def row_counts() -> dict[str, int]:
    """Rows in every table of our apps, history tables included."""
    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if model._meta.app_label in {"partnership", "reviews", "audits", "training", "dashboards"}
    }


@pytest.fixture
def seeded():
    with time_machine.travel(TODAY, tick=False):
        call_command("seed_demo")
    return row_counts()


def test_running_it_again_even_weeks_later_changes_nothing(seeded):
    with time_machine.travel(TODAY + datetime.timedelta(days=40), tick=False):
        demo.seed()
    assert row_counts() == seeded


def test_the_demo_gives_the_analysis_something_to_show(seeded):
    """One seeding (it is slow), checked part by part."""
    check_programmes_courses_sessions_and_places()
    check_the_analysis_shows_real_plausible_figures()
    check_needs_assessments_coverage_and_the_impact_analysis()


def check_programmes_courses_sessions_and_places():
    # Today (30/11/2026) is in 2026/27: last year's and this year's programmes.
    assert list(Programme.objects.order_by("year").values_list("year", flat=True)) == [2025, 2026]
    programme = Programme.objects.get(year=2026)
    assert programme.subgroup.name == "Training"
    assert programme.priorities.exists()
    assert 12 <= Course.objects.count() <= 16
    assert set(Course.objects.values_list("level", flat=True)) == {1, 2, 3}
    assert not Course.objects.filter(outcomes__isnull=True).exists()
    assert 35 <= Session.objects.count() <= 45
    assert Session.objects.filter(starts_at__gt=TODAY).count() >= 8  # upcoming, bookable
    booked = Attendee.objects.filter(status=Attendee.Status.BOOKED)
    assert 400 <= booked.count() <= 600
    assert Attendee.objects.filter(status=Attendee.Status.WAITING).exists()
    assert Attendee.objects.filter(status=Attendee.Status.AWAITING_APPROVAL).exists()
    # Fictional people only, at the reserved .example domains.
    assert not Attendee.objects.exclude(email__endswith=".example").exists()
    assert not Attendee.objects.exclude(manager_email="").exclude(manager_email__endswith=".example").exists()


def check_the_analysis_shows_real_plausible_figures():
    with time_machine.travel(TODAY, tick=False):
        last, this = training_summary(2025), training_summary(2026)
    for figures in (last.overall, this.overall):
        assert 75 <= figures.attendance_rate < 100 and figures.no_shows > 0
        assert 45 <= figures.evaluation_rate <= 80  # about three in five of those who came
        assert 3 <= figures.mean_rating <= 5
        assert figures.confidence_shift > 0
        assert figures.participant_answers > 0 and figures.manager_answers > 0
        assert 0 < figures.agreement_rate <= 100
    assert this.overall.not_marked > 0  # the latest session is not marked yet
    examples = last.impact_examples + this.impact_examples
    assert any(e.themes for e in examples)
    assert any(e.finding for e in examples) and any(e.action for e in examples)
    assert {r.agency_id for r in last.coverage} == set(Agency.objects.values_list("pk", flat=True))
    assert FollowUp.objects.filter(respondent="manager").exists()


def check_needs_assessments_coverage_and_the_impact_analysis():
    assert NeedsAssessment.objects.get(year=2026).needs.count() >= 5
    assert NeedsAssessment.objects.get(year=2027).closes_on > TODAY.date()  # next year's, open now
    assert CoverageReturn.objects.filter(year=2026).exists()
    analysis = ImpactAnalysis.objects.get()
    assert analysis.programme.year == 2025
    source = LearningSource.objects.get(pk=analysis.learning_source_id)
    assert source.findings.count() == 3
    assert source.recommendations.count() == 2
    # The training demo's three actions (the Training subgroup's meetings may agree more on it).
    assert source.action_plan.actions.filter(agreed_in__isnull=True).count() == 3
    assert "places were booked" in analysis.summary


def test_the_neglect_courses_answer_the_child_p_finding(seeded):
    """The demo's training against the learning: the Child P LCSPR's neglect finding, answered by
    the neglect courses, with attendance from the agencies its recommendation names and answers
    three months on; linking again (even weeks later) changes nothing."""
    from partnership.models import User
    from training.analysis.findings import findings_analysis

    with time_machine.travel(TODAY, tick=False):
        bu = User.objects.get(email=demo.BUSINESS_UNIT)
        rows = {row.finding_title: row for row in findings_analysis(2026, user=bu)}
    row = rows[demo.NEGLECT_FINDING]
    assert [c.title for c in row.courses] == ["Recognising and responding to neglect"]  # this year's
    assert {line.label for line in row.named} == set(
        Agency.objects.filter(recommendations__source_id=row.source_id).values_list("name", flat=True)
    )
    assert 0 < row.named_total.attended <= row.named_total.places
    assert row.others.places > 0 and row.responses > 0
    assert len(row.impact_examples) == 2
    with time_machine.travel(TODAY + datetime.timedelta(days=40), tick=False):
        demo.link_findings()
    assert row_counts() == seeded
