"""Matrix cases for peer challenge sessions, challenge on a return, and the round's overview.

A session is seen by the business unit, the partnership leads, the round's overseeing subgroup
and its members; only the business unit sets sessions up. A return is seen by its agency, the
business unit, the partnership leads, the overseeing subgroup and the members of a session it
is assigned to (404 for everyone else); challenge is recorded by the business unit and those
members (403 for the others who see it). The overview is for the business unit, the
partnership leads and the overseeing subgroup (403 for the rest).
"""

import datetime

from audits.frameworks import PAN_LONDON_NAME
from audits.models import ChallengeSession, Framework, Return, ReturnStatus, Round, RoundStatus

from . import Case, only, scoped

SEES_ALL = {"business_unit", "partnership_lead"}
SUBGROUP = {"subgroup_chair", "subgroup_member"}
OVERVIEW = SEES_ALL | SUBGROUP


def panel(w) -> tuple:
    """A round overseen by the world's subgroup: our agency's return submitted and assigned to
    the lay member's session; the other agency's submitted and in no session."""
    framework = Framework.objects.get(name=PAN_LONDON_NAME)
    round_ = Round.objects.create(
        framework=framework, title="Section 11 self-assessment 2026", year=2026, status=RoundStatus.OPEN,
        opens_on=datetime.date(2026, 9, 1), due_on=datetime.date(2026, 11, 30), subgroup=w.subgroup,
    )  # fmt: skip
    ours = Return.objects.create(round=round_, agency=w.agency, status=ReturnStatus.SUBMITTED)
    theirs = Return.objects.create(round=round_, agency=w.other_agency, status=ReturnStatus.SUBMITTED)
    session = ChallengeSession.objects.create(round=round_, title="Panel A", date=datetime.date(2026, 12, 10))
    session.members.add(w.lay_member)
    session.returns.add(ours)
    return round_, ours, theirs, session


CASES = [
    Case("audits:session-list", only({"business_unit"}), args=lambda w: [panel(w)[0].pk]),
    Case("audits:session-create", only({"business_unit"}), args=lambda w: [panel(w)[0].pk]),
    Case(
        "audits:session-detail",
        scoped(sees=set(), may=OVERVIEW | {"lay_member"}),
        args=lambda w: [panel(w)[3].pk],
    ),
    Case(
        "audits:session-edit",
        scoped(sees=OVERVIEW | {"lay_member"}, may={"business_unit"}),
        args=lambda w: [panel(w)[3].pk],
    ),
    Case(
        "audits:challenge-summary",
        scoped(sees=set(), may=OVERVIEW | {"agency_lead", "lay_member"}),
        args=lambda w: [panel(w)[1].pk],
        label="assigned-return",
    ),
    Case(
        "audits:challenge-summary",
        scoped(sees=set(), may=OVERVIEW | {"other_agency_lead"}),
        args=lambda w: [panel(w)[2].pk],
        label="unassigned-return",
    ),
    Case(
        "audits:challenge",
        scoped(sees=OVERVIEW | {"agency_lead", "lay_member"}, may={"business_unit", "lay_member"}),
        args=lambda w: [panel(w)[1].pk, 1],
        label="assigned-return",
    ),
    Case(
        "audits:challenge",
        scoped(sees=OVERVIEW | {"other_agency_lead"}, may={"business_unit"}),
        args=lambda w: [panel(w)[2].pk, 1],
        label="unassigned-return",
    ),
    Case("audits:overview", only(OVERVIEW), args=lambda w: [panel(w)[0].pk]),
    Case("audits:overview-xlsx", only(OVERVIEW), args=lambda w: [panel(w)[0].pk]),
    Case("audits:overview-csv", only(OVERVIEW), args=lambda w: [panel(w)[0].pk]),
    Case("audits:overview-pdf", only(OVERVIEW), args=lambda w: [panel(w)[0].pk]),
    Case("audits:overview-reported", only({"business_unit"}), args=lambda w: [panel(w)[0].pk]),
]
