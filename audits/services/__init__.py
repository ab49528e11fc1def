"""Writes to audits, by sub-domain: section11.py (rounds and returns), panel.py (peer challenge
and the round's overview), frameworks.py (self-assessment frameworks) and audits.py (the audit
programme, multi- and single-agency audits, inspections)."""
