"""The partners' funding of the annual report: the totals, shares and surplus or deficit,
hand-counted; the service's rules; the page's validation, confirmation before removing a
line, and who may change it."""

import datetime
from decimal import Decimal

import pytest
import time_machine

from dashboards.report.figures import funding as funding_figures
from dashboards.report.figures.base import Year
from dashboards.report.models import FundingContribution, FundingSpend, ReportFunding
from dashboards.report.services.funding import ContributionLine, SpendLine, report_funding_save
from partnership.services import DomainError
from tests.factories import AgencyFactory

pytestmark = pytest.mark.django_db
TODAY = "2026-11-30 12:00:00+00:00"
M = Decimal


def table(section, starts: str):
    found = [t for t in section.tables if t.caption.startswith(starts)]
    assert found, f"no table {starts!r} in {[t.caption for t in section.tables]}"
    return found[0]


def agencies():
    return [AgencyFactory(name=name) for name in ("Council", "ICB", "Police", "Schools forum")]


def enter_2025(actor):
    council, icb, police, schools = agencies()
    return report_funding_save(
        year=2025,
        contributions=[
            ContributionLine(council, M("60000")),
            ContributionLine(icb, M("45000.50"), "Includes the designated nurse's time"),
            ContributionLine(police, M("30000")),
            ContributionLine(schools, M("4999.50")),
        ],
        spending=[
            SpendLine("Business unit staff", M("98000")),
            SpendLine("Independent scrutineer", M("18000")),
            SpendLine("Case reviews", M("20500.25")),
            SpendLine("Training", M("5000")),
        ],
        actor=actor,
    )


@time_machine.travel(TODAY, tick=False)
def test_the_funding_section_totals_shares_and_deficit_are_hand_counted(world):
    enter_2025(world.business_unit)
    section = funding_figures.funding(Year.of(2025, world.business_unit))
    # Income 60,000 + 45,000.50 + 30,000 + 4,999.50 = 140,000.
    # Spent 98,000 + 18,000 + 20,500.25 + 5,000 = 141,500.25: a deficit of 1,500.25.
    assert dict(section.facts) == {
        "Contributions from the partners": "£140,000",
        "Partners contributing": "4",
        "Spent": "£141,500.25",
    }
    # Shares: 60,000/140,000 = 42.857% (42.9), 45,000.50/140,000 = 32.143% (32.1),
    # 30,000/140,000 = 21.429% (21.4), 4,999.50/140,000 = 3.571% (3.6); largest first.
    assert table(section, "What each partner contributed in 2025/26").rows == [
        ["Council", "£60,000", "42.9%", ""],
        ["ICB", "£45,000.50", "32.1%", "Includes the designated nurse's time"],
        ["Police", "£30,000", "21.4%", ""],
        ["Schools forum", "£4,999.50", "3.6%", ""],
        ["Total", "£140,000", "100%", ""],
    ]
    assert table(section, "How the budget was spent in 2025/26").rows == [
        ["Business unit staff", "£98,000"],
        ["Independent scrutineer", "£18,000"],
        ["Case reviews", "£20,500.25"],
        ["Training", "£5,000"],
        ["Total", "£141,500.25"],
    ]
    assert section.notes == [
        "The partnership spent £141,500.25, more than the £140,000 the partners contributed: "
        "a deficit of £1,500.25."
    ]


@time_machine.travel(TODAY, tick=False)
def test_a_surplus_is_said_and_a_balanced_budget_says_nothing_more(world):
    council = AgencyFactory(name="Council")
    report_funding_save(
        year=2025, contributions=[ContributionLine(council, M("1000"))],
        spending=[SpendLine("Training", M("750.50"))], actor=world.business_unit,
    )  # fmt: skip
    assert funding_figures.funding(Year.of(2025, world.business_unit)).notes == [
        "The partners contributed £1,000 and the partnership spent £750.50: a surplus of £249.50."
    ]
    report_funding_save(
        year=2024, contributions=[ContributionLine(council, M("1000"))],
        spending=[SpendLine("Training", M("1000.00"))], actor=world.business_unit,
    )  # fmt: skip
    assert funding_figures.funding(Year.of(2024, world.business_unit)).notes == []
    assert funding_figures.funding(Year.of(2023, world.business_unit)).notes == [
        "The partners' funding for 2023/24 has not been entered yet."
    ]


