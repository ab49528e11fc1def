"""The one PDF renderer fetches only data: URIs and our own static files."""

import io

import pytest
from pypdf import PdfReader

from partnership.pdf import BASE_URL, RefusedURL, fetch_resource


@pytest.mark.parametrize(
    "url",
    [
        "http://example.org/tracker.png",
        "https://example.org/style.css",
        "file:///etc/passwd",
        BASE_URL + "etc/passwd",
        BASE_URL + "static/../../partnership/settings/base.py",
        BASE_URL + "static/does-not-exist.css",
        "ftp://example.org/x",
    ],
)
def test_the_renderer_refuses_anything_but_data_and_our_static_files(url):
    with pytest.raises(RefusedURL):
        fetch_resource(url)


def test_the_renderer_loads_data_uris_and_our_static_files():
    assert fetch_resource("data:text/plain,hello") == (b"hello", "text/plain")
    content, mime_type = fetch_resource(BASE_URL + "static/images/favicon.svg")
    assert mime_type == "image/svg+xml"
    assert b"<svg" in content


def test_a_rendered_pdf_is_tagged_titled_and_holds_real_text():
    from partnership.pdf import html_to_pdf

    pdf = html_to_pdf(
        '<html lang="en-GB"><head><title>Probe report</title></head><body><h1>Heading</h1>'
        '<p>Figures: 42</p><img src="http://example.org/x.png" alt=""></body></html>'
    )
    reader = PdfReader(io.BytesIO(pdf))
    assert "Figures: 42" in reader.pages[0].extract_text()
    assert reader.metadata.title == "Probe report"
    assert "/StructTreeRoot" in reader.trailer["/Root"]  # tagged for screen readers
