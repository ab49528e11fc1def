"""`seed_scale` builds the large synthetic partnership in proportion to --scale, once."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from audits.models import Answer, Return, Round, SingleAgencyAudit
from dashboards.models import Indicator, IndicatorValue
from governance.models import AgendaItem, Attendance, Meeting
from partnership.models import (
    Action,
    ActionPlan,
    ActionUpdate,
    Agency,
    Consultation,
    LearningSource,
    Subgroup,
)
from reviews.models import Review
from training.models import Attendee, Evaluation, Session

pytestmark = pytest.mark.django_db


def seed(**options) -> str:
    out = StringIO()
    call_command("seed_scale", stdout=out, **options)
    return out.getvalue()


def counts() -> dict:
    models = [Agency, Consultation, Review, Round, SingleAgencyAudit, ActionPlan, Action, ActionUpdate, Return,
              Session, Attendee, Evaluation, Indicator, IndicatorValue, LearningSource, Meeting]  # fmt: skip
    return {m.__name__: m.objects.count() for m in models}


def test_counts_follow_the_scale_and_a_second_run_changes_nothing():
    seed(scale=0.01)
    c = counts()
    # 1% of 500 consultations, 300 reviews and 1,197 audits, and all 3 Section 11 rounds.
    assert (c["Consultation"], c["Review"], c["SingleAgencyAudit"], c["Round"]) == (5, 3, 12, 3)
    assert c["ActionPlan"] == 5 + 3 + 12 + 3
    assert c["Action"] == 10 * c["ActionPlan"]
    assert c["ActionUpdate"] == 3 * c["Action"]
    assert c["Agency"] == 3  # never fewer than three
    assert c["Return"] == 3 * c["Agency"]  # a return from every agency in every round
    assert c["Session"] == 50 and c["Attendee"] == 50 * 20
    assert 0 < c["Evaluation"] < c["Attendee"]
    assert c["IndicatorValue"] == 20 * c["Indicator"]
    # Every source of learning has its anchor, and every anchor its source.
    assert c["LearningSource"] == c["Consultation"] + c["Review"] + c["SingleAgencyAudit"] + c["Round"] + 1
    assert all(
        r.learning_source.kind == "case_review" for r in Review.objects.select_related("learning_source")
    )
    assert Answer.objects.exists()
    # Meetings: the executive and each subgroup, at least one held and the next one planned.
    subgroups = Subgroup.objects.filter(name__startswith="Scale ")
    assert c["Meeting"] == 3 * (1 + subgroups.count())
    for subgroup in subgroups:
        assert Meeting.objects.filter(subgroup=subgroup, status=Meeting.Status.PLANNED).count() == 1, subgroup
    assert Attendance.objects.exists() and AgendaItem.objects.count() == 5 * c["Meeting"]

    assert "already seeded" in seed(scale=0.01)
    assert counts() == c


def test_refuses_a_database_holding_another_partnership_unless_forced():
    Agency.objects.create(name="Northbrook Police", sector=Agency.Sector.POLICE)
    with pytest.raises(CommandError, match="already holds a partnership"):
        seed(scale=0.01)
    assert not Consultation.objects.exists()
    seed(scale=0.01, force=True)
    assert Consultation.objects.count() == 5


def test_refuses_production(monkeypatch):
    monkeypatch.setattr("partnership.management.commands.seed_scale.IS_PRODUCTION", True)
    with pytest.raises(CommandError, match="never in production"):
        seed(scale=0.01)
    assert not Agency.objects.exists()
