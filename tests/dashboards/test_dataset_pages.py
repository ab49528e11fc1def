"""The performance dataset's pages: what readers see, what the business unit changes, the
deep dive's learning panel, and query counts that stay the same however much data there is."""

import datetime
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse

from dashboards.models import DeepDive, Indicator, IndicatorValue
from tests.factories import AgencyFactory, ThemeFactory
from tests.queries import queries_for

from .factories import DeepDiveFactory, IndicatorFactory, IndicatorValueFactory

pytestmark = pytest.mark.django_db
TODAY = datetime.datetime(2026, 11, 30, 12, tzinfo=datetime.UTC)
STARTS = [
    datetime.date(y, m, 1) for y, m in [(2025, 4), (2025, 7), (2025, 10), (2026, 1), (2026, 4), (2026, 7)]
]


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(TODAY, tick=False):
        yield


def make_dataset(count: int, *, theme=None):
    """`count` quarterly indicators, each with six quarters of values and comparators."""
    agency = AgencyFactory()
    made = []
    for n in range(count):
        indicator = IndicatorFactory(source_agency=agency if n % 2 else None, target=Decimal("80"))
        if theme:
            indicator.themes.add(theme)
        for i, start in enumerate(STARTS):
            IndicatorValueFactory(indicator=indicator, period_start=start, value=Decimal(70 + i * 2 + n % 3),
                                  national=Decimal("78"), statistical_neighbours=Decimal("79"))  # fmt: skip
        made.append(indicator)
    return made


@pytest.mark.parametrize(
    "url_name", ["dashboards:dataset", "dashboards:indicator-list", "dashboards:deep-dive-list"]
)
def test_query_counts_do_not_grow_with_the_data(world, client_for, url_name):
    client = client_for(world.partnership_lead)
    url = reverse(url_name)
    make_dataset(2, theme=ThemeFactory())
    DeepDiveFactory().indicators.set(Indicator.objects.all()[:1])
    small = queries_for(client, url)
    make_dataset(12, theme=ThemeFactory())
    for _ in range(5):
        DeepDiveFactory(subgroup=world.subgroup).indicators.set(Indicator.objects.all()[:3])
    assert queries_for(client, url) == small
    assert queries_for(client, url + "?rag=red&sort=-target") <= small + 3


def test_the_dataset_page_shows_quarters_values_and_rag(world, client_for):
    neglect = ThemeFactory()
    good, poor = make_dataset(2, theme=neglect)
    good.target, good.higher_is_better = Decimal("80"), True
    good.save()
    IndicatorValue.objects.filter(indicator=good, period_start=STARTS[-1]).update(value=Decimal("85"))
    IndicatorValue.objects.filter(indicator=poor, period_start=STARTS[-1]).update(value=Decimal("60"))
    other = IndicatorFactory(title="Exclusions per 10,000", unit="rate_10k")
    response = client_for(world.lay_member).get(reverse("dashboards:dataset"))
    page = response.content.decode()
    for label in ["Q1 2025/26", "Q2 2025/26", "Q3 2025/26", "Q4 2025/26", "Q1 2026/27", "Q2 2026/27"]:
        assert f">{label}</th>" in page
    assert "Q4 2024/25" not in page and "Q3 2026/27" not in page  # the current quarter is not over
    row = response.context["grid"].rows[0]
    assert row.indicator == good and row.latest.value == Decimal("85") and row.latest_rag == "green"
    assert response.context["grid"].rows[1].latest_rag == "red"
    assert response.context["rag_counts"] == {"green": 1, "red": 1, "grey": 1}
    assert 'role="img"' in page and "Show the figures as a table" in page
    # Four quarters, and only the indicators of a theme.
    response = client_for(world.lay_member).get(
        reverse("dashboards:dataset") + f"?theme={neglect.pk}&quarters=4"
    )
    assert response.context["grid"].labels == ["Q3 2025/26", "Q4 2025/26", "Q1 2026/27", "Q2 2026/27"]
    assert other not in [r.indicator for r in response.context["grid"].rows]


