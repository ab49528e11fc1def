"""Writes to audits, by sub-domain: section11/ (rounds.py and returns.py), panel.py (peer challenge
and the round's overview), frameworks.py (self-assessment frameworks) and audits.py (the audit
programme, multi- and single-agency audits, inspections)."""
