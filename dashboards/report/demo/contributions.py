"""The demo annual report's contributions, for `seed_demo`: the last complete reporting year
(2025/26 when seeded in December 2026) has the independent scrutineer's assessment approved,
every subgroup's section approved except one still with its chair (so the report's page shows
it missing), one agency's contribution approved and another's awaiting approval. The current
year has none, so the business unit can request them. Dates are relative to the day the demo is
seeded. Idempotent: a contribution already there is left alone.

The scrutineer is a demo person with no role of their own, as in most partnerships: someone
the business unit picks to write the assessment.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from partnership.demo import DEMO_PASSWORD
from partnership.models import Agency, Role, Subgroup, User
from partnership.services import DomainError

from ... import periods
from ..models import ContributionKind, ReportContribution
from ..services.contributions import contribution_approve, contribution_request, contribution_save

SCRUTINEER_EMAIL = "independent.scrutineer@northbrook-scp.example"
SCRUTINEER_NAME = "Dr Elaine Marsh"
STILL_MISSING = "Child Death Overview Panel"  # the subgroup whose section is still with its chair

SCRUTINY = (
    "How well the arrangements worked\n\n"
    "The partners met their statutory duties in {label}. The executive was well attended by all three "
    "safeguarding partners, decisions were recorded and followed through, and every Rapid Review I observed "
    "was timely and candid. Agencies challenged one another respectfully, and lay members were heard.\n\n"
    "How well the partnership learned\n\n"
    "Learning from reviews reached the front line quickly through 7-minute briefings, but the evidence that "
    "practice changed is stronger for neglect than for exploitation outside the home, where the same lessons "
    "about information sharing recur.\n\n"
    "What should improve\n\n"
    "The partners should test the impact of action plans by re-audit before closing them, publish the "
    "funding each partner contributes, and hear more directly from families as well as children."
)
SUBGROUP_TEXT = (
    "What the subgroup did this year\n\n"
    "The {name} subgroup met six times in {label}, with every partner agency represented at most meetings. "
    "It carried out its work plan against the partnership's priorities and reported to the executive each "
    "quarter.\n\n"
    "What difference it made\n\n"
    "Actions from its plans were completed on time more often than last year, and the re-audits it asked for "
    "showed the changes holding.\n\n"
    "What comes next\n\n"
    "Next year the subgroup will focus on showing the impact of its work on children's experience."
)
AGENCY_TEXT = (
    "What our agency did for the partnership's priorities\n\n"
    "{name} completed its Section 11 return and its actions from the year's reviews, and released staff to "
    "the partnership's training.\n\n"
    "What we learned and changed in practice\n\n"
    "Supervision now asks about the child's lived experience in every case discussed.\n\n"
    "What comes next\n\n"
    "We will re-audit our referrals to check the change has held."
)
# (agency short name, approved?) of the agencies that contribute in the demo.
AGENCIES = [("NGH", True), ("Police", False)]


def _scrutineer() -> User:
    user = User.objects.filter(email=SCRUTINEER_EMAIL).first()
    if user is None:
        user = User(email=SCRUTINEER_EMAIL, full_name=SCRUTINEER_NAME, job_title="Independent Scrutineer")
        user.set_password(DEMO_PASSWORD)
        user.save()
    return user


def _contribute(bu, scope: dict, author, text: str, *, requested_on, due_on, approve: bool | None) -> bool:
    """Request one contribution and, unless `approve` is None (still with its author), write and
    submit it, then approve it if `approve`. False when it was already there."""
    if ReportContribution.objects.filter(**scope).exists():
        return False
    try:
        contribution = contribution_request(
            **scope, author=author, due_on=due_on, today=requested_on, actor=bu
        )
    except DomainError:  # a subgroup with no chair, an agency with no lead: nobody to ask
        return False
    if approve is None:
        return True
    contribution = contribution_save(
        contribution=contribution, text=text, submit=True, actor=contribution.author
    )
    if approve:
        contribution_approve(contribution=contribution, actor=bu)
    return True


@transaction.atomic
def seed(stdout=None) -> int:
    bu = User.objects.filter(role_assignments__role=Role.BUSINESS_UNIT, is_active=True).order_by("pk").first()
    if bu is None:
        return 0  # the core demo makes the people
    today = timezone.localdate()
    year = periods.reporting_year(today) - 1
    label = periods.year_label(year)
    requested_on, due_on = today - datetime.timedelta(days=60), today - datetime.timedelta(days=20)
    added = 0
    added += _contribute(
        bu, {"year": year, "kind": ContributionKind.SCRUTINEER}, _scrutineer(), SCRUTINY.format(label=label),
        requested_on=requested_on, due_on=due_on, approve=True,
    )  # fmt: skip
    for subgroup in Subgroup.objects.filter(active=True).order_by("name"):
        added += _contribute(
            bu, {"year": year, "kind": ContributionKind.SUBGROUP, "subgroup": subgroup}, None,
            SUBGROUP_TEXT.format(name=subgroup.name, label=label), requested_on=requested_on, due_on=due_on,
            approve=None if subgroup.name == STILL_MISSING else True,
        )  # fmt: skip
    for short_name, approve in AGENCIES:
        agency = Agency.objects.filter(short_name=short_name).first()
        if agency is None:
            continue
        added += _contribute(
            bu, {"year": year, "kind": ContributionKind.AGENCY, "agency": agency}, None,
            AGENCY_TEXT.format(name=agency.name), requested_on=requested_on, due_on=due_on, approve=approve,
        )  # fmt: skip
    if stdout:
        stdout.write(
            f"Demo annual report contributions: {added} added."
            if added
            else "Demo annual report contributions: already there."
        )
    return added
