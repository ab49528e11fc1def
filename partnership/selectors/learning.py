"""Reads of the learning chain, scoped to the person: sources of learning, their findings and
recommendations, consultations, risks flagged and intended outcomes with their checks."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from .. import permissions


def sources_visible_to(user) -> QuerySet:
    from .. import sources
    from ..models import LearningSource

    if not user.is_authenticated:
        return LearningSource.objects.none()
    q = sources.visibility_q(user)
    qs = LearningSource.objects.select_related("subgroup")
    return qs if q is None else qs.filter(q)


def findings_visible_to(user) -> QuerySet:
    from ..models import Finding

    return Finding.objects.filter(source__in=sources_visible_to(user)).prefetch_related("themes")


def recommendations_visible_to(user) -> QuerySet:
    """Those of sources the person may see, and those addressed to an agency they lead."""
    from ..models import Recommendation

    if not user.is_authenticated:
        return Recommendation.objects.none()
    qs = Recommendation.objects.prefetch_related("agencies", "themes")
    if permissions.sees_everything(user):
        return qs
    scope = Q(source__in=sources_visible_to(user))
    lead_of = permissions.roles_of(user).lead_of
    if lead_of:
        scope |= Q(agencies__in=lead_of)
    return qs.filter(pk__in=Recommendation.objects.filter(scope).values("pk"))


def consultations_visible_to(user) -> QuerySet:
    """Consultations with children whose source of learning the person may see."""
    from ..models import Consultation

    if not user.is_authenticated:
        return Consultation.objects.none()
    return Consultation.objects.select_related("learning_source", "subgroup").filter(
        learning_source__in=sources_visible_to(user)
    )


def risk_flags_visible_to(user) -> QuerySet:
    """Risks flagged: all to those who see everything; otherwise those flagged to an agency the
    person leads (as the agency concerned or as the safeguarding partner told), and those of
    sources they may see that their subgroup oversees."""
    from ..models import RiskFlag

    if not user.is_authenticated:
        return RiskFlag.objects.none()
    qs = RiskFlag.objects.select_related("source", "agency", "partner")
    if permissions.sees_everything(user):
        return qs
    roles = permissions.roles_of(user)
    scope = Q(agency_id__in=roles.lead_of) | Q(partner_id__in=roles.lead_of)
    if roles.subgroups:
        scope |= Q(source__subgroup_id__in=roles.subgroups, source__in=sources_visible_to(user))
    return qs.filter(scope)


def outcomes_visible_to(user) -> QuerySet:
    """The intended outcomes of the sources the person may see."""
    from ..models import IntendedOutcome

    return IntendedOutcome.objects.filter(source__in=sources_visible_to(user)).select_related(
        "source", "source__subgroup", "checked_by"
    )


def outcome_checks_visible_to(user) -> QuerySet:
    """The scheduled "did it stick?" checks (their plan closed) the person may follow: all of
    them for those who see everything, none for anyone else."""
    from ..models import IntendedOutcome

    if not permissions.can_view_outcome_checks(user):
        return IntendedOutcome.objects.none()
    return outcomes_visible_to(user).filter(scheduled_on__isnull=False)
