"""Reads of Section 11 rounds and returns, audits and inspections, scoped to the person asking."""

from collections import defaultdict

from django.db.models import BooleanField, F, Min, Q, QuerySet, Value

from partnership import permissions as core

from .models import (
    Answer,
    AuditProgramme,
    Framework,
    Inspection,
    MultiAgencyAudit,
    RatingLevel,
    Return,
    Round,
    SingleAgencyAudit,
    StandardChallenge,
)


def frameworks_visible_to(user) -> QuerySet:
    """Frameworks are reference data: everyone signed in reads them (agencies prepare their
    evidence from them); only the business unit changes them (permissions.py)."""
    return Framework.objects.all() if user.is_authenticated else Framework.objects.none()


def programmes_visible_to(user) -> QuerySet:
    """Each year's audit programme is partnership learning: everyone signed in sees it."""
    if not user.is_authenticated:
        return AuditProgramme.objects.none()
    return AuditProgramme.objects.select_related("subgroup")


def rounds_visible_to(user) -> QuerySet:
    """Rounds are partnership business: everyone signed in sees that they exist."""
    return (
        Round.objects.select_related("framework", "subgroup", "learning_source")
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


def _standard_scores(round_ids) -> list[tuple[int, int, int, int, int, bool]]:
    """(round id, agency id, return id, standard id, score, moderated) for every standard rated
    in these rounds' returns, in one query: each self-rating (the lowest score the agency gave a
    requirement under the standard) and each moderated rating the panel recorded."""
    columns = ("round_id", "agency_id", "return_id", "standard_id", "score", "moderated")
    self_rated = (
        Answer.objects.filter(agency_return__round_id__in=round_ids, rating__isnull=False)
        .order_by()
        .values(
            round_id=F("agency_return__round_id"),
            agency_id=F("agency_return__agency_id"),
            return_id=F("agency_return_id"),
            standard_id=F("requirement__standard_id"),
        )
        .annotate(score=Min("rating__score"), moderated=Value(False, output_field=BooleanField()))
        .values_list(*columns)
    )
    moderated = (
        StandardChallenge.objects.filter(
            agency_return__round_id__in=round_ids, moderated_rating__isnull=False
        )
        .order_by()
        .annotate(
            round_id=F("agency_return__round_id"),
            agency_id=F("agency_return__agency_id"),
            return_id=F("agency_return_id"),
            score=F("moderated_rating__score"),
            moderated=Value(True, output_field=BooleanField()),
        )
        .values_list(*columns)
    )
    return list(self_rated.union(moderated, all=True))


def heatmap(round_: Round) -> dict:
    """The overview: agencies by standards with the moderated rating, or the self-rating where
    not yet moderated; a summary per standard; and the change since the previous round (for the
    standards the two rounds share). Four queries, however many agencies and rounds: the
    framework's standards and levels, the returns, and every rating of both rounds at once.

    A framework's scores are unique, so a rating is known by its score: `levels` (best first)
    maps them back to the framework's levels."""
    standards = list(round_.framework.standards.all())
    levels = list(round_.framework.rating_levels.order_by("-score"))
    by_score = {level.score: level for level in levels}
    returns = list(round_.returns.select_related("agency").order_by("agency__name"))
    round_ids = [round_.pk] + ([round_.previous_round_id] if round_.previous_round_id else [])
    self_ratings, moderated, previous_self, previous_moderated = {}, {}, {}, {}
    for round_id, agency_id, return_id, standard_id, score, is_moderated in _standard_scores(round_ids):
        if round_id == round_.pk:
            level = by_score.get(score)
            if level is not None:
                (moderated if is_moderated else self_ratings)[(return_id, standard_id)] = level
        else:
            (previous_moderated if is_moderated else previous_self)[(agency_id, standard_id)] = score
    previous = {**previous_self, **previous_moderated}  # the moderated score wins
    rows, per_standard = [], defaultdict(list)
    for ret in returns:
        cells = []
        for standard in standards:
            key = (ret.pk, standard.pk)
            level = moderated.get(key) or self_ratings.get(key)
            before = previous.get((ret.agency_id, standard.pk))
            cells.append({
                "standard": standard,
                "level": level,
                "moderated": key in moderated,
                "self_rating": self_ratings.get(key),
                "change": (level.score - before) if level is not None and before is not None else None,
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
    return {"standards": standards, "levels": levels, "rows": rows, "summary": summary}


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
