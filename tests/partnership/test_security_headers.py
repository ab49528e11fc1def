"""Security headers on every response, no caching of what a signed-in person sees or downloads,
HSTS under production settings, and templates that a strict Content-Security-Policy can serve
(no inline script, style or event handler can come back unnoticed)."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import reverse

from partnership.security.middleware import NoStoreMiddleware

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = ROOT / "templates"

EXPECTED_CSP = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "font-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'none'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}


def directives(header: str) -> dict[str, str]:
    parts = (p.strip().split(None, 1) for p in header.split(";") if p.strip())
    return {p[0]: (p[1] if len(p) > 1 else "") for p in parts}


def assert_security_headers(response):
    policy = directives(response["Content-Security-Policy"])
    assert policy == EXPECTED_CSP
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert "unsafe-eval" not in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.django_db
def test_the_sign_in_page_has_the_security_headers(client):
    response = client.get(reverse("partnership:login"))
    assert response.status_code == 200
    assert_security_headers(response)


def test_signed_in_pages_have_the_security_headers_and_are_never_stored(world, client_for):
    client = client_for(world.business_unit)
    for name in ("partnership:home", "partnership:action-list", "partnership:security-events"):
        response = client.get(reverse(name))
        assert response.status_code == 200, name
        assert_security_headers(response)
        assert response["Cache-Control"] == "no-store", name
        assert response["Pragma"] == "no-cache", name


def test_refusals_and_not_found_pages_are_never_stored_either(world, client_for):
    client = client_for(world.agency_lead)
    refused = client.get(reverse("partnership:security-events"))
    assert refused.status_code == 403
    assert refused["Cache-Control"] == "no-store"
    assert_security_headers(refused)
    missing = client.get("/no-such-page/")
    assert missing.status_code == 404
    assert missing["Cache-Control"] == "no-store"


def test_exports_are_never_stored(world, client_for):
    response = client_for(world.agency_lead).get(reverse("partnership:action-export-csv"))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["Cache-Control"] == "no-store"
    assert response["Pragma"] == "no-cache"


def test_any_attachment_is_never_stored_even_for_someone_signed_out():
    """A download handed to a signed-out visitor (a public file, one day) is not cached either."""

    def view(request):
        response = HttpResponse(b"data", content_type="text/csv")
        response["Content-Disposition"] = 'attachment; filename="list.csv"'
        response["Cache-Control"] = "public, max-age=3600"
        return response

    request = RequestFactory().get("/download")
    from django.contrib.auth.models import AnonymousUser

    request.user = AnonymousUser()
    response = NoStoreMiddleware(view)(request)
    assert response["Cache-Control"] == "no-store"
    assert response["Pragma"] == "no-cache"


def test_a_stricter_cache_control_set_by_a_view_is_kept(world):
    def view(request):
        response = HttpResponse("page")
        response["Cache-Control"] = "max-age=0, no-cache, no-store, must-revalidate, private"
        return response

    request = RequestFactory().get("/")
    request.user = world.no_role
    response = NoStoreMiddleware(view)(request)
    assert "no-store" in response["Cache-Control"]
    assert response["Pragma"] == "no-cache"


# --- production: HSTS and HTTPS -----------------------------------------------------------

PRODUCTION = {
    "LEARNING_ENV": "production",
    "SECRET_KEY": "a-test-secret-key-that-is-long-and-random-enough-0123456789abcdef",
    "ALLOWED_HOSTS": "learning.example.org",
    "SITE_URL": "https://learning.example.org",
    "EMAIL_URL": "smtp+tls://mailer:secret@smtp.example.org:587",
    "DJANGO_SETTINGS_MODULE": "partnership.settings.base",
}

PROBE = """
import json, django
django.setup()
from django.conf import settings
from django.test import Client
client = Client()
secure = client.get("/", secure=True, HTTP_HOST="learning.example.org")
plain = client.get("/", secure=False, HTTP_HOST="learning.example.org")
print(json.dumps({
    "hsts": secure.headers.get("Strict-Transport-Security", ""),
    "csp": secure.headers.get("Content-Security-Policy", ""),
    "frame": secure.headers.get("X-Frame-Options", ""),
    "referrer": secure.headers.get("Referrer-Policy", ""),
    "plain_status": plain.status_code,
    "plain_location": plain.headers.get("Location", ""),
    "session_cookie_secure": settings.SESSION_COOKIE_SECURE,
    "csrf_cookie_secure": settings.CSRF_COOKIE_SECURE,
}))
"""


def test_production_sends_hsts_and_redirects_to_https(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in PRODUCTION and k != "DATABASE_URL"}
    env.update(PRODUCTION, LEARNING_VAR_DIR=str(tmp_path))
    result = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    hsts = dict([*part.strip().split("="), ""][:2] for part in seen["hsts"].split(";") if part.strip())
    assert int(hsts["max-age"]) >= 60 * 60 * 24 * 365
    assert "includeSubDomains" in hsts and "preload" in hsts
    assert directives(seen["csp"]) == EXPECTED_CSP
    assert seen["frame"] == "DENY"
    assert seen["referrer"] == "same-origin"
    assert seen["plain_status"] == 301
    assert seen["plain_location"].startswith("https://learning.example.org/")
    assert seen["session_cookie_secure"] and seen["csrf_cookie_secure"]


# --- templates a strict CSP can serve ---------------------------------------------------------

# Templates never served to a browser as a page, where the CSP does not apply: HTML emails
# (mail clients need inline styles) and the PDFs WeasyPrint renders on the server. They are
# still scanned for scripts and event handlers.
STYLES_ALLOWED_UNDER = (
    "emails/",
    "audits/pdf/",
    "reviews/pdf/",
    "training/pdf/",
    "dashboards/pdf/",
    "governance/pdf/",
    # The annual report's standalone HTML edition: a self-contained file (its stylesheet inlined)
    # for the partnership's website, only ever downloaded as an attachment, never served here.
    "dashboards/report/edition/standalone.html",
)

INLINE_SCRIPT = re.compile(r"<script\b(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
STYLE_ELEMENT = re.compile(r"<style\b", re.IGNORECASE)
STYLE_ATTRIBUTE = re.compile(r"<[a-zA-Z][^>]*\sstyle\s*=", re.IGNORECASE)
EVENT_HANDLER = re.compile(r"<[a-zA-Z][^>]*\s(on[a-z]+|hx-on[:\-][\w:\-]*)\s*=", re.IGNORECASE)
JAVASCRIPT_URL = re.compile(r"""(href|src|action)\s*=\s*["']?\s*javascript:""", re.IGNORECASE)


