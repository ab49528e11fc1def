"""The "Annual report YEAR" pages: narratives, producing a version, its progress, downloads;
each in the module of what it shows (`years`, `versions`, `contributions`, `funding`,
`publication`, `edition`), re-exported here for the URLs.

Thin views: each parses, checks the report's permissions (403 for a person with no access,
see `permissions`), calls one service and renders or redirects. A version is looked up among
the versions the person may read (all of them, for those who may read the report).
"""

from .contributions import (
    report_contribution_approve_view,
    report_contribution_request_view,
    report_contribution_return_view,
    report_contribution_view,
)
from .edition import report_edition_download_view, report_edition_view
from .publication import (
    report_finalise_view,
    report_publish_view,
    report_submission_view,
    report_unfinalise_view,
)
from .versions import report_produce_view, report_version_download_view, report_version_view
from .years import report_index_view, report_year_view

__all__ = [
    "report_contribution_approve_view",
    "report_contribution_request_view",
    "report_contribution_return_view",
    "report_contribution_view",
    "report_edition_download_view",
    "report_edition_view",
    "report_finalise_view",
    "report_index_view",
    "report_produce_view",
    "report_publish_view",
    "report_submission_view",
    "report_unfinalise_view",
    "report_version_download_view",
    "report_version_view",
    "report_year_view",
]
