"""The business unit produces the annual report from the browser and downloads it.

The journey starts on the partnership dashboard, follows its "Annual report" link to the
current year's page, produces the report (with JavaScript: the current year; without: the
previous year, reached by the page's "Previous year" link), waits on the progress page while the
Celery worker renders the PDF (the page keeps itself up to date: htmx swaps in the new progress
with JavaScript, a meta refresh reloads it without), and downloads it. The download must be a
PDF whose text names the partnership and the year. axe checks each page visited (with
JavaScript: axe runs in the page).
"""

import io
import re

from django.urls import reverse
from playwright.sync_api import expect

from .conftest import assert_accessible

BUSINESS_UNIT = "business.unit@northbrook-scp.example"
PARTNERSHIP = "Northbrook Safeguarding Children Partnership"
# Rendering the demo report takes a few seconds on a quiet machine; allow for a loaded one.
RENDER_TIMEOUT_MS = 180_000


def test_business_unit_produces_and_downloads_the_annual_report(journey, javascript):
    from pypdf import PdfReader

    j = journey(javascript=javascript)
    j.sign_in(BUSINESS_UNIT)
    page = j.page

    def check(label: str) -> None:
        j.step(label)
        if javascript:  # axe runs in the page: only with JavaScript on
            assert_accessible(page)

    j.go(reverse("dashboards:partnership"))
    check("the partnership dashboard")
    page.get_by_role("navigation", name="Dashboards").get_by_role("link", name="Annual report").click()
    heading = page.get_by_role("heading", level=1)
    expect(heading).to_have_text(re.compile(r"^Annual report \d{4}/\d{2}$"))
    if not javascript:
        # The year before: the one a partnership publishes in the autumn.
        current = heading.inner_text()
        page.get_by_role("link", name="Previous year").click()
        expect(heading).not_to_have_text(current)
    label = heading.inner_text().removeprefix("Annual report ")
    first, second = label.split("/")
    assert int(second) == (int(first) + 1) % 100
    check(f"the annual report page for {label}")

    page.get_by_role("button", name="Produce the report").click()
    # The progress page (refreshing itself) until the worker has rendered the PDF.
    expect(page.get_by_text(f"Annual report {label}", exact=True)).to_be_visible()
    expect(heading).to_have_text(re.compile("Preparing your report|Your report is ready"))
    check("the report's progress")
    expect(heading).to_have_text("Your report is ready", timeout=RENDER_TIMEOUT_MS)
    check("the report ready")

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download the report (PDF)").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".pdf")
    data = download.path().read_bytes()
    assert data.startswith(b"%PDF-")
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) > 10
    cover = reader.pages[0].extract_text()
    text = " ".join(p.extract_text() for p in reader.pages)
    assert PARTNERSHIP in " ".join(cover.split()) or PARTNERSHIP in " ".join(text.split())
    assert f"Annual report {label}" in " ".join(text.split())

    # Back on the year's page, the version is listed with its download.
    page.get_by_role("link", name="Back to the annual report").click()
    expect(heading).to_have_text(f"Annual report {label}")
    versions = page.get_by_role("table", name=f"Every version of the {label} report")
    expect(versions).to_contain_text("Ready")
    check("the year's versions")
