"""The annual report PDF for a small known data set: every section's figures are in its text,
the contents give page numbers, it is a tagged PDF with a title and language, it names no child,
and its template loads nothing but our own stylesheet."""

import io
import re
from pathlib import Path

import pytest
import time_machine
from django.conf import settings
from pypdf import PdfReader

from dashboards.report.figures import report_sections
from dashboards.report.services import annual_report_pdf, narratives_save
from dashboards.report.services.versions import TEMPLATE

from .report_data import CHILD, EXPECTED, build

pytestmark = pytest.mark.django_db
TODAY = "2026-11-30 12:00:00+00:00"


def squash(text: str) -> str:
    return " ".join(text.split())


@time_machine.travel(TODAY, tick=False)
def test_the_pdf_holds_every_sections_figures_contents_page_numbers_and_is_tagged(world):
    build(world)
    narratives_save(
        year=2025, texts={"foreword": "A year of listening to children."}, actor=world.business_unit
    )
    pdf, pages = annual_report_pdf(year=2025, actor=world.business_unit)
    reader = PdfReader(io.BytesIO(pdf))
    assert pages == len(reader.pages) > 14
    texts = [squash(page.extract_text()) for page in reader.pages]
    whole = " ".join(texts)

    # The cover, then the contents: each section with the page it starts on.
    assert "Annual report 2025/26" in texts[0] and settings.PARTNERSHIP_NAME in texts[0]
    assert "1 April 2025 to 31 March 2026" in texts[0]
    contents = texts[1]
    starts = {}
    for number, title in enumerate(EXPECTED, start=2):
        match = re.search(rf"{number}\. {re.escape(title)} \.* ?(\d+)", contents)
        assert match, f"{title} missing from the contents"
        starts[title] = int(match.group(1))
    for title, words in EXPECTED.items():
        page = texts[starts[title] - 1]
        assert title in page, f"{title} does not start on page {starts[title]}"
        section_text = " ".join(texts[starts[title] - 1 :])
        for word in words:
            assert word in section_text, f"{word!r} missing from {title}"
    assert "A year of listening to children." in whole
    assert f"Page 3 of {pages}" in texts[2]

    # For the public: no child's pseudonym, no notification summary.
    assert CHILD not in whole
    assert "injuries" not in whole

    # Tagged (PDF/UA), with its title and language.
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"]
    assert root["/Lang"] == "en-GB"
    assert reader.metadata.title == "Annual report 2025/26"


@time_machine.travel(TODAY, tick=False)
def test_every_section_is_there_in_order_even_with_no_data(world):
    sections = report_sections(2030, user=world.business_unit)
    assert [s.title for s in sections][1:] == list(EXPECTED)
    assert sections[0].title == "Foreword"


def test_the_report_template_loads_nothing_but_our_static_files():
    """Every src or href in the PDF template is our stylesheet or an in-document anchor, so the
    renderer's fetcher (which refuses the rest: tests/partnership/test_pdf.py) is never asked
    for anything else."""
    source = (Path(settings.BASE_DIR) / "templates" / TEMPLATE).read_text()
    addresses = re.findall(r'(?:src|href)="([^"]*)"', source)
    assert addresses, "the template should link its stylesheet"
    for address in addresses:
        assert address.startswith("#") or address.startswith("{% get_static_prefix %}src/pdf/"), address
    assert "url(" not in (Path(settings.BASE_DIR) / "static/src/pdf/annual-report.css").read_text()
    assert "@import" not in (Path(settings.BASE_DIR) / "static/src/pdf/annual-report.css").read_text()
