"""The cascade confirmation in a real browser: the reminders email the agency lead of a named
agency a link (read from the outbox); without signing in, the lead confirms how the agency
cascaded the briefing and how many staff it reached; the reach then shows on the briefing for
the business unit; the same link again says it has already been used."""

from playwright.sync_api import expect

from .conftest import assert_accessible

BRIEFING = "Child P: recognising cumulative neglect"
# Two leads of agencies the demo briefing's recommendations name, whose cascades await: one for
# the journey with JavaScript, one without (the link works once).
LEADS = {
    True: (
        "agency.lead@northbrook-scp.example",
        "Grace Mensah",
        "Northbrook General Hospital NHS Foundation Trust",
    ),
    False: ("schools.lead@northbrook-scp.example", "Fiona Kerr", "Brookside Academy Trust"),
}


def test_an_agency_lead_confirms_a_cascade_from_the_emailed_link(journey, javascript):
    j = journey(javascript=javascript)
    lead, name, agency = LEADS[javascript]
    j.app.manage("send_reminders")
    message = j.app.wait_for_email(to=lead, subject=BRIEFING)
    link = next(link for link in message.links(j.app.url) if "/cascade/" in link)

    page = j.page
    page.goto(link)
    j.step("the emailed link")
    expect(page.get_by_role("heading", name=f"Confirm that you cascaded “{BRIEFING}”")).to_be_visible()
    if javascript:
        assert_accessible(page)
    page.get_by_role("button", name="Confirm the cascade").click()
    j.step("nothing filled in")
    expect(page.get_by_text("Choose how you cascaded it").first).to_be_visible()
    page.get_by_label("Team meetings").check()
    page.get_by_label("How many staff did it reach?").fill("57")
    page.get_by_label("Your name").fill(name)
    page.get_by_role("button", name="Confirm the cascade").click()
    j.step("confirmed")
    expect(page.get_by_role("heading", name="Cascade confirmed")).to_be_visible()
    expect(page.get_by_text("reached 57 staff")).to_be_visible()

    page.goto(link)
    j.step("the same link again")
    expect(page.get_by_role("heading", name="This link has already been used")).to_be_visible()

    j.sign_in("business.unit@northbrook-scp.example")
    j.go("/briefings/")
    page.get_by_role("link", name=BRIEFING).first.click()
    j.step("the briefing's reach")
    expect(page.get_by_role("heading", name="Reach")).to_be_visible()
    row = page.get_by_role("row").filter(has_text=agency)
    expect(row).to_contain_text("Confirmed")
    expect(row).to_contain_text("57")
    if javascript:
        assert_accessible(page)
