"""A priority's page in a real browser: the business unit reads what serves a demo priority and
the progress its evidence suggests, then records a judgement of progress, with or without
JavaScript."""

from playwright.sync_api import expect

from .conftest import assert_accessible


def test_the_business_unit_reads_a_priority_and_records_its_progress(journey, javascript):
    j = journey(javascript=javascript)
    j.sign_in("business.unit@northbrook-scp.example")
    # The whole list: the other variant of this journey (the same demo data) may already have
    # assessed it, and the demo assesses the previous year's priorities.
    j.go("/priorities/")
    j.step("the priorities")
    j.page.get_by_role("link", name="Hearing the voice of the child").first.click()
    page = j.page
    expect(page.get_by_role("heading", name="Progress", exact=True)).to_be_visible()
    expect(page.get_by_text("What the evidence suggests")).to_be_visible()
    expect(page.get_by_role("heading", name="Measures")).to_be_visible()
    expect(page.get_by_role("heading", name="Linked actions")).to_be_visible()
    if javascript:
        assert_accessible(page)

    page.get_by_role("link", name="Record progress").click()
    j.step("record progress")
    page.get_by_role("button", name="Record progress").click()
    expect(page.get_by_text("Choose how progress on this priority is going").first).to_be_visible()
    page.get_by_label("Some progress").check()
    page.get_by_label("Evidence").fill("The young people's panel reviewed the plan in the autumn.")
    page.get_by_role("button", name="Record progress").click()
    j.step("progress recorded")
    expect(page.get_by_text("Progress recorded: Some progress.")).to_be_visible()
    expect(
        page.get_by_text("The young people's panel reviewed the plan in the autumn.").first
    ).to_be_visible()
    if javascript:
        assert_accessible(page)
