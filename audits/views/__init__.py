"""Audit pages: returns.py (rounds and agencies' returns), panel.py (peer challenge, overview,
reminders), audits.py (multi-agency and single-agency audits, inspections)."""
