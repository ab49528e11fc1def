"""Reads of Section 11 rounds and returns, audits and inspections, scoped to the person asking."""

from collections import defaultdict

from django.db.models import Q, QuerySet

from partnership import permissions as core

from .models import (
    Answer,
    Inspection,
    MultiAgencyAudit,
    RatingLevel,
    Return,
    Round,
    SingleAgencyAudit,
    StandardChallenge,
)


def rounds_visible_to(user) -> QuerySet:
    """Rounds are partnership business: everyone signed in sees that they exist."""
    return (
        Round.objects.select_related("framework", "subgroup")
        if user.is_authenticated
        else Round.objects.none()
    )


def returns_visible_to(user) -> QuerySet:
    if not user.is_authenticated:
        return Return.objects.none()
    qs = Return.objects.select_related("round", "round__framework", "agency")
    if core.sees_everything(user):
        return qs
    r = core.roles_of(user)
    scope = Q(contributors=user) | Q(challenge_sessions__members=user)
    if r.lead_of:
        scope |= Q(agency_id__in=r.lead_of)
    if r.subgroups:
        scope |= Q(round__subgroup_id__in=r.subgroups)
    return qs.filter(pk__in=Return.objects.filter(scope).values("pk"))


def multi_agency_audits_visible_to(user) -> QuerySet:
    """Multi-agency audits hold a case sample by pseudonym: open to everyone signed in, as
    partnership learning; the pages show agency findings only to those who may see them."""
    if not user.is_authenticated:
        return MultiAgencyAudit.objects.none()
    return MultiAgencyAudit.objects.select_related("subgroup", "programme").prefetch_related("themes")


def single_agency_audits_visible_to(user) -> QuerySet:
    """An agency's own audit: its agency, the business unit, partnership leads and the subgroup."""
    if not user.is_authenticated:
        return SingleAgencyAudit.objects.none()
    qs = SingleAgencyAudit.objects.select_related("agency", "subgroup")
    if core.sees_everything(user):
        return qs
    r = core.roles_of(user)
    return qs.filter(Q(agency_id__in=r.lead_of) | Q(subgroup_id__in=r.subgroups))


def inspections_visible_to(user) -> QuerySet:
    """Inspection reports are published: everyone signed in."""
    if not user.is_authenticated:
        return Inspection.objects.none()
    return Inspection.objects.select_related("subgroup").prefetch_related("agencies")


def previous_answers(agency_return: Return) -> dict[int, Answer]:
    """The agency's answers in the previous round, by requirement id, to show beside each."""
    previous = agency_return.round.previous_round
    if previous is None:
        return {}
    answers = Answer.objects.filter(
        agency_return__round=previous, agency_return__agency=agency_return.agency
    ).select_related("rating")
    return {a.requirement_id: a for a in answers}


def standard_self_ratings(returns) -> dict[tuple[int, int], RatingLevel]:
    """(return id, standard id) -> the agency's self-rating for the standard: the lowest rating
    it gave any requirement under it (a standard is only as met as its weakest requirement)."""
    result = {}
    answers = Answer.objects.filter(agency_return__in=returns, rating__isnull=False).select_related(
        "rating", "requirement"
    )
    for answer in answers:
        key = (answer.agency_return_id, answer.requirement.standard_id)
        if key not in result or answer.rating.score < result[key].score:
            result[key] = answer.rating
    return result


