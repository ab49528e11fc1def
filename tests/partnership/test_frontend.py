"""The front end: GOV.UK form markup, the shared includes, and the built stylesheet.

The stylesheet tests need `npm run build` (or `make css`) first. Outside CI they skip with a
message when static/build/main.css is missing; in CI (CI set) they fail instead.
"""

import os
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django import forms
from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.management import call_command
from django.core.paginator import Paginator
from django.template import Context, Template
from django.template.loader import render_to_string
from django.test import RequestFactory, override_settings
from whitenoise.storage import CompressedManifestStaticFilesStorage

BASE_DIR = Path(settings.BASE_DIR)
STATIC_DIR = BASE_DIR / "static"
BUILT_CSS = STATIC_DIR / "build" / "main.css"
BASE_TEMPLATE = BASE_DIR / "templates" / "base.html"


class ReferralForm(forms.Form):
    """A small form with one widget of each kind the renderer handles."""

    child_pseudonym = forms.CharField(help_text="For example, Child Q")
    email = forms.EmailField()
    received = forms.DateField()
    sector = forms.ChoiceField(choices=[("", "Choose a sector"), ("health", "Health"), ("police", "Police")])
    urgency = forms.ChoiceField(choices=[("low", "Low"), ("high", "High")], widget=forms.RadioSelect)
    themes = forms.MultipleChoiceField(
        choices=[("neglect", "Neglect"), ("voice", "Voice of the child")],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    statutory = forms.BooleanField(required=False, label="Statutory safeguarding partner")
    notes = forms.CharField(widget=forms.Textarea, required=False)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("sector") == "police" and not cleaned.get("statutory"):
            raise forms.ValidationError("The police are a statutory safeguarding partner")
        return cleaned


def bad_form():
    form = ReferralForm(data={"child_pseudonym": "Child Q", "email": "not-an-email", "received": "31/2/2026"})
    assert not form.is_valid()
    return form


def test_rendered_form_shows_govuk_error_markup_and_keeps_what_was_typed():
    html = str(bad_form())

    assert 'class="govuk-form-group govuk-form-group--error"' in html
    # The value typed is kept, with the error message tied to the input.
    assert re.search(
        r'<input type="email" name="email" value="not-an-email"[^>]*class="govuk-input govuk-input--error"',
        html,
    )
    assert (
        '<p id="id_email-error" class="govuk-error-message"><span class="govuk-visually-hidden">Error:</span> Enter a valid email address.</p>'
        in html
    )
    assert 'aria-describedby="id_email-error"' in html
    assert 'value="31/2/2026"' in html
    assert 'aria-describedby="id_received-hint id_received-error"' in html
    assert '<div id="id_received-hint" class="govuk-hint">For example, 27/3/2026</div>' in html
    # Help text is a GOV.UK hint, described by the input; a valid field shows no error.
    assert '<div id="id_child_pseudonym-hint" class="govuk-hint">For example, Child Q</div>' in html
    assert 'value="Child Q"' in html
    assert "id_child_pseudonym-error" not in html
    assert '<label class="govuk-label govuk-label--s" for="id_email">Email</label>' in html


def test_each_widget_gets_its_govuk_component():
    html = str(ReferralForm())

    assert 'class="govuk-select"' in html
    assert 'class="govuk-textarea"' in html
    assert '<legend class="govuk-fieldset__legend govuk-fieldset__legend--s">Urgency</legend>' in html
    assert 'class="govuk-radios" data-module="govuk-radios"' in html
    assert 'class="govuk-radios__input" id="id_urgency_0" name="urgency" type="radio" value="low"' in html
    assert 'class="govuk-checkboxes" data-module="govuk-checkboxes"' in html
    assert "Themes (optional)" in html
    # A BooleanField is one small checkbox with its label beside it, not a fieldset.
    assert re.search(
        r'<input type="checkbox" name="statutory" class="govuk-checkboxes__input"[^>]*id="id_statutory">\s*'
        r'<label class="govuk-label govuk-checkboxes__label" for="id_statutory">Statutory safeguarding partner</label>',
        html,
    )


def test_a_form_of_only_optional_fields_marks_none_optional():
    class AgencyFilterForm(forms.Form):
        name = forms.CharField(required=False)
        sector = forms.ChoiceField(choices=[("", "Any"), ("health", "Health")], required=False)

    html = str(AgencyFilterForm())
    assert "(optional)" not in html
    assert "Email (optional)" not in str(ReferralForm()) and "Notes (optional)" in str(ReferralForm())


def test_error_summary_links_each_error_to_its_field():
    form = ReferralForm(
        data={
            "child_pseudonym": "Child Q",
            "email": "a@example.org",
            "received": "1/3/2026",
            "sector": "police",
        }
    )
    assert not form.is_valid()
    html = render_to_string("includes/error_summary.html", {"form": form})

    assert "There is a problem" in html
    assert 'data-module="govuk-error-summary"' in html
    # Radios link to their first option; an error of the whole form to the first field.
    assert '<a href="#id_urgency_0">This field is required.</a>' in html
    assert '<a href="#id_child_pseudonym">The police are a statutory safeguarding partner</a>' in html

    html = render_to_string("includes/error_summary.html", {"form": bad_form()})
    assert '<a href="#id_email">Enter a valid email address.</a>' in html
    assert '<a href="#id_received">Enter a valid date.</a>' in html


def test_error_summary_is_absent_without_errors():
    assert render_to_string("includes/error_summary.html", {"form": ReferralForm()}).strip() == ""
    valid = ReferralForm(
        data={
            "child_pseudonym": "Child Q",
            "email": "a@example.org",
            "received": "1/3/2026",
            "sector": "health",
            "urgency": "low",
        }
    )
    assert valid.is_valid(), valid.errors
    assert render_to_string("includes/error_summary.html", {"form": valid}).strip() == ""


def test_pagination_keeps_filters_and_sort():
    request = RequestFactory().get(
        "/agencies/", {"sector": "health", "q": "trust & co", "sort": "-name", "page": "3"}
    )
    page_obj = Paginator(list(range(200)), 10).page(3)
    html = render_to_string("includes/pagination.html", {"page_obj": page_obj, "request": request})

    hrefs = re.findall(r'href="([^"]+)"', html)
    assert hrefs, html
    for href in hrefs:
        assert "sector=health" in href
        assert "q=trust+%26amp%3B+co" not in href  # escaped once, not twice
        assert "q=trust+%26+co" in href
        assert "sort=-name" in href
    assert '?sector=health&amp;q=trust+%26+co&amp;sort=-name&amp;page=2" rel="prev"' in html
    assert "page=4&quot;" not in html and 'page=4" rel="next"' in html
    assert 'aria-current="page">3</a>' in html
    assert "govuk-pagination__item--ellipses" in html
    assert 'page=20" aria-label="Page 20"' in html


def test_pagination_is_hidden_for_one_page():
    request = RequestFactory().get("/agencies/")
    page_obj = Paginator([1, 2], 10).page(1)
    assert (
        render_to_string("includes/pagination.html", {"page_obj": page_obj, "request": request}).strip() == ""
    )


def test_query_replace_and_sort_link():
    request = RequestFactory().get("/people/", {"agency": ["1", "2"], "sort": "name", "page": "4"})
    template = Template(
        "{% load govuk %}{% query_replace request page=5 %}|{% query_replace request page=None %}|"
        '{% sort_link request "name" "Name" %}{% sort_link request "email" "Email" %}'
    )
    html = template.render(Context({"request": request}))
    first, second, headers = html.split("|")

    assert first == "?agency=1&amp;agency=2&amp;sort=name&amp;page=5"
    assert second == "?agency=1&amp;agency=2&amp;sort=name"
    # Sorted ascending by name: its link sorts descending and goes back to page one.
    assert '<th scope="col" class="govuk-table__header" aria-sort="ascending">' in headers
    assert 'href="?agency=1&amp;agency=2&amp;sort=-name"' in headers
    assert 'aria-sort="none"' in headers
    assert 'href="?agency=1&amp;agency=2&amp;sort=email"' in headers


def test_sort_link_knows_the_default_order():
    request = RequestFactory().get("/agencies/", {"sector": "health"})
    html = Template('{% load govuk %}{% sort_link request "name" "Name" current=sort %}').render(
        Context({"request": request, "sort": "-name"})
    )
    assert 'aria-sort="descending"' in html
    assert 'href="?sector=health&amp;sort=name"' in html


# --- The base template -------------------------------------------------------------------


class _ScriptsAndStyles(HTMLParser):
    def __init__(self):
        super().__init__()
        self.inline_scripts = []
        self.style_attributes = []
        self.style_elements = 0
        self._in_script = False
        self._script_src = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if "style" in attributes:
            self.style_attributes.append(tag)
        if any(name.startswith("on") for name in attributes):
            self.inline_scripts.append(f"event handler on <{tag}>")
        if tag == "style":
            self.style_elements += 1
        if tag == "script":
            self._in_script = True
            self._script_src = attributes.get("src")
            if not self._script_src:
                self.inline_scripts.append("<script> without src")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script and data.strip():
            self.inline_scripts.append(data.strip()[:60])


@pytest.fixture(autouse=True)
def navigation(monkeypatch):
    """Fixed navigation, so these tests check the template, not which pages exist yet."""
    items = [("Home", "/"), ("Accessibility", "/accessibility/")]
    monkeypatch.setattr(
        "partnership.context_processors.navigation_for",
        lambda user: [{"label": label, "url": url} for label, url in items] if user.is_authenticated else [],
    )


@pytest.fixture
def signed_in_page(client, world):
    client.force_login(world.business_unit)
    response = client.get("/accessibility/")
    assert response.status_code == 200
    return response.content.decode()


def test_base_template_has_no_inline_script_or_style(signed_in_page):
    parser = _ScriptsAndStyles()
    parser.feed(signed_in_page)
    assert parser.inline_scripts == []
    assert parser.style_attributes == []
    assert parser.style_elements == 0


def test_base_template_shows_our_brand_and_no_govuk_identity(signed_in_page, world):
    page = signed_in_page
    header = page[page.index("<header") : page.index("</header>")]
    footer = page[page.index("<footer") : page.index("</footer>")]
    for part in (header, footer):
        assert "GOV.UK" not in part
        assert "crown" not in part.lower() and "crest" not in part.lower()
    assert settings.PARTNERSHIP_NAME in header
    assert settings.PARTNERSHIP_NAME in footer
    assert world.business_unit.full_name in header
    assert 'action="/sign-out/"' in header and 'class="app-link-button">Sign out</button>' in header
    assert 'href="/accessibility/"' in footer
    assert 'id="main-content"' in page
    assert 'class="govuk-skip-link"' in page
    source = BASE_TEMPLATE.read_text()
    assert "GDS Transport" not in source
    assert "govuk-logo" not in source and "govuk-header__logotype" not in source


def test_navigation_marks_the_current_page(signed_in_page):
    assert re.search(
        r'<a class="govuk-service-navigation__link" href="/accessibility/" aria-current="page">',
        signed_in_page,
    )
    assert signed_in_page.count('aria-current="page"') == 1
    assert '<a class="govuk-service-navigation__link" href="/">Home</a>' in signed_in_page


def test_signed_out_page_has_no_sign_out(client):
    page = client.get("/accessibility/").content.decode()
    assert "Sign out" not in page


def test_every_static_file_the_base_template_names_exists():
    names = re.findall(r"{% static '([^']+)' %}", BASE_TEMPLATE.read_text())
    assert "images/favicon.svg" in names and "js/app.js" in names and "django_htmx/htmx-2.min.js" in names
    for name in names:
        if name.startswith("build/"):
            continue  # built by npm: checked by the stylesheet tests below
        assert finders.find(name), f"{name} is not a static file"


# --- The built stylesheet ----------------------------------------------------------------


@pytest.fixture
def built_css():
    if not BUILT_CSS.exists():
        if os.environ.get("CI"):
            pytest.fail(
                "static/build/main.css is missing: CI must run `npm ci && npm run build` (make css) first"
            )
        pytest.skip("static/build/main.css is missing: run `make css` (npm ci && npm run build) to test it")
    return BUILT_CSS.read_text()


def _css_urls(css: str) -> list[str]:
    urls = []
    for raw in re.findall(r"url\(\s*([^)]*?)\s*\)", css):
        url = raw.strip("'\"")
        if not url.startswith("data:"):
            urls.append(url)
    return urls


def test_built_css_uses_our_fonts_and_no_govuk_identity(built_css):
    assert "GDS Transport" not in built_css
    assert "@font-face" not in built_css
    assert "system-ui" in built_css
    # GOV.UK Frontend's footer styles still name a crown class we never use; no image of the
    # crest, crown or logotype may be asked for.
    for url in _css_urls(built_css):
        assert not re.search(r"crest|crown|govuk", url), url
    assert (STATIC_DIR / "build" / "govuk-frontend.min.js").exists()


def test_every_url_in_the_built_css_is_a_static_file(built_css):
    urls = _css_urls(built_css)
    for url in urls:
        assert "://" not in url and not url.startswith("/"), f"{url} must be relative to the stylesheet"
        target = (BUILT_CSS.parent / url.split("?")[0].split("#")[0]).resolve()
        assert target.is_file(), f"main.css asks for {url}, which is not a file"
        assert STATIC_DIR.resolve() in target.parents, f"{url} is outside static/"


class UncompressedWhitenoiseStorage(CompressedManifestStaticFilesStorage):
    """Production's storage without the gzip and brotli copies, which change no name or url
    and would make this test ten times slower."""

    def compress_files(self, paths):
        return iter(())


def test_collectstatic_with_whitenoise_rewrites_every_css_url(built_css, tmp_path):
    """What production serves: hashed names, every one of them present."""
    backend = f"{__name__}.UncompressedWhitenoiseStorage"
    storages = {**settings.STORAGES, "staticfiles": {"BACKEND": backend}}
    with override_settings(STATIC_ROOT=str(tmp_path), STORAGES=storages):
        call_command("collectstatic", interactive=False, verbosity=0)
    collected = sorted(tmp_path.glob("build/main.*.css"))
    assert collected, "collectstatic made no hashed main.css"
    urls = _css_urls(collected[0].read_text())
    assert urls and all(re.search(r"\.[0-9a-f]{12}\.", url) for url in urls), urls
    for url in urls:
        assert (collected[0].parent / url.split("?")[0].split("#")[0]).resolve().is_file(), url
    assert sorted(tmp_path.glob("build/govuk-frontend.min.*.js")), "no hashed GOV.UK Frontend script"
