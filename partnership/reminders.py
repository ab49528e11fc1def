"""The core's reminder jobs, run daily by `send_reminders` (see services/reminders.py)."""

from .services.chasers import send_agency_digests, send_plan_chasers
from .services.dissemination import send_cascade_requests
from .services.outcomes import send_outcome_check_reminders
from .services.signoff import send_returned_notices, send_signoff_digests

JOBS = [
    send_plan_chasers,
    send_agency_digests,
    send_signoff_digests,
    send_returned_notices,
    send_outcome_check_reminders,
    send_cascade_requests,
]
