"""Matrix cases for the action plan and action pages.

A plan is seen by those who see everything, its subgroup's chair and members, and those who
answer for one of its actions (the owning agency's lead, a named lead). An action is seen by the
same people; it is updated (progress, evidence, completion) by those who answer for it, and
cancelled or its due date moved only by the business unit and the plan's subgroup chair.
Everyone else gets a 404, even on pages they could not use anyway.
"""

from django.core.files.base import ContentFile

from partnership.models import ActionStatus

from ..factories import ActionFactory, ActionPlanFactory, ConsultationFactory, EvidenceFactory
from . import SIGNED_IN, Case, scoped

SEES_ALL = {"business_unit", "partnership_lead"}
EDITS_ALL = {"business_unit"}
SUBGROUP = {"subgroup_chair", "subgroup_member"}
CHAIR = {"subgroup_chair"}
PDF = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"


# --- the objects, each with who sees it, who updates it and who manages it -----------------


def own_subgroup_own_agency(w):
    return ActionFactory(plan=ActionPlanFactory(subgroup=w.subgroup), owner_agency=w.agency)


def other_subgroup_own_agency(w):
    return ActionFactory(plan=ActionPlanFactory(subgroup=w.other_subgroup), owner_agency=w.agency)


def own_subgroup_other_agency(w):
    return ActionFactory(plan=ActionPlanFactory(subgroup=w.subgroup), owner_agency=w.other_agency)


def led_by_lay_member(w):
    """A partnership action in another subgroup's plan, led by someone with no other scope."""
    return ActionFactory(
        plan=ActionPlanFactory(subgroup=w.other_subgroup), owner_agency=None, lead_user=w.lay_member
    )


ACTIONS = [
    # (label, make, sees, updates, manages)
    (
        "own-subgroup-own-agency",
        own_subgroup_own_agency,
        SEES_ALL | SUBGROUP | {"agency_lead"},
        EDITS_ALL | SUBGROUP | {"agency_lead"},
        EDITS_ALL | CHAIR,
    ),
    (
        "other-subgroup-own-agency",
        other_subgroup_own_agency,
        SEES_ALL | {"agency_lead"},
        EDITS_ALL | {"agency_lead"},
        EDITS_ALL,
    ),
    (
        "own-subgroup-other-agency",
        own_subgroup_other_agency,
        SEES_ALL | SUBGROUP | {"other_agency_lead"},
        EDITS_ALL | SUBGROUP | {"other_agency_lead"},
        EDITS_ALL | CHAIR,
    ),
    (
        "led-by-lay-member",
        led_by_lay_member,
        SEES_ALL | {"lay_member"},
        EDITS_ALL | {"lay_member"},
        EDITS_ALL,
    ),
]


def with_file(make):
    def args(w):
        evidence = EvidenceFactory(
            action=make(w),
            link="",
            file=ContentFile(PDF, name="minutes.pdf"),
            file_name="minutes.pdf",
            content_type="application/pdf",
            size=len(PDF),
            added_by=w.business_unit,
        )
        return [evidence.pk]

    return args


def awaiting_signoff(make):
    """The action `make` builds, reported done by its owner and awaiting sign-off."""

    def args(w):
        action = make(w)
        action.status = ActionStatus.AWAITING_SIGNOFF
        action.impact = "Practice changed."
        action.reported_complete_on = action.due_date
        action.save()
        return [action.pk]

    return args


SIGN_OFFS = [
    # (label, args, sees, signs off)
    (
        "awaiting-own-subgroup",
        awaiting_signoff(own_subgroup_own_agency),
        SEES_ALL | SUBGROUP | {"agency_lead"},
        EDITS_ALL | CHAIR,
    ),
    (
        "awaiting-other-subgroup",
        awaiting_signoff(other_subgroup_own_agency),
        SEES_ALL | {"agency_lead"},
        EDITS_ALL,
    ),
]


