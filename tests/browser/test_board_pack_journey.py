"""The board pack in a real browser: the business unit opens the next executive meeting's pack
(built from today's data), chooses the deep dive it scrutinises, circulates it to the
partnership leads, and finds version 1 with who it went to; the partnership lead is emailed a
link to it. Axe-checked on every page on the way."""

from playwright.sync_api import expect

from .conftest import assert_accessible

BUSINESS_UNIT = "business.unit@northbrook-scp.example"
PARTNERSHIP_LEAD = "partnership.lead@northbrook-scp.example"


def test_business_unit_builds_and_circulates_the_executives_board_pack(journey):
    j = journey()
    j.sign_in(BUSINESS_UNIT)
    page = j.page
    main = page.locator("main")

    def check(label: str) -> None:
        j.step(label)
        assert_accessible(page)

    j.go("/meetings/?body=executive&when=upcoming")
    main.get_by_role("link", name="Executive Group, quarter 4").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Executive Group, quarter 4")
    main.get_by_role("link", name="Open the board pack").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Board pack: Executive Group, quarter 4")
    for heading in (
        "1. Statutory clocks",
        "2. Overdue actions by agency",
        "3. Overdue actions by priority",
        "7. Subgroup highlight reports",
        "8. Decisions needed",
    ):
        expect(page.get_by_role("heading", level=2, name=heading)).to_be_visible()
    expect(main).to_contain_text("Agree the priorities for next year's business plan")
    check("the draft pack")

    deep_dives = page.get_by_role("combobox", name="Deep dive for scrutiny")
    deep_dives.select_option(index=1)
    chosen = deep_dives.locator("option:checked").inner_text()
    page.get_by_role("button", name="Save the deep dive").click()
    expect(main).to_contain_text("Deep dive for scrutiny saved")
    expect(page.locator("#pack-deep-dive")).to_contain_text(chosen)

    main.get_by_role("link", name="Circulate the pack").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Circulate the board pack")
    expect(page.get_by_label("David Ashworth", exact=False)).to_be_checked()
    check("choosing who the pack goes to")
    page.get_by_role("button", name="Circulate the pack").click()
    expect(main).to_contain_text("Board pack version 1 circulated")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Board pack version 1")
    expect(main).to_contain_text("David Ashworth")
    expect(page.locator("#pack-deep-dive")).to_contain_text(chosen)
    check("the circulated version")

    page.get_by_role("link", name="Back to the pack").click()
    row = main.locator("table tr", has_text="Version 1")
    expect(row).to_contain_text("David Ashworth")

    message = j.app.wait_for_email(to=PARTNERSHIP_LEAD, subject="Board pack: Executive Group, quarter 4")
    assert "/meetings/packs/" in message.text
