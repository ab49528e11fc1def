"""Who may read the security log: the business unit, who look after the partnership's accounts.

Partnership leads see everything about the partnership's work, but the security log is about
people's accounts (who signed in from where, who was refused), so it stays with the officers
who manage accounts.
"""

from .. import permissions


def can_view_security_events(user) -> bool:
    return permissions.is_business_unit(user)
