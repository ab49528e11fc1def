"""Training's scheduled emails, run by `send_reminders` (see partnership/services/reminders.py):
booking reminders (training/jobs/booking.py), and the evaluation and three-month follow-up
emails with their reminders (training/jobs/feedback/)."""

from .jobs import booking, feedback

JOBS = [*booking.JOBS, *feedback.JOBS]
