"""Training impact analyses: a source of learning with its findings, recommendations and action
plan through the core's learning chain, and the programme year's key figures on its page."""

import datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils.html import escape

from partnership.models import Finding, SourceKind
from partnership.services import DomainError
from tests.factories import ActionPlanFactory, FindingFactory, RecommendationFactory
from tests.queries import capturing
from tests.training.test_analysis_figures import NOW, add_more, build_data
from training.models import ImpactAnalysis, Programme
from training.services.analysis import impact_analysis_save

pytestmark = pytest.mark.django_db

LIST = reverse("training:analysis-list")
CREATE = reverse("training:analysis-create")


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def make_analysis(world, year=2026, title="Impact of the 2026/27 training programme", **kw) -> ImpactAnalysis:
    programme = Programme.objects.get(year=year)
    return impact_analysis_save(
        analysis=ImpactAnalysis(
            programme=programme, title=title, reported_on=datetime.date(2027, 3, 15), **kw
        ),
        actor=world.business_unit,
    )


def form_data(programme, **overrides) -> dict:
    return {
        "programme": programme.pk,
        "title": "Impact of the 2026/27 training programme",
        "reported_on": "15/3/2027",
        "summary": "Most participants and managers report changed practice.",
        **overrides,
    }


def test_the_business_unit_records_an_analysis_as_a_source_of_learning(world, client_for):
    build_data(world)
    programme = Programme.objects.get(year=2026)
    programme.subgroup = world.other_subgroup
    programme.save()
    response = client_for(world.business_unit).post(CREATE, form_data(programme))
    analysis = ImpactAnalysis.objects.get()
    assert response.status_code == 302
    assert response["Location"] == analysis.get_absolute_url()
    source = analysis.learning_source
    assert (source.kind, source.title, source.date) == (
        SourceKind.TRAINING_IMPACT, "Impact of the 2026/27 training programme", datetime.date(2027, 3, 15)
    )  # fmt: skip
    assert source.subgroup == world.other_subgroup  # the Training subgroup oversees its learning
    assert source.get_absolute_url() == analysis.get_absolute_url()
    assert analysis.history.first().history_user == world.business_unit


