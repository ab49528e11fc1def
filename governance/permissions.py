"""Who may read and record meetings, as named predicates.

The business unit records everything; the partnership leads read everything; a subgroup's
chair and members read their subgroup's meetings, and the chair may record its decisions; an
agency lead reads the meetings their agency attended, without the confidential papers. Nobody
else reads a meeting. What a person may *see* is `selectors.meetings_visible_to`.
"""

from partnership.permissions import is_business_unit, roles_of, sees_everything

from .models import Body


def can_view_meetings(user) -> bool:
    """Open the meetings list: anyone who may read some meeting."""
    r = roles_of(user)
    return sees_everything(user) or bool(r.subgroups) or bool(r.lead_of)


def can_record_meetings(user) -> bool:
    """Record and change meetings, their attendance, agenda and papers."""
    return is_business_unit(user)


def _sits_on(user, meeting) -> bool:
    return meeting.body == Body.SUBGROUP and meeting.subgroup_id in roles_of(user).subgroups


def can_record_decision(user, meeting) -> bool:
    """Record a meeting's decisions: the business unit, and the subgroup's chair for its own
    meetings."""
    if is_business_unit(user):
        return True
    return meeting.body == Body.SUBGROUP and meeting.subgroup_id in roles_of(user).chair_of


def can_see_confidential_papers(user, meeting) -> bool:
    """Confidential papers are for those who sit on the body (not for an attending agency lead)."""
    return sees_everything(user) or _sits_on(user, meeting)


def can_build_packs(user) -> bool:
    """Build a meeting's board pack, choose its deep dive and circulate it: the business unit."""
    return is_business_unit(user)


def can_read_packs(user) -> bool:
    """Read a meeting's live pack and every circulated version: the business unit and the
    partnership leads. A recipient reads the version sent to them (`pack_versions_visible_to`)."""
    return sees_everything(user)


def can_write_highlight(user, subgroup) -> bool:
    """Write and submit a subgroup's highlight report to the executive or the board: the
    subgroup's chair, and the business unit (for any subgroup)."""
    return is_business_unit(user) or subgroup.pk in roles_of(user).chair_of


def can_view_highlight_list(user) -> bool:
    """See which subgroups have and have not submitted for a meeting: the business unit and the
    partnership leads (who read the pack)."""
    return sees_everything(user)
