"""A subgroup chair's highlight report in a real browser: the chair follows the link on their
home page to write their report for the next executive meeting, sees the subgroup's figures
already filled in, writes the report, saves a draft and submits it after a confirmation; the
business unit then finds it among the submitted reports and in the board pack. With JavaScript
on and off (each run by a different subgroup's chair, since a report is submitted once):
every page on the way is a plain form."""

from playwright.sync_api import expect

from .conftest import assert_accessible

BUSINESS_UNIT = "business.unit@northbrook-scp.example"
CHAIRS = {
    True: ("subgroup.chair@northbrook-scp.example", "Learning and Improvement"),
    False: ("training.chair@northbrook-scp.example", "Training"),
}


def test_a_chair_writes_and_submits_their_highlight_report(journey, javascript):
    email, subgroup = CHAIRS[javascript]
    went_well = f"The {subgroup} subgroup met every deadline this quarter."
    j = journey(javascript=javascript)
    j.sign_in(email)
    page = j.page
    main = page.locator("main")

    def check(label: str) -> None:
        j.step(label)
        if javascript:
            assert_accessible(page)

    home_link = main.get_by_role("link", name="Write your highlight report for Executive Group, quarter 4 by")
    expect(home_link).to_be_visible()
    check("the chair's home page")
    home_link.click()

    expect(page.get_by_role("heading", level=1)).to_have_text(f"{subgroup}: highlight report")
    figures = main.locator("table", has_text="Open actions")
    expect(figures).to_contain_text("Meetings held in the period")
    expect(figures).to_contain_text("Attendance at those meetings")
    check("the report's form, its figures filled in")
    page.get_by_label("What went well").fill(went_well)
    page.get_by_label("Concerns and risks").fill("Two actions from the last review are overdue.")
    page.get_by_label("Decisions or support needed from the executive").fill("None this quarter.")
    page.get_by_role("button", name="Save the draft").click()

    expect(main).to_contain_text("Draft saved")
    expect(main).to_contain_text(went_well)
    check("the draft report")
    main.get_by_role("link", name="Submit the report").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(f"Submit the {subgroup} highlight report?")
    check("confirming the submission")
    page.get_by_role("button", name="Submit the report").click()
    expect(main).to_contain_text("Highlight report submitted to Executive Group, quarter 4")
    expect(main).to_contain_text("Submitted")
    expect(main.get_by_role("link", name="Change the report")).to_have_count(0)
    check("the submitted report")

    j.go("/")
    expect(
        main.get_by_role("link", name="Write your highlight report for Executive Group, quarter 4 by")
    ).to_have_count(0)

    bu = journey(javascript=javascript)
    bu.sign_in(BUSINESS_UNIT)
    page = bu.page
    main = page.locator("main")
    bu.go("/meetings/?body=executive&when=upcoming")
    main.get_by_role("link", name="Executive Group, quarter 4").first.click()
    main.get_by_role("link", name="See the subgroups' highlight reports").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Highlight reports: Executive Group, quarter 4")
    expect(main.locator("tr", has_text=subgroup).first).to_contain_text("Submitted")
    bu.step("who has submitted")
    if javascript:
        assert_accessible(page)
    main.get_by_role("link", name="board pack").click()
    section = page.locator("#pack-highlights")
    expect(section.get_by_role("heading", level=2)).to_have_text("7. Subgroup highlight reports")
    expect(section).to_contain_text(went_well)
    expect(section).to_contain_text("Not submitted:")
    bu.step("the report in the board pack")
