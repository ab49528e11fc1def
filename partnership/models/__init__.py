"""The partnership's core models; each later issue adds a module here (actions, learning, …)."""

from .accounts import Invitation
from .organisation import (
    AGENCY_ROLES,
    SUBGROUP_ROLES,
    Agency,
    Area,
    Priority,
    Role,
    RoleAssignment,
    Subgroup,
    Theme,
    User,
)

__all__ = [
    "AGENCY_ROLES",
    "SUBGROUP_ROLES",
    "Agency",
    "Area",
    "Invitation",
    "Priority",
    "Role",
    "RoleAssignment",
    "Subgroup",
    "Theme",
    "User",
]
