"""What every page needs: the partnership's name and the navigation for this person."""

from importlib import import_module

from django.apps import apps
from django.conf import settings
from django.urls import reverse

from . import permissions

# The header keeps to this many items; past it, the organisation's lists move to one page.
NAV_LIMIT = 8


def _sees_case_reviews(user) -> bool:
    """Case reviews are confidential: the item is for those who may read one (the business
    unit, the partnership leads, anyone on a subgroup, anyone on a review's panel)."""
    if not apps.is_installed("reviews"):
        return False
    if permissions.sees_everything(user) or permissions.roles_of(user).subgroups:
        return True
    return apps.get_model("reviews", "PanelMember").objects.filter(user_id=user.pk).exists()


def navigation_for(user) -> list[dict]:
    """The header's navigation, by what the person may do."""
    if not user.is_authenticated:
        return []
    items = [
        ("Home", "partnership:home"),
        ("Action plans", "partnership:plan-list"),
        ("Actions", "partnership:action-list"),
        ("Consultations", "partnership:consultation-list"),
    ]
    if _sees_case_reviews(user):
        items.append(("Case reviews", "reviews:review-list"))
    if apps.is_installed("reviews") and permissions.is_agency_lead(user):
        items.append(("Requests", "reviews:request-list"))
    if apps.is_installed("audits"):
        items += [("Section 11", "audits:round-list"), ("Audits", "audits:audit-list")]
    if apps.is_installed("training") and import_module("training.permissions").can_view_training(user):
        items.append(("Training", "training:index"))
    if apps.is_installed("dashboards") and permissions.roles_of(user).roles:
        # The dataset is aggregate and non-personal: everyone with a role reads it.
        items.append(("Performance data", "dashboards:dataset"))
    if apps.is_installed("dashboards") and import_module(
        "dashboards.overview.permissions"
    ).can_view_partnership_dashboard(user):
        items.insert(1, ("Dashboard", "dashboards:partnership"))
    if permissions.can_manage_organisation(user) or permissions.sees_everything(user):
        organisation = [
            ("Agencies", "partnership:agency-list"),
            ("Subgroups", "partnership:subgroup-list"),
            ("People", "partnership:person-list"),
            ("Priorities", "partnership:priority-list"),
            ("Themes", "partnership:theme-list"),
            ("Areas", "partnership:area-list"),
        ]
    else:
        organisation = [("Subgroups", "partnership:subgroup-list"), ("Agencies", "partnership:agency-list")]
        if permissions.can_view_people(user):
            organisation.insert(0, ("People", "partnership:person-list"))
    nav = [{"label": label, "url": reverse(name)} for label, name in items]
    if len(items) + len(organisation) > NAV_LIMIT:
        nav.append(
            {
                "label": "Organisation",
                "url": reverse("partnership:organisation"),
                # Also the current item on the pages of the lists it gathers.
                "also": [reverse(name) for _label, name in organisation],
            }
        )
    else:
        nav += [{"label": label, "url": reverse(name)} for label, name in organisation]
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
