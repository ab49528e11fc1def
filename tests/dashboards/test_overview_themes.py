"""Recurring themes: the matrix's counts and the recurring flag against a hand-counted data set,
who counts confidential case review findings, the filters, the CSV export, a theme's page with
its recommendations and actions, and the query count at two data sizes."""

import csv
import datetime
import io
import re

import pytest
import time_machine
from django.urls import reverse

from dashboards.overview import themes
from partnership.models import Action, ActionPlan, ActionStatus, Finding, LearningSource, SourceKind, Theme
from tests.queries import queries_for

from ..factories import ActionFactory, RecommendationFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 11, 30)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(datetime.datetime(2026, 11, 30, 10, 0), tick=False):
        yield


def source(kind, date, *, title, confidential=False, subgroup=None):
    return LearningSource.objects.create(
        kind=kind, title=title, date=date, confidential=confidential, subgroup=subgroup
    )


def theme(name):
    return Theme.objects.get_or_create(name=name)[0]


def finding(src, title, *tags):
    f = Finding.objects.create(source=src, title=title)
    f.themes.set(tags)
    return f


@pytest.fixture
def data(world):
    """The hand-counted data set. Partnership years run April to March, so 10 June 2024 and
    15 February 2025 are both in 2024/25; 1 May 2025 and 31 March 2026 in 2025/26; 1 April 2026
    in 2026/27.

    S1 case review 2024/25, confidential, overseen by the *other* subgroup: F1 (Neglect,
        Information sharing), F2 (Neglect)
    S2 audit 2024/25: F3 (Neglect)
    S3 audit 2025/26: F4 (Information sharing), F5 (Neglect, Voice of the child)
    S4 Section 11 round 2025/26: F6 (Information sharing)
    S5 consultation 2026/27: F7 (Voice of the child), F8 (no theme: counted nowhere)
    """
    # The default themes exist already (a data migration); "Safer sleep" has no findings: no row.
    neglect = theme("Neglect")
    sharing = theme("Information sharing")
    voice = theme("Voice of the child")
    s1 = source(SourceKind.CASE_REVIEW, datetime.date(2024, 6, 10), title="Child Q", confidential=True,
                subgroup=world.other_subgroup)  # fmt: skip
    s2 = source(SourceKind.AUDIT, datetime.date(2025, 2, 15), title="Neglect audit")
    s3 = source(SourceKind.AUDIT, datetime.date(2025, 5, 1), title="Missing children audit")
    s4 = source(SourceKind.SECTION_11, datetime.date(2026, 3, 31), title="Section 11 2025")
    s5 = source(SourceKind.CONSULTATION, datetime.date(2026, 4, 1), title="Youth forum")
    f = {
        1: finding(s1, "F1", neglect, sharing),
        2: finding(s1, "F2", neglect),
        3: finding(s2, "F3", neglect),
        4: finding(s3, "F4", sharing),
        5: finding(s3, "F5", neglect, voice),
        6: finding(s4, "F6", sharing),
        7: finding(s5, "F7", voice),
        8: finding(s5, "F8"),
    }
    return {"neglect": neglect, "sharing": sharing, "voice": voice, "sources": (s1, s2, s3, s4, s5), "f": f}


def rows_by_name(matrix):
    return {row.theme.name: row for row in matrix.rows}


def test_matrix_counts_and_flag_for_someone_who_sees_everything(world, data):
    matrix = themes.theme_matrix(world.business_unit)
    # Years 2024/25 to 2026/27; within each, the kinds present in SourceKind order.
    assert matrix.years == [2024, 2025, 2026]
    assert [k for k, _ in matrix.kinds] == ["case_review", "audit", "section11_round", "consultation"]
    rows = rows_by_name(matrix)
    assert set(rows) == {"Neglect", "Information sharing", "Voice of the child"}
    neglect, sharing, voice = rows["Neglect"], rows["Information sharing"], rows["Voice of the child"]
    # Neglect: 2024/25 case review F1+F2 = 2, 2024/25 audit F3 = 1, 2025/26 audit F5 = 1;
    # 2 + 1 + 1 = 4 findings from S1, S2, S3 = 3 sources in 2 years: recurring.
    assert neglect.cell_counts == [2, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0]
    assert (neglect.findings, neglect.sources, neglect.year_count, neglect.recurring) == (4, 3, 2, True)
    # Information sharing: 2024/25 case review F1 = 1, 2025/26 audit F4 = 1, 2025/26 Section 11
    # F6 = 1; 3 findings from S1, S3, S4 = 3 sources in 2 years: recurring.
    assert sharing.cell_counts == [1, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0]
    assert (sharing.findings, sharing.sources, sharing.year_count, sharing.recurring) == (3, 3, 2, True)
    # Voice of the child: 2025/26 audit F5 = 1, 2026/27 consultation F7 = 1; 2 sources: not.
    assert voice.cell_counts == [0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1]
    assert (voice.findings, voice.sources, voice.year_count, voice.recurring) == (2, 2, 2, False)
    # Column totals: 2024/25 case review 2+1 = 3, audit 1; 2025/26 audit 1+1+1 = 3,
    # Section 11 1; 2026/27 consultation 1.
    assert matrix.column_totals == [3, 1, 0, 0, 0, 3, 1, 0, 0, 0, 0, 1]
    # Recurring themes first, then by the number of sources.
    assert [r.theme.name for r in matrix.rows][:2] == ["Information sharing", "Neglect"] or [
        r.theme.name for r in matrix.rows
    ][:2] == ["Neglect", "Information sharing"]
    assert matrix.rows[2].theme.name == "Voice of the child"


