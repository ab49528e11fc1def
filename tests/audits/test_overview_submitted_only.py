"""The Section 11 overview counts submitted returns only: a draft's self-ratings are the
agency's work in progress, so the heatmap says "Not yet submitted" for them and the
partnership's averages, "agencies rated", the exports, the dashboard and the API leave them out."""

import csv
import html
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from audits import selectors
from audits.services.section11 import returns as return_services
from tests.audits.factories import answer_every_requirement, make_round

pytestmark = pytest.mark.django_db


@pytest.fixture
def round_with_a_draft(world, framework):
    """Ours submitted, "Fully met" throughout; theirs a draft rated "Mostly met" throughout."""
    round_ = make_round(world, open_it=True)
    ours, theirs = round_.returns.get(agency=world.agency), round_.returns.get(agency=world.other_agency)
    answer_every_requirement(ours, world.agency_lead, score=3)
    return_services.return_submit(agency_return=ours, actor=world.agency_lead)
    answer_every_requirement(theirs, world.other_agency_lead, score=2)
    return round_, ours, theirs


def test_the_heatmap_leaves_out_a_drafts_self_ratings(world, round_with_a_draft):
    round_, ours, theirs = round_with_a_draft
    grid = selectors.heatmap(round_)
    their_row = next(r for r in grid["rows"] if r["return"] == theirs)
    assert {c["level"] for c in their_row["cells"]} == {None}
    assert {c["self_rating"] for c in their_row["cells"]} == {None}
    assert {(s["rated"], s["average"]) for s in grid["summary"]} == {(1, 3.0)}
    assert selectors.standard_self_ratings([theirs]) == {}  # the API's ratings read this too
    assert len(selectors.standard_self_ratings([ours])) == 8


def test_a_return_sent_back_for_amendment_stops_counting_until_resubmitted(world, round_with_a_draft):
    round_, ours, _theirs = round_with_a_draft
    return_services.return_send_back(agency_return=ours, comments="Add the audit.", actor=world.business_unit)
    assert {s["rated"] for s in selectors.heatmap(round_)["summary"]} == {0}


def test_a_draft_in_the_previous_round_is_no_baseline(world, framework):
    old = make_round(world, year=2024, open_it=True)
    answer_every_requirement(
        old.returns.get(agency=world.agency), world.agency_lead, score=1
    )  # never submitted
    round_ = make_round(world, open_it=True)
    ours = round_.returns.get(agency=world.agency)
    answer_every_requirement(ours, world.agency_lead, score=3)
    return_services.return_submit(agency_return=ours, actor=world.agency_lead)
    row = next(r for r in selectors.heatmap(round_)["rows"] if r["return"] == ours)
    assert {c["change"] for c in row["cells"]} == {None}


def test_the_overview_page_and_exports_say_not_yet_submitted(world, round_with_a_draft, client_for):
    round_, _ours, _theirs = round_with_a_draft
    client = client_for(world.business_unit)
    page = html.unescape(client.get(reverse("audits:overview", args=[round_.pk])).content.decode())
    assert "Mostly met (self)" not in page
    assert "Not yet submitted" in page
    assert "1 of 2" in page  # agencies rated per standard

    workbook = load_workbook(
        io.BytesIO(client.get(reverse("audits:overview-xlsx", args=[round_.pk])).content)
    )
    rows = {row[0]: row for row in workbook["Heatmap"].iter_rows(min_row=2, values_only=True)}
    assert rows[world.other_agency.name][1:] == ("In progress",) + ("Not yet submitted",) * 8
    assert workbook["Summary by standard"]["D2"].value == 1  # agencies rated
    s1 = {row[0]: row for row in workbook["Standard 1"].iter_rows(min_row=2, values_only=True)}
    assert s1[world.other_agency.name][1] in ("", None)  # no self-rating shown for a draft

    response = client.get(reverse("audits:overview-csv", args=[round_.pk]))
    lines = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    theirs = [line for line in lines if line[0] == world.other_agency.name]
    assert {(line[4], line[6]) for line in theirs} == {("", "Not yet submitted")}

    pdf = PdfReader(io.BytesIO(client.get(reverse("audits:overview-pdf", args=[round_.pk])).content))
    text = " ".join(" ".join(p.extract_text().split()) for p in pdf.pages)
    assert "Mostly met" not in text and "Not yet submitted" in text


def test_the_dashboard_and_api_count_submitted_returns_only(world, round_with_a_draft, client_for):
    from api.views.section11 import rating_rows

    _round, _ours, theirs = round_with_a_draft
    rows = rating_rows([theirs])
    assert {(r["self_rating"], r["score"]) for r in rows} == {(None, None)}
    dashboard = client_for(world.business_unit).get(reverse("dashboards:partnership"))
    summary = dashboard.context["section11"]["summary"]
    assert {(s["rated"], s["average"]) for s in summary} == {(1, 3.0)}