def test_annual_and_monthly_indicators_fill_the_quarters_they_cover(world, client_for):
    annual = IndicatorFactory(frequency="annual")
    IndicatorValueFactory(indicator=annual, period_start=datetime.date(2025, 4, 1), value=50)
    monthly = IndicatorFactory(frequency="monthly", unit="count")
    IndicatorValueFactory(indicator=monthly, period_start=datetime.date(2026, 9, 1), value=131)
    IndicatorValueFactory(indicator=monthly, period_start=datetime.date(2026, 8, 1), value=999)
    IndicatorValueFactory(
        indicator=monthly, period_start=datetime.date(2026, 10, 1), value=77
    )  # Q3: not over
    grid = client_for(world.business_unit).get(reverse("dashboards:dataset") + "?quarters=6").context["grid"]
    rows = {r.indicator: [c.value if c else None for c in r.cells] for r in grid.rows}
    # 2025/26's annual value covers its four quarters; September is the last month of Q2.
    assert grid.labels[-1] == "Q2 2026/27"  # the latest quarter with a value, not the current one
    assert grid.labels[0] == "Q1 2025/26"
    assert rows[annual] == [50, 50, 50, 50, None, None]
    assert rows[monthly] == [None, None, None, None, None, 131]


def test_indicator_page_has_the_trend_chart_with_target_and_comparators(world, client_for):
    (indicator,) = make_dataset(1)
    response = client_for(world.other_agency_lead).get(indicator.get_absolute_url())
    assert response.status_code == 200
    chart = response.context["chart"]
    assert chart.columns == ["Period", "This partnership", "England", "Statistical neighbours", "Target"]
    assert len(chart.rows) == 6 and chart.rows[-1][0] == "Q2 2026/27"
    page = response.content.decode()
    assert "Target: 80%" in page and "Add a value" not in page


def test_the_indicator_list_filters_by_rag_and_exports_what_it_shows(world, client_for):
    theme = ThemeFactory()
    red = IndicatorFactory(code="RED1", target=Decimal("90"))
    IndicatorValueFactory(indicator=red, value=Decimal("50"))
    green = IndicatorFactory(code="GRN1", target=Decimal("50"))
    green.themes.add(theme)
    IndicatorValueFactory(indicator=green, value=Decimal("60"))
    IndicatorFactory(code="OLD1", active=False)
    client = client_for(world.subgroup_member)
    response = client.get(reverse("dashboards:indicator-list"))
    assert [i.code for i in response.context["indicators"]] == ["GRN1", "RED1"]
    response = client.get(reverse("dashboards:indicator-list") + "?rag=red")
    assert [i.code for i in response.context["indicators"]] == ["RED1"]
    response = client.get(reverse("dashboards:indicator-list") + f"?theme={theme.pk}")
    assert [i.code for i in response.context["indicators"]] == ["GRN1"]
    response = client.get(reverse("dashboards:indicator-list") + "?show=all&sort=-code")
    assert [i.code for i in response.context["indicators"]] == ["RED1", "OLD1", "GRN1"]
    export = client.get(reverse("dashboards:indicator-export") + "?rag=red").content.decode("utf-8-sig")
    lines = export.strip().splitlines()
    assert lines[0].startswith("Code,Title") and len(lines) == 2 and lines[1].startswith("RED1,")
    assert lines[1].endswith(",Red")


