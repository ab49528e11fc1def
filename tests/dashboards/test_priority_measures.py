"""A priority's measures: the business unit adds, changes and removes them (after a
confirmation) from the priority's page; whether a measure is met is the dataset's RAG rule."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from dashboards.models import PriorityMeasure
from dashboards.rag import DatasetRag
from dashboards.services.priorities import priority_measure_save
from partnership.services import DomainError
from tests.dashboards.factories import IndicatorFactory
from tests.factories import PriorityFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "higher_is_better, target, value, expected",
    [
        (True, None, "80", DatasetRag.GREEN),  # the indicator's own target, 80
        (True, "90", "85", DatasetRag.AMBER),
        (True, "90", "50", DatasetRag.RED),
        (False, "20", "18", DatasetRag.GREEN),
        (False, "20", "30", DatasetRag.RED),
    ],
)
def test_a_measure_is_met_by_the_dataset_rule(higher_is_better, target, value, expected):
    indicator = IndicatorFactory(target=Decimal("80"), higher_is_better=higher_is_better)
    measure = PriorityMeasure(
        priority=PriorityFactory(), description="x", indicator=indicator, target=target and Decimal(target)
    )
    assert measure.rag_for(Decimal(value)) == expected


def test_a_measure_without_an_indicator_has_nothing_to_judge():
    measure = PriorityMeasure(priority=PriorityFactory(), description="Children say they were heard")
    assert measure.rag_for(Decimal("1")) == DatasetRag.GREY


def test_the_business_unit_adds_changes_and_removes_a_measure(world, client_for):
    priority = PriorityFactory(title="Neglect")
    indicator = IndicatorFactory(title="Visits on time")
    client = client_for(world.business_unit)
    response = client.post(
        reverse("dashboards:priority-measure-create", args=[priority.pk]),
        {
            "description": "More visits on time",
            "indicator": indicator.pk,
            "target": "85",
            "target_date_day": "31",
            "target_date_month": "3",
            "target_date_year": "2027",
        },
    )
    assert response.status_code == 302
    measure = PriorityMeasure.objects.get()
    assert (measure.target, measure.target_date) == (Decimal("85"), datetime.date(2027, 3, 31))
    assert "More visits on time" in client.get(priority.get_absolute_url()).content.decode()

    edit_url = reverse("dashboards:priority-measure-edit", args=[measure.pk])
    client.post(edit_url, {"description": "Visits within ten days", "indicator": indicator.pk})
    measure.refresh_from_db()
    assert measure.description == "Visits within ten days" and measure.target is None

    delete_url = reverse("dashboards:priority-measure-delete", args=[measure.pk])
    confirm = client.get(delete_url)
    assert "Remove this measure?" in confirm.content.decode()
    assert PriorityMeasure.objects.exists()
    client.post(delete_url)
    assert not PriorityMeasure.objects.exists()
    assert PriorityMeasure.history.count() == 3  # added, changed, removed


def test_a_target_needs_an_indicator_and_the_form_keeps_what_was_typed(world, client_for):
    priority = PriorityFactory()
    response = client_for(world.business_unit).post(
        reverse("dashboards:priority-measure-create", args=[priority.pk]),
        {"description": "Fewer repeat plans", "target": "18"},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Choose the indicator the target is for" in page
    assert "Fewer repeat plans" in page and 'value="18"' in page
    assert not PriorityMeasure.objects.exists()


def test_only_the_business_unit_changes_measures(world):
    measure = PriorityMeasure(priority=PriorityFactory(), description="x")
    with pytest.raises(DomainError):
        priority_measure_save(measure=measure, actor=world.subgroup_chair)
    assert not PriorityMeasure.objects.exists()


def test_measure_values_are_shown_only_to_those_who_read_the_dataset(world, client_for):
    from tests.dashboards.factories import IndicatorValueFactory

    priority = PriorityFactory()
    indicator = IndicatorFactory(title="Visits on time", target=Decimal("80"))
    IndicatorValueFactory(indicator=indicator, value=Decimal("85"))
    PriorityMeasure.objects.create(priority=priority, description="More visits on time", indicator=indicator)

    assert "Latest 85%" in client_for(world.agency_lead).get(priority.get_absolute_url()).content.decode()
    page = client_for(world.no_role).get(priority.get_absolute_url()).content.decode()
    assert "More visits on time" in page
    assert "Latest 85%" not in page


def test_a_deep_dives_learning_is_linked_to_priorities_from_its_form(world, client_for):
    from dashboards.models import DeepDive
    from tests.dashboards.factories import DeepDiveFactory

    priority = PriorityFactory(title="Neglect")
    dive = DeepDiveFactory(title="Repeat child protection plans", subgroup=world.subgroup)
    client = client_for(world.business_unit)
    url = reverse("dashboards:deep-dive-edit", args=[dive.pk])
    assert "Neglect (2026/27)" in client.get(url).content.decode()
    response = client.post(
        url,
        {
            "title": dive.title,
            "date_day": str(dive.date.day),
            "date_month": str(dive.date.month),
            "date_year": str(dive.date.year),
            "subgroup": world.subgroup.pk,
            "scope": "The 24 children on a second plan.",
            "priorities": [priority.pk],
        },
    )
    assert response.status_code == 302, response.content.decode()
    dive = DeepDive.objects.get(pk=dive.pk)
    assert list(dive.learning_source.priorities.all()) == [priority]
    assert "Neglect (2026/27)" in client.get(dive.get_absolute_url()).content.decode()
    assert "Repeat child protection plans" in client.get(priority.get_absolute_url()).content.decode()
