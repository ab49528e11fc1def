"""The dataset's rules: RAG against target at its boundaries, reporting periods, and the
services' checks (who may, one value a period, a percentage at most 100)."""

import datetime
from decimal import Decimal

import pytest

from dashboards import periods
from dashboards.models import Indicator, IndicatorValue
from dashboards.rag import DatasetRag, dataset_rag
from dashboards.services.dataset import indicator_save, indicator_value_delete, indicator_value_save
from partnership.services import DomainError

from .factories import IndicatorFactory, IndicatorValueFactory

D = Decimal


# --- RAG -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (D("90"), DatasetRag.GREEN),  # on target
        (D("95"), DatasetRag.GREEN),  # better
        (D("89.99"), DatasetRag.AMBER),  # just short
        (D("81"), DatasetRag.AMBER),  # exactly 10% of the target short
        (D("80.99"), DatasetRag.RED),  # just past the tolerance
        (D("0"), DatasetRag.RED),
    ],
)
def test_rag_when_higher_is_better(value, expected, settings):
    settings.DATASET_AMBER_TOLERANCE_PERCENT = 10
    assert dataset_rag(value, D("90"), higher_is_better=True) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (D("20"), DatasetRag.GREEN),
        (D("15"), DatasetRag.GREEN),
        (D("20.01"), DatasetRag.AMBER),
        (D("22"), DatasetRag.AMBER),  # exactly 10% of 20 over
        (D("22.01"), DatasetRag.RED),
    ],
)
def test_rag_when_lower_is_better(value, expected, settings):
    settings.DATASET_AMBER_TOLERANCE_PERCENT = 10
    assert dataset_rag(value, D("20"), higher_is_better=False) == expected


def test_rag_is_grey_without_a_target_or_a_value():
    assert dataset_rag(None, D("20"), higher_is_better=True) == DatasetRag.GREY
    assert dataset_rag(D("20"), None, higher_is_better=False) == DatasetRag.GREY


def test_the_tolerance_is_a_setting(settings):
    settings.DATASET_AMBER_TOLERANCE_PERCENT = 10
    assert dataset_rag(D("85"), D("90"), higher_is_better=True) == DatasetRag.AMBER  # 5 short of 9
    settings.DATASET_AMBER_TOLERANCE_PERCENT = 5
    assert dataset_rag(D("85"), D("90"), higher_is_better=True) == DatasetRag.RED  # 5 short of 4.5
    assert dataset_rag(D("85.5"), D("90"), higher_is_better=True) == DatasetRag.AMBER
    assert dataset_rag(D("85"), D("90"), higher_is_better=True, tolerance_percent=20) == DatasetRag.AMBER


def test_a_zero_target_has_no_amber():
    assert dataset_rag(D("0"), D("0"), higher_is_better=False) == DatasetRag.GREEN
    assert dataset_rag(D("0.01"), D("0"), higher_is_better=False) == DatasetRag.RED


# --- periods ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "frequency", "label"),
    [
        (datetime.date(2026, 4, 1), "quarterly", "Q1 2026/27"),
        (datetime.date(2026, 7, 1), "quarterly", "Q2 2026/27"),
        (datetime.date(2026, 10, 1), "quarterly", "Q3 2026/27"),
        (datetime.date(2027, 1, 1), "quarterly", "Q4 2026/27"),
        (datetime.date(2026, 7, 1), "monthly", "July 2026"),
        (datetime.date(2026, 4, 1), "annual", "2026/27"),
        (datetime.date(2027, 1, 1), "annual", "2026/27"),
    ],
)
def test_period_labels_follow_the_partnership_year(start, frequency, label):
    assert periods.period_label(periods.period_start(start, frequency), frequency) == label


def test_period_starts(settings):
    assert periods.period_start(datetime.date(2026, 8, 17), "quarterly") == datetime.date(2026, 7, 1)
    assert periods.period_start(datetime.date(2027, 3, 31), "quarterly") == datetime.date(2027, 1, 1)
    assert periods.period_start(datetime.date(2027, 3, 31), "annual") == datetime.date(2026, 4, 1)
    assert periods.is_period_start(datetime.date(2026, 10, 1), "quarterly")
    assert not periods.is_period_start(datetime.date(2026, 11, 1), "quarterly")
    assert periods.quarters_ending(datetime.date(2026, 11, 30), 3) == [
        datetime.date(2026, 4, 1),
        datetime.date(2026, 7, 1),
        datetime.date(2026, 10, 1),
    ]
    settings.REPORTING_YEAR_START_MONTH = 1
    assert periods.period_label(datetime.date(2026, 4, 1), "quarterly") == "Q2 2026"


# --- services --------------------------------------------------------------------------------


def test_only_the_business_unit_changes_the_dataset(world):
    indicator = IndicatorFactory()
    for person in (world.partnership_lead, world.subgroup_chair, world.agency_lead):
        with pytest.raises(DomainError):
            indicator_save(indicator=indicator, actor=person)
        with pytest.raises(DomainError):
            indicator_value_save(
                value=IndicatorValue(indicator=indicator, period_start=datetime.date(2026, 4, 1), value=1),
                actor=person,
            )


def test_indicator_codes_are_unique_whatever_their_case(world):
    IndicatorFactory(code="CSC01")
    with pytest.raises(DomainError) as error:
        indicator_save(
            indicator=Indicator(code=" csc01 ", title="Copy", unit="count", frequency="quarterly"),
            actor=world.business_unit,
        )
    assert error.value.field == "code"


def test_a_value_starts_its_period_and_a_percentage_is_at_most_100(world):
    indicator = IndicatorFactory(unit=Indicator.Unit.PERCENTAGE)
    with pytest.raises(DomainError) as error:
        indicator_value_save(
            value=IndicatorValue(indicator=indicator, period_start=datetime.date(2026, 5, 1), value=1),
            actor=world.business_unit,
        )
    assert error.value.field == "period_start"
    with pytest.raises(DomainError) as error:
        indicator_value_save(
            value=IndicatorValue(
                indicator=indicator,
                period_start=datetime.date(2026, 4, 1),
                value=D("99"),
                national=D("100.5"),
            ),
            actor=world.business_unit,
        )
    assert error.value.field == "national"


def test_one_value_a_period_and_history_names_who(world):
    value = IndicatorValueFactory()
    with pytest.raises(DomainError, match="already a value for Q1 2026/27"):
        indicator_value_save(
            value=IndicatorValue(indicator=value.indicator, period_start=value.period_start, value=3),
            actor=world.business_unit,
        )
    value.value = D("76.5")
    indicator_value_save(value=value, actor=world.business_unit)
    assert value.history.first().history_user == world.business_unit
    indicator_value_delete(value=value, actor=world.business_unit)
    assert not IndicatorValue.objects.exists()
    assert IndicatorValue.history.filter(history_type="-").get().history_user == world.business_unit


def test_frequency_cannot_change_once_there_are_values(world):
    value = IndicatorValueFactory()
    indicator = value.indicator
    indicator.frequency = Indicator.Frequency.MONTHLY
    with pytest.raises(DomainError) as error:
        indicator_save(indicator=indicator, actor=world.business_unit)
    assert error.value.field == "frequency"
