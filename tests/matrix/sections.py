"""Matrix cases for the section pages of the service navigation (partnership/views/sections.py).

A section page lists the related lists one header item gathers. Actions (actions and action
plans) and audits (audits and Section 11) are everyone's; the case reviews section exists only
for someone who both reads case reviews and answers requests as an agency lead. A section a
person has fewer than two lists of, or an unknown one, is a 404.
"""

from partnership.models import Role

from ..factories import RoleAssignmentFactory
from . import SIGNED_IN, Case, only


def agency_lead_on_a_subgroup(w):
    RoleAssignmentFactory(user=w.agency_lead, role=Role.SUBGROUP_MEMBER, subgroup=w.subgroup)
    return ["case-reviews"]


CASES = [
    Case("partnership:section", args=lambda w: ["actions"], label="actions"),
    Case("partnership:section", args=lambda w: ["audits"], label="audits"),
    Case(
        "partnership:section",
        args=agency_lead_on_a_subgroup,
        label="case reviews",
        expect=only({"agency_lead"}, status_else=404),
    ),
    Case(
        "partnership:section",
        args=lambda w: ["home"],
        label="one list only",
        expect=dict.fromkeys(SIGNED_IN, 404),
    ),
    Case(
        "partnership:section",
        args=lambda w: ["unknown"],
        label="unknown",
        expect=dict.fromkeys(SIGNED_IN, 404),
    ),
]
