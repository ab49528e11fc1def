"""Accessibility in a real browser: axe-core on every kind of page each role can reach, and
the Section 11 return completed with the keyboard alone."""

import re
from urllib.parse import urlparse

from playwright.sync_api import expect

from .conftest import assert_accessible
from .test_section11_journeys import MENTAL_HEALTH_LEAD, reopen_mental_health_return

# Links a sweep never follows: signing out, downloads and exports, and the admin site.
SKIP = re.compile(r"/sign-out|/download|export|\.csv|\.xlsx|\.pdf|/admin/|/t/|mailto:")


def page_kind(path: str) -> str:
    """/plans/12/actions/3/ -> /plans/#/actions/#/: one visit per kind of page."""
    return re.sub(r"/\d+(?=/|$)", "/#", path)


def sweep(j, *, limit: int) -> list[str]:
    """Follow links from the home page, breadth first, visiting each kind of page once and
    running axe on it. Fails, after the whole sweep, listing every page that answered with an
    error (a link to a page the person may not open is a bug) or has a serious or critical
    accessibility violation. Returns the paths visited."""
    origin = j.app.url
    queue, seen_kinds, visited, found_on = ["/"], set(), [], {"/": "the start"}
    problems = []
    while queue and len(visited) < limit:
        path = queue.pop(0)
        kind = page_kind(path)
        if kind in seen_kinds:
            continue
        seen_kinds.add(kind)
        response = j.go(path)
        visited.append(path)
        status = response.status if response else None
        if status is None or status >= 400:
            problems.append(f"{path} (linked from {found_on[path]}) answered {status}")
            continue
        try:
            assert_accessible(j.page)
        except AssertionError as exc:
            problems.append(str(exc))
        for href in j.page.eval_on_selector_all("main a[href], nav a[href]", "els => els.map(e => e.href)"):
            url = urlparse(href)
            target = url.path + (f"?{url.query}" if url.query and "page=" in url.query else "")
            if href.startswith(origin) and not SKIP.search(href) and target not in found_on:
                queue.append(target)
                found_on[target] = path
    assert not problems, "\n".join(problems)
    return visited


def test_every_kind_of_page_an_agency_lead_reaches_passes_axe(journey):
    j = journey()
    j.sign_in("agency.lead@northbrook-scp.example")
    visited = sweep(j, limit=60)
    assert len(visited) >= 15, visited


def test_every_kind_of_page_a_lay_member_reaches_passes_axe(journey):
    j = journey()
    j.sign_in("lay.member@northbrook-scp.example")
    visited = sweep(j, limit=40)
    assert len(visited) >= 8, visited


def test_every_kind_of_page_a_subgroup_member_reaches_passes_axe(journey):
    j = journey()
    j.sign_in("subgroup.member@northbrook-scp.example")
    visited = sweep(j, limit=60)
    assert len(visited) >= 10, visited


def test_every_kind_of_page_the_business_unit_reaches_passes_axe(journey):
    j = journey()
    j.sign_in("business.unit@northbrook-scp.example")
    visited = sweep(j, limit=90)
    assert len(visited) >= 40, visited


def test_every_kind_of_page_a_subgroup_chair_reaches_passes_axe(journey):
    j = journey()
    j.sign_in("subgroup.chair@northbrook-scp.example")
    visited = sweep(j, limit=60)
    assert len(visited) >= 15, visited


def tab_to(page, name: str, *, limit: int = 200) -> None:
    """Press Tab until the focused element's accessible text contains `name`."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(
            "() => { const e = document.activeElement; if (!e) return '';"
            " const label = e.labels && e.labels.length ? e.labels[0].innerText : '';"
            " return (e.innerText || e.value || '') + ' ' + label + ' ' + (e.getAttribute('aria-label') || ''); }"
        )
        if name in focused:
            return
    raise AssertionError(f"Tab never reached {name!r}")


def test_section11_return_can_be_completed_with_the_keyboard_alone(app, journey):
    reopen_mental_health_return(app)
    j = journey()
    j.sign_in(MENTAL_HEALTH_LEAD)
    page = j.page
    tab_to(page, "Section 11 self-assessment")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Section 11 return")
    tab_to(page, "standard 1")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    tab_to(page, "Evidence for 1.1")
    page.keyboard.press("Control+A")
    page.keyboard.type("Typed with the keyboard alone: our safeguarding policy was reviewed in June.")
    # The focus is visible where it is (GOV.UK's yellow focus ring), not lost.
    assert page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle") != "none"
    tab_to(page, "Save as draft and return later")
    page.keyboard.press("Enter")
    j.step("saved with the keyboard")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Section 11 return")
    tab_to(page, "Submit")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your answers before submitting")
    tab_to(page, "Submit the return")
    page.keyboard.press("Enter")
    j.step("submitted with the keyboard")
    expect(page.locator("body")).to_contain_text("Submitted")