def test_the_business_unit_adds_an_indicator_and_its_values(world, client_for):
    client = client_for(world.business_unit)
    response = client.post(reverse("dashboards:indicator-create"), {
        "code": "csc07", "title": "Strategy discussions within one working day", "unit": "percentage",
        "frequency": "quarterly", "higher_is_better": "True", "target": "95", "active": "on",
    })  # fmt: skip
    indicator = Indicator.objects.get()
    assert response.status_code == 302 and indicator.code == "CSC07" and indicator.higher_is_better
    add = reverse("dashboards:value-create", args=[indicator.pk])
    assert '<option value="2026-10-01">Q3 2026/27</option>' in client.get(add).content.decode()
    response = client.post(add, {"period_start": "2026-07-01", "value": "101", "national": ""})
    assert response.status_code == 200 and "cannot be more than 100" in response.content.decode()
    response = client.post(add, {"period_start": "2026-07-01", "value": "84.7", "note": "Provisional"})
    assert response.status_code == 302
    value = IndicatorValue.objects.get()
    assert (value.period_label, value.value, value.rag) == ("Q2 2026/27", Decimal("84.7"), "red")
    response = client.post(add, {"period_start": "2026-07-01", "value": "80"})
    assert "already a value for Q2 2026/27" in response.content.decode()
    edit = reverse("dashboards:value-edit", args=[value.pk])
    client.post(edit, {"period_start": "2026-07-01", "value": "94"})
    value.refresh_from_db()
    assert value.value == Decimal("94") and value.rag == "amber"
    delete = reverse("dashboards:value-delete", args=[value.pk])
    assert "Delete the value for Q2 2026/27?" in client.get(delete).content.decode()
    assert IndicatorValue.objects.exists()
    assert client.post(delete).status_code == 302
    assert not IndicatorValue.objects.exists()


def test_a_deep_dive_is_a_source_of_learning_with_its_panel(world, client_for):
    indicator = IndicatorFactory(code="CSC04")
    response = client_for(world.business_unit).post(reverse("dashboards:deep-dive-create"), {
        "title": "Repeat child protection plans", "date": "15/10/2026", "subgroup": world.subgroup.pk,
        "indicators": [indicator.pk], "scope": "24 children", "findings_summary": "Plans ended too soon.",
    })  # fmt: skip
    assert response.status_code == 302
    dive = DeepDive.objects.get()
    assert dive.learning_source.kind == "deep_dive" and dive.learning_source.subgroup == world.subgroup
    assert list(dive.indicators.all()) == [indicator]
    # The chair of its subgroup adds findings through the learning chain; the dive links back.
    page = client_for(world.subgroup_chair).get(dive.get_absolute_url()).content.decode()
    assert reverse("partnership:finding-create", args=[dive.learning_source.pk]) in page
    assert "Start the action plan" in page and "CSC04" in page
    page = client_for(world.agency_lead).get(dive.get_absolute_url()).content.decode()
    assert "Plans ended too soon." in page and "Add a finding" not in page
    assert (
        dive.get_absolute_url()
        in client_for(world.agency_lead).get(indicator.get_absolute_url()).content.decode()
    )


def test_the_navigation_offers_performance_data_to_people_with_a_role(world, client_for):
    url = reverse("dashboards:dataset")
    assert url in client_for(world.peer_challenger).get(reverse("partnership:home")).content.decode()
    assert url not in client_for(world.no_role).get(reverse("partnership:home")).content.decode()


def test_the_demo_dataset_seeds_once(db):
    from django.apps import apps

    from dashboards import demo as dataset_demo
    from partnership import demo

    demo.seed()
    dataset_demo.seed()
    counts = {m._meta.label: m.objects.count() for m in apps.get_app_config("dashboards").get_models()}
    dataset_demo.seed()
    assert counts == {
        m._meta.label: m.objects.count() for m in apps.get_app_config("dashboards").get_models()
    }
    assert Indicator.objects.count() == 16
    assert IndicatorValue.objects.filter(indicator__code="CSC04").count() == 8
    assert IndicatorValue.objects.filter(indicator__code="MIS01").count() == 24
    dive = DeepDive.objects.get()
    assert dive.learning_source.action_plan.actions.count() == 4
    assert dive.learning_source.findings.count() == 4
    rags = {
        i.code: i.rag_for(i.values.order_by("period_start").last().value) for i in Indicator.objects.all()
    }
    assert {"red", "amber", "green", "grey"} <= set(rags.values())