def test_saving_again_changes_adds_and_removes_lines_with_their_history(world):
    funding, changed = enter_2025(world.business_unit)
    assert changed == 8
    council = FundingContribution.objects.get(agency__name="Council")
    training = FundingSpend.objects.get(heading="Training")
    keep = [
        ContributionLine(c.agency, c.amount, c.note, c.pk)
        for c in funding.contributions.all()
        if c.agency.name not in ("Council", "Schools forum")
    ]
    funding, changed = report_funding_save(
        year=2025,
        contributions=[ContributionLine(council.agency, M("61000"), "", council.pk), *keep],
        spending=[SpendLine("Training", M("5000"), training.pk), SpendLine("Venue hire", M("800"))],
        actor=world.business_unit,
    )
    # Council changed, Schools forum removed; three spending lines removed, one added.
    assert changed == 1 + 1 + 3 + 1
    assert sorted(funding.contributions.values_list("agency__name", "amount")) == [
        ("Council", M("61000.00")), ("ICB", M("45000.50")), ("Police", M("30000.00"))
    ]  # fmt: skip
    assert sorted(funding.spending.values_list("heading", flat=True)) == ["Training", "Venue hire"]
    change = council.history.order_by("-history_date").first()
    assert change.history_user == world.business_unit and change.amount == M("61000")
    removed = FundingSpend.history.filter(heading="Case reviews", history_type="-").get()
    assert removed.history_user == world.business_unit
    # Saving the same lines again changes nothing.
    lines = [ContributionLine(c.agency, c.amount, c.note, c.pk) for c in funding.contributions.all()]
    spends = [SpendLine(s.heading, s.amount, s.pk) for s in funding.spending.all()]
    assert (
        report_funding_save(year=2025, contributions=lines, spending=spends, actor=world.business_unit)[1]
        == 0
    )


@pytest.mark.parametrize(
    ("amount", "message"),
    [
        (M("-1"), "The amount must be £0 or more."),
        (M("10.505"), "Enter the amount to the nearest penny, for example 12500.50."),
    ],
)
def test_an_amount_is_not_negative_and_to_the_penny(world, amount, message):
    with pytest.raises(DomainError, match=message):
        report_funding_save(
            year=2025,
            contributions=[ContributionLine(world.agency, amount)],
            spending=[],
            actor=world.business_unit,
        )
    assert not ReportFunding.objects.exists()


def test_an_agency_contributes_once_a_year_and_only_the_business_unit_enters_funding(world):
    twice = [ContributionLine(world.agency, M("1")), ContributionLine(world.agency, M("2"))]
    with pytest.raises(DomainError, match="Each agency's contribution is entered once"):
        report_funding_save(year=2025, contributions=twice, spending=[], actor=world.business_unit)
    for person in (world.partnership_lead, world.subgroup_chair, world.agency_lead):
        with pytest.raises(DomainError, match="Only the business unit"):
            report_funding_save(year=2025, contributions=twice[:1], spending=[], actor=person)
    assert not FundingContribution.objects.exists()


# --- the page ------------------------------------------------------------------------------------


def management(prefix: str, total: int, initial: int = 0) -> dict:
    return {f"{prefix}-TOTAL_FORMS": str(total), f"{prefix}-INITIAL_FORMS": str(initial)}


