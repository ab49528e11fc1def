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
from .reviews import (
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
    "Publication",
    "Review",
    "ReviewAccess",
    "ReviewDocument",
    "ReviewEvent",
    "ReviewKind",
    "Stage",
]
