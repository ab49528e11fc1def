"""Case review journeys in a real browser: an agency lead answers the Rapid Review's request
for their agency's summary, with and without JavaScript."""

import re

from playwright.sync_api import expect

from .conftest import assert_accessible


def reopen_hospital_request(app) -> None:
    """Both runs start from an unanswered request to the hospital on the demo's Child R review."""
    app.shell(
        "from reviews.models import AgencyRequest\n"
        "AgencyRequest.objects.filter(review__reference='DEMO-RR-01', agency__short_name='NGH')"
        ".update(involvement='', analysis='', responded_at=None, responded_by=None)"
    )


def test_agency_lead_answers_an_agency_summary_request(app, journey, javascript):
    reopen_hospital_request(app)
    involvement = f"Child R attended the emergency department on 2 occasions ({javascript=})."

    j = journey(javascript=javascript)
    j.sign_in("agency.lead@northbrook-scp.example")
    page = j.page
    page.get_by_role("navigation").get_by_role("link", name="Requests", exact=True).click()
    j.step("requests")
    if javascript:
        assert_accessible(page)
    page.get_by_role("link", name=re.compile("DEMO-RR-01")).click()
    j.step("the request")
    # Sending with nothing typed is refused with the reason beside the field.
    page.get_by_role("button", name="Send the summary").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Describe your agency's involvement with the child and family"
    )
    j.step("refused when empty")
    if javascript:
        assert_accessible(page)
    page.get_by_label("Your agency's involvement with the child and family").fill(involvement)
    page.get_by_label("Your agency's analysis and learning").fill("The bruising protocol was not followed.")
    page.get_by_role("button", name="Send the summary").click()
    j.step("sent")
    expect(page.locator("body")).to_contain_text("Your agency's summary has been sent")
    expect(page.locator("main")).to_contain_text(involvement)
