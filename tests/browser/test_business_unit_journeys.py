"""Business unit journeys in a real browser: a serious incident notification taken through its
Rapid Review to the decision and the LCSPR it leads to, and a Section 11 round set up and
opened (which emails the agency leads). Both run with JavaScript on and off: every page on
the way is a plain form. The business unit signs in with two-factor authentication."""

import datetime
import re

from django.urls import reverse
from playwright.sync_api import expect

from .conftest import assert_accessible, fill_date

BUSINESS_UNIT = "business.unit@northbrook-scp.example"


def test_business_unit_takes_a_notification_through_its_rapid_review_to_an_lcspr(journey, javascript):
    run = "js" if javascript else "nojs"
    reference = f"SIN-BROWSER-{run.upper()}"
    pseudonym = f"Child Z{run}"

    j = journey(javascript=javascript)
    j.sign_in(BUSINESS_UNIT)
    page = j.page

    def check(label: str) -> None:
        j.step(label)
        if javascript:
            assert_accessible(page)

    j.go(reverse("reviews:notification-create"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Record a serious incident notification")
    check("the notification form")
    page.get_by_label("Reference").fill(reference)
    fill_date(page, "Date the local authority became aware", datetime.date.today())
    page.get_by_label("Serious harm", exact=True).check()
    page.get_by_label("Suspected", exact=True).check()
    page.get_by_label("Summary").fill(f"{pseudonym} was admitted with injuries consistent with shaking.")
    page.get_by_label("Northbrook General Hospital NHS Foundation Trust").check()
    page.locator("[name=child-0-pseudonym]").fill(pseudonym)
    page.locator("[name=child-0-age_band]").select_option(label="Under 1")
    page.get_by_role("button", name="Record the notification").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(reference)
    expect(page.locator("main")).to_contain_text(pseudonym)
    check("the notification recorded")

    page.get_by_role("link", name="Open the Rapid Review").click()
    expect(page.get_by_label("Known as")).to_have_value(pseudonym)
    check("opening the Rapid Review")
    page.get_by_role("button", name="Open the Rapid Review").click()
    expect(page.locator("body")).to_contain_text("Rapid Review")
    expect(page.locator(".govuk-notification-banner")).to_contain_text("opened")
    check("the Rapid Review")

    page.get_by_role("link", name="Record the decision").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Record the decision against the criteria")
    check("the decision form")
    page.get_by_label("Abuse or neglect of the child is known or suspected").check()
    page.get_by_label("The child has been seriously harmed").check()
    page.get_by_label("There is cause for concern about how agencies worked together").check()
    page.get_by_label("Hold an LCSPR").check()
    page.get_by_label("Rationale").fill("The criteria are met: agencies did not share the bruising concerns.")
    page.get_by_label("Who decided").fill("The three safeguarding partners' leads")
    page.get_by_role("button", name="Record the decision").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Decision recorded: Hold an LCSPR")
    check("the decision recorded")

    page.get_by_role("link", name="Open the LCSPR").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Open the LCSPR")
    check("opening the LCSPR")
    page.get_by_role("button", name="Open the LCSPR").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        re.compile(r"Local Child Safeguarding Practice Review .* opened")
    )
    expect(page.locator("main")).to_contain_text(pseudonym)
    check("the LCSPR")


def test_business_unit_sets_up_and_opens_a_section11_round(app, journey, javascript):
    run = "with JavaScript" if javascript else "without JavaScript"
    title = f"Section 11 browser round ({run})"

    j = journey(javascript=javascript)
    j.sign_in(BUSINESS_UNIT)
    page = j.page

    def check(label: str) -> None:
        j.step(label)
        if javascript:
            assert_accessible(page)

    j.go(reverse("audits:round-create"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Set up a Section 11 round")
    check("the round form")
    page.get_by_label("Title").fill(title)
    fill_date(page, "Opening date", datetime.date.today())
    page.get_by_label("Northbrook General Hospital NHS Foundation Trust").check()
    page.get_by_label("Northshire Mental Health NHS Trust").check()
    page.get_by_role("button", name="Set up the round").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text(f"{title} set up")
    check("the round set up")

    page.get_by_role("link", name="Open the round").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Open the round")
    expect(page.locator("main")).to_contain_text("agency.lead@northbrook-scp.example")
    check("who will be emailed")
    page.get_by_role("button", name="Open the round and email the leads").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        f"{title} is open. Agency leads will be emailed within a few minutes"
    )
    check("the round open")

    # One email to each invited agency's lead, naming the round.
    for lead in ("agency.lead@northbrook-scp.example", "mh.lead@northbrook-scp.example"):
        invitation = app.wait_for_email(to=lead, subject=title)
        assert any("/audits/" in link for link in invitation.links(app.url)), invitation.text
