"""What every page needs: the partnership's name and the navigation for this person."""

from django.conf import settings
from django.urls import reverse

from . import permissions


def navigation_for(user) -> list[dict]:
    """The header's navigation, by what the person may do."""
    if not user.is_authenticated:
        return []
    items = [("Home", "partnership:home")]
    if permissions.can_manage_organisation(user) or permissions.sees_everything(user):
        items += [
            ("Agencies", "partnership:agency-list"),
            ("Subgroups", "partnership:subgroup-list"),
            ("People", "partnership:person-list"),
            ("Priorities", "partnership:priority-list"),
            ("Themes", "partnership:theme-list"),
            ("Areas", "partnership:area-list"),
        ]
    else:
        if permissions.can_view_people(user):
            items.append(("People", "partnership:person-list"))
        items += [("Subgroups", "partnership:subgroup-list"), ("Agencies", "partnership:agency-list")]
    return [{"label": label, "url": reverse(name)} for label, name in items]


def partnership(request):
    user = getattr(request, "user", None)
    nav = navigation_for(user) if user is not None else []
    path = request.path
    for item in nav:
        item["active"] = path == item["url"] or (item["url"] != "/" and path.startswith(item["url"]))
    return {
        "partnership_name": settings.PARTNERSHIP_NAME,
        "partnership_short_name": settings.PARTNERSHIP_SHORT_NAME,
        "nav_items": nav,
        "can_manage_organisation": bool(user) and permissions.can_manage_organisation(user),
    }
