"""Matrix cases for the section pages of the service navigation (partnership/views/sections.py).

A section page lists the related lists one header item gathers. Actions (actions and action
plans) are everyone's; audits and Section 11 have none (a redirect to the audits list); the
case reviews section exists for someone who both reads case reviews and answers requests as an
agency lead, for the business unit (case reviews and the serious incident notifications it
records) and for the partnership leads (case reviews and the referrals for a learning review). A section a person has fewer than two lists of, or an unknown one, is a 404.
"""

from partnership.models import Role

from ..factories import RoleAssignmentFactory
from . import SIGNED_IN, Case, only


def agency_lead_on_a_subgroup(w):
    RoleAssignmentFactory(user=w.agency_lead, role=Role.SUBGROUP_MEMBER, subgroup=w.subgroup)
    return ["case-reviews"]


CASES = [
    Case("partnership:section", args=lambda w: ["actions"], label="actions"),
    # The Audits item opens the audits list itself; an old link to its section page goes there.
    Case(
        "partnership:section", args=lambda w: ["audits"], label="audits", expect=dict.fromkeys(SIGNED_IN, 302)
    ),
    Case(
        "partnership:section",
        args=agency_lead_on_a_subgroup,
        label="case reviews",
        expect=only({"agency_lead", "business_unit", "partnership_lead"}, status_else=404),
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
