"""Who may write, produce and read the annual report.

The business unit writes the narratives and produces the report: it is the partnership's
publication and the business unit edits it. The finished PDF holds only aggregate,
non-identifying figures, but until it is published it is a draft for the partnership's board,
so it is read by those who scrutinise and sign it off: the partnership leads (the three
safeguarding partners, the independent scrutineer) and the subgroup chairs, who answer for
their sections. They may open the report's page and download the versions, read-only.
Everyone else gets a 403: agency leads, members, lay members and peer challengers see the
report when the partnership publishes it, not its drafts.
"""

from partnership import permissions as core


def can_produce_report(user) -> bool:
    return core.is_business_unit(user)


def can_view_report(user) -> bool:
    return core.sees_everything(user) or core.is_subgroup_chair(user)


# --- contributions (models/contributions.py) ----------------------------------------------------
# The business unit requests, reads, approves and returns every contribution. Its author, whatever
# their role (the independent scrutineer may hold none), opens and writes their own; nobody else
# reads a contribution before it is printed in the report.


def can_request_contributions(user) -> bool:
    return core.is_business_unit(user)


def can_read_contribution(user, contribution) -> bool:
    return core.is_business_unit(user) or (
        user.is_authenticated and user.is_active and contribution.author_id == user.pk
    )


def can_write_contribution(user, contribution) -> bool:
    """Its author, while it is with them (requested, or returned to them)."""
    return (
        user.is_authenticated
        and user.is_active
        and contribution.author_id == user.pk
        and contribution.status == "requested"
    )


def can_approve_contribution(user, contribution) -> bool:
    return core.is_business_unit(user) and contribution.status == "submitted"
