"""Forms of audits, by sub-domain, the same names as services/: section11.py (rounds and
returns), panel.py (peer challenge and the overview), frameworks.py, audits.py (the programme,
audits and inspections)."""
