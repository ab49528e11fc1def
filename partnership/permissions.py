"""Who may do what in the partnership core, as named predicates.

Every page, service, task and template asks here; none decides by hand. What a person may
*see* is decided by the selectors (which use these predicates to scope querysets); what they
may *change* is decided by the `can_…` predicates below. Roles are read once per request and
cached on the user object.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Q

from .models import Role


@dataclass(frozen=True)
class UserRoles:
    """The roles one person holds, with the subgroups and agencies they are scoped to."""

    roles: frozenset = field(default_factory=frozenset)
    chair_of: frozenset = field(default_factory=frozenset)  # subgroup ids
    member_of: frozenset = field(default_factory=frozenset)  # subgroup ids
    lead_of: frozenset = field(default_factory=frozenset)  # agency ids

    def has(self, role: Role) -> bool:
        return role in self.roles

    @property
    def subgroups(self) -> frozenset:
        return self.chair_of | self.member_of


NO_ROLES = UserRoles()


def roles_of(user) -> UserRoles:
    """The person's roles, read from the database once and cached on the user object."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return NO_ROLES
    cached = getattr(user, "_roles_cache", None)
    if cached is not None:
        return cached
    roles, chair_of, member_of, lead_of = set(), set(), set(), set()
    for role, subgroup_id, agency_id in user.role_assignments.values_list("role", "subgroup_id", "agency_id"):
        roles.add(role)
        if role == Role.SUBGROUP_CHAIR:
            chair_of.add(subgroup_id)
        elif role == Role.SUBGROUP_MEMBER:
            member_of.add(subgroup_id)
        elif role == Role.AGENCY_LEAD:
            lead_of.add(agency_id)
    cached = UserRoles(frozenset(roles), frozenset(chair_of), frozenset(member_of), frozenset(lead_of))
    user._roles_cache = cached
    return cached


def forget_roles(user) -> None:
    """Drop the cached roles after they change (services call this)."""
    if hasattr(user, "_roles_cache"):
        del user._roles_cache


# --- who someone is -------------------------------------------------------------------------


def is_business_unit(user) -> bool:
    return roles_of(user).has(Role.BUSINESS_UNIT)


def is_partnership_lead(user) -> bool:
    return roles_of(user).has(Role.PARTNERSHIP_LEAD)


def sees_everything(user) -> bool:
    """The business unit and the partnership leads may read everything in the partnership."""
    return is_business_unit(user) or is_partnership_lead(user)


def is_subgroup_chair(user, subgroup=None) -> bool:
    chair_of = roles_of(user).chair_of
    return bool(chair_of) if subgroup is None else subgroup.pk in chair_of


def is_agency_lead(user, agency=None) -> bool:
    lead_of = roles_of(user).lead_of
    return bool(lead_of) if agency is None else agency.pk in lead_of


# --- what someone may do in the core --------------------------------------------------------


def can_manage_organisation(user) -> bool:
    """Create, edit and deactivate agencies, areas, subgroups, priorities, themes and people."""
    return is_business_unit(user)


def can_view_people(user) -> bool:
    """Open the people list: those who look after people (their agency's, their subgroup's)."""
    r = roles_of(user)
    return sees_everything(user) or bool(r.lead_of) or bool(r.chair_of)


def can_view_history(user) -> bool:
    """Read the history of changes to organisational records."""
    return sees_everything(user)


def can_use_admin(user) -> bool:
    return bool(getattr(user, "is_superuser", False)) and user.is_active


# --- the learning chain and action plans ----------------------------------------------------


def _chairs(user, subgroup_id) -> bool:
    return subgroup_id is not None and subgroup_id in roles_of(user).chair_of


def can_edit_learning(user, source) -> bool:
    """Add or change a source's findings and recommendations, and start its action plan."""
    return is_business_unit(user) or _chairs(user, source.subgroup_id)


def can_edit_plan(user, plan) -> bool:
    """Change a plan, add recommendations and actions to it, import actions."""
    return is_business_unit(user) or _chairs(user, plan.subgroup_id)


def can_update_action(user, action) -> bool:
    """Record progress and evidence, and complete the action: those who answer for it."""
    r = roles_of(user)
    return (
        is_business_unit(user)
        or action.plan.subgroup_id in r.subgroups
        or (action.owner_agency_id is not None and action.owner_agency_id in r.lead_of)
        or (
            action.lead_user_id is not None
            and action.lead_user_id == getattr(user, "pk", None)
            and user.is_active
        )
    )


def can_manage_action(user, action) -> bool:
    """Cancel an action or move its due date: decisions for the business unit and the chair."""
    return can_edit_plan(user, action.plan)


def signs_off_plan(user, action) -> bool:
    """Whether the person's role signs off the plan's actions: the chair of the plan's owning
    subgroup; the business unit signs off any plan (and every plan whose subgroup has no
    chair). Whether they may sign off a given action is `can_sign_off_action`."""
    return is_business_unit(user) or _chairs(user, action.plan.subgroup_id)


