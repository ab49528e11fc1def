"""Writes of the annual report's contributions (models/contributions.py).

- `contribution_request`: the business unit asks for the scrutineer's assessment, a subgroup's
  section or an agency's contribution of one year, of a person (by default the subgroup's chair
  or the agency's lead), by a date. One per (year, kind, subgroup or agency): asking again (a
  double click, or a new person or date) changes the request still with its author instead of
  making a second. The request email goes from the daily job (dashboards/reminders.py).
- `contribution_save`: its author saves the text as a draft, or submits it to the business unit.
- `contribution_approve` / `contribution_return`: the business unit approves a submitted
  contribution for the report, or returns it to its author with a reason (back to requested).

Each change is saved with a history row naming who made it; every status move locks the row
and checks `CONTRIBUTION_TRANSITIONS`.
"""

from __future__ import annotations

import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone

from partnership.models import Agency, Role, Subgroup, User
from partnership.services.guards import check_transition, require, require_actor
from partnership.services.history import save_tracked

from ..models import CONTRIBUTION_TRANSITIONS, ContributionKind, ContributionStatus, ReportContribution
from ..permissions import can_request_contributions, can_write_contribution
from .years import check_year

MAX_LENGTH = 30000


def default_author(*, kind: str, subgroup: Subgroup | None = None, agency: Agency | None = None):
    """Who is asked unless the business unit chooses: the subgroup's chair, or the agency's
    safeguarding lead (the first by name when there are several); nobody for the scrutineer,
    who has no role of their own and is chosen every time."""
    if kind == ContributionKind.SUBGROUP and subgroup is not None:
        role, scope = Role.SUBGROUP_CHAIR, {"role_assignments__subgroup": subgroup}
    elif kind == ContributionKind.AGENCY and agency is not None:
        role, scope = Role.AGENCY_LEAD, {"role_assignments__agency": agency}
    else:
        return None
    return (
        User.objects.filter(is_active=True, role_assignments__role=role, **scope)
        .order_by("full_name", "pk")
        .first()
    )


def contribution_request(
    *,
    year: int,
    kind: str,
    due_on: datetime.date,
    actor,
    subgroup: Subgroup | None = None,
    agency: Agency | None = None,
    author=None,
    today: datetime.date | None = None,
) -> ReportContribution:
    """Ask for one contribution (or change the request still with its author); return it."""
    require_actor(actor, can_request_contributions, "Only the business unit requests contributions.")
    check_year(year)
    kind = ContributionKind(kind)
    today = today or timezone.localdate()
    require(
        kind != ContributionKind.SUBGROUP or subgroup is not None, "Choose the subgroup.", field="subgroup"
    )
    require(kind != ContributionKind.AGENCY or agency is not None, "Choose the agency.", field="agency")
    subgroup = subgroup if kind == ContributionKind.SUBGROUP else None
    agency = agency if kind == ContributionKind.AGENCY else None
    author = author or default_author(kind=kind, subgroup=subgroup, agency=agency)
    if author is None:
        who = {
            ContributionKind.SUBGROUP: "The subgroup has no chair: choose who writes its section.",
            ContributionKind.AGENCY: "The agency has no safeguarding lead: choose who writes its contribution.",
        }.get(kind, "Choose the independent scrutineer.")
        require(False, who, field="author")
    require(author.is_active, "The person chosen can no longer sign in: choose someone else.", field="author")
    require(
        due_on is not None and due_on >= today, "The due date must be today or in the future.", field="due_on"
    )
    scope = {"year": year, "kind": kind, "subgroup": subgroup, "agency": agency}
    with transaction.atomic():
        existing = ReportContribution.objects.select_for_update().filter(**scope).order_by("pk").first()
        if existing is None:
            try:
                with transaction.atomic():
                    contribution = ReportContribution(
                        **scope, author=author, due_on=due_on, requested_on=today, requested_by=actor
                    )
                    return save_tracked(contribution, actor=actor, reason="Requested")
            except IntegrityError:
                # Someone asked at the same moment: theirs is the request, changed below.
                existing = ReportContribution.objects.select_for_update().order_by().get(**scope)
        require(
            existing.status == ContributionStatus.REQUESTED,
            f"{existing.title} has already been {existing.get_status_display().lower()}.",
        )
        if existing.author_id == author.pk and existing.due_on == due_on:
            return existing  # a double click
        if existing.author_id != author.pk:
            existing.requested_on = today  # a new person is asked, and emailed
        existing.author, existing.due_on, existing.requested_by = author, due_on, actor
        return save_tracked(existing, actor=actor, reason="Request changed")


def _locked(contribution: ReportContribution) -> ReportContribution:
    return (
        ReportContribution.objects.select_for_update(of=("self",))
        .select_related("subgroup", "agency")
        .get(pk=contribution.pk)
    )


def contribution_save(
    *, contribution: ReportContribution, text: str, submit: bool, actor
) -> ReportContribution:
    """The author's text, kept as a draft or submitted to the business unit for approval. Only
    its author writes it, and only while it is with them; a submission needs some text."""
    text = (text or "").strip()
    with transaction.atomic():
        contribution = _locked(contribution)
        require_actor(
            actor,
            can_write_contribution,
            "Only the person asked can write this contribution, and only until they submit it.",
            contribution,
        )
        require(contribution.status == ContributionStatus.REQUESTED, "This contribution has been submitted.")
        require(len(text) <= MAX_LENGTH, f"Write no more than {MAX_LENGTH:,} characters.", field="text")
        contribution.text = text
        reason = "Draft saved"
        if submit:
            require(bool(text), "Write your contribution before you submit it.", field="text")
            check_transition(CONTRIBUTION_TRANSITIONS, contribution.status, ContributionStatus.SUBMITTED)
            contribution.status = ContributionStatus.SUBMITTED
            contribution.submitted_at = timezone.now()
            reason = "Submitted"
        return save_tracked(contribution, actor=actor, reason=reason)


def contribution_approve(*, contribution: ReportContribution, actor) -> ReportContribution:
    """Approve a submitted contribution: from now on it is printed in the report."""
    with transaction.atomic():
        contribution = _locked(contribution)
        require_actor(actor, can_request_contributions, "Only the business unit approves contributions.")
        check_transition(
            CONTRIBUTION_TRANSITIONS,
            contribution.status,
            ContributionStatus.APPROVED,
            message="Only a submitted contribution can be approved.",
        )
        contribution.status = ContributionStatus.APPROVED
        contribution.approved_by, contribution.approved_at = actor, timezone.now()
        contribution.returned_reason = ""
        return save_tracked(contribution, actor=actor, reason="Approved")


def contribution_return(*, contribution: ReportContribution, reason: str, actor) -> ReportContribution:
    """Return a submitted contribution to its author with the reason, to change and submit
    again (its text is kept)."""
    reason = (reason or "").strip()
    require(bool(reason), "Say what the author should change.", field="reason")
    with transaction.atomic():
        contribution = _locked(contribution)
        require_actor(actor, can_request_contributions, "Only the business unit returns contributions.")
        check_transition(
            CONTRIBUTION_TRANSITIONS,
            contribution.status,
            ContributionStatus.REQUESTED,
            message="Only a submitted contribution can be returned.",
        )
        contribution.status = ContributionStatus.REQUESTED
        contribution.returned_reason = reason
        contribution.submitted_at = None
        return save_tracked(contribution, actor=actor, reason="Returned to its author")
