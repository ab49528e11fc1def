"""What every page needs: the partnership's name and the navigation for this person."""

from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse

from . import extensions, permissions

# The header keeps to this many items (the GOV.UK service navigation pattern: a few top-level
# sections, no script); related lists are gathered under one item whose page links to each of
# them. `sections_for` has eight sections at most, so no combination of roles gets more
# (tests/partnership/test_navigation.py checks each role).
NAV_LIMIT = 8


@dataclass(frozen=True)
class Entry:
    """One page a navigation item leads to, and what the section page says about it."""

    label: str
    url_name: str
    description: str = ""

    @property
    def url(self) -> str:
        return reverse(self.url_name)


@dataclass(frozen=True)
class Section:
    """A header item that gathers related lists: with one entry it links straight to that list;
    with more it links to its section page (`partnership:section`), which links to each. The
    organisation's lists keep their own page (`partnership:organisation`). With `opens_first`
    the item links straight to the first entry, whose page links to the others itself (its own
    sub-navigation), so nobody goes through a page of links."""

    slug: str
    label: str
    entries: tuple[Entry, ...]
    opens_first: bool = False
    also: tuple[str, ...] = ()  # URL names of other pages that count as a one-entry item's own


# The core's own header items (MenuSection orders): the apps' sections fall between them.
_HOME, _ACTIONS, _CONSULTATIONS, _ORGANISATION = 0, 20, 30, 90


def sections_for(user) -> list[Section]:
    """The sections of the service navigation this person may use, each with only the entries
    their roles open: the core's own, and those the apps register (`extensions.MENU_SECTIONS`
    and `MENU_ENTRIES`), by order. Every page stays within two clicks: an item, then its
    section page."""
    from .views.learning.organisation_index import ORGANISATION_LISTS  # views import this module

    entries = sorted(
        (entry for entry in extensions.registered(extensions.MENU_ENTRIES)),
        key=lambda entry: entry.order,
    )

    def registered_under(key: str) -> tuple[Entry, ...]:
        return tuple(
            Entry(entry.label, entry.url_name, entry.description)
            for entry in entries
            if entry.section == key and (entry.allowed is None or entry.allowed(user))
        )

    # The core's "actions" section also gathers the apps' entries for it (the meetings, whose
    # minutes are the action log).
    actions = (
        Entry("Actions", "partnership:action-list", "Every action you answer for or oversee, by RAG."),
        Entry("Action plans", "partnership:plan-list", "The action plan of each source of learning."),
        Entry(
            "Risks flagged",
            "partnership:risk-list",
            "Risks an activity flagged to an agency, and its response.",
        ),
        *(
            (
                Entry(
                    "Did it stick?",
                    "partnership:outcome-check-list",
                    "Checks that the outcomes of closed action plans were sustained.",
                ),
            )
            if permissions.can_view_outcome_checks(user)
            else ()
        ),
        *registered_under("actions"),
    )
    if permissions.can_manage_organisation(user) or permissions.sees_everything(user):
        wanted = {item.url_name for item in ORGANISATION_LISTS}
    else:
        wanted = {"partnership:subgroup-list", "partnership:agency-list"}
        if permissions.can_view_people(user):
            wanted.add("partnership:person-list")
    organisation = [
        Entry(i.label, i.url_name, i.description) for i in ORGANISATION_LISTS if i.url_name in wanted
    ]
    ordered = [
        (_HOME, Section("home", "Home", (Entry("Home", "partnership:home"),))),
        (_ACTIONS, Section("actions", "Actions", actions)),
        (
            _CONSULTATIONS,
            Section(
                "consultations", "Consultations", (Entry("Consultations", "partnership:consultation-list"),)
            ),
        ),
        (_ORGANISATION, Section("organisation", "Organisation", tuple(organisation))),
    ]
    for menu in extensions.registered(extensions.MENU_SECTIONS):
        mine = registered_under(menu.key)
        ordered.append((menu.order, Section(menu.slug, menu.label, mine, menu.opens_first, menu.also)))
    sections = [section for _order, section in sorted(ordered, key=lambda pair: pair[0])]
    return [section for section in sections if section.entries]


def navigation_for(user) -> list[dict]:
    """The header's navigation, by what the person may do: one item per section."""
    if not user.is_authenticated:
        return []
    nav = []
    for section in sections_for(user):
        if section.opens_first:
            first, *others = section.entries
            # Also the current item on the pages of the other lists it gathers.
            item = {"label": section.label, "url": first.url, "also": [entry.url for entry in others]}
        elif len(section.entries) == 1 and section.slug != "organisation":
            entry = section.entries[0]
            item = {"label": entry.label, "url": entry.url}
            if section.also:
                item["also"] = [reverse(name) for name in section.also if name != entry.url_name]
        else:
            item = {
                "label": section.label,
                "url": reverse("partnership:section", args=[section.slug])
                if section.slug != "organisation"
                else reverse("partnership:organisation"),
                # Also the current item on the pages of the lists it gathers.
                "also": [entry.url for entry in section.entries],
            }
        nav.append(item)
    return nav


def partnership(request):
    user = getattr(request, "user", None)
    nav = navigation_for(user) if user is not None else []
    path = request.path
    for item in nav:
        item["active"] = any(
            path == url or (url != "/" and path.startswith(url))
            for url in [item["url"], *item.get("also", [])]
        )
    return {
        "partnership_name": settings.PARTNERSHIP_NAME,
        "partnership_short_name": settings.PARTNERSHIP_SHORT_NAME,
        "nav_items": nav,
        "can_manage_organisation": bool(user) and permissions.can_manage_organisation(user),
    }
