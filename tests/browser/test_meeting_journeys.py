"""Meeting journeys in a real browser: the business unit records a Learning and Improvement
subgroup meeting, who attended and an action agreed there, which goes onto its action plan and
whose page says where it was agreed; the subgroup's chair sees the next meeting on their home
page. With JavaScript on and off: every page on the way is a plain form."""

import datetime

from playwright.sync_api import expect

from .conftest import assert_accessible, fill_date

BUSINESS_UNIT = "business.unit@northbrook-scp.example"
CHAIR = "subgroup.chair@northbrook-scp.example"


def test_business_unit_records_a_meeting_whose_decision_becomes_an_action(journey, javascript):
    run = "js" if javascript else "nojs"
    title = f"Learning and Improvement subgroup ({run})"
    action_text = f"Re-audit neglect referrals and report back ({run})"
    j = journey(javascript=javascript)
    j.sign_in(BUSINESS_UNIT)
    page = j.page

    def check(label: str) -> None:
        j.step(label)
        if javascript:
            assert_accessible(page)

    page.get_by_role("navigation").get_by_role("link", name="Actions", exact=True).click()
    page.locator("main").get_by_role("link", name="Meetings", exact=True).click()
    check("the meetings list")
    page.get_by_role("link", name="Record a meeting").first.click()
    page.get_by_role("radio", name="Subgroup", exact=True).check()
    page.get_by_role("combobox", name="Subgroup").select_option(label="Learning and Improvement")
    page.get_by_label("Title").fill(title)
    fill_date(page, "Date", datetime.date.today())
    page.get_by_label("Where").fill("Online")
    page.get_by_label("Held", exact=True).check()
    check("the meeting form")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    check("the meeting")

    page.get_by_role("link", name="Record attendance").first.click()
    group = page.get_by_role("group", name="Northshire Police")
    group.get_by_label("Attendance").select_option(label="Present")
    group.get_by_label("Representative's name").fill("Tom Fielding")
    check("attendance")
    page.get_by_role("button", name="Save").click()
    expect(page.locator("main")).to_contain_text("Tom Fielding")

    page.get_by_role("link", name="Record a decision").first.click()
    page.get_by_label("Action agreed").check()
    page.get_by_label("Decision", exact=True).fill(action_text)
    page.get_by_label("Action plan and recommendation").select_option(index=1)
    page.get_by_label("Or the lead's name, if they do not use this service").fill("Owen Price")
    fill_date(page, "Due date (optional)", datetime.date.today() + datetime.timedelta(days=90))
    check("the decision form")
    page.get_by_role("button", name="Save").click()
    expect(page.locator("main")).to_contain_text("Decision recorded")
    row = page.locator("main table tr", has_text=action_text)
    expect(row).to_contain_text("Not started")
    row.get_by_role("link").click()
    check("the action agreed")
    expect(page.locator("main")).to_contain_text("Where it was agreed")
    expect(page.locator("main")).to_contain_text(title)


def test_the_chair_sees_their_subgroups_next_meeting_on_the_home_page(journey):
    j = journey()
    j.sign_in(CHAIR)
    page = j.page
    expect(page.locator("main")).to_contain_text("Next meeting")
    page.locator("main").get_by_role("link", name="Learning and Improvement subgroup").first.click()
    expect(page.locator("main")).to_contain_text("Planned")
    assert_accessible(page)
