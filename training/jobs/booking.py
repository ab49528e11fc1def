"""Booking reminders: two working days before a session."""

JOBS: list = []