def sign_off_conflict(user, action) -> str:
    """Why the person may not sign off this action themselves (segregation of duties), or "":
    nobody gives assurance on an action they lead or that they reported done."""
    user_id = getattr(user, "pk", None)
    if user_id is None:
        return ""
    if action.reported_complete_by_id == user_id:
        return "you reported it done"
    if action.lead_user_id == user_id:
        return "you lead it"
    return ""


def can_sign_off_action(user, action) -> bool:
    """Accept an action reported done, or return it: the assurance of the plan's owning
    subgroup (`signs_off_plan`), given by someone other than the action's lead and the person
    who reported it done (`sign_off_conflict`)."""
    return signs_off_plan(user, action) and not sign_off_conflict(user, action)


def signs_off_for(user) -> frozenset | None:
    """The subgroups whose plans' actions the person signs off: None for all (the business
    unit), an empty set for none. Leave out their own actions (`own_actions_q`)."""
    if is_business_unit(user):
        return None
    return roles_of(user).chair_of


def own_actions_q(user) -> Q:
    """The actions the person may not sign off whatever their role (`sign_off_conflict`): those
    they lead or reported done. A filter over Action."""
    user_id = getattr(user, "pk", None)
    if user_id is None:
        return Q(pk__in=[])
    return Q(lead_user_id=user_id) | Q(reported_complete_by_id=user_id)


def can_export_actions(user) -> bool:
    return getattr(user, "is_authenticated", False) and user.is_active


def can_record_consultation(user) -> bool:
    """Record or change a consultation with children and young people: the business unit and
    the subgroup chairs, who run the sessions with the youth forum."""
    return is_business_unit(user) or is_subgroup_chair(user)


# --- learning briefings (partnership/models/briefings.py) -----------------------------------


def can_write_briefings(user) -> bool:
    """Write, change and publish learning briefings: the business unit, who disseminate."""
    return is_business_unit(user)


def can_view_draft_briefings(user) -> bool:
    """Read briefings before they are published: the business unit and the partnership leads.
    Everyone signed in reads a published briefing."""
    return sees_everything(user)


def can_publish_briefing(user, briefing) -> bool:
    return can_write_briefings(user) and briefing.is_draft


def can_delete_briefing(user, briefing) -> bool:
    """Only a draft is deleted; a published briefing went out and stays on the record."""
    return can_write_briefings(user) and briefing.is_draft


def can_flag_risk(user, source) -> bool:
    """Flag a risk a source identified to an agency and a safeguarding partner: those who edit
    the source's learning (the business unit, the overseeing subgroup's chair)."""
    return can_edit_learning(user, source)


def can_respond_to_risk(user, flag) -> bool:
    """Record the agency's response: its lead, or the business unit on its behalf."""
    return is_business_unit(user) or is_agency_lead(user, flag.agency)


def can_edit_dissemination(user, source) -> bool:
    """Add, change and remove a source's dissemination plan: those who edit its learning."""
    return can_edit_learning(user, source)


def can_confirm_cascade(user, cascade) -> bool:
    """Confirm an agency's cascade of a briefing while signed in (the emailed link needs no
    account): the agency's lead, or the business unit on its behalf."""
    return is_business_unit(user) or is_agency_lead(user, cascade.agency)


def can_give_briefing_feedback(user, briefing) -> bool:
    """Give feedback on a published briefing or learning event: anyone signed in who reads it."""
    return bool(getattr(user, "is_authenticated", False)) and user.is_active and not briefing.is_draft


def can_export_all_reach(user) -> bool:
    """Download the reach of every published briefing at once: those who see everything (an
    agency's lead reads their own agency's reach on each briefing)."""
    return sees_everything(user)


def can_view_briefing_feedback(user) -> bool:
    """Read what practitioners said about briefings: those who see everything."""
    return sees_everything(user)


# --- priorities and the business plan --------------------------------------------------------


def can_assess_priority(user, priority) -> bool:
    """Record a judgement of progress on a priority: the business unit, or the chair of the
    subgroup that owns it."""
    return is_business_unit(user) or _chairs(user, priority.owner_subgroup_id)


def can_start_business_plan(user) -> bool:
    """Start a year's business plan (its source of learning and action plan)."""
    return is_business_unit(user)


# --- intended outcomes and their "did it stick?" checks (partnership/models/outcomes.py) -----


def can_edit_outcomes(user, source) -> bool:
    """Record, change and delete a source's intended outcomes, and record their checks: the
    business unit, and whoever may change the source's learning or its action plan (the chair
    of the subgroup that oversees the source or owns its plan)."""
    if is_business_unit(user) or can_edit_learning(user, source):
        return True
    plan = getattr(source, "action_plan", None)
    return plan is not None and can_edit_plan(user, plan)


def can_view_outcome_checks(user) -> bool:
    """Open the list of "did it stick?" checks due across the partnership: the business unit,
    who runs the checks, and the partnership leads."""
    return sees_everything(user)
