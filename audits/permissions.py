"""Who may see and do what with Section 11 returns, audits and inspections.

An agency's return is seen by its own agency lead and the colleagues they add, the business
unit, the partnership leads, the members of the subgroup overseeing the round, and the peer
challenge panel members of a session it is assigned to — never by another agency. Pages ask
`selectors.returns_visible_to` first (404 outside it) and these predicates second (403).
"""

from partnership import permissions as core


def can_manage_section11(user) -> bool:
    """Frameworks, rounds, invitations, sessions, sending back and accepting returns."""
    return core.is_business_unit(user)


def can_view_overview(user, round_) -> bool:
    """A round's overview, the whole partnership's picture: the business unit, partnership
    leads, and the members of the subgroup overseeing the round."""
    return core.sees_everything(user) or round_.subgroup_id in core.roles_of(user).subgroups


def can_edit_return(user, agency_return) -> bool:
    """Complete the return: its agency's lead or a colleague they added, while it is editable."""
    if not agency_return.is_editable or not getattr(user, "is_active", False):
        return False
    return (
        core.is_agency_lead(user, agency_return.agency)
        or agency_return.contributors.filter(pk=user.pk).exists()
    )


def can_add_contributors(user, agency_return) -> bool:
    return core.is_agency_lead(user, agency_return.agency)


def can_challenge(user, agency_return) -> bool:
    """Record the panel's challenge: the business unit, or a member of a session the return is in."""
    if core.is_business_unit(user):
        return True
    return agency_return.challenge_sessions.filter(members=user).exists()


def can_manage_audits(user) -> bool:
    """Programmes, multi-agency audits and inspections: the business unit."""
    return core.is_business_unit(user)


def can_report_single_agency_audit(user, agency) -> bool:
    return core.is_business_unit(user) or core.is_agency_lead(user, agency)


def can_record_audit_finding(user, audit, agency=None) -> bool:
    """Record an agency's findings in a multi-agency audit: the business unit for any agency
    taking part; an agency lead for their own agency, when it takes part. Without `agency`:
    whether the person may record findings for at least one agency in the audit."""
    if core.is_business_unit(user):
        return True
    lead_of = core.roles_of(user).lead_of
    if agency is not None:
        return agency.pk in lead_of and audit.participants.filter(agency=agency).exists()
    return bool(lead_of) and audit.participants.filter(agency_id__in=lead_of).exists()


def can_view_escalation(user, agency_return) -> bool:
    """The partnership's letter to the agency's senior manager and their response: those who
    see the round's overview, and the agency's own lead (not the peer challenge panel)."""
    return can_view_overview(user, agency_return.round) or core.is_agency_lead(user, agency_return.agency)


def can_view_audit_comparison(user, audit) -> bool:
    """A re-audit's before and after: those who see every agency's findings in both audits (the
    business unit, partnership leads, members of the subgroups overseeing both), and the lead of
    an agency taking part in either (who compares their own agency's grades only)."""
    earlier = audit.repeats
    if earlier is None or not getattr(user, "is_authenticated", False):
        return False
    if core.sees_everything(user):
        return True
    roles = core.roles_of(user)
    if audit.subgroup_id in roles.subgroups and earlier.subgroup_id in roles.subgroups:
        return True
    agencies = {p.agency_id for p in audit.participants.all()} | {
        p.agency_id for p in earlier.participants.all()
    }
    return bool(agencies & set(roles.lead_of))
