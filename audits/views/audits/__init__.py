"""The pages of the audit programme, multi-agency and single-agency audits, and inspections.

programmes.py (each year's programme), multi_agency.py (the list, CSV, setting up an audit or
planning a re-audit, and its page), audit_parts.py (lines of enquiry, participants, cases,
agencies' findings, workshop, overview), audit_edits.py (changing and removing those parts),
reaudits.py (a re-audit's before and after, and its CSV), single_agency.py, inspections.py.
Their lists use the core's view toolkit and the app's filters.py.
"""
