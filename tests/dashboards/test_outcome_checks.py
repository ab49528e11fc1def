"""The dataset behind intended outcomes (OUTCOME_INDICATORS): an outcome measured on an
indicator is offered the dataset's indicators, its check reads the value at the check date and
suggests the result against the target, and a "not sustained" result shows in the theme matrix
as a lesson that came back (hand-counted)."""

import datetime
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse

from dashboards.overview import themes
from partnership.models import Finding, IntendedOutcome, LearningSource, OutcomeResult, SourceKind, Theme
from partnership.services import outcomes as services

from ..factories import FindingFactory
from .factories import IndicatorFactory, IndicatorValueFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2027, 1, 20)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(datetime.datetime(2027, 1, 20, 10, 0), tick=False):
        yield


@pytest.fixture
def indicator():
    indicator = IndicatorFactory(code="CSC07", title="Re-referrals within 12 months", higher_is_better=False)
    # Quarterly values: a check on 15 January 2027 reads October to December 2026 (27.5), the
    # latest period started by then; April to June 2027 had not started.
    IndicatorValueFactory(indicator=indicator, period_start=datetime.date(2026, 7, 1), value=Decimal("24"))
    IndicatorValueFactory(indicator=indicator, period_start=datetime.date(2026, 10, 1), value=Decimal("27.5"))
    IndicatorValueFactory(indicator=indicator, period_start=datetime.date(2027, 4, 1), value=Decimal("18"))
    return indicator


@pytest.fixture
def source(world):
    return LearningSource.objects.create(
        kind=SourceKind.AUDIT,
        title="Re-referrals audit",
        date=datetime.date(2025, 6, 1),
        subgroup=world.subgroup,
    )


def test_the_outcome_form_offers_the_datasets_indicators(client_for, world, source, indicator):
    client = client_for(world.business_unit)
    url = reverse("partnership:outcome-create", args=[source.pk])
    assert "CSC07 Re-referrals within 12 months" in client.get(url).content.decode()
    response = client.post(
        url,
        {"outcome": "Fewer children re-referred within a year", "measure_kind": "indicator",
         "indicator_code": "CSC07", "target": "22", "higher_is_better": "False", "baseline": "30"},
    )  # fmt: skip
    assert response.status_code == 302
    outcome = IntendedOutcome.objects.get()
    assert (outcome.indicator_code, outcome.target, outcome.higher_is_better) == ("CSC07", 22, False)
    assert outcome.indicator_label == "CSC07 Re-referrals within 12 months"
    assert outcome.measure_display() == "CSC07 Re-referrals within 12 months: target 22 or less"


def test_the_check_prefills_the_value_at_the_check_date_and_suggests_the_result(
    client_for, world, source, indicator
):
    outcome = IntendedOutcome.objects.create(
        source=source, outcome="Fewer re-referrals", measure_kind="indicator", indicator_code="CSC07",
        indicator_label=str(indicator), target=Decimal("22"), higher_is_better=False, baseline=Decimal("30"),
        check_on=datetime.date(2027, 1, 15), scheduled_on=datetime.date(2026, 7, 15),
    )  # fmt: skip
    page = client_for(world.business_unit).get(reverse("partnership:outcome-check", args=[outcome.pk]))
    body = page.content.decode()
    # 27.5 on 15 January 2027 (October to December 2026): short of 22 or less, better than 30.
    assert "On 15 January 2027 the dataset shows <strong>27.5</strong>" in body
    assert "Suggested result: <strong>Partly sustained</strong>" in body
    assert 'value="27.50"' in body
    assert 'value="partly" checked' in body
    suggestion = services.outcome_suggestion(outcome, datetime.date(2026, 9, 30))
    assert suggestion.reading.value == Decimal("24") and suggestion.result == OutcomeResult.PARTLY


def test_a_lesson_not_sustained_shows_in_the_theme_matrix(client_for, world, source, indicator):
    """Hand count: the audit (2025/26) has F1 (Neglect) and F2 (Neglect, Supervision). Its
    outcome answers F1; checked not sustained, it opens F3 on the same source with F1's theme
    (Neglect). Neglect: 3 findings (F1, F2, F3), 1 not sustained; Supervision: 1, 0."""
    neglect, supervision = Theme.objects.get(name="Neglect"), Theme.objects.get(name="Supervision")
    f1 = FindingFactory(source=source, title="F1")
    f1.themes.set([neglect])
    FindingFactory(source=source, title="F2").themes.set([neglect, supervision])
    outcome = IntendedOutcome.objects.create(
        source=source, outcome="Fewer re-referrals", measure_kind="indicator", indicator_code="CSC07",
        indicator_label=str(indicator), target=Decimal("22"), higher_is_better=False,
        check_on=datetime.date(2027, 1, 15), scheduled_on=datetime.date(2026, 7, 15),
    )  # fmt: skip
    outcome.findings.set([f1])
    client_for(world.business_unit).post(
        reverse("partnership:outcome-check", args=[outcome.pk]),
        {"result": "not_sustained", "value": "27.5", "evidence": "27.5% re-referred; target 22%.",
         "checked_on_day": "20", "checked_on_month": "1", "checked_on_year": "2027"},
    )  # fmt: skip
    outcome.refresh_from_db()
    assert outcome.result == OutcomeResult.NOT_SUSTAINED and outcome.result_value == Decimal("27.5")
    assert list(Finding.objects.get(recurring=True).themes.all()) == [neglect]
    rows = {row.theme.name: row for row in themes.theme_matrix(world.business_unit).rows}
    assert (rows["Neglect"].findings, rows["Neglect"].not_sustained) == (3, 1)
    assert (rows["Supervision"].findings, rows["Supervision"].not_sustained) == (1, 0)
    page = client_for(world.business_unit).get(reverse("dashboards:themes")).content.decode()
    assert page.count("Came back after action") == 1
