"""Audit pages, by sub-domain: section11/ (rounds and agencies' returns), panel/ (peer
challenge and the overview), frameworks.py (self-assessment frameworks), audits/ (the audit
programme, multi-agency and single-agency audits, inspections); common.py holds what their
lists share. Every URL is in audits/urls.py."""