def test_the_form_keeps_what_was_typed_and_says_what_is_wrong(world, client_for):
    build_data(world)
    programme = Programme.objects.get(year=2026)
    client = client_for(world.business_unit)
    response = client.post(CREATE, form_data(programme, reported_on="15/3/2025", title="Too early"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page
    assert "The report date must be in or after the programme" in page
    assert 'value="Too early"' in page
    response = client.post(CREATE, form_data(programme, title="", reported_on="31/2/2027"))
    page = response.content.decode()
    assert escape("Enter the analysis's title") in page
    assert "Enter the date reported as a real date" in page
    assert not ImpactAnalysis.objects.exists()


def test_only_the_business_unit_records_and_changes_them(world, client_for):
    build_data(world)
    analysis = make_analysis(world)
    programme = analysis.programme
    edit = reverse("training:analysis-edit", args=[analysis.pk])
    for role in ("partnership_lead", "agency_lead"):
        client = client_for(world.person(role))
        assert client.get(CREATE).status_code == 403
        assert client.post(CREATE, form_data(programme)).status_code == 403
        assert client.post(edit, form_data(programme, title="Changed")).status_code == 403
    with pytest.raises(DomainError):
        impact_analysis_save(analysis=analysis, actor=world.agency_lead)
    response = client_for(world.business_unit).post(edit, form_data(programme, title="Changed"))
    assert response.status_code == 302
    analysis.refresh_from_db()
    assert (analysis.title, analysis.learning_source.title) == ("Changed", "Changed")


def test_its_page_shows_the_years_key_figures_and_the_learning_panel(world, client_for):
    build_data(world)
    analysis = make_analysis(world)
    Finding.objects.create(source=analysis.learning_source, kind="improvement", title="Few managers answer")
    RecommendationFactory(source=analysis.learning_source, reference="1", text="Remind managers at booking.")
    url = analysis.get_absolute_url()
    response = client_for(world.business_unit).get(url)
    assert response.status_code == 200
    page = response.content.decode()
    # Key figures for 2026/27: 7 / 9 = 77.8% attendance; agreement 2 / 3 = 66.7%.
    assert "77.8%" in page and "66.7%" in page
    assert "Few managers answer" in page
    assert "Remind managers at booking." in page
    assert reverse("partnership:finding-create", args=[analysis.learning_source.pk]) in page
    assert response.context["summary"].overall.places_booked == 10


def test_an_agency_lead_reads_it_with_their_own_agencys_figures_only(world, client_for):
    d = build_data(world)
    analysis = make_analysis(world)
    response = client_for(world.agency_lead).get(analysis.get_absolute_url())
    assert response.status_code == 200
    summary = response.context["summary"]
    # Agency A: 4 places, 3 attended, 3 / 3 = 100%.
    assert (summary.overall.places_booked, summary.overall.attendance_rate) == (4, 100.0)
    assert [r.key for r in summary.by_agency] == [d.a.pk]
    assert "These figures are for your agency" in response.content.decode()
    assert "Add a finding" not in response.content.decode()


def test_findings_are_added_through_the_core_learning_chain(world, client_for):
    build_data(world)
    analysis = make_analysis(world)
    response = client_for(world.business_unit).post(
        reverse("partnership:finding-create", args=[analysis.learning_source.pk]),
        {"kind": "strength", "title": "Managers see change in two of three cases", "detail": ""},
    )
    assert response.status_code == 302
    assert (
        Finding.objects.get(source=analysis.learning_source).title
        == "Managers see change in two of three cases"
    )
    page = client_for(world.business_unit).get(analysis.get_absolute_url()).content.decode()
    assert "Managers see change in two of three cases" in page


@pytest.mark.parametrize("role", ["lay_member", "peer_challenger", "no_role"])
def test_people_outside_training_are_refused_the_lists_and_figures(world, client_for, role):
    build_data(world)
    analysis = make_analysis(world)
    client = client_for(world.person(role))
    for url in (LIST, reverse("training:analysis-list-export")):
        assert client.get(url).status_code == 403
    # The analysis itself is learning like any other source (the learning chain links to it),
    # but the year's training figures are not shown to them.
    page = client.get(analysis.get_absolute_url())
    assert page.status_code == 200
    assert analysis.title in page.content.decode() and "Key figures for" not in page.content.decode()


def test_a_missing_analysis_is_a_404(world, client_for):
    assert (
        client_for(world.business_unit).get(reverse("training:analysis-detail", args=[999])).status_code
        == 404
    )


def test_the_list_filters_sorts_and_exports(world, client_for):
    build_data(world)
    this_year = make_analysis(world)
    ActionPlanFactory(source=this_year.learning_source, subgroup=world.subgroup)
    FindingFactory(source=this_year.learning_source)
    last_year = make_analysis(world, year=2025, title="Impact of the 2025/26 training programme")
    client = client_for(world.business_unit)
    # Latest reported first by default; both were reported on 15/3/2027, then by pk.
    assert [a.pk for a in client.get(LIST).context["analyses"]] == [this_year.pk, last_year.pk]
    assert [a.pk for a in client.get(LIST, {"year": 2025}).context["analyses"]] == [last_year.pk]
    assert [a.pk for a in client.get(LIST, {"sort": "title"}).context["analyses"]] == [
        last_year.pk,
        this_year.pk,
    ]
    response = client.get(reverse("training:analysis-list-export"), {"year": 2026})
    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines[0] == "Title,Programme year,Date reported,Findings,Recommendations,Action plan,Summary"
    assert lines[1] == "Impact of the 2026/27 training programme,2026/27,15/03/2027,1,0,Yes,"


def test_the_list_says_what_to_do_when_empty(world, client_for):
    page = client_for(world.business_unit).get(LIST).content.decode()
    assert "No training impact analyses yet." in page
    assert "Record an impact analysis" in page


def test_its_page_costs_the_same_at_two_data_sizes(world, client_for):
    build_data(world)
    analysis = make_analysis(world)
    client = client_for(world.business_unit)
    client.get(analysis.get_absolute_url())
    with capturing() as small:
        client.get(analysis.get_absolute_url())
    add_more(world, 5)
    with capturing() as large:
        client.get(analysis.get_absolute_url())
    assert len(large) == len(small)
