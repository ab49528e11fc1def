"""What case reviews add to the core's extension points (partnership/extensions.py), registered
from ReviewsConfig.ready(): the header's "Case reviews" item, home parts, demo and scale data,
the clock warnings, retention rules, who else may see a review's learning, and who must use
two-factor sign-in."""

from django.db.models import Q

from partnership import extensions as ext
from partnership import permissions as core
from partnership.models import SourceKind

from . import demo, home, permissions, reminders, retention, scale


def register(app) -> None:
    ext.register(app, ext.MENU_SECTIONS, ext.MenuSection("case-reviews", "case-reviews", "Case reviews", 40))
    ext.register(
        app,
        ext.MENU_ENTRIES,
        ext.MenuEntry(
            "case-reviews",
            "Case reviews",
            "reviews:review-list",
            "Rapid Reviews, LCSPRs and other reviews.",
            allowed=permissions.sees_case_reviews_item,
        ),
        ext.MenuEntry(
            "case-reviews",
            "Serious incident notifications",
            "reviews:notification-list",
            "Record a notification to the national Panel and open its Rapid Review.",
            allowed=permissions.can_open_review,
        ),
        ext.MenuEntry(
            "case-reviews",
            "Referrals for a learning review",
            "reviews:learning-referral-list",
            "Cases referred by agencies, audits, CDOP and Rapid Reviews, and their screening.",
            allowed=permissions.can_see_all_referrals,
        ),
        ext.MenuEntry(
            "case-reviews",
            "Requests",
            "reviews:request-list",
            "What case reviews ask of your agency.",
            allowed=core.is_agency_lead,
        ),
    )
    ext.register(app, ext.HOME_PARTS, home.home_parts)
    ext.register(app, ext.DEMO_DATA, ext.DemoData("case reviews", demo.seed, ext.DEMO_SOURCES))
    ext.register(
        app,
        ext.DEMO_DATA,
        ext.DemoData(
            "case review referrals and publication holds", demo.seed_referrals_and_holds, ext.DEMO_SOURCES
        ),
    )
    ext.register(app, ext.SCALE_DATA, scale.seed)
    ext.register(app, ext.REMINDER_JOBS, *reminders.JOBS)
    ext.register(app, ext.RETENTION_RULES, *retention.RULES)
    # Besides the business unit, partnership leads and the overseeing subgroup (the core's
    # rule), a confidential review's learning is open to the people named on its panel.
    ext.register(
        app,
        ext.SOURCE_VISIBILITY,
        ext.SourceVisibility(SourceKind.CASE_REVIEW, _on_the_panel),
    )
    # Everyone who can see case reviews must sign in with two-factor authentication.
    ext.register(
        app,
        ext.TWO_FACTOR_REQUIREMENTS,
        ext.TwoFactorRequirement("You can see case reviews.", permissions.can_see_case_reviews),
    )


def _on_the_panel(user) -> Q:
    return Q(reviews_review__panel_members__user_id=user.pk)