def post_data(contributions=(), spending=(), **extra) -> dict:
    """Rows as the page posts them: each contribution (agency pk, amount, note, line pk, remove)."""
    data = {**management("contribution", len(contributions)), **management("spend", len(spending))}
    data["contribution-INITIAL_FORMS"] = str(sum(1 for c in contributions if c[3]))
    data["spend-INITIAL_FORMS"] = str(sum(1 for s in spending if s[2]))
    for i, (agency, amount, note, line, remove) in enumerate(contributions):
        data |= {f"contribution-{i}-agency": agency, f"contribution-{i}-amount": amount,
                 f"contribution-{i}-note": note, f"contribution-{i}-line": line or ""}  # fmt: skip
        if remove:
            data[f"contribution-{i}-DELETE"] = "on"
    for i, (heading, amount, line, remove) in enumerate(spending):
        data |= {f"spend-{i}-heading": heading, f"spend-{i}-amount": amount, f"spend-{i}-line": line or ""}
        if remove:
            data[f"spend-{i}-DELETE"] = "on"
    return data | extra


URL = "/dashboards/annual-report/2025/funding/"


def test_the_business_unit_enters_the_funding_on_its_page(world, client_for):
    client = client_for(world.business_unit)
    page = client.get(URL)
    assert page.status_code == 200 and b"Contribution 3" in page.content  # three blank rows
    response = client.post(
        URL,
        post_data(
            [(world.agency.pk, "£12,500.50", "In kind: the venue", None, False), ("", "", "", None, False)],
            [("Independent scrutineer", "12000", None, False)],
        ),
    )
    assert response.status_code == 302
    line = FundingContribution.objects.get()
    assert (line.agency, line.amount, line.note) == (world.agency, M("12500.50"), "In kind: the venue")
    page = client.get(URL).content.decode()
    assert "£12,500.50" in page and "A surplus of £500.50" in page.replace("a surplus", "A surplus")


