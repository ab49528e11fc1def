"""Matrix cases for the plans and actions lists, their exports and the import of actions.

Lists and exports are open to everyone signed in: the selectors decide what they hold (an
empty list for someone with no plans or actions), which tests/partnership/test_action_lists.py
checks row by row. Importing changes a plan: the business unit and the plan's subgroup chair
may; someone who sees the plan but may not change it gets a 403; anyone else a 404.
"""

from ..factories import ActionFactory, ActionPlanFactory
from . import Case, scoped

SEES_ALL = {"business_unit", "partnership_lead"}
EDITS = {"business_unit"}


def own_plan(w):
    """A plan of the chair's subgroup with an action owned by `agency_lead`'s agency."""
    plan = ActionPlanFactory(subgroup=w.subgroup)
    ActionFactory(plan=plan, owner_agency=w.agency)
    return [plan.pk]


def other_plan(w):
    """A plan of another subgroup with an action owned by `other_agency_lead`'s agency."""
    plan = ActionPlanFactory(subgroup=w.other_subgroup)
    ActionFactory(plan=plan, owner_agency=w.other_agency)
    return [plan.pk]


OWN = scoped(
    sees=SEES_ALL | {"subgroup_chair", "subgroup_member", "agency_lead"}, may=EDITS | {"subgroup_chair"}
)
OTHER = scoped(sees=SEES_ALL | {"other_agency_lead"}, may=EDITS)


def with_data(w):
    own_plan(w)
    other_plan(w)
    return []


FILTERED_ACTIONS = "rag=red&overdue=yes&due_from=01/01/2026&due_to=31/12/2026&sort=-due&page=2"
FILTERED_PLANS = "status=open&source_type=consultation&sort=-complete&page=2"

CASES = [
    Case("partnership:plan-list", args=with_data),
    Case("partnership:plan-list", args=with_data, query=FILTERED_PLANS, label="filtered"),
    Case("partnership:plan-export-csv", args=with_data),
    Case("partnership:plan-export-csv", args=with_data, query=FILTERED_PLANS, label="filtered"),
    Case("partnership:plan-export-xlsx", args=with_data),
    Case("partnership:action-list", args=with_data),
    Case("partnership:action-list", args=with_data, query=FILTERED_ACTIONS, label="filtered"),
    Case("partnership:action-export-csv", args=with_data),
    Case("partnership:action-export-csv", args=with_data, query=FILTERED_ACTIONS, label="filtered"),
    Case("partnership:action-export-xlsx", args=with_data),
    Case("partnership:plan-import", args=own_plan, label="own plan", expect=OWN),
    Case("partnership:plan-import", args=other_plan, label="other plan", expect=OTHER),
    Case(
        "partnership:plan-import-template",
        args=lambda w: [*own_plan(w), "xlsx"],
        label="own plan xlsx",
        expect=OWN,
    ),
    Case(
        "partnership:plan-import-template",
        args=lambda w: [*own_plan(w), "csv"],
        label="own plan csv",
        expect=OWN,
    ),
    Case(
        "partnership:plan-import-template",
        args=lambda w: [*other_plan(w), "csv"],
        label="other plan csv",
        expect=OTHER,
    ),
    Case(
        "partnership:plan-import-template",
        args=lambda w: [*own_plan(w), "pdf"],
        label="unknown format",
        default=404,
    ),
]
