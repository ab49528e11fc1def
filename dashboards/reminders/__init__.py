"""The dashboards' reminder jobs, run daily by `send_reminders` (REMINDER_JOBS):

- contributions.py: the annual report's contribution requests and their one chaser;
- submission.py: the warning, once, that the report's submission clock (to the national Panel
  and Foundations) is about to run out.
"""

from .contributions import CHASER_JOB, REQUEST_JOB, send_contribution_emails
from .submission import send_submission_warnings

JOBS = [send_contribution_emails, send_submission_warnings]

__all__ = ["CHASER_JOB", "JOBS", "REQUEST_JOB", "send_contribution_emails", "send_submission_warnings"]
