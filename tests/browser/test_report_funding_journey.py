"""The business unit enters the partners' funding for the annual report in the browser: from the
report's page to the funding page, a mistyped amount shown next to its field with what was typed
kept, then saved; removing a line asks first; the links with the other boards written on their
page. With and without JavaScript; axe checks each page (with JavaScript: axe runs in the page).
"""

import re

from django.urls import reverse
from playwright.sync_api import expect

from .conftest import assert_accessible

BUSINESS_UNIT = "business.unit@northbrook-scp.example"


def test_business_unit_enters_the_funding_and_the_links_with_the_other_boards(journey, javascript):
    j = journey(javascript=javascript)
    j.sign_in(BUSINESS_UNIT)
    page = j.page

    def check(label: str) -> None:
        j.step(label)
        if javascript:
            assert_accessible(page)

    # The year after the current one: nothing entered yet (the demo fills the previous and current years).
    j.go(reverse("dashboards:report-index"))
    # The two runs share the app: with JavaScript the year after the current one, without the year after that.
    for _ in range(1 if javascript else 2):
        heading = page.get_by_role("heading", level=1).inner_text()
        page.get_by_role("link", name="Next year").click()
        expect(page.get_by_role("heading", level=1)).not_to_have_text(heading)
    label = page.get_by_role("heading", level=1).inner_text().removeprefix("Annual report ")
    page.get_by_role("link", name=f"The partners' funding for {label}").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("The partners' funding")
    expect(page.get_by_text(f"The partners' funding for {label} has not been entered yet.")).to_be_visible()
    check("the empty funding page")

    first = page.get_by_role("group", name="Contribution 1")
    first.get_by_label("Partner agency").select_option(label="Northshire Police")
    first.get_by_label("Amount (£)").fill("£12,500.505")
    first.get_by_label("Note").fill("Includes the analyst's time")
    second = page.get_by_role("group", name="Contribution 2")
    second.get_by_label("Partner agency").select_option(label="Northbrook Council Children's Services")
    second.get_by_label("Amount (£)").fill("20000")
    page.get_by_role("group", name="Spending line 1").get_by_label("Spent on").fill("Independent scrutineer")
    page.get_by_role("group", name="Spending line 1").get_by_label("Amount (£)").fill("30000")
    page.get_by_role("button", name="Save the funding").click()

    expect(page).to_have_title(re.compile("^Error: "))
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Contribution 1: Enter the amount to the nearest penny")
    expect(first.get_by_label("Note")).to_have_value("Includes the analyst's time")
    expect(second.get_by_label("Amount (£)")).to_have_value("20000")
    check("the mistake, next to its field")
    expect(summary.get_by_role("link", name=re.compile("Contribution 1"))).to_have_attribute(
        "href", "#id_contribution-0-amount"
    )
    first.get_by_label("Amount (£)").fill("12500.50")
    page.get_by_role("button", name="Save the funding").click()

    expect(page.get_by_text("Funding saved: 3 lines changed")).to_be_visible()
    # 12,500.50 + 20,000 = 32,500.50 contributed; 30,000 spent.
    expect(page.get_by_text("a surplus of £2,500.50")).to_be_visible()
    contributed = page.get_by_role("table", name=re.compile("What each partner contributed"))
    expect(contributed.get_by_role("row", name=re.compile("Northshire Police"))).to_contain_text("38.5%")
    check("the funding saved")

    # Removing the police's line asks first, and keeps the rest as typed.
    police = page.get_by_role("group", name="Contribution 2")  # the lines are in the agencies' order
    expect(police.get_by_label("Amount (£)")).to_have_value("12500.50")
    police.get_by_label("Remove this line").check()
    page.get_by_role("button", name="Save the funding").click()
    expect(page.get_by_text("You are removing 1 line")).to_be_visible()
    expect(page.get_by_text("Northshire Police: £12,500.50")).to_be_visible()
    check("the removal to confirm")
    page.get_by_role("button", name="Save and remove").click()
    expect(page.get_by_text("Funding saved: 1 line changed")).to_be_visible()
    expect(page.get_by_role("table", name=re.compile("What each partner contributed"))).not_to_contain_text(
        "Northshire Police"
    )

    page.get_by_role("link", name="Back to the annual report").click()
    page.get_by_role("link", name="Links with the other boards").click()
    page.get_by_label("The Safeguarding Adults Board").fill("A joint audit of transitions to adult services.")
    check("the links with the other boards")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_text("Links with the other boards saved")).to_be_visible()
