"""The partnership's core models; see each module's docstring."""

from .accounts import Invitation
from .actions import (
    AWAITING_STATUSES,
    CLOSED_STATUSES,
    NOT_CLOSED_STATUSES,
    OPEN_STATUSES,
    Action,
    ActionPlan,
    ActionQuerySet,
    ActionSignOff,
    ActionStatus,
    ActionUpdate,
    Evidence,
    Rag,
    SignOffDecision,
    rag_expression,
)
from .briefings import (
    BRIEFING_SECTIONS,
    Briefing,
    BriefingAudience,
    BriefingChannel,
    BriefingFormat,
    BriefingStatus,
)
from .dissemination import BriefingFeedback, CascadeMethod, CascadeRequest, CascadeState, DisseminationItem
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
from .outcomes import CheckState, IntendedOutcome, MeasureKind, OutcomeResult
from .priorities import PROGRESS_TAG_COLOURS, PriorityAssessment, ProgressRating
from .reminders import SentReminder
from .responses import AwaitedResponse, ResponseState
from .risks import RiskFlag
from .security import SecurityEvent, SecurityEventKind
from .voice import Consultation

__all__ = [
    "AGENCY_ROLES",
    "AWAITING_STATUSES",
    "BRIEFING_SECTIONS",
    "CLOSED_STATUSES",
    "NOT_CLOSED_STATUSES",
    "OPEN_STATUSES",
    "PROGRESS_TAG_COLOURS",
    "SUBGROUP_ROLES",
    "Action",
    "ActionPlan",
    "ActionQuerySet",
    "ActionSignOff",
    "ActionStatus",
    "ActionUpdate",
    "Agency",
    "Area",
    "AwaitedResponse",
    "Briefing",
    "BriefingAudience",
    "BriefingChannel",
    "BriefingFeedback",
    "BriefingFormat",
    "BriefingStatus",
    "CascadeMethod",
    "CascadeRequest",
    "CascadeState",
    "CheckState",
    "Consultation",
    "DisseminationItem",
    "Evidence",
    "Finding",
    "IntendedOutcome",
    "Invitation",
    "LearningSource",
    "MeasureKind",
    "OutcomeResult",
    "Priority",
    "PriorityAssessment",
    "ProgressRating",
    "Rag",
    "Recommendation",
    "ResponseState",
    "RiskFlag",
    "Role",
    "RoleAssignment",
    "SecurityEvent",
    "SecurityEventKind",
    "SentReminder",
    "SignOffDecision",
    "SourceKind",
    "SourceOfLearning",
    "Subgroup",
    "Theme",
    "User",
    "rag_expression",
]
