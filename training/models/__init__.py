"""Training: the yearly programme, courses and sessions (programme.py), places and the emailed
links people without an account use (booking.py), evaluation on the day and the three-month
follow-up (feedback.py), the annual needs assessment (needs.py), agencies' coverage returns
(coverage.py), and the training impact analysis, a source of learning, with the analysis
page's stored figures (analysis.py).
"""

from .analysis import AnalysisSnapshot, AttendanceGroup, ConfidenceGroup, ImpactAnalysis
from .booking import (
    ATTENDEE_TRANSITIONS,
    HOLDS_PLACE,
    Attendee,
    AttendeeSource,
    AttendeeStatus,
    FormLink,
    LinkPurpose,
)
from .coverage import CoverageReturn
from .feedback import Change, Evaluation, FollowUp, OutcomeConfidence, Respondent
from .needs import Need, NeedPriority, NeedsAssessment
from .programme import (
    SESSION_TRANSITIONS,
    Course,
    CourseFormat,
    LearningOutcome,
    Level,
    Programme,
    Provider,
    Session,
    SessionStatus,
    programme_year_of,
    year_label,
)

__all__ = [
    "ATTENDEE_TRANSITIONS",
    "HOLDS_PLACE",
    "SESSION_TRANSITIONS",
    "AnalysisSnapshot",
    "AttendanceGroup",
    "Attendee",
    "AttendeeSource",
    "AttendeeStatus",
    "Change",
    "ConfidenceGroup",
    "Course",
    "CourseFormat",
    "CoverageReturn",
    "Evaluation",
    "FollowUp",
    "FormLink",
    "ImpactAnalysis",
    "LearningOutcome",
    "Level",
    "LinkPurpose",
    "Need",
    "NeedPriority",
    "NeedsAssessment",
    "OutcomeConfidence",
    "Programme",
    "Provider",
    "Respondent",
    "Session",
    "SessionStatus",
    "programme_year_of",
    "year_label",
]
