"""Reads of the partnership core, scoped to the person asking.

A page looks an object up through one of these, so an object outside the person's scope is
a 404, never a leak. Organisational reference data (areas, agencies, subgroups, priorities,
themes) is open to everyone signed in; people are scoped.

Each read lives in the module of what it reads (`organisation`, `learning`, `actions`,
`dissemination`, `home`); every one is offered here, the core's one public selectors module.
"""

from .actions import (
    actions_visible_to,
    plan_summaries,
    plans_visible_to,
    sign_off_instead,
)
from .dissemination import (
    briefing_feedback_summary,
    briefing_findings_visible_to,
    briefings_visible_to,
    cascade_reach,
    cascades_visible_to,
    dissemination_items_of,
    dissemination_items_visible_to,
)
from .home import (
    actions_summary,
    home_for,
)
from .learning import (
    consultations_visible_to,
    findings_visible_to,
    outcome_checks_visible_to,
    outcomes_visible_to,
    recommendations_visible_to,
    risk_flags_visible_to,
    sources_visible_to,
)
from .organisation import (
    agencies_visible_to,
    areas_visible_to,
    people_visible_to,
    priorities_visible_to,
    subgroup_seats,
    subgroups_visible_to,
    themes_visible_to,
)

__all__ = [
    "actions_summary",
    "actions_visible_to",
    "agencies_visible_to",
    "areas_visible_to",
    "briefing_feedback_summary",
    "briefing_findings_visible_to",
    "briefings_visible_to",
    "cascade_reach",
    "cascades_visible_to",
    "consultations_visible_to",
    "dissemination_items_of",
    "dissemination_items_visible_to",
    "findings_visible_to",
    "home_for",
    "outcome_checks_visible_to",
    "outcomes_visible_to",
    "people_visible_to",
    "plan_summaries",
    "plans_visible_to",
    "priorities_visible_to",
    "recommendations_visible_to",
    "risk_flags_visible_to",
    "sign_off_instead",
    "sources_visible_to",
    "subgroup_seats",
    "subgroups_visible_to",
    "themes_visible_to",
]
