"""What every page needs: the partnership's name and the navigation for this person."""

from dataclasses import dataclass
from importlib import import_module

from django.apps import apps
from django.conf import settings
from django.urls import reverse

from . import permissions

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


def _sees_case_reviews(user) -> bool:
    """Case reviews are confidential: the item is for those who may read one (the business
    unit, the partnership leads, anyone on a subgroup, anyone on a review's panel)."""
    if not apps.is_installed("reviews"):
        return False
    if permissions.sees_everything(user) or permissions.roles_of(user).subgroups:
        return True
    return apps.get_model("reviews", "PanelMember").objects.filter(user_id=user.pk).exists()


def sections_for(user) -> list[Section]:
    """The sections of the service navigation this person may use, each with only the entries
    their roles open. Every page stays within two clicks: an item, then its section page."""
    from .views.learning.organisation_index import ORGANISATION_LISTS  # views import this module

    actions = (
        Entry("Actions", "partnership:action-list", "Every action you answer for or oversee, by RAG."),
        Entry("Action plans", "partnership:plan-list", "The action plan of each source of learning."),
    )
    reviews = []
    if _sees_case_reviews(user):
        reviews.append(
            Entry("Case reviews", "reviews:review-list", "Rapid Reviews, LCSPRs and other reviews.")
        )
    if apps.is_installed("reviews") and import_module("reviews.permissions").can_open_review(user):
        reviews.append(
            Entry(
                "Serious incident notifications",
                "reviews:notification-list",
                "Record a notification to the national Panel and open its Rapid Review.",
            )
        )
    if apps.is_installed("reviews") and permissions.is_agency_lead(user):
        reviews.append(Entry("Requests", "reviews:request-list", "What case reviews ask of your agency."))
    audits = []
    if apps.is_installed("audits"):
        audits = [
            Entry(
                "Audits", "audits:audit-list", "Multi-agency and single-agency audits, and their findings."
            ),
            Entry(
                "Section 11", "audits:round-list", "Section 11 self-assessment rounds and agencies' returns."
            ),
        ]
    training = []
    if apps.is_installed("training") and import_module("training.permissions").can_view_training(user):
        training.append(Entry("Training", "training:index"))
    if permissions.can_manage_organisation(user) or permissions.sees_everything(user):
        wanted = {item.url_name for item in ORGANISATION_LISTS}
    else:
        wanted = {"partnership:subgroup-list", "partnership:agency-list"}
        if permissions.can_view_people(user):
            wanted.add("partnership:person-list")
    organisation = [
        Entry(i.label, i.url_name, i.description) for i in ORGANISATION_LISTS if i.url_name in wanted
    ]
    sections = [
        Section("home", "Home", (Entry("Home", "partnership:home"),)),
        Section("actions", "Actions", actions),
        Section("consultations", "Consultations", (Entry("Consultations", "partnership:consultation-list"),)),
        Section("case-reviews", "Case reviews", tuple(reviews)),
        # The audits' sub-navigation (audits/audit_nav.html) links to Section 11 and back.
        Section("audits", "Audits", tuple(audits), opens_first=True),
        Section("training", "Training", tuple(training)),
        Section("organisation", "Organisation", tuple(organisation)),
    ]
    if apps.is_installed("dashboards"):
        if import_module("dashboards.overview.permissions").can_view_partnership_dashboard(user):
            # Its sub-navigation links to the recurring themes, the dataset and the annual report.
            sections.insert(1, Section("data", "Dashboard", (Entry("Dashboard", "dashboards:partnership"),)))
        elif permissions.roles_of(user).roles:
            # The dataset is aggregate and non-personal: everyone with a role reads it; its
            # sub-navigation links to the recurring themes, which they may read too.
            data = (Entry("Performance data", "dashboards:dataset"),)
            sections.insert(-1, Section("data", "Performance data", data))
    return [section for section in sections if section.entries]


# Pages of the dashboards app that count as the "Dashboard" or "Performance data" item's own.
_DATA_PAGES = (
    "dashboards:themes",
    "dashboards:dataset",
    "dashboards:deep-dive-list",
    "dashboards:report-index",
)


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
            if section.slug == "data":
                item["also"] = [reverse(name) for name in _DATA_PAGES if name != entry.url_name]
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
