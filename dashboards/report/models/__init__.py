"""The annual report's models: the narrative the business unit writes, and each rendered PDF.

The partnership publishes one annual report per reporting year (April to March by default:
`settings.REPORTING_YEAR_START_MONTH`; a year is named by the calendar year it starts in, so
2025 is 2025/26). The figures come from the data; the words around them are written in the
product, one text per section (`ReportSection`), kept with their history.

Each time the business unit asks for the PDF a `ReportVersion` is queued, rendered by a Celery
task (dashboards/tasks.py) that reports its progress, and kept in private storage; every
version stays listed. At most one version per year is in progress at a time: a database
constraint, so a double click (or two people at once) produces one report, not two.
"""

from .contributions import (
    CONTRIBUTION_TRANSITIONS,
    ContributionKind,
    ContributionStatus,
    ReportContribution,
)
from .funding import FundingContribution, FundingSpend, ReportFunding, ReportGovernanceLinks
from .narratives import ReportNarrative, ReportSection, year_constraint
from .publication import Recipient, ReportPublication, SubmissionState
from .versions import IN_PROGRESS, ReportStatus, ReportVersion, report_path

__all__ = [
    "CONTRIBUTION_TRANSITIONS",
    "IN_PROGRESS",
    "ContributionKind",
    "ContributionStatus",
    "FundingContribution",
    "FundingSpend",
    "Recipient",
    "ReportContribution",
    "ReportFunding",
    "ReportGovernanceLinks",
    "ReportNarrative",
    "ReportPublication",
    "ReportSection",
    "ReportStatus",
    "ReportVersion",
    "SubmissionState",
    "report_path",
    "year_constraint",
]
