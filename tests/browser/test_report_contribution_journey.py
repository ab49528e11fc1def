"""Contributors write their parts of the annual report in the product: the business unit
requests the independent scrutineer's assessment (from the demo's scrutineer, who has no role)
and the Learning and Improvement subgroup's section (from its chair, by default) for the current
reporting year; the daily reminders email each a link (read from the outbox); each signs in,
opens their link, finds a template with headings (and the subgroup's own figures), writes and
submits; the business unit approves both, and the report's page shows them as they will print."""

import datetime
import re

from playwright.sync_api import expect

from .conftest import assert_accessible, fill_date

BUSINESS_UNIT = "business.unit@northbrook-scp.example"
CHAIR = "subgroup.chair@northbrook-scp.example"  # Priya Raman, chair of Learning and Improvement
SCRUTINEER = "independent.scrutineer@northbrook-scp.example"  # Dr Elaine Marsh, no role
SUBGROUP_SECTION = "The Learning and Improvement subgroup's section"
ASSESSMENT = "The independent scrutineer's assessment"


def request(page, what: str, due: datetime.date, author: str | None = None) -> None:
    page.get_by_role("link", name="Request a contribution").click()
    page.get_by_label("What do you want to request?").select_option(label=what)
    if author:
        page.get_by_label("Who should write it?").select_option(label=author)
    fill_date(page, "Due date", due)
    page.get_by_role("button", name="Request the contribution").click()


def write(journey, email: str, subject_title: str, expected: list[str], text: str):
    j = journey()
    j.sign_in(email)
    message = j.app.wait_for_email(to=email, subject=subject_title)
    assert "please write" in message.subject
    link = next(link for link in message.links(j.app.url) if "/annual-report/contributions/" in link)
    page = j.page
    page.goto(link)
    j.step(f"{email} opens the emailed link")
    expect(page.get_by_role("heading", name=subject_title)).to_be_visible()
    box = page.get_by_label("Your contribution")
    for words in expected:
        expect(box).to_have_value(re.compile(re.escape(words)))
    assert_accessible(page)
    box.fill(text)
    page.get_by_role("button", name="Submit to the business unit").click()
    j.step(f"{email} submitted")
    expect(page.get_by_text("Submitted to the business unit")).to_be_visible()
    expect(page.get_by_text(text)).to_be_visible()


def test_a_chair_and_the_scrutineer_write_from_their_email_and_the_business_unit_approves(journey):
    bu = journey()
    bu.sign_in(BUSINESS_UNIT)
    page = bu.page
    bu.go("/dashboards/annual-report/")  # the current reporting year
    year_url = page.url
    due = datetime.date.today() + datetime.timedelta(days=30)
    request(page, ASSESSMENT, due, author=f"Dr Elaine Marsh ({SCRUTINEER})")
    bu.step("the scrutineer's assessment requested")
    expect(
        page.get_by_text("Requested: The independent scrutineer's assessment, from Dr Elaine Marsh")
    ).to_be_visible()
    request(page, "Learning and Improvement", due)  # its chair, by default
    bu.step("the subgroup's section requested")
    expect(page.get_by_text(f"Requested: {SUBGROUP_SECTION}, from Priya Raman")).to_be_visible()
    expect(page.get_by_text("2 contributions still missing")).to_be_visible()
    assert_accessible(page)

    bu.app.manage("send_reminders")
    write(journey, CHAIR, SUBGROUP_SECTION, ["Your figures for", "Actions open on", "What the subgroup did this year"],
          "Our subgroup re-audited neglect and the changes held.")  # fmt: skip
    write(journey, SCRUTINEER, ASSESSMENT, ["How well the arrangements worked", "What should improve"],
          "The arrangements worked well; the partners should hear more from families.")  # fmt: skip

    for title in (SUBGROUP_SECTION, ASSESSMENT):
        page.goto(year_url)
        page.get_by_role("link", name=title).click()
        bu.step(f"the business unit reads {title}")
        page.get_by_role("button", name="Approve for the report").click()
        expect(page.get_by_text(f"Approved: {title} will be printed in the report")).to_be_visible()
    bu.step("both approved")
    expect(page.get_by_text("still missing")).to_have_count(0)
    printed = page.get_by_role("region", name=re.compile("subgroup's section|scrutineer's assessment"))
    expect(printed).to_have_count(2)
    expect(page.get_by_text("Our subgroup re-audited neglect and the changes held.")).to_be_visible()
    expect(
        page.get_by_text("The arrangements worked well; the partners should hear more from families.")
    ).to_be_visible()
    assert_accessible(page)