def heatmap(round_: Round) -> dict:
    """The overview: agencies by standards with the moderated rating, or the self-rating where
    not yet moderated; a summary per standard; and the change since the previous round."""
    standards = list(round_.framework.standards.all())
    returns = list(round_.returns.select_related("agency").order_by("agency__name"))
    self_ratings = standard_self_ratings(returns)
    moderated = {
        (c.agency_return_id, c.standard_id): c.moderated_rating
        for c in StandardChallenge.objects.filter(
            agency_return__in=returns, moderated_rating__isnull=False
        ).select_related("moderated_rating")
    }
    previous = {}
    if round_.previous_round_id:
        prev_returns = list(round_.previous_round.returns.all())
        prev_self = standard_self_ratings(prev_returns)
        prev_mod = {
            (c.agency_return_id, c.standard_id): c.moderated_rating
            for c in StandardChallenge.objects.filter(
                agency_return__in=prev_returns, moderated_rating__isnull=False
            ).select_related("moderated_rating")
        }
        for ret in prev_returns:
            for standard in standards:
                level = prev_mod.get((ret.pk, standard.pk)) or prev_self.get((ret.pk, standard.pk))
                if level is not None:
                    previous[(ret.agency_id, standard.number)] = level
    rows, per_standard = [], defaultdict(list)
    for ret in returns:
        cells = []
        for standard in standards:
            key = (ret.pk, standard.pk)
            level = moderated.get(key) or self_ratings.get(key)
            before = previous.get((ret.agency_id, standard.number))
            cells.append({
                "standard": standard,
                "level": level,
                "moderated": key in moderated,
                "self_rating": self_ratings.get(key),
                "change": (level.score - before.score) if level is not None and before is not None else None,
            })  # fmt: skip
            if level is not None:
                per_standard[standard.pk].append(level.score)
        rows.append({"return": ret, "cells": cells})
    summary = [
        {
            "standard": s,
            "rated": len(per_standard[s.pk]),
            "average": round(sum(per_standard[s.pk]) / len(per_standard[s.pk]), 1)
            if per_standard[s.pk]
            else None,
        }
        for s in standards
    ]
    return {"standards": standards, "rows": rows, "summary": summary}


# --- peer challenge sessions (views/panel) -----------------------------------------------------

PANEL_ROLES = ("lay_member", "peer_challenger", "business_unit")
CHALLENGEABLE = ("submitted", "challenge")


def panel_member_candidates() -> QuerySet:
    """Who may sit on a peer challenge panel: active lay members, peer challengers and the
    business unit."""
    from partnership.models import User

    return (
        User.objects.filter(is_active=True, role_assignments__role__in=PANEL_ROLES)
        .distinct()
        .order_by("full_name")
    )


def sessions_visible_to(user) -> QuerySet:
    """A session is seen by the business unit, the partnership leads, the round's overseeing
    subgroup and the session's own members."""
    from .models import ChallengeSession

    if not user.is_authenticated:
        return ChallengeSession.objects.none()
    qs = ChallengeSession.objects.select_related("round", "round__framework")
    if core.sees_everything(user):
        return qs
    r = core.roles_of(user)
    scope = Q(members=user)
    if r.subgroups:
        scope |= Q(round__subgroup_id__in=r.subgroups)
    return qs.filter(pk__in=ChallengeSession.objects.filter(scope).values("pk"))


def challenge_assignments(user) -> list[dict]:
    """The returns assigned to the person's peer challenge sessions, for their home page:
    [{session, returns}] with the sessions soonest first."""
    from .models import ChallengeSession

    if not user.is_authenticated:
        return []
    sessions = (
        ChallengeSession.objects.filter(members=user)
        .select_related("round")
        .prefetch_related("returns__agency")
        .order_by("date", "pk")
    )
    return [{"session": s, "returns": list(s.returns.all())} for s in sessions]


def audit_findings_visible_to(user, audit: MultiAgencyAudit) -> QuerySet:
    """An audit's agency findings: all of them for the business unit, the partnership leads and
    the overseeing subgroup; an agency lead's own agency's rows only; nobody else's."""
    from .models import AgencyAuditFinding

    qs = AgencyAuditFinding.objects.filter(audit=audit).select_related("agency", "line_of_enquiry")
    if sees_all_audit_findings(user, audit):
        return qs
    return qs.filter(agency_id__in=core.roles_of(user).lead_of)


def sees_all_audit_findings(user, audit: MultiAgencyAudit) -> bool:
    return core.sees_everything(user) or audit.subgroup_id in core.roles_of(user).subgroups


def home_returns(user) -> list:
    """The Section 11 returns an agency lead or an added colleague has to complete or has
    completed, in rounds that are open or past, newest first, with `answered` counted."""
    from django.db.models import Count

    if not user.is_authenticated:
        return []
    r = core.roles_of(user)
    scope = Q(contributors=user)
    if r.lead_of:
        scope |= Q(agency_id__in=r.lead_of)
    complete = Q(answers__rating__isnull=False) & ~Q(answers__evidence="")
    returns = (
        Return.objects.filter(pk__in=Return.objects.filter(scope).values("pk"))
        .exclude(round__status="draft")
        .select_related("round", "agency")
        .annotate(answered=Count("answers", filter=complete, distinct=True))
        .order_by("-round__due_on", "agency__name")
    )
    return list(returns[:20])
