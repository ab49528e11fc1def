"""Dashboard journeys in a real browser: a subgroup chair reads the partnership dashboard and
opens an overdue action from it, with JavaScript on and off (the charts are drawn on the
server; nothing on the way needs JavaScript)."""

import re

from playwright.sync_api import expect

from .conftest import assert_accessible

SUBGROUP_CHAIR = "subgroup.chair@northbrook-scp.example"


def test_subgroup_chair_reads_the_dashboard_and_opens_an_overdue_action(journey, javascript):
    j = journey(javascript=javascript)
    j.sign_in(SUBGROUP_CHAIR)
    page = j.page

    def check(label: str) -> None:
        j.step(label)
        if javascript:
            assert_accessible(page)

    page.get_by_role("navigation").get_by_role("link", name="Dashboard", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.get_by_role("heading", name="Actions by RAG", exact=True)).to_be_visible()
    check("the dashboard")

    overdue = page.get_by_role("link", name=re.compile(r"^\d+ overdue$"))
    count = int(overdue.inner_text().split()[0])
    assert count > 0, "the demo has overdue actions for the chair's subgroup"
    overdue.click()
    j.step("the overdue actions")
    if javascript:
        assert_accessible(page)
    rows = page.locator("main table tbody tr")
    expect(rows.first).to_be_visible()
    # Overdue actions are red by rule.
    expect(rows.first).to_contain_text("Red")
    rows.first.locator("a").first.click()
    expect(page.locator("main .app-rag-tag").first).to_have_text("Red")
    check("an overdue action")
