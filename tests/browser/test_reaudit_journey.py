"""Did it stick? The business unit plans a re-audit from a reported audit (the form comes filled
in from it, a year later, and the re-audit takes its lines of enquiry and agencies), then reads a
re-audit's before and after: each line of enquiry and each agency, earlier grades beside the new
ones. With JavaScript on and off: every page on the way is a plain form or a table."""

from django.urls import reverse
from playwright.sync_api import expect

from .conftest import assert_accessible

BUSINESS_UNIT = "business.unit@northbrook-scp.example"
EARLIER = "Multi-agency audit: neglect of adolescents"
DEMO_REAUDIT = "Multi-agency re-audit: use of the graded care profile"


def test_business_unit_plans_a_reaudit_and_sees_before_and_after(journey, javascript):
    run = "with JavaScript" if javascript else "without JavaScript"
    j = journey(javascript=javascript)
    j.sign_in(BUSINESS_UNIT)
    page = j.page

    def check(label: str) -> None:
        j.step(label)
        if javascript:
            assert_accessible(page)

    j.go(reverse("audits:audit-list"))
    page.get_by_role("link", name=EARLIER, exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(EARLIER)
    page.get_by_role("link", name="Plan a re-audit").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Plan a re-audit of {EARLIER}")
    expect(page.get_by_label("Title", exact=True)).to_have_value(
        "Multi-agency re-audit: neglect of adolescents"
    )
    repeats = page.get_by_label("The audit it repeats (optional)")
    expect(repeats.locator("option:checked")).to_contain_text(EARLIER)
    check("planning a re-audit")
    title = f"Multi-agency re-audit: neglect of adolescents ({run})"
    page.get_by_label("Title", exact=True).fill(title)
    page.get_by_role("button", name="Plan re-audit").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    banner = page.locator(".govuk-notification-banner")
    expect(banner).to_contain_text("Re-audit planned")
    main = page.locator("main")
    # The earlier audit's lines of enquiry and agencies came with it; the auditors are to be confirmed.
    expect(main).to_contain_text("How well was the young person's voice heard and recorded?")
    expect(main).to_contain_text("Detective Sergeant, PVP unit")
    expect(main).to_contain_text("Not confirmed")
    expect(page.get_by_role("link", name=EARLIER, exact=True).first).to_be_visible()
    check("the re-audit planned")

    j.go(reverse("audits:audit-list"))
    page.get_by_role("link", name=DEMO_REAUDIT, exact=True).click()
    lines = page.locator("#comparison-lines")
    expect(lines).to_contain_text("0 of 4 (0%)")
    expect(lines).to_contain_text("3 of 4 (75%)")
    expect(lines.locator("tbody tr").nth(1)).to_contain_text("Worse")
    check("the re-audit's before and after")
    page.get_by_role("link", name="See before and after by agency").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Before and after: did it stick?")
    expect(page.locator("main")).to_contain_text("Lines of enquiry improved: 2; no change: 0; worse: 1.")
    expect(
        page.get_by_role(
            "table", name="By agency: lines of enquiry graded good or outstanding, before and after"
        )
    ).to_be_visible()
    check("before and after by agency")