@pytest.mark.parametrize("role", ["agency_lead", "subgroup_chair", "lay_member"])
def test_confidential_case_review_findings_count_only_for_those_who_may_read_them(world, data, role):
    """S1 is confidential and overseen by the other subgroup: these people do not see it."""
    rows = rows_by_name(themes.theme_matrix(world.person(role)))
    # Neglect without S1: F3 (2024/25 audit) + F5 (2025/26 audit) = 2 from 2 sources: not recurring.
    assert (rows["Neglect"].findings, rows["Neglect"].sources, rows["Neglect"].recurring) == (2, 2, False)
    # Information sharing without S1: F4 + F6, both 2025/26: 2 sources in 1 year: not recurring.
    sharing = rows["Information sharing"]
    assert (sharing.findings, sharing.sources, sharing.year_count, sharing.recurring) == (2, 2, 1, False)


def test_the_overseeing_subgroup_counts_its_confidential_review(world, data):
    s1 = data["sources"][0]
    s1.subgroup = world.subgroup
    s1.save()
    rows = rows_by_name(themes.theme_matrix(world.subgroup_member))
    assert (rows["Neglect"].findings, rows["Neglect"].recurring) == (4, True)


def test_filters_narrow_the_counts_and_the_flag(world, data):
    # 2025/26 to 2026/27: Neglect F5 only (1 source); Information sharing F4, F6 (2 sources, one
    # year); Voice F5 (2025/26) and F7 (2026/27): 2 sources. Nothing recurs.
    matrix = themes.theme_matrix(world.business_unit, themes.ThemeFilters(year_from=2025, year_to=2026))
    rows = rows_by_name(matrix)
    assert matrix.years == [2025, 2026]
    assert {n: (r.findings, r.sources) for n, r in rows.items()} == {
        "Neglect": (1, 1), "Information sharing": (2, 2), "Voice of the child": (2, 2)
    }  # fmt: skip
    assert matrix.recurring == []
    # Audits only: Neglect F3 (2024/25) + F5 (2025/26) = 2; Information sharing F4 = 1; Voice F5 = 1.
    audits = themes.theme_matrix(world.business_unit, themes.ThemeFilters(kind=SourceKind.AUDIT))
    assert {n: r.findings for n, r in rows_by_name(audits).items()} == {
        "Neglect": 2, "Information sharing": 1, "Voice of the child": 1
    }  # fmt: skip
    assert audits.kinds == [("audit", "Audit")]


def test_matrix_page_filters_and_flags(world, data, client_for):
    url = reverse("dashboards:themes")
    body = client_for(world.business_unit).get(url).content.decode()
    assert "2 themes recur" in body
    assert "Recurring" in body
    response = client_for(world.business_unit).get(url, {"year_from": "2026", "year_to": "2025"})
    assert response.status_code == 200
    assert "The last year must be the same as or after the first year" in response.content.decode()
    response = client_for(world.business_unit).get(url, {"year_from": "2025", "year_to": "2026"})
    assert "No theme recurs" in response.content.decode()


def test_csv_export_of_the_matrix(world, data, client_for):
    response = client_for(world.business_unit).get(reverse("dashboards:themes-export"), {"kind": "audit"})
    assert response["Content-Type"].startswith("text/csv")
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    lines = list(csv.reader(io.StringIO(text)))
    assert lines[0] == [
        "Theme",
        "2024/25 Audit",
        "2025/26 Audit",
        "Findings",
        "Sources",
        "Years",
        "Recurring",
        "Not sustained",
    ]
    body = {line[0]: line[1:] for line in lines[1:]}
    assert body["Neglect"] == ["1", "1", "2", "2", "2", "No", "0"]
    assert body["All themes"] == ["1", "3", "4", "", "", "", "0"]  # 1 + (1 + 1 + 1); 2 + 1 + 1 = 4


