"""What meetings add to the core's extension points (partnership/extensions.py), registered
from GovernanceConfig.ready(): the "Meetings" list under the header's "Actions", the chair's next meeting on the
home page, where an action was agreed on the action's page, the subgroups' next meeting dates
for the chasers, the demo year of meetings and three years of them at scale, and the meetings' figures in the annual
report's governance section."""

from partnership import extensions as ext

from . import demo, home, permissions, report_parts, scale, selectors
from .models import Decision


def register(app) -> None:
    ext.register(
        app,
        ext.MENU_ENTRIES,
        # Under the core's "Actions": a meeting's minutes are its action log.
        ext.MenuEntry(
            "actions",
            "Meetings",
            "governance:meeting-list",
            "The executive's, the board's and the subgroups' meetings: attendance, papers and decisions.",
            allowed=permissions.can_view_meetings,
        ),
    )
    ext.register(app, ext.HOME_PARTS, home.home_parts)
    ext.register(app, ext.ACTION_BLOCKS, ext.ActionBlock("governance/_action_agreed.html", _agreed_context))
    ext.register(app, ext.NEXT_MEETING, selectors.next_meeting_date)
    ext.register(app, ext.DEMO_DATA, ext.DemoData("meetings", demo.seed, ext.DEMO_LINKS))
    ext.register(app, ext.SCALE_DATA, scale.seed)
    # The governance section of the annual report: meetings, attendance by agency, decisions.
    ext.register(app, ext.ANNUAL_REPORT_PARTS, report_parts.PART)


def _agreed_context(user, action) -> dict | None:
    """The meeting where the action was agreed, linked when the person may open it."""
    decision = Decision.objects.filter(action=action).select_related("meeting", "meeting__subgroup").first()
    if decision is None:
        return None
    may_open = selectors.meetings_visible_to(user).filter(pk=decision.meeting_id).exists()
    return {"agreed_in": decision, "agreed_meeting_visible": may_open}
