"""What audits and Section 11 add to the core's extension points (partnership/extensions.py),
registered from AuditsConfig.ready(): the header's "Audits" item, home parts and blocks, demo
and scale data, the round reminders, the audits on a priority's page, a re-audit's before and
after for an outcome measured by re-audit, and who may read a single-agency audit's learning."""

from django.db.models import Q

from partnership import extensions as ext
from partnership.models import Role
from partnership.permissions import roles_of

from . import demo, home, outcome_evidence, priority_parts, reminders, scale, selectors
from .models import SingleAgencyAudit


def register(app) -> None:
    # The audits' sub-navigation (audits/audit_nav.html) links to Section 11 and back.
    ext.register(app, ext.MENU_SECTIONS, ext.MenuSection("audits", "audits", "Audits", 50, opens_first=True))
    ext.register(
        app,
        ext.MENU_ENTRIES,
        ext.MenuEntry(
            "audits",
            "Audits",
            "audits:audit-list",
            "Multi-agency and single-agency audits, and their findings.",
        ),
        ext.MenuEntry(
            "audits",
            "Section 11",
            "audits:round-list",
            "Section 11 self-assessment rounds and agencies' returns.",
        ),
    )
    ext.register(app, ext.HOME_PARTS, home.home_parts)
    ext.register(
        app,
        ext.HOME_BLOCKS,
        ext.PageBlock(ext.HOME_AGENCY, "audits/_home_returns.html", _returns_context),
        ext.PageBlock(ext.HOME_END, "audits/_home_challenges.html", _challenges_context),
    )
    ext.register(
        app,
        ext.DEMO_DATA,
        ext.DemoData("audits and Section 11", demo.seed, ext.DEMO_SOURCES),
        ext.DemoData("audits' priorities", demo.link_priorities, ext.DEMO_LINKS),
    )
    ext.register(app, ext.SCALE_DATA, scale.seed)
    ext.register(app, ext.REMINDER_JOBS, *reminders.JOBS)
    ext.register(
        app, ext.SOURCE_RESTRICTIONS, ext.SourceRestriction("single-agency audits", _not_their_agency)
    )
    # The multi-agency audits that serve a priority, on its page.
    ext.register(app, ext.PRIORITY_PARTS, priority_parts.priority_parts)
    # A re-audit's before and after, as evidence for an outcome measured by re-audit.
    ext.register(app, ext.OUTCOME_EVIDENCE, outcome_evidence.reaudit_evidence)


def _returns_context(user, today) -> dict | None:
    """An agency lead's Section 11 returns, under each agency they lead."""
    if not roles_of(user).lead_of:
        return None
    return {"section11_returns": selectors.home_returns(user)}


def _challenges_context(user, today) -> dict | None:
    """A lay member's or peer challenger's peer challenge sessions and the returns assigned."""
    if not roles_of(user).roles & {Role.LAY_MEMBER, Role.PEER_CHALLENGER}:
        return None
    return {"challenge_assignments": selectors.challenge_assignments(user)}


def _not_their_agency(user) -> Q:
    """A single-agency audit is the agency's own: its findings and recommendations are for that
    agency's leads (besides the business unit, partnership leads and the overseeing subgroup,
    the core's rule), as its page is (`selectors.single_agency_audits_visible_to`)."""
    others = SingleAgencyAudit.objects.exclude(agency_id__in=roles_of(user).lead_of)
    return Q(pk__in=others.values("learning_source_id"))
