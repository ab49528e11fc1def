"""Section 11 journeys in a real browser: an agency lead completes their return over two
visits and submits it. Runs with JavaScript on and off: the return is a plain form."""

import re

from playwright.sync_api import expect

from .conftest import assert_accessible

# In the demo, Northbrook Mental Health's return in the current round is an overdue draft.
MENTAL_HEALTH_LEAD = "mh.lead@northbrook-scp.example"


def reopen_mental_health_return(app) -> None:
    """Both runs (with and without JavaScript) start from the demo's draft."""
    app.shell(
        "from audits.models import Return, ReturnStatus, RoundStatus\n"
        "Return.objects.filter(agency__short_name='NMH', round__status=RoundStatus.OPEN)"
        ".update(status=ReturnStatus.DRAFT, submitted_at=None)"
    )


def test_agency_lead_completes_a_return_over_two_visits_and_submits_it(app, journey, javascript):
    reopen_mental_health_return(app)
    typed = f"Our supervision audit (November, {'with' if javascript else 'without'} JavaScript) found..."

    first = journey(javascript=javascript)
    first.sign_in(MENTAL_HEALTH_LEAD)
    page = first.page
    page.get_by_role("link", name=re.compile(r"Section 11 self-assessment \d{4}")).first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Section 11 return")
    first.step("the return")
    if javascript:
        assert_accessible(page)
    page.get_by_role("link", name=re.compile(r"(Change|Answer) standard 1$")).click()
    first.step("standard 1")
    if javascript:
        assert_accessible(page)
    evidence = page.get_by_label(re.compile(r"^Evidence for 1\.1")).first
    evidence.fill(typed)
    page.get_by_role("button", name="Save as draft and return later").click()
    first.step("saved as a draft")
    first.context.close()

    second = journey(javascript=javascript)
    second.sign_in(MENTAL_HEALTH_LEAD)
    page = second.page
    page.get_by_role("link", name=re.compile(r"Section 11 self-assessment \d{4}")).first.click()
    page.get_by_role("link", name=re.compile(r"(Change|Answer) standard 1$")).click()
    expect(page.get_by_label(re.compile(r"^Evidence for 1\.1")).first).to_have_value(typed)
    second.step("the draft is kept")
    page.get_by_role("link", name="Back to the return").click()
    page.get_by_role("link", name="Submit", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your answers before submitting")
    second.step("check answers")
    if javascript:
        assert_accessible(page)
    page.get_by_role("button", name="Submit the return").click()
    second.step("submitted")
    expect(page.locator("body")).to_contain_text("Submitted")
    # A submitted return is locked: no way to change a standard any more.
    expect(page.get_by_role("link", name=re.compile(r"(Change|Answer) standard 1$"))).to_have_count(0)


def test_lay_member_records_challenge_on_an_assigned_return(journey, javascript):
    standard = 2 if javascript else 3
    challenge = f"How do you know the policy on standard {standard} is used on the front line?"

    j = journey(javascript=javascript)
    j.sign_in("lay.member@northbrook-scp.example")
    page = j.page
    # Their home page lists their sessions and only the returns assigned to them.
    page.get_by_role("link", name="Peer challenge panel 1", exact=True).click()
    page.get_by_role("link", name="Northshire Police").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("Peer challenge: .*Police"))
    j.step("the return's challenge summary")
    if javascript:
        assert_accessible(page)
    page.get_by_role("link", name=re.compile(rf"(Record|Change) challenge for standard {standard}$")).click()
    page.get_by_label("The panel's challenge").fill(challenge)
    page.get_by_label("The agency's response").fill("We will show the panel our supervision audit.")
    page.locator("input[name=moderated_rating]").first.check()
    j.step("challenge typed")
    if javascript:
        assert_accessible(page)
    page.get_by_role("button", name="Save the challenge").click()
    j.step("challenge saved")
    expect(page.locator("body")).to_contain_text(challenge)
