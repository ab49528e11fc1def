"""Action plan journeys in a real browser: an agency lead records progress on one of their
agency's actions and adds evidence (a file upload), with and without JavaScript."""

import re
from pathlib import Path

from playwright.sync_api import expect

from .conftest import assert_accessible


def test_agency_lead_updates_an_action_with_evidence(journey, javascript, tmp_path):
    progress = f"Audit of 20 case files done ({'JS' if javascript else 'no JS'}); findings to the subgroup."
    evidence_file = tmp_path / "supervision-audit-summary.txt"
    evidence_file.write_text("Supervision audit, November: 18 of 20 files showed the child's voice.\n")

    j = journey(javascript=javascript)
    j.sign_in("agency.lead@northbrook-scp.example")
    page = j.page
    page.get_by_role("navigation").get_by_role("link", name="Actions", exact=True).click()
    # The header's "Actions" item gathers actions and action plans on one section page.
    page.locator("main").get_by_role("link", name="Actions", exact=True).click()
    j.step("actions list")
    if javascript:
        assert_accessible(page)
    page.get_by_label("Owner agency").select_option(label="Northbrook General Hospital NHS Foundation Trust")
    page.get_by_label("Status").select_option(label="On track")
    page.get_by_role("button", name="Apply filters").click()
    j.step("their agency's actions on track")
    page.locator("main table tbody tr a").first.click()
    j.step("an action")
    page.get_by_role("link", name="Add a progress update").click()
    page.get_by_label("Progress made").fill(progress)
    page.get_by_label("On track", exact=True).check()
    if javascript:
        assert_accessible(page)
    page.get_by_role("button", name="Add the update").click()
    j.step("update added")
    expect(page.locator("main")).to_contain_text(progress)

    page.get_by_role("link", name="Add evidence").click()
    page.get_by_label("What this evidence shows").fill("Summary of the supervision audit")
    page.get_by_label("Upload a file").set_input_files(str(evidence_file))
    j.step("evidence chosen")
    page.get_by_role("button", name="Add the evidence").click()
    j.step("evidence added")
    download_link = page.get_by_role("link", name=re.compile("supervision-audit-summary"))
    expect(download_link.first).to_be_visible()
    with page.expect_download() as download:
        download_link.first.click()
    assert "18 of 20 files" in Path(download.value.path()).read_text()
