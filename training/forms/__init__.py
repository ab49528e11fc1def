"""Forms of the training programme's pages (the booking and feedback areas keep their own forms
beside their views). Forms parse what was typed and say what is missing; the rules are the
services' (training/services/), and a view puts a service's `DomainError` next to its field."""

from .attendees import AttendanceForm, AttendeeForm, AttendeeImportForm
from .coverage import CoverageReturnForm
from .needs import NeedForm, NeedsAssessmentForm, NeedsSummaryForm
from .programme import CourseForm, OutcomeForm, ProgrammeForm, SessionCancelForm, SessionForm

__all__ = [
    "AttendanceForm",
    "AttendeeForm",
    "AttendeeImportForm",
    "CourseForm",
    "CoverageReturnForm",
    "NeedForm",
    "NeedsAssessmentForm",
    "NeedsSummaryForm",
    "OutcomeForm",
    "ProgrammeForm",
    "SessionCancelForm",
    "SessionForm",
]
