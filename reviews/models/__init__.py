"""Case reviews: notifications, reviews of every kind, child death review learning."""

from .cdop import CdopReferral, CdopReport, ExternalReview
from .notifications import (
    MAX_CHILDREN_PER_NOTIFICATION,
    AbuseOrNeglect,
    AgeBand,
    IncidentKind,
    Notification,
    NotifiedChild,
)
from .publication import ParallelProceeding, ProceedingKind, PublicationWarning
from .referrals import Referral, ReferralRoute, ScreeningDecision
from .reviews import (
    DECISION_OUTCOMES,
    AgencyRequest,
    ChronologyEntry,
    Decision,
    FamilyInvolvement,
    Methodology,
    PanelMember,
    PanelRole,
    Publication,
    Review,
    ReviewAccess,
    ReviewDocument,
    ReviewEvent,
    ReviewKind,
    Stage,
)

__all__ = [
    "DECISION_OUTCOMES",
    "MAX_CHILDREN_PER_NOTIFICATION",
    "AbuseOrNeglect",
    "AgeBand",
    "AgencyRequest",
    "CdopReferral",
    "CdopReport",
    "ChronologyEntry",
    "Decision",
    "ExternalReview",
    "FamilyInvolvement",
    "IncidentKind",
    "Methodology",
    "Notification",
    "NotifiedChild",
    "PanelMember",
    "PanelRole",
    "ParallelProceeding",
    "ProceedingKind",
    "Publication",
    "PublicationWarning",
    "Referral",
    "ReferralRoute",
    "Review",
    "ReviewAccess",
    "ReviewDocument",
    "ReviewEvent",
    "ReviewKind",
    "ScreeningDecision",
    "Stage",
]
