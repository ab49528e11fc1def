"""Pages for the partnership's organisation and people.

Areas, agencies, subgroups, priorities, themes and people share one set of generic pages
(`partnership/views/records/`), configured in `record_types.py`; `roles.py` adds the pages
only people and subgroups have: giving and taking away roles, seating a subgroup's chair and
members, and sending an invitation again; `two_factor.py` lets the business unit reset the
two-factor sign-in of someone who has lost their phone.
"""
