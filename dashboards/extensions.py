"""What the dashboards add to the core's extension points (partnership/extensions.py),
registered from DashboardsConfig.ready(): the header's "Dashboard" or "Performance data" item,
demo and scale data, the measures and indicators on a priority's page, and the indicators
intended outcomes are measured on, and the annual report's submission clock on the clock board."""

from partnership import extensions as ext

from . import demo, outcome_indicators, permissions, priority_parts, reminders, scale
from .overview.permissions import can_view_partnership_dashboard
from .report import clocks as report_clocks
from .report import demo as report_demo
from .report import selectors as report_selectors

# Pages of the dashboards app that count as the "Dashboard" or "Performance data" item's own.
DATA_PAGES = (
    "dashboards:themes",
    "dashboards:dataset",
    "dashboards:deep-dive-list",
    "dashboards:report-index",
)


def register(app) -> None:
    ext.register(
        app,
        ext.MENU_SECTIONS,
        # Its sub-navigation links to the recurring themes, the dataset and the annual report.
        ext.MenuSection("dashboard", "data", "Dashboard", 10, also=DATA_PAGES),
        # The dataset is aggregate and non-personal: everyone with a role reads it; its
        # sub-navigation links to the recurring themes, which they may read too.
        ext.MenuSection("performance-data", "data", "Performance data", 80, also=DATA_PAGES),
    )
    ext.register(
        app,
        ext.MENU_ENTRIES,
        ext.MenuEntry(
            "dashboard", "Dashboard", "dashboards:partnership", allowed=can_view_partnership_dashboard
        ),
        ext.MenuEntry(
            "performance-data",
            "Performance data",
            "dashboards:dataset",
            allowed=permissions.sees_performance_data_item,
        ),
    )
    # Reads the sources' demo data, so after theirs.
    ext.register(app, ext.DEMO_DATA, ext.DemoData("dashboards", demo.seed, ext.DEMO_READERS))
    # The annual report's contributions (its scrutineer, subgroups and agencies), after the above.
    ext.register(
        app,
        ext.DEMO_DATA,
        ext.DemoData("annual report contributions", report_demo.contributions.seed, ext.DEMO_READERS),
    )
    # The previous year's assessments, measures, review actions and checks for the annual
    # report: after the priorities and every source they answer exist.
    ext.register(
        app,
        ext.DEMO_DATA,
        ext.DemoData("annual report, previous year", report_demo.progress.seed, ext.DEMO_LAST),
    )
    # The previous year's report produced, finalised, published and sent: after every step above,
    # so that its final version prints the approved contributions and the year's progress.
    ext.register(
        app,
        ext.DEMO_DATA,
        ext.DemoData("annual report publication", report_demo.publication_step, ext.DEMO_LAST),
    )
    ext.register(app, ext.SCALE_DATA, scale.seed)
    # A priority's measures and indicators, on its page.
    ext.register(app, ext.PRIORITY_PARTS, priority_parts.priority_parts)
    # The indicators an intended outcome may be measured on, and their values at its check.
    ext.register(app, ext.OUTCOME_INDICATORS, outcome_indicators.OUTCOME_INDICATORS)
    # The annual report's submission to the national Panel and Foundations, on the clock board.
    ext.register(app, ext.BOARD_CLOCKS, report_clocks.board_clocks)
    # What a person has been asked to write for the annual report, whatever their role (the
    # independent scrutineer may have none), at the end of their home page.
    ext.register(
        app,
        ext.HOME_BLOCKS,
        ext.PageBlock(ext.HOME_END, "dashboards/report/_home_contributions.html", _contributions_context),
    )
    # The annual report's contribution requests and their one chaser, and the warning, once,
    # that the report's submission clock is about to run out.
    ext.register(app, ext.REMINDER_JOBS, *reminders.JOBS)


def _contributions_context(user, today) -> dict | None:
    contributions = report_selectors.open_contributions_of(user)
    if not contributions:
        return None
    return {"report_contributions": contributions, "today": today}
