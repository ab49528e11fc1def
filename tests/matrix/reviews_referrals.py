"""Matrix cases for referrals of cases for a learning review.

Anyone working for a partner agency may refer a case (every cast member but the administrator
belongs to `world.agency`). A referral names a child: the business unit and the partnership
leads see every one; anyone else only those they made and, as an agency's lead, their agency's
(a 404 for everyone else, another agency's lead included). Screening is the business unit's:
a 403 for the others who see the referral.
"""

import datetime

from reviews.models import Referral

from . import SIGNED_IN, Case, only

SEES_ALL = {"business_unit", "partnership_lead"}
CAN_REFER = set(SIGNED_IN) - {"superuser"}


def referral_by(role, agency="agency"):
    def make(w):
        return Referral.objects.create(
            route="agency",
            agency=getattr(w, agency),
            referrer="Jo Smith, designated safeguarding lead",
            pseudonym="Child S",
            circumstances="Three agencies knew of the neglect; none shared it.",
            why_criteria_met="Information sharing between agencies.",
            referred_on=datetime.date(2026, 11, 2),
            referred_by=w.person(role),
        )

    return make


def sees(*extra) -> dict[str, int]:
    return {r: 200 if r in SEES_ALL | set(extra) else 404 for r in SIGNED_IN}


def screen(*extra) -> dict[str, int]:
    return {r: 200 if r == "business_unit" else 403 if r in SEES_ALL | set(extra) else 404 for r in SIGNED_IN}


def pk_of(make):
    return lambda w: [make(w).pk]


CASES = [
    Case("reviews:learning-referral-list", expect=only(CAN_REFER)),
    Case("reviews:learning-referral-export", expect=only(CAN_REFER)),
    Case("reviews:learning-referral-create", expect=only(CAN_REFER)),
    Case(
        "reviews:learning-referral-detail",
        args=pk_of(referral_by("agency_lead")),
        label="made by the agency's lead",
        expect=sees("agency_lead"),
    ),
    Case(
        "reviews:learning-referral-detail",
        args=pk_of(referral_by("no_role")),
        label="made by the agency's staff",
        expect=sees("agency_lead", "no_role"),
    ),
    Case(
        "reviews:learning-referral-detail",
        args=pk_of(referral_by("other_agency_lead", "other_agency")),
        label="another agency's",
        expect=sees("other_agency_lead"),
    ),
    Case(
        "reviews:learning-referral-screen",
        args=pk_of(referral_by("no_role")),
        expect=screen("agency_lead", "no_role"),
    ),
]
