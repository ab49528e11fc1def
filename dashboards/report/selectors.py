"""Reads of the annual report's contributions, scoped to the person asking."""

from __future__ import annotations

from django.db.models import QuerySet

from partnership import permissions as core

from .models import ContributionKind, ContributionStatus, ReportContribution

KIND_ORDER = (ContributionKind.SCRUTINEER, ContributionKind.SUBGROUP, ContributionKind.AGENCY)


def contributions_visible_to(user) -> QuerySet:
    """Every contribution for the business unit; a person's own for anyone else (a subgroup
    chair sees only the section asked of them, an agency lead only their agency's)."""
    qs = ReportContribution.objects.select_related("subgroup", "agency", "author", "approved_by")
    if not user.is_authenticated or not user.is_active:
        return qs.none()
    if core.is_business_unit(user):
        return qs
    return qs.filter(author=user)


def contributions_of_year(year: int) -> list[ReportContribution]:
    """The year's contributions in the order the report's page lists them (the scrutineer's,
    then the subgroups', then the agencies'), for those who may read the report's page: only
    their status is shown there, and only approved text is printed."""
    rows = ReportContribution.objects.filter(year=year).select_related("subgroup", "agency", "author")
    order = {kind: index for index, kind in enumerate(KIND_ORDER)}
    return sorted(rows, key=lambda c: (order[c.kind], (c.subgroup or c.agency or c.author).__str__().lower()))


def approved_contributions(year: int, kind: str) -> list[ReportContribution]:
    return list(
        ReportContribution.objects.filter(year=year, kind=kind, status=ContributionStatus.APPROVED)
        .select_related("subgroup", "agency")
        .order_by("subgroup__name", "agency__name")
    )


def open_contributions_of(user) -> list[ReportContribution]:
    """What `user` has still to write (requested of them), soonest due first."""
    if not user.is_authenticated:
        return []
    return list(
        ReportContribution.objects.filter(author=user, status=ContributionStatus.REQUESTED)
        .select_related("subgroup", "agency")
        .order_by("due_on", "pk")
    )
