"""The partnership's core models; see each module's docstring."""

from .accounts import Invitation
from .actions import (
    CLOSED_STATUSES,
    OPEN_STATUSES,
    Action,
    ActionPlan,
    ActionQuerySet,
    ActionStatus,
    ActionUpdate,
    Evidence,
    Rag,
    rag_expression,
)
from .learning import Finding, LearningSource, Recommendation, SourceKind, SourceOfLearning
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
from .reminders import SentReminder
from .voice import Consultation

__all__ = [
    "AGENCY_ROLES",
    "CLOSED_STATUSES",
    "OPEN_STATUSES",
    "SUBGROUP_ROLES",
    "Action",
    "ActionPlan",
    "ActionQuerySet",
    "ActionStatus",
    "ActionUpdate",
    "Agency",
    "Area",
    "Consultation",
    "Evidence",
    "Finding",
    "Invitation",
    "LearningSource",
    "Priority",
    "Rag",
    "Recommendation",
    "Role",
    "RoleAssignment",
    "SentReminder",
    "SourceKind",
    "SourceOfLearning",
    "Subgroup",
    "Theme",
    "User",
    "rag_expression",
]