def template_problems(path: Path, text: str) -> list[str]:
    relative = path.relative_to(TEMPLATES).as_posix()
    # Django comments describe usage and may mention what is forbidden; they are not output.
    text = re.sub(r"{%\s*comment\s*%}.*?{%\s*endcomment\s*%}", "", text, flags=re.DOTALL)
    text = re.sub(r"{#.*?#}", "", text, flags=re.DOTALL)
    checks = [
        (INLINE_SCRIPT, "an inline <script>"),
        (EVENT_HANDLER, "an inline event handler (on…= or hx-on)"),
        (JAVASCRIPT_URL, "a javascript: URL"),
    ]
    if not relative.startswith(STYLES_ALLOWED_UNDER):
        checks += [(STYLE_ELEMENT, "a <style> element"), (STYLE_ATTRIBUTE, "a style= attribute")]
    problems = []
    for pattern, what in checks:
        for match in pattern.finditer(text):
            line = text.count("\n", 0, match.start()) + 1
            problems.append(f"{relative}:{line}: {what}")
    return problems


def test_no_template_has_inline_script_style_or_event_handlers():
    problems = []
    for path in sorted(TEMPLATES.rglob("*.html")):
        problems += template_problems(path, path.read_text(encoding="utf-8"))
    assert not problems, "The Content-Security-Policy would block these:\n" + "\n".join(problems)


@pytest.mark.parametrize(
    "snippet",
    [
        "<script>alert(1)</script>",
        '<script type="module">go()</script>',
        '<p style="color: red">x</p>',
        "<style>p { color: red }</style>",
        '<button onclick="go()">Go</button>',
        '<form hx-on:submit="go()"></form>',
        '<a href="javascript:go()">Go</a>',
    ],
)
def test_the_scan_finds_each_kind_of_inline_code(snippet):
    assert template_problems(TEMPLATES / "partnership" / "example.html", snippet)


@pytest.mark.parametrize(
    "snippet",
    [
        '<script src="/static/js/app.js" type="module"></script>',
        '<p class="govuk-body" data-module="govuk-button">x</p>',
        "{# an onclick= handler would be blocked #}",
        '<a class="govuk-link" href="/actions/?sort=-due">Due</a>',
    ],
)
def test_the_scan_passes_what_the_policy_allows(snippet):
    assert not template_problems(TEMPLATES / "partnership" / "example.html", snippet)


def test_emails_may_style_inline_but_never_script():
    assert not template_problems(TEMPLATES / "emails" / "x.html", '<p style="margin: 0">Hello</p>')
    assert template_problems(TEMPLATES / "emails" / "x.html", '<p onclick="go()">Hello</p>')