@pytest.fixture
def neglect_actions(world, data):
    """R1 (on S2, answering F3): A1 overdue (red), A2 green, A3 complete.
    R2 (on S1, answering F1 and F2): A4 off track (red, not overdue)."""
    s1, s2 = data["sources"][:2]
    plan2 = ActionPlan.objects.create(source=s2, subgroup=world.subgroup, title="Neglect audit plan")
    plan1 = ActionPlan.objects.create(source=s1, subgroup=world.other_subgroup, title="Child Q plan")
    r1 = RecommendationFactory(source=s2, reference="R1")
    r1.findings.set([data["f"][3]])
    r2 = RecommendationFactory(source=s1, reference="R2")
    r2.findings.set([data["f"][1], data["f"][2]])
    common = {"start_date": datetime.date(2026, 1, 5)}
    a1 = ActionFactory(plan=plan2, recommendation=r1, owner_agency=world.agency,
                       due_date=datetime.date(2026, 10, 1), **common)  # fmt: skip
    a2 = ActionFactory(plan=plan2, recommendation=r1, owner_agency=world.other_agency,
                       due_date=datetime.date(2027, 6, 30), status=ActionStatus.ON_TRACK, **common)  # fmt: skip
    a3 = ActionFactory(plan=plan2, recommendation=r1, owner_agency=world.other_agency,
                       due_date=datetime.date(2026, 6, 30), status=ActionStatus.COMPLETE, impact="Done",
                       closed_on=datetime.date(2026, 6, 1), **common)  # fmt: skip
    a4 = ActionFactory(plan=plan1, recommendation=r2, owner_agency=world.other_agency,
                       due_date=datetime.date(2027, 3, 1), status=ActionStatus.OFF_TRACK, **common)  # fmt: skip
    return a1, a2, a3, a4


def test_theme_detail_lists_findings_recommendations_and_action_progress(world, data, neglect_actions):
    detail = themes.theme_detail(world.business_unit, data["neglect"], today=TODAY)
    assert [e.finding.title for e in detail.entries] == ["F1", "F2", "F3", "F5"]  # source date order
    assert (detail.sources, detail.years, detail.recurring) == (3, [2024, 2025], True)
    # Four distinct actions (R2 answers F1 and F2 but its A4 counts once): red A1 (overdue) and
    # A4 (off track) = 2, green A2 = 1, closed A3 = 1, overdue A1 = 1.
    assert detail.actions == 4
    assert detail.rag == {"red": 2, "amber": 0, "green": 1}
    assert (detail.closed, detail.overdue) == (1, 1)
    f3 = detail.entries[2]
    assert [p.recommendation.reference for p in f3.recommendations] == ["R1"]
    assert (f3.recommendations[0].rag, f3.recommendations[0].overdue) == ({"red": 1, "green": 1}, 1)
    assert detail.findings_by_year() == [("2024/25", 3), ("2025/26", 1)]


def test_theme_detail_for_an_agency_lead_shows_only_what_they_may_see(world, data, neglect_actions):
    detail = themes.theme_detail(world.agency_lead, data["neglect"], today=TODAY)
    # S1 (F1, F2) is confidential: hidden. Of R1's actions only A1, owned by their agency.
    assert [e.finding.title for e in detail.entries] == ["F3", "F5"]
    assert (detail.actions, detail.rag["red"], detail.overdue) == (1, 1, 1)


def test_theme_detail_page(world, data, neglect_actions, client_for):
    url = reverse("dashboards:theme-detail", args=[data["neglect"].pk])
    body = client_for(world.business_unit).get(url).content.decode()
    assert "Recommendation R1" in body and "Child Q" in body
    assert "1 overdue" in body
    assert f"#finding-{data['f'][3].pk}" in body
    lead_body = client_for(world.agency_lead).get(url).content.decode()
    assert "Child Q" not in lead_body
    assert (
        client_for(world.business_unit).get(reverse("dashboards:theme-detail", args=[999999])).status_code
        == 404
    )


def _grow(world, data, n):
    """n more sources, each with two findings on two themes, a recommendation and two actions."""
    for i in range(n):
        src = source(SourceKind.AUDIT, datetime.date(2025, 6, 1 + i), title=f"Audit {i}")
        f1 = finding(src, f"Extra {i}a", data["neglect"], data["sharing"])
        finding(src, f"Extra {i}b", data["neglect"], theme(f"Extra theme {i}"))
        plan = ActionPlan.objects.create(source=src, subgroup=world.subgroup, title=f"Plan {i}")
        rec = RecommendationFactory(source=src)
        rec.findings.set([f1])
        rec.agencies.set([world.agency])
        for _ in range(2):
            ActionFactory(
                plan=plan, recommendation=rec, owner_agency=world.agency, start_date=datetime.date(2026, 1, 5)
            )


