"""The business unit reads the demo's last complete year: its publication trail (finalised,
published, sent to the national Panel and to Foundations, the clock met), then the report as a
web page, which axe checks, and the standalone HTML file for the partnership's website, which
axe checks as well once loaded on its own."""

import datetime
import re

from django.urls import reverse
from playwright.sync_api import expect

from dashboards import periods

from .conftest import assert_accessible

BUSINESS_UNIT = "business.unit@northbrook-scp.example"


def test_the_published_report_shows_its_trail_and_its_html_edition_passes_axe(journey):
    j = journey()
    j.sign_in(BUSINESS_UNIT)
    page = j.page
    year = periods.reporting_year(datetime.date.today()) - 1
    label = periods.year_label(year)
    j.go(reverse("dashboards:report-year", args=[year]))
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Annual report {label}")
    trail = page.locator("#publication + p + dl")
    expect(trail).to_contain_text("finalised by")
    expect(trail).to_contain_text("https://www.northbrook-scp.example/about-us/annual-report-")
    expect(trail).to_contain_text("By email to the Panel's secretariat")
    expect(trail).to_contain_text("By email to Foundations")
    expect(trail).to_contain_text(re.compile(r"Met(, \d+ days? early| on the due date)"))
    j.step("the year's publication trail")
    assert_accessible(page)

    page.get_by_role("link", name="Read the report as a web page").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Annual report {label}")
    contents = page.get_by_role("navigation", name="Contents")
    expect(contents.get_by_role("link")).not_to_have_count(0)
    # The contents list leads to each section's heading.
    contents.get_by_role("link", name="Case reviews").click()
    assert page.url.endswith("#section-case-reviews")
    expect(page.get_by_role("heading", level=2, name=re.compile(r"^\d+\. Case reviews$"))).to_be_visible()
    j.step("the HTML edition")
    assert_accessible(page)

    # The file for the website: self-contained, and accessible on its own.
    download = j.context.request.get(j.app.url + reverse("dashboards:report-edition-download", args=[year]))
    assert download.ok and download.headers["content-disposition"].startswith("attachment;")
    html = download.text()
    assert "<script" not in html and "<link" not in html and 'lang="en-GB"' in html
    standalone = j.context.new_page()
    standalone.set_content(html)
    expect(standalone).to_have_title(re.compile(rf"^Annual report {re.escape(label)}: "))
    expect(standalone.get_by_role("heading", level=1)).to_have_text(f"Annual report {label}")
    assert_accessible(standalone)
