"""The one PDF renderer: templates to tagged, accessible PDFs with WeasyPrint.

It fetches nothing from the network or the file system: only `data:` URIs and the project's
own static files (addressed as /static/…) are loaded; every other address is refused, so a
report can never be made to read a local file or call out to another server.
"""

import mimetypes
from pathlib import PurePosixPath
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

# Relative addresses in the HTML resolve against this; it is never fetched.
BASE_URL = "https://pdf.invalid/"


class RefusedURL(ValueError):
    """The PDF tried to load something other than a data: URI or one of our static files."""


def fetch_resource(url: str) -> tuple[bytes, str]:
    """(content, MIME type) for a data: URI or one of our static files; RefusedURL otherwise."""
    if url.startswith("data:"):
        response = URLFetcher(allowed_protocols=("data",)).fetch(url)
        return response.read(), response.headers.get_content_type()
    parts = urlsplit(url)
    static_prefix = settings.STATIC_URL if settings.STATIC_URL.startswith("/") else "/" + settings.STATIC_URL
    if f"{parts.scheme}://{parts.netloc}/" == BASE_URL and parts.path.startswith(static_prefix):
        relative = unquote(parts.path[len(static_prefix) :])
        if ".." not in PurePosixPath(relative).parts:
            path = finders.find(relative)
            if path:
                with open(path, "rb") as handle:
                    return handle.read(), mimetypes.guess_type(path)[0] or "application/octet-stream"
    raise RefusedURL(f"Refused to load {url}")


class OwnFilesOnlyFetcher(URLFetcher):
    """WeasyPrint's fetcher, narrowed to `fetch_resource`: nothing else is ever loaded."""

    def fetch(self, url, headers=None):
        content, mime_type = fetch_resource(url)
        return URLFetcherResponse(url, body=content, headers={"Content-Type": mime_type})


def render_pdf(template: str, context: dict, *, title: str) -> bytes:
    """Render `template` as a tagged PDF (PDF/UA) with the given document title."""
    return render_pdf_with_pages(template, context, title=title)[0]


def render_pdf_with_pages(template: str, context: dict, *, title: str) -> tuple[bytes, int]:
    """`render_pdf`, and the number of pages it laid out."""
    context = {"partnership_name": settings.PARTNERSHIP_NAME, "pdf_title": title, **context}
    return html_to_pdf_with_pages(render_to_string(template, context))


def html_to_pdf(html: str) -> bytes:
    """A tagged PDF (PDF/UA-1: title, language, reading order, real text) from HTML."""
    return html_to_pdf_with_pages(html)[0]


def html_to_pdf_with_pages(html: str) -> tuple[bytes, int]:
    """`html_to_pdf`, and the number of pages WeasyPrint laid out (no PDF parser needed)."""
    fetcher = OwnFilesOnlyFetcher()
    options = {"pdf_variant": "pdf/ua-1"}
    document = HTML(string=html, base_url=BASE_URL, url_fetcher=fetcher).render(**options)
    return document.write_pdf(**options), len(document.pages)
