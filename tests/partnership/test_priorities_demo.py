"""The demo shows a full year of priorities with a plan (a second run changing nothing is
tested for the whole demo in test_seed_demo.py)."""

import pytest
from django.core.management import call_command
from django.utils import timezone

from audits.models import MultiAgencyAudit
from dashboards.models import PriorityMeasure
from partnership.demo_priorities import demo_year
from partnership.models import (
    Action,
    ActionStatus,
    Briefing,
    LearningSource,
    Priority,
    PriorityAssessment,
    SourceKind,
)
from training.models import Course

pytestmark = pytest.mark.django_db


def test_the_demo_years_priorities_have_plans_measures_links_a_business_plan_and_progress():
    call_command("seed_demo")
    year = demo_year()
    priorities = list(Priority.objects.filter(year=year))
    assert priorities
    for priority in priorities:
        assert priority.outcome and priority.owner is not None, priority
        assert 1 <= PriorityMeasure.objects.filter(priority=priority).count() <= 3, priority

    in_year = {"priorities__year": year}
    assert LearningSource.objects.filter(**in_year).exclude(kind=SourceKind.BUSINESS_PLAN).exists()
    assert Action.objects.filter(**in_year).exclude(plan__source__kind=SourceKind.BUSINESS_PLAN).exists()
    assert MultiAgencyAudit.objects.filter(**in_year).exists()
    assert Course.objects.filter(**in_year).exists()
    assert Briefing.objects.filter(**in_year).exists()

    business_plan = LearningSource.objects.get(kind=SourceKind.BUSINESS_PLAN)
    actions = Action.objects.filter(plan__source=business_plan)
    assert actions.count() >= 5
    assert all(a.priorities.exists() for a in actions)
    assert actions.filter(status=ActionStatus.COMPLETE).exists()
    assert actions.overdue(timezone.localdate()).exists()

    assert set(PriorityAssessment.objects.values_list("rating", flat=True)) == {
        "on_track",
        "some_progress",
        "little_progress",
    }