@pytest.mark.parametrize("role", ["business_unit", "agency_lead"])
def test_query_count_is_constant_at_two_data_sizes(world, data, neglect_actions, client_for, role):
    client = client_for(world.person(role))
    urls = [
        reverse("dashboards:themes"),
        reverse("dashboards:theme-detail", args=[data["neglect"].pk]),
        reverse("dashboards:themes-export"),
    ]

    def count():
        return [queries_for(client, url) for url in urls]

    client.get(urls[0])  # warm up the session
    small = count()
    _grow(world, data, 2)
    middle = count()
    _grow(world, data, 8)
    assert count() == middle == small
    assert Action.objects.count() == 4 + 20


# --- who finds the theme pages, and every link on them opens -------------------------------


def single_agency_audit(world, agency, subgroup, title):
    from audits.models import SingleAgencyAudit

    audit = SingleAgencyAudit(
        agency=agency, title=title, scope="20 cases.", summary="Supervision was patchy.",
        reported_on=datetime.date(2026, 7, 1), reported_by=world.agency_lead, subgroup=subgroup,
    )  # fmt: skip
    audit.save()
    return audit


@pytest.fixture
def agency_audits(world, data):
    """Two single-agency audits on Neglect, both in 2026/27: NCCS's own (world.agency, overseen
    by world.subgroup) and the other agency's (overseen by the other subgroup)."""
    own = single_agency_audit(world, world.agency, world.subgroup, "Own supervision audit")
    other = single_agency_audit(world, world.other_agency, world.other_subgroup, "Other supervision audit")
    finding(own.learning_source, "Own finding", data["neglect"])
    finding(other.learning_source, "Other finding", data["neglect"])
    return own, other


@pytest.mark.parametrize(
    "role,seen",
    [
        # Sees everything: F1, F2 (S1), F3, F5, and both agencies' audits.
        ("business_unit", ["F1", "F2", "F3", "F5", "Other finding", "Own finding"]),
        # Leads NCCS: their own agency's audit, not the other's; S1 is confidential.
        ("agency_lead", ["F3", "F5", "Own finding"]),
        ("other_agency_lead", ["F3", "F5", "Other finding"]),
        # Sits on world.subgroup, which oversees NCCS's audit.
        ("subgroup_chair", ["F3", "F5", "Own finding"]),
        # Neither agency's audit is theirs.
        ("lay_member", ["F3", "F5"]),
        ("peer_challenger", ["F3", "F5"]),
    ],
)
def test_a_theme_lists_and_counts_only_findings_the_reader_may_open(
    world, data, agency_audits, client_for, role, seen
):
    person = world.person(role)
    detail = themes.theme_detail(person, data["neglect"], today=TODAY)
    assert sorted(e.finding.title for e in detail.entries) == seen
    assert rows_by_name(themes.theme_matrix(person))["Neglect"].findings == len(seen)
    client = client_for(person)
    page = client.get(reverse("dashboards:theme-detail", args=[data["neglect"].pk]))
    body = page.content.decode()
    main = body[body.index('id="main-content"') :]
    links = {
        h.split("#")[0] for h in re.findall(r'href="(/[^"]*)"', main) if "export" not in h and "?" not in h
    }
    assert links, "the page links to its sources"
    for link in sorted(links):
        assert client.get(link).status_code == 200, f"{role} cannot open {link}"


@pytest.mark.parametrize("role", ["agency_lead", "lay_member", "peer_challenger"])
def test_those_without_the_dashboard_find_the_themes_from_the_performance_data(world, data, client_for, role):
    client = client_for(world.person(role))
    nav = client.get(reverse("partnership:home")).context["nav_items"]
    [dataset] = [item for item in nav if item["label"] == "Performance data"]
    assert reverse("dashboards:themes") in client.get(dataset["url"]).content.decode()
    matrix = client.get(reverse("dashboards:themes"))
    assert matrix.status_code == 200
    assert reverse("dashboards:theme-detail", args=[data["neglect"].pk]) in matrix.content.decode()
    assert [item["label"] for item in matrix.context["nav_items"] if item["active"]] == ["Performance data"]


def test_no_role_no_way_in(world, data, client_for):
    client = client_for(world.no_role)
    assert "Performance data" not in [
        item["label"] for item in client.get(reverse("partnership:home")).context["nav_items"]
    ]
    assert client.get(reverse("dashboards:themes")).status_code == 403
    assert client.get(reverse("dashboards:theme-detail", args=[data["neglect"].pk])).status_code == 403
