"""The header's navigation (the GOV.UK service navigation): no one gets more than eight items,
related lists are gathered under one item whose page links to each, every list a person had in
the header is still within two clicks, and an item is the current one on the pages it gathers.
"""

import re

import pytest
from django.urls import reverse

from partnership.context_processors import NAV_LIMIT
from partnership.models import Role

from ..factories import RoleAssignmentFactory

pytestmark = pytest.mark.django_db

FULL = ["Home", "Dashboard", "Actions", "Consultations", "Case reviews", "Audits", "Training", "Organisation"]
SUBGROUP = ["Home", "Dashboard", "Actions", "Consultations", "Case reviews", "Audits", "Organisation"]
AGENCY_LEAD = [
    "Home",
    "Actions",
    "Consultations",
    "Requests",
    "Audits",
    "Training",
    "Performance data",
    "Organisation",
]
PANEL = ["Home", "Actions", "Consultations", "Audits", "Performance data", "Organisation"]
NO_ROLE = ["Home", "Actions", "Consultations", "Audits", "Organisation"]

EXPECTED = {
    "business_unit": FULL,
    "partnership_lead": FULL,
    "subgroup_chair": SUBGROUP,  # the world's subgroup is not the Training subgroup
    "subgroup_member": SUBGROUP,
    "agency_lead": AGENCY_LEAD,
    "other_agency_lead": AGENCY_LEAD,
    "lay_member": PANEL,
    "peer_challenger": PANEL,
    "no_role": NO_ROLE,  # a practitioner with an account but no role
}

# The lists each person had straight in the header before they were gathered into sections.
FORMER_ITEMS = {
    "business_unit": [
        "partnership:plan-list", "partnership:action-list", "partnership:consultation-list", "reviews:review-list",
        "audits:round-list", "audits:audit-list", "training:index", "dashboards:dataset", "dashboards:partnership",
        "partnership:agency-list", "partnership:person-list", "partnership:theme-list",
    ],
    "agency_lead": [
        "partnership:plan-list", "partnership:action-list", "reviews:request-list", "audits:round-list",
        "audits:audit-list", "training:index", "dashboards:dataset", "dashboards:themes", "partnership:person-list",
    ],
    "lay_member": [
        "partnership:plan-list", "partnership:action-list", "audits:round-list", "audits:audit-list",
        "dashboards:dataset", "dashboards:themes", "partnership:subgroup-list", "partnership:agency-list",
    ],
}  # fmt: skip


def nav_of(client, url=None):
    return client.get(url or reverse("partnership:home")).context["nav_items"]


def hrefs(response) -> set[str]:
    return {
        href.split("?")[0].split("#")[0] for href in re.findall(r'href="([^"]+)"', response.content.decode())
    }


@pytest.mark.parametrize("role", list(EXPECTED))
def test_each_role_gets_at_most_eight_items_that_all_open(world, client_for, role):
    client = client_for(world.person(role))
    nav = nav_of(client)
    assert [item["label"] for item in nav] == EXPECTED[role]
    assert len(nav) <= NAV_LIMIT
    for item in nav:
        assert client.get(item["url"]).status_code == 200, item


@pytest.mark.parametrize("role", list(FORMER_ITEMS))
def test_every_former_item_is_within_two_clicks(world, client_for, role):
    client = client_for(world.person(role))
    reachable = set()
    for item in nav_of(client):
        reachable.add(item["url"])
        reachable |= hrefs(client.get(item["url"]))
    missing = [name for name in FORMER_ITEMS[role] if reverse(name) not in reachable]
    assert missing == []


def test_a_section_page_links_to_each_list_it_gathers(world, client_for):
    client = client_for(world.lay_member)
    page = client.get(reverse("partnership:section", args=["actions"]))
    assert page.status_code == 200
    assert {reverse("partnership:action-list"), reverse("partnership:plan-list")} <= hrefs(page)
    active = [item["label"] for item in page.context["nav_items"] if item["active"]]
    assert active == ["Actions"]


@pytest.mark.parametrize("role", list(EXPECTED))
def test_the_audits_item_opens_the_audits_list_whose_sub_navigation_links_to_section_11(
    world, client_for, role
):
    """Not a page of two links: the item opens the audits, and Section 11 sits beside them in
    the audits' own sub-navigation, both ways; the item is the current one on both."""
    client = client_for(world.person(role))
    item = next(item for item in nav_of(client) if item["label"] == "Audits")
    assert item["url"] == reverse("audits:audit-list")
    audits = client.get(item["url"])
    assert reverse("audits:round-list") in hrefs(audits)
    section11 = client.get(reverse("audits:round-list"))
    assert reverse("audits:audit-list") in hrefs(section11)
    for page in (audits, section11):
        assert [item["label"] for item in page.context["nav_items"] if item["active"]] == ["Audits"]


def test_the_old_audits_section_page_sends_bookmarks_to_the_audits_list(world, client_for):
    response = client_for(world.lay_member).get(reverse("partnership:section", args=["audits"]))
    assert response.status_code == 302 and response["Location"] == reverse("audits:audit-list")


@pytest.mark.parametrize(
    "role,url_name,label",
    [
        ("business_unit", "partnership:plan-list", "Actions"),
        ("business_unit", "audits:round-list", "Audits"),
        ("business_unit", "dashboards:themes", "Dashboard"),
        ("business_unit", "partnership:theme-list", "Organisation"),
        ("agency_lead", "dashboards:themes", "Performance data"),
        ("agency_lead", "reviews:request-list", "Requests"),
    ],
)
def test_an_item_is_current_on_the_pages_it_gathers(world, client_for, role, url_name, label):
    nav = nav_of(client_for(world.person(role)), reverse(url_name))
    assert [item["label"] for item in nav if item["active"]] == [label]


def test_someone_with_many_roles_still_gets_eight_items(world, client_for):
    """An agency lead who also sits on a subgroup reads case reviews and answers requests: both
    sit under "Case reviews", whose section page links to each."""
    RoleAssignmentFactory(user=world.agency_lead, role=Role.SUBGROUP_MEMBER, subgroup=world.subgroup)
    client = client_for(world.agency_lead)
    nav = nav_of(client)
    assert [item["label"] for item in nav] == [
        "Home", "Dashboard", "Actions", "Consultations", "Case reviews", "Audits", "Training", "Organisation",
    ]  # fmt: skip
    section = client.get(reverse("partnership:section", args=["case-reviews"]))
    assert {reverse("reviews:review-list"), reverse("reviews:request-list")} <= hrefs(section)


def test_the_navigation_works_without_javascript(world, client_for):
    """Each item is an ordinary link in the page: the header needs no script to reach anything."""
    body = client_for(world.business_unit).get(reverse("partnership:home")).content.decode()
    for label in FULL:
        assert re.search(
            rf'<a class="govuk-service-navigation__link" href="[^"]+"[^>]*>(<strong[^>]*>)?{label}<', body
        )
