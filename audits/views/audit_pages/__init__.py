"""The pages of the audit programme, multi-agency and single-agency audits, and inspections.

programmes.py (each year's programme), multi_agency.py (the list, CSV, setting up an audit and
its page), audit_parts.py (lines of enquiry, participants, cases, agencies' findings, workshop,
overview), audit_edits.py (changing and removing those parts), single_agency.py,
inspections.py; common.py and filters.py are shared by the lists.
"""

from . import audit_edits, audit_parts, inspections, multi_agency, programmes, single_agency

urlpatterns = (
    programmes.urlpatterns
    + multi_agency.urlpatterns
    + audit_parts.urlpatterns
    + audit_edits.urlpatterns
    + single_agency.urlpatterns
    + inspections.urlpatterns
)
