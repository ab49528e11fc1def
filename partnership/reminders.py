"""The core's reminder jobs, run daily by `send_reminders` (see services/reminders.py)."""

from .services.chasers import send_agency_digests, send_plan_chasers

JOBS = [send_plan_chasers, send_agency_digests]
