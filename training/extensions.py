"""What training adds to the core's extension points (partnership/extensions.py), registered
from TrainingConfig.ready(): the header's "Training" item, home parts, demo and scale data, the
booking and feedback jobs, retention rules, and the parts of a priority's page and of a
finding in the learning panel."""

from partnership import extensions as ext

from . import demo, finding_parts, home, permissions, priority_parts, reminders, retention, scale
from .models import AnalysisSnapshot, AttendanceGroup, ConfidenceGroup


def register(app) -> None:
    ext.register(app, ext.MENU_SECTIONS, ext.MenuSection("training", "training", "Training", 60))
    ext.register(
        app,
        ext.MENU_ENTRIES,
        ext.MenuEntry("training", "Training", "training:index", allowed=permissions.can_view_training),
    )
    ext.register(app, ext.HOME_PARTS, home.home_parts)
    ext.register(
        app,
        ext.DEMO_DATA,
        ext.DemoData("training", demo.seed, ext.DEMO_SOURCES),
        ext.DemoData("training's priorities", demo.link_priorities, ext.DEMO_LINKS),
        ext.DemoData("training against the learning", demo.link_findings, ext.DEMO_LINKS),
    )
    ext.register(app, ext.SCALE_DATA, scale.seed)
    ext.register(app, ext.REMINDER_JOBS, *reminders.JOBS)
    ext.register(app, ext.RETENTION_RULES, *retention.RULES)
    # The courses that serve a priority, with their attendance, on its page.
    ext.register(app, ext.PRIORITY_PARTS, priority_parts.priority_parts)
    # The courses answering each finding, with who attended from the agencies named, under the
    # finding in every source's learning panel.
    ext.register(app, ext.FINDING_PARTS, finding_parts.finding_parts)
    # The analysis page's stored figures, refreshed every few minutes: its fragment keys on the
    # snapshot's time, so a refresh does not empty every kept page of the product.
    ext.register(app, ext.SELF_KEYED_MODELS, AnalysisSnapshot, AttendanceGroup, ConfidenceGroup)
