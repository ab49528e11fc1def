"""Writes of the annual report: its narratives, and producing a version of the PDF.

- `narratives_save`: the business unit's words for each section of a year; only changed texts
  are saved, each with a history row naming who wrote it.
- `report_version_request`: queues a version and its rendering task (after commit). A year has
  at most one version in progress (a unique constraint), so a double click or two people at
  once get the same queued version back rather than two reports. A version stuck in progress
  for longer than the task could possibly run (a worker that died) is marked failed first.
- `report_version_render`: the task's work: gathers the figures section by section, renders
  the PDF with the one renderer (partnership/pdf.py), stores it privately, and records the
  progress on the way; on any error the version is marked failed with the reason.
- `annual_report_pdf`: the PDF itself, for the task and the `annual_report` command alike.

Each lives in the module of what it writes (`narratives`, `versions`, `contributions`,
`funding`, `publication`), re-exported here. The publication trail (finalise, publish, send to
the Panel and Foundations) is in `publication`. Once a year is finalised its narratives no longer change.
"""

from .contributions import (
    contribution_approve,
    contribution_request,
    contribution_return,
    contribution_save,
    default_author,
)
from .narratives import narratives_save
from .publication import (
    is_finalised,
    publication_of,
    report_finalise,
    report_publish,
    report_submission_record,
    report_unfinalise,
)
from .versions import annual_report_pdf, report_version_render, report_version_request
from .years import FIRST_YEAR, LAST_YEAR, check_year

__all__ = [
    "FIRST_YEAR",
    "LAST_YEAR",
    "annual_report_pdf",
    "check_year",
    "contribution_approve",
    "contribution_request",
    "contribution_return",
    "contribution_save",
    "default_author",
    "is_finalised",
    "narratives_save",
    "publication_of",
    "report_finalise",
    "report_publish",
    "report_submission_record",
    "report_unfinalise",
    "report_version_render",
    "report_version_request",
]
