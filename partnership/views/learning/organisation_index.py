"""The "Organisation" page: one place for the lists that describe the partnership itself, so
the business unit's navigation stays short."""

from dataclasses import dataclass

from django.shortcuts import render
from django.urls import reverse

from ... import permissions


@dataclass(frozen=True)
class OrganisationList:
    label: str
    url_name: str
    description: str


ORGANISATION_LISTS = (
    OrganisationList(
        "Agencies",
        "partnership:agency-list",
        "The partner organisations: statutory safeguarding partners and relevant agencies.",
    ),
    OrganisationList(
        "Subgroups",
        "partnership:subgroup-list",
        "The partnership's subgroups, their remits, chairs and members.",
    ),
    OrganisationList(
        "People",
        "partnership:person-list",
        "Everyone with an account, their agency and their roles; invite someone new.",
    ),
    OrganisationList(
        "Priorities",
        "partnership:priority-list",
        "The priorities the partnership has set itself, year by year.",
    ),
    OrganisationList(
        "Themes",
        "partnership:theme-list",
        "The learning themes that tag findings, recommendations and training.",
    ),
    OrganisationList(
        "Areas",
        "partnership:area-list",
        "The local authority areas the partnership covers.",
    ),
)

# The addresses under which the navigation's "Organisation" item counts as the current page.
ORGANISATION_URL_NAMES = tuple(item.url_name for item in ORGANISATION_LISTS)


def organisation_view(request):
    lists = [
        {"label": item.label, "url": reverse(item.url_name), "description": item.description}
        for item in ORGANISATION_LISTS
        if item.url_name != "partnership:person-list" or permissions.can_view_people(request.user)
    ]
    return render(request, "partnership/organisation.html", {"lists": lists})
