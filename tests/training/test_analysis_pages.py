"""The analysis pages: the overview and its XLSX export, who sees which agencies' figures, and
their cost at two data sizes. The figures are the hand-computed ones of test_analysis_figures."""

import io

import pytest
import time_machine
from django.urls import reverse
from django.utils.html import escape
from openpyxl import load_workbook

from tests.queries import capturing
from tests.training.test_analysis_figures import NOW, add_more, build_data

pytestmark = pytest.mark.django_db

OVERVIEW = reverse("training:analysis-overview")
EXPORT = reverse("training:analysis-export")


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def workbook(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    return load_workbook(io.BytesIO(response.content), read_only=True)


def rows(book, sheet):
    return [list(r) for r in book[sheet].iter_rows(values_only=True)]


def test_overview_shows_the_years_figures(world, client_for):
    d = build_data(world)
    response = client_for(world.business_unit).get(OVERVIEW, {"year": 2026})
    assert response.status_code == 200
    page = response.content.decode()
    assert response.context["summary"].overall.places_booked == 10
    # The key figures and the tables (see test_analysis_figures for the arithmetic).
    for text in ("77.8%", "57.1%", "3.50", "+1.33", "66.7%", "83.3%", d.x.title, escape(d.a.name), d.b.name,
                 "Other organisations", "I now ask the child directly.", "Voice of the child",
                 "150 of 200 (75.0%)", "262 of 358 (73.2%)"):  # fmt: skip
        assert text in page, text
    assert "Attendance, reaction and learning by course" in page  # the tables' captions


def test_overview_defaults_to_the_current_programme_year(world, client_for):
    build_data(world)  # programmes 2025 and 2026; today (30/11/2026) is in 2026/27
    response = client_for(world.business_unit).get(OVERVIEW)
    assert response.context["summary"].year == 2026
    assert "Training programme 2026/27" in response.content.decode()


def test_filters_narrow_the_figures(world, client_for):
    d = build_data(world)
    client = client_for(world.business_unit)
    by_course = client.get(OVERVIEW, {"year": 2026, "course": d.x.pk}).context["summary"]
    assert (by_course.overall.places_booked, [r.key for r in by_course.by_course]) == (7, [d.x.pk])
    by_level = client.get(OVERVIEW, {"year": 2026, "level": 2}).context["summary"]
    assert by_level.overall.places_booked == 3
    by_agency = client.get(OVERVIEW, {"year": 2026, "agency": d.b.pk}).context["summary"]
    assert [r.key for r in by_agency.by_agency] == [d.b.pk]


def test_a_course_from_another_year_is_an_error_not_a_filter(world, client_for):
    build_data(world)
    from training.models import Course

    old = Course.objects.get(programme__year=2025)
    response = client_for(world.business_unit).get(OVERVIEW, {"year": 2026, "course": old.pk})
    assert response.status_code == 200
    assert "Choose a course from this year&#x27;s programme" in response.content.decode()
    assert response.context["summary"].overall.places_booked == 10  # unfiltered


# --- access --------------------------------------------------------------------------------------


def test_an_agency_lead_sees_only_their_own_agencys_figures(world, client_for):
    d = build_data(world)
    response = client_for(world.agency_lead).get(OVERVIEW, {"year": 2026})
    assert response.status_code == 200
    summary = response.context["summary"]
    # Agency A's figures only: places 4, attended 3; sessions its staff attended 2.
    assert (summary.overall.places_booked, summary.overall.attended, summary.overall.sessions_delivered) == (
        4,
        3,
        2,
    )
    assert [r.key for r in summary.by_agency] == [d.a.pk]
    assert [r.agency_id for r in summary.coverage] == [d.a.pk]
    page = response.content.decode()
    assert "These figures are for your agency" in page
    assert escape(d.b.name) not in page  # not in any table, filter, coverage row or example
    assert "Other organisations" not in page


def test_another_agencys_lead_sees_nothing_of_theirs(world, client_for):
    d = build_data(world)
    client = client_for(world.other_agency_lead)
    # Asking for agency A's figures is a 404; their own page holds only agency B.
    assert client.get(OVERVIEW, {"year": 2026, "agency": d.a.pk}).status_code == 404
    assert client.get(EXPORT, {"year": 2026, "agency": d.a.pk}).status_code == 404
    response = client.get(OVERVIEW, {"year": 2026})
    assert [r.key for r in response.context["summary"].by_agency] == [d.b.pk]
    page = response.content.decode()
    assert escape(d.a.name) not in page
    assert "I now ask the child directly." not in page  # agency A's impact example


def test_the_linked_action_is_shown_only_to_those_who_may_see_it(world, client_for):
    build_data(world)  # the action is owned by agency B, in a plan of a subgroup nobody sits on
    assert "Ask every child for their view" in client_for(world.business_unit).get(OVERVIEW).content.decode()
    page = client_for(world.agency_lead).get(OVERVIEW).content.decode()
    assert "I now ask the child directly." in page
    assert "Ask every child for their view" not in page
    assert "Children&#x27;s views were not recorded" in page  # a consultation's finding: open to all


@pytest.mark.parametrize("role", ["lay_member", "peer_challenger", "no_role"])
def test_people_outside_training_are_refused(world, client_for, role):
    build_data(world)
    client = client_for(world.person(role))
    assert client.get(OVERVIEW).status_code == 403
    assert client.get(EXPORT).status_code == 403


def test_the_subgroup_overseeing_the_programme_sees_everything(world, client_for):
    d = build_data(world)
    from training.models import Programme

    Programme.objects.filter(year=2026).update(subgroup=world.subgroup)
    summary = client_for(world.subgroup_member).get(OVERVIEW, {"year": 2026}).context["summary"]
    assert {r.key for r in summary.by_agency} == {d.a.pk, d.b.pk, None}


# --- the export ----------------------------------------------------------------------------------


def test_export_holds_every_table_with_the_figures(world, client_for):
    d = build_data(world)
    response = client_for(world.business_unit).get(EXPORT, {"year": 2026})
    assert response["Content-Disposition"] == 'attachment; filename="training-analysis-2026-27.xlsx"'
    book = workbook(response)
    assert book.sheetnames == [
        "Summary", "By course", "By level", "By agency", "By theme", "Learning outcomes", "Impact examples",
        "Coverage",
    ]  # fmt: skip
    by_theme = rows(book, "By theme")
    assert by_theme[0][0] == "Theme" and len(by_theme) == 1  # no course of this data set has a theme
    summary = dict(rows(book, "Summary")[1:])
    # 10 places, 7 attended, 7 / 9 = 77.8%, mean rating 14 / 4 = 3.5, agreement 2 / 3 = 66.7%.
    assert (summary["Places booked"], summary["Attended"], summary["Attendance rate"]) == (10, 7, 77.8)
    assert (summary["Mean overall rating (1 to 5)"], summary["Participant and manager agree"]) == (3.5, 66.7)

    by_course = rows(book, "By course")
    header = by_course[0]
    x = dict(zip(header, by_course[1], strict=True))
    # Course X: level 1, 2 sessions, 7 places, 83.3% attendance, evaluations 60%, mean 4.0.
    assert (x["Course"], x["Level"], x["Sessions delivered"], x["Places booked"]) == (d.x.title, 1, 2, 7)
    assert (x["Attendance rate (%)"], x["Evaluation response rate (%)"], x["Mean rating (1 to 5)"]) == (
        83.3,
        60.0,
        4.0,
    )
    z = dict(zip(header, by_course[3], strict=True))
    assert (z["Course"], z["Attendance rate (%)"]) == (d.z.title, None)  # no data: an empty cell

    by_agency = {r[0]: r for r in rows(book, "By agency")[1:]}
    assert set(by_agency) == {d.a.name, d.b.name, "Other organisations"}
    outcomes = rows(book, "Learning outcomes")
    assert outcomes[1][:7] == [d.x.title, 1, "Recognise signs of neglect", 3, 2.0, 4.0, 2.0]
    examples = rows(book, "Impact examples")
    assert len(examples) == 1 + 3
    assert examples[3][6:] == [
        "I now ask the child directly.", None, None, "Voice of the child",
        "Ask every child for their view", "Children's views were not recorded",
    ]  # fmt: skip
    coverage = {r[0]: r for r in rows(book, "Coverage")[1:]}
    # A: level 1 200 in scope, 150 trained, 75%; level 2 50, 20, 40%; no level 3; all 250, 170, 68%.
    assert coverage[d.a.name][1:] == [200, 150, 75.0, 50, 20, 40.0, None, None, None, 250, 170, 68.0]
    assert coverage["All agencies shown"][-3:] == [358, 262, 73.2]


def test_an_agency_leads_export_holds_only_their_agency(world, client_for):
    d = build_data(world)
    book = workbook(client_for(world.agency_lead).get(EXPORT, {"year": 2026}))
    assert [r[0] for r in rows(book, "By agency")[1:]] == [d.a.name]
    assert [r[0] for r in rows(book, "Coverage")[1:]] == [d.a.name, "All agencies shown"]
    assert all(r[3] == d.a.name for r in rows(book, "Impact examples")[1:])
    assert dict(rows(book, "Summary")[1:])["Places booked"] == 4


# --- cost ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("url", [OVERVIEW, EXPORT])
@pytest.mark.parametrize("role", ["business_unit", "agency_lead"])
def test_query_count_is_the_same_at_two_data_sizes(world, client_for, url, role):
    build_data(world)
    client = client_for(world.person(role))
    client.get(url)  # sessions, caches
    with capturing() as small:
        assert client.get(url, {"year": 2026}).status_code == 200
    add_more(world, 5)
    with capturing() as large:
        assert client.get(url, {"year": 2026}).status_code == 200
    assert len(large) == len(small)
    # The goal for every key page: at most 15 queries, counted as the benchmark counts them
    # (savepoints are not queries), with impact examples linked to actions, findings and themes.
    queries = [q["sql"] for q in small if not q["sql"].startswith(("SAVEPOINT", "RELEASE SAVEPOINT"))]
    assert len(queries) <= 15, "\n".join(q[:100] for q in queries)