def test_the_page_says_what_is_wrong_next_to_the_field_and_keeps_what_was_typed(world, client_for):
    client = client_for(world.business_unit)
    response = client.post(
        URL,
        post_data(
            [
                (world.agency.pk, "-5", "Typed note", None, False),
                ("", "250", "", None, False),
                (world.agency.pk, "10.123", "", None, False),
            ],
            [("", "300", None, False)],
        ),
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "<title>Error:" in page
    assert "The amount must be £0 or more" in page
    assert "Choose the partner agency that made this contribution" in page
    assert "Enter the amount to the nearest penny, for example 12500.50" in page
    assert "Enter what the money was spent on" in page
    assert 'value="Typed note"' in page and 'value="10.123"' in page
    assert not ReportFunding.objects.exists()
    # The same agency on two lines is refused next to the second.
    response = client.post(
        URL, post_data([(world.agency.pk, "1", "", None, False), (world.agency.pk, "2", "", None, False)])
    )
    assert "is already on another line" in response.content.decode()


def test_removing_a_saved_line_asks_for_confirmation_first(world, client_for):
    funding, _ = report_funding_save(
        year=2025, contributions=[ContributionLine(world.agency, M("100")), ContributionLine(world.other_agency, M("50"))],
        spending=[], actor=world.business_unit,
    )  # fmt: skip
    eastmoor, northbrook = funding.contributions.order_by("agency__name")
    client = client_for(world.business_unit)
    # Eastmoor's line removed, Northbrook's changed from £100 to £75.
    rows = [
        (eastmoor.agency_id, "50", "", eastmoor.pk, True),
        (northbrook.agency_id, "75", "", northbrook.pk, False),
    ]
    response = client.post(URL, post_data(rows))
    page = response.content.decode()
    assert response.status_code == 200 and "You are removing 1 line" in page
    assert "Eastmoor Health Trust: £50" in page and 'value="75"' in page
    assert sorted(FundingContribution.objects.values_list("amount", flat=True)) == [
        50,
        100,
    ]  # nothing saved yet
    response = client.post(URL, post_data(rows, confirm="remove"))
    assert response.status_code == 302
    assert list(FundingContribution.objects.values_list("agency__name", "amount")) == [
        ("Northbrook Council Children's Services", M("75"))
    ]


def test_readers_see_the_funding_and_may_not_change_it(world, client_for):
    enter_2025(world.business_unit)
    client = client_for(world.partnership_lead)
    page = client.get(URL).content.decode()
    assert "£140,000" in page and "Save the funding" not in page
    assert client.post(URL, post_data()).status_code == 403
    assert client_for(world.agency_lead).get(URL).status_code == 403


def test_the_links_with_the_other_boards_are_written_on_their_page(world, client_for):
    url = "/dashboards/annual-report/2025/other-boards/"
    client = client_for(world.business_unit)
    response = client.post(url, {"adults_board": "  Joint transitions protocol.  ", "community_safety": ""})
    assert response.status_code == 302
    from dashboards.report.models import ReportGovernanceLinks

    links = ReportGovernanceLinks.objects.get(year=2025)
    assert (links.adults_board, links.community_safety) == ("Joint transitions protocol.", "")
    page = client_for(world.subgroup_chair).get(url).content.decode()
    assert "Joint transitions protocol." in page and "Not written yet" in page
    assert client_for(world.subgroup_chair).post(url, {"adults_board": "x"}).status_code == 403


def test_the_dates_of_the_year_bound_nothing_entered_for_another(world):
    enter_2025(world.business_unit)
    assert (
        funding_figures.funding(Year.of(2026, world.business_unit, datetime.date(2026, 11, 30))).facts == []
    )


@time_machine.travel(TODAY, tick=False)
def test_the_demo_report_for_the_last_complete_year_prints_funding_governance_glossary_and_contacts():
    from django.core.management import call_command

    from dashboards.report.figures import report_sections
    from dashboards.report.models import ReportGovernanceLinks
    from partnership.models import Role, User

    call_command("seed_demo", verbosity=0)
    unit = User.objects.filter(role_assignments__role=Role.BUSINESS_UNIT).first()
    sections = {s.key: s for s in report_sections(2025, user=unit)}
    funding = sections["funding"]
    # 182,000 + 118,000 + 150,000 + 90,000 + 8,500 + 6,000 = 554,500 from six partners;
    # spent 318,000 + 36,000 + 72,500 + 64,000 + 28,000 + 14,000 + 9,500 = 542,000.
    assert dict(funding.facts) == {
        "Contributions from the partners": "£554,500",
        "Partners contributing": "6",
        "Spent": "£542,000",
    }
    contributed = table(funding, "What each partner contributed in 2025/26").rows
    # The council's 182,000 of 554,500 is 32.82%: 32.8.
    assert contributed[0][:3] == ["Northbrook Council Children's Services", "£182,000", "32.8%"]
    assert funding.notes == [
        "The partners contributed £554,500 and the partnership spent £542,000: a surplus of £12,500."
    ]
    governance = sections["governance"]
    assert int(dict(governance.facts)["Meetings held (the executive, the board and the subgroups)"]) >= 1
    assert table(governance, "Attendance by agency").rows
    assert len(table(governance, "How we worked with the other partnerships").rows) == 3
    terms = [row[0] for row in table(sections["glossary"], "The terms used").rows]
    assert {"Rapid Review", "LCSPR", "Section 11", "RAG", "7-minute briefing", "Lay member"} <= set(terms)
    concern = sections["report_a_concern"]
    assert "01632 960 999" in concern.narrative
    assert table(concern, "In an emergency").rows == [["A child is in immediate danger", "Call 999"]]

    # A second run adds nothing.
    counts = (ReportFunding.objects.count(), FundingContribution.objects.count(), FundingSpend.objects.count(),
              ReportGovernanceLinks.objects.count())  # fmt: skip
    call_command("seed_demo", verbosity=0)
    assert counts == (2, 12, 14, 2)
    assert counts == (ReportFunding.objects.count(), FundingContribution.objects.count(),
                      FundingSpend.objects.count(), ReportGovernanceLinks.objects.count())  # fmt: skip
