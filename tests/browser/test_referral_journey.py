"""A referral for a learning review in a real browser, without JavaScript: an agency's lead
refers a case (pseudonym only), and the business unit screens it into a learning review."""

from playwright.sync_api import expect


def test_an_agency_refers_a_case_and_the_business_unit_screens_it_into_a_learning_review(journey):
    agency = journey(javascript=False)
    agency.sign_in("agency.lead@northbrook-scp.example")
    page = agency.page
    page.get_by_role("link", name="Refer a case").first.click()
    agency.step("refer a case")
    page.get_by_role("button", name="Make the referral").click()
    expect(page.get_by_text("Enter the child's pseudonym").first).to_be_visible()
    page.get_by_label("A practitioner").check()
    page.get_by_label("Referred by").fill("Sam Patel, health visitor")
    page.get_by_label("Child's pseudonym").fill("Child J")
    page.get_by_label("Circumstances of the case").fill("Child J's injuries were seen by three agencies.")
    page.get_by_label("Why do you think it meets the criteria").fill("Nobody joined up what they saw.")
    page.get_by_role("button", name="Make the referral").click()
    agency.step("referral made")
    expect(page.get_by_text("Referral made: Child J.")).to_be_visible()
    expect(page.get_by_text("Awaiting screening").first).to_be_visible()

    unit = journey(javascript=False)
    unit.sign_in("business.unit@northbrook-scp.example")
    page = unit.page
    page.get_by_role("link", name="Child J: a practitioner").click()
    unit.step("the referral")
    page.get_by_role("link", name="Screen the referral").click()
    page.get_by_label("may give useful insights").check()
    page.get_by_label("Hold a learning review").check()
    page.get_by_label("Rationale").fill("Not a serious case, but agencies did not share what they saw.")
    page.get_by_label("Reference for the learning review").fill("LR-2026-09")
    page.get_by_label("Overseeing subgroup").select_option(label="Practice Review")
    page.get_by_role("button", name="Record the decision").click()
    unit.step("screened")
    expect(page.get_by_text("Learning review opened: LR-2026-09")).to_be_visible()
    page.get_by_role("link", name="LR-2026-09: Child J").click()
    expect(page.get_by_role("heading", name="Child J").first).to_be_visible()
