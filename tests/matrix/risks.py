"""Matrix cases for risks flagged from a source of learning.

A risk is flagged from a source's page by those who change its learning (the business unit and
the overseeing subgroup's chair). A flag is read by those who see everything, the overseeing
subgroup's chair and members, and the leads of the agency it concerns and of the safeguarding
partner told; nobody else (404). The agency's lead or the business unit records the response.
"""

import datetime

from partnership.models import RiskFlag

from . import Case, only, scoped
from .learning import EDITORS, bare_source

SEES = {"business_unit", "partnership_lead", "subgroup_chair", "subgroup_member", "agency_lead",
        "other_agency_lead"}  # fmt: skip


def flag(w) -> list[int]:
    risk = RiskFlag.objects.create(
        source=bare_source(w), agency=w.agency, partner=w.other_agency,
        risk="Child R's referrals were not acknowledged for three weeks.",
        response_due_on=datetime.date(2026, 12, 20), raised_by=w.business_unit, raised_on=datetime.date(2026, 12, 6),
    )  # fmt: skip
    return [risk.pk]


CASES = [
    Case("partnership:risk-list"),
    Case("partnership:risk-export"),
    Case("partnership:risk-create", only(EDITORS), args=lambda w: [bare_source(w).pk]),
    Case("partnership:risk-detail", scoped(sees=SEES, may=SEES), args=flag),
    Case("partnership:risk-respond", scoped(sees=SEES, may={"business_unit", "agency_lead"}), args=flag),
]