def action_cases(label, make, sees, updates, manages) -> list[Case]:
    args = lambda w: [make(w).pk]  # noqa: E731
    return [
        Case("partnership:action-detail", args=args, label=label, expect=scoped(sees=sees, may=sees)),
        Case("partnership:action-update", args=args, label=label, expect=scoped(sees=sees, may=updates)),
        Case("partnership:action-evidence", args=args, label=label, expect=scoped(sees=sees, may=updates)),
        Case("partnership:action-complete", args=args, label=label, expect=scoped(sees=sees, may=updates)),
        Case("partnership:action-cancel", args=args, label=label, expect=scoped(sees=sees, may=manages)),
        Case("partnership:action-due-date", args=args, label=label, expect=scoped(sees=sees, may=manages)),
        Case(
            "partnership:evidence-download",
            args=with_file(make),
            label=label,
            expect=scoped(sees=sees, may=sees),
        ),
    ]


# --- plans ----------------------------------------------------------------------------------


def plan_of(make):
    return lambda w: [make(w).plan_id]


def empty_plan(w):
    return [ActionPlanFactory(subgroup=w.subgroup).pk]


def confidential_source_of_other_subgroup(w):
    source = ConsultationFactory(subgroup=w.other_subgroup).learning_source
    source.confidential = True
    source.save()
    return [source.pk]


def plan_cases(label, args, sees, edits) -> list[Case]:
    return [
        Case("partnership:plan-detail", args=args, label=label, expect=scoped(sees=sees, may=sees)),
        Case("partnership:plan-edit", args=args, label=label, expect=scoped(sees=sees, may=edits)),
        Case("partnership:action-create", args=args, label=label, expect=scoped(sees=sees, may=edits)),
    ]


CASES = [
    # Starting a plan: any signed-in person sees a partnership source; the business unit and the
    # overseeing subgroup's chair start its plan. A confidential source is hidden from others.
    Case(
        "partnership:plan-create",
        args=lambda w: [ConsultationFactory(subgroup=w.subgroup).learning_source_id],
        label="own-subgroup-source",
        expect=scoped(sees=set(SIGNED_IN), may=EDITS_ALL | CHAIR),
    ),
    Case(
        "partnership:plan-create",
        args=confidential_source_of_other_subgroup,
        label="confidential-other-subgroup-source",
        expect=scoped(sees=SEES_ALL, may=EDITS_ALL),
    ),
    # A source that already has a plan: those who may start one are sent to it.
    Case(
        "partnership:plan-create",
        args=lambda w: [ActionPlanFactory(subgroup=w.subgroup).source_id],
        label="already-planned",
        expect=scoped(sees=set(SIGNED_IN), may=EDITS_ALL | CHAIR, ok=302),
    ),
    *plan_cases("empty-own-subgroup", empty_plan, SEES_ALL | SUBGROUP, EDITS_ALL | CHAIR),
    *plan_cases(
        "own-subgroup-own-agency",
        plan_of(own_subgroup_own_agency),
        SEES_ALL | SUBGROUP | {"agency_lead"},
        EDITS_ALL | CHAIR,
    ),
    *plan_cases(
        "other-subgroup-own-agency",
        plan_of(other_subgroup_own_agency),
        SEES_ALL | {"agency_lead"},
        EDITS_ALL,
    ),
    *plan_cases(
        "led-by-lay-member",
        plan_of(led_by_lay_member),
        SEES_ALL | {"lay_member"},
        EDITS_ALL,
    ),
    *[case for spec in ACTIONS for case in action_cases(*spec)],
    # Sign-off: an action awaiting it is accepted or returned by the business unit and the chair
    # of the plan's subgroup only; those who see it get a 403, everyone else a 404.
    *[
        Case(name, args=args, label=label, expect=scoped(sees=sees, may=signs_off))
        for label, args, sees, signs_off in SIGN_OFFS
        for name in ("partnership:action-accept", "partnership:action-return")
    ],
    # An action not awaiting sign-off: those who may sign off are sent back to it.
    *[
        Case(
            name,
            args=lambda w: [own_subgroup_own_agency(w).pk],
            label="not-awaiting",
            expect=scoped(sees=SEES_ALL | SUBGROUP | {"agency_lead"}, may=EDITS_ALL | CHAIR, ok=302),
        )
        for name in ("partnership:action-accept", "partnership:action-return")
    ],
    # A link has nothing to download, whoever asks.
    Case(
        "partnership:evidence-download",
        args=lambda w: [EvidenceFactory(action=own_subgroup_own_agency(w), added_by=w.business_unit).pk],
        label="link",
        expect=dict.fromkeys(SIGNED_IN, 404),
    ),
]
