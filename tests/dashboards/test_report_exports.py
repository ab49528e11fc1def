"""A year's annual report tracking as CSV: the contributions asked for, and the partners'
funding with amounts as numbers (who may download each is in tests/matrix/dashboards_report.py)."""

import csv
import io

import pytest
import time_machine
from django.urls import reverse

from dashboards.report.services import contribution_approve, contribution_save
from tests.dashboards.test_report_contributions import request_agency, request_subgroup
from tests.dashboards.test_report_funding import TODAY, enter_2025

pytestmark = pytest.mark.django_db


def rows(response) -> list[list[str]]:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


@time_machine.travel("2026-12-06 10:00:00+00:00", tick=False)
def test_the_contributions_tracker_lists_each_request_with_its_dates_and_never_its_text(world, client_for):
    section = request_subgroup(world)
    section = contribution_save(
        contribution=section, text="Our year.", submit=True, actor=world.subgroup_chair
    )
    contribution_approve(contribution=section, actor=world.business_unit)
    request_agency(world)
    response = client_for(world.business_unit).get(
        reverse("dashboards:report-contributions-export", args=[2025])
    )
    assert "annual-report-2025-26-contributions-2026-12-06.csv" in response["Content-Disposition"]
    header, *lines = rows(response)
    assert header == ["Contribution", "Kind", "Asked of", "Email", "Requested on", "Due", "Status", "Submitted",
                      "Approved"]  # fmt: skip
    by_kind = {line[1]: line for line in lines}
    assert len(lines) == 2
    subgroup = by_kind["A subgroup's section"]
    assert subgroup[2:] == [world.subgroup_chair.full_name, world.subgroup_chair.email, "2026-12-06",
                            "2027-01-15", "Approved", "2026-12-06", "2026-12-06"]  # fmt: skip
    agency = by_kind["An agency's contribution"]
    assert agency[2] == world.agency_lead.full_name and agency[6:] == ["Requested", "", ""]
    assert "Our year." not in response.content.decode("utf-8-sig")


@time_machine.travel(TODAY, tick=False)
def test_the_funding_export_has_each_line_with_amounts_as_numbers_and_shares(world, client_for):
    enter_2025(world.business_unit)
    response = client_for(world.partnership_lead).get(
        reverse("dashboards:report-funding-export", args=[2025])
    )
    header, *lines = rows(response)
    assert header == ["Line", "Partner or spent on", "Amount (£)", "Share of the contributions (%)", "Note"]
    # Income 140,000 (test_report_funding): the council's 60,000 is 42.9%, largest first.
    assert lines[:4] == [
        ["Contribution", "Council", "60000.00", "42.9", ""],
        ["Contribution", "ICB", "45000.50", "32.1", "Includes the designated nurse's time"],
        ["Contribution", "Police", "30000.00", "21.4", ""],
        ["Contribution", "Schools forum", "4999.50", "3.6", ""],
    ]
    assert [line[:3] for line in lines[4:]] == [
        ["Spending", "Business unit staff", "98000.00"],
        ["Spending", "Independent scrutineer", "18000.00"],
        ["Spending", "Case reviews", "20500.25"],
        ["Spending", "Training", "5000.00"],
    ]


def test_a_year_without_funding_gives_the_header_alone(world, client_for):
    response = client_for(world.business_unit).get(reverse("dashboards:report-funding-export", args=[2024]))
    assert rows(response) == [
        ["Line", "Partner or spent on", "Amount (£)", "Share of the contributions (%)", "Note"]
    ]


def test_the_pages_link_their_exports(world, client_for):
    request_subgroup(world)
    client = client_for(world.business_unit)
    year_page = client.get(reverse("dashboards:report-year", args=[2025])).content.decode()
    assert reverse("dashboards:report-contributions-export", args=[2025]) in year_page
    funding_page = client.get(reverse("dashboards:report-funding", args=[2025])).content.decode()
    assert reverse("dashboards:report-funding-export", args=[2025]) in funding_page
