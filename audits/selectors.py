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
    ReturnStatus,
    Round,
    RoundStatus,
    SingleAgencyAudit,
    StandardChallenge,
)

# The statuses in which a return's ratings are the agency's final word and count in the overview,
# its exports, the dashboards and the API. A draft (or one sent back for amendment) is work in
# progress: its ratings are shown to the agency, never counted as the partnership's.
COUNTED_STATUSES = (ReturnStatus.SUBMITTED, ReturnStatus.CHALLENGE, ReturnStatus.ACCEPTED)


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


def current_round(user, *, opened_before=None) -> Round | None:
    """The Section 11 round people are working on, which every page showing "the current
    round" shows (the dashboards, the annual report): of the rounds that have opened (before
    `opened_before`, when given), an open round with returns submitted (the one with most, then
    the newest); else the latest closed or reported round; else the newest open round. Never a
    round being prepared, and never the newest merely because it was set up. The round comes
    annotated with `submitted_count` and `invited_count` (returns), for `round_caption`."""
    from django.db.models import Count

    rounds = rounds_visible_to(user).exclude(status=RoundStatus.DRAFT)
    if opened_before is not None:
        rounds = rounds.filter(opens_on__lt=opened_before)
    rounds = list(
        rounds.annotate(
            submitted_count=Count("returns", filter=Q(returns__status__in=COUNTED_STATUSES), distinct=True),
            invited_count=Count("returns", distinct=True),
        )
    )  # a round every two years: a handful of rows

    def newest(r):
        return (r.opens_on, r.pk)

    in_progress = [r for r in rounds if r.status == RoundStatus.OPEN and r.submitted_count]
    if in_progress:
        return max(in_progress, key=lambda r: (r.submitted_count, *newest(r)))
    finished = [r for r in rounds if r.status in (RoundStatus.CLOSED, RoundStatus.REPORTED)]
    if finished:
        return max(finished, key=newest)
    return max(rounds, key=newest, default=None)


ROUND_STATUS_WORDS = {
    RoundStatus.OPEN: "open",
    RoundStatus.CLOSED: "closed",
    RoundStatus.REPORTED: "overview reported",
}


def round_caption(round_: Round) -> str:
    """Which round a page shows, in words: "Showing the 2026 round: open, 14 of 20 returns
    submitted". `round_` as `current_round` returns it."""
    status = ROUND_STATUS_WORDS.get(round_.status, round_.get_status_display().lower())
    return (
        f"Showing the {round_.year} round: {status}, {round_.submitted_count} of {round_.invited_count} "
        f"return{'' if round_.invited_count == 1 else 's'} submitted"
    )


def other_rounds(user, round_: Round) -> QuerySet:
    """The other rounds that have opened, newest first, for the links beside `round_caption`."""
    return (
        rounds_visible_to(user)
        .exclude(status=RoundStatus.DRAFT)
        .exclude(pk=round_.pk)
        .order_by("-opens_on", "-pk")
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


def opening_emails_sent(round_: Round) -> dict[int, object]:
    """Return id -> when its agency's lead was last sent the round's opening email (a datetime),
    read from the SentReminder rows the opening job records; a return missing here has not had
    it yet (the job is queued, or its agency has no lead)."""
    from django.contrib.contenttypes.models import ContentType
    from django.db.models import Max

    from partnership.models import SentReminder

    from .reminders import OPENED_JOB

    rows = (
        SentReminder.objects.filter(
            job=OPENED_JOB,
            object_type=ContentType.objects.get_for_model(Return),
            object_id__in=round_.returns.values("pk"),
            sent_at__isnull=False,
        )
        .values("object_id")
        .annotate(last=Max("sent_at"))
    )
    return {row["object_id"]: row["last"] for row in rows}


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
    it gave any requirement under it (a standard is only as met as its weakest requirement).
    Submitted returns only (COUNTED_STATUSES): a draft's ratings are not yet the agency's."""
    result = {}
    answers = Answer.objects.filter(
        agency_return__in=returns, agency_return__status__in=COUNTED_STATUSES, rating__isnull=False
    ).select_related("rating", "requirement")
    for answer in answers:
        key = (answer.agency_return_id, answer.requirement.standard_id)
        if key not in result or answer.rating.score < result[key].score:
            result[key] = answer.rating
    return result


def standard_moderated_ratings(returns) -> dict[tuple[int, int], RatingLevel]:
    """(return id, standard id) -> the rating a peer challenge panel moderated the standard to,
    for these returns, in one query."""
    return {
        (c.agency_return_id, c.standard_id): c.moderated_rating
        for c in StandardChallenge.objects.filter(
            agency_return__in=returns, moderated_rating__isnull=False
        ).select_related("moderated_rating")
    }


def rating_that_counts(self_rating, moderated_rating):
    """The rating of a standard that counts (on the round's overview and in the API): the
    panel's moderated rating where there is one, otherwise the agency's own."""
    return moderated_rating or self_rating


def _standard_scores(round_ids) -> list[tuple[int, int, int, int, int, bool]]:
    """(round id, agency id, return id, standard id, score, moderated) for every standard rated
    in these rounds' returns, in one query: each self-rating (the lowest score the agency gave a
    requirement under the standard) and each moderated rating the panel recorded. Only returns
    submitted (or later: COUNTED_STATUSES) count, in this round and in the previous one."""
    columns = ("round_id", "agency_id", "return_id", "standard_id", "score", "moderated")
    self_rated = (
        Answer.objects.filter(
            agency_return__round_id__in=round_ids,
            agency_return__status__in=COUNTED_STATUSES,
            rating__isnull=False,
        )
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
            agency_return__round_id__in=round_ids,
            agency_return__status__in=COUNTED_STATUSES,
            moderated_rating__isnull=False,
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
    standards the two rounds share). A return not yet submitted has no rating in it (its row
    says so: `submitted` is False) and counts in no average or "agencies rated". Four queries, however many agencies and rounds: the
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
        submitted = ret.status in COUNTED_STATUSES
        cells = []
        for standard in standards:
            key = (ret.pk, standard.pk)
            level = rating_that_counts(self_ratings.get(key), moderated.get(key))
            before = previous.get((ret.agency_id, standard.pk))
            cells.append({
                "standard": standard,
                "submitted": submitted,
                "level": level,
                "moderated": key in moderated,
                "self_rating": self_ratings.get(key),
                "change": (level.score - before) if level is not None and before is not None else None,
            })  # fmt: skip
            if level is not None:
                per_standard[standard.pk].append(level.score)
        rows.append({"return": ret, "cells": cells, "submitted": submitted})
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


def challenge_assignments(user, *, today=None) -> list[dict]:
    """The returns assigned to the person's peer challenge sessions, for their home page:
    [{session, returns, upcoming}], the sessions to come first, soonest first (today's
    included), then the past ones, latest first: a lay member looks for their next panel."""
    from django.utils import timezone

    from .models import ChallengeSession

    if not user.is_authenticated:
        return []
    today = today or timezone.localdate()
    sessions = list(
        ChallengeSession.objects.filter(members=user)
        .select_related("round")
        .prefetch_related("returns__agency")
        .order_by("date", "pk")
    )
    upcoming = [s for s in sessions if s.date >= today]
    past = [s for s in reversed(sessions) if s.date < today]
    return [
        {"session": s, "returns": list(s.returns.all()), "upcoming": s.date >= today} for s in upcoming + past
    ]


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


def outstanding_improvements(round_ids=None, return_ids=None) -> dict[int, list]:
    """Return id -> its planned improvements whose action is still open, soonest first (one
    query). Improvements not yet turned into actions (a return not accepted) do not count."""
    from partnership.models import OPEN_STATUSES

    from .models import PlannedImprovement

    improvements = PlannedImprovement.objects.filter(action__status__in=OPEN_STATUSES)
    if round_ids is not None:
        improvements = improvements.filter(agency_return__round_id__in=round_ids)
    if return_ids is not None:
        improvements = improvements.filter(agency_return_id__in=return_ids)
    by_return = defaultdict(list)
    for improvement in improvements.select_related("standard", "action").order_by("due_on", "pk"):
        by_return[improvement.agency_return_id].append(improvement)
    return dict(by_return)


def escalations_due(today) -> list[tuple[Return, list]]:
    """(return, its outstanding improvements) for each return whose escalation letter is due
    today: six months or more after its round's overview, with improvements still open and an
    address for its agency's senior manager. Those already written are included (the job's
    claim decides whether one still has to go)."""
    from dateutil.relativedelta import relativedelta

    from .models.escalations import ESCALATE_AFTER_MONTHS

    cutoff = today - relativedelta(months=ESCALATE_AFTER_MONTHS)
    round_ids = list(Round.objects.filter(overview_reported_on__lte=cutoff).values_list("pk", flat=True))
    outstanding = outstanding_improvements(round_ids=round_ids)
    returns = (
        Return.objects.filter(pk__in=outstanding)
        .exclude(agency__senior_manager_email="")
        .select_related("round", "agency")
        .order_by("round_id", "agency__name")
    )
    return [(agency_return, outstanding[agency_return.pk]) for agency_return in returns]


def round_escalations(round_: Round, today) -> dict | None:
    """The round page's escalation section: None before the overview; else when the letters
    are due and, per return with improvements outstanding, its count, its letter (or None) and
    whether its agency has a senior manager's address."""
    from .models import Escalation
    from .models.escalations import escalation_due_on

    due_on = escalation_due_on(round_)
    if due_on is None:
        return None
    outstanding = outstanding_improvements(round_ids=[round_.pk])
    letters = {e.agency_return_id: e for e in Escalation.objects.filter(agency_return__round=round_)}
    rows = []
    for agency_return in round_.returns.filter(pk__in=set(outstanding) | set(letters)).select_related(
        "agency"
    ):
        letter = letters.get(agency_return.pk)
        rows.append({
            "return": agency_return,
            "outstanding": len(outstanding.get(agency_return.pk, [])),
            "escalation": letter,
            "response_state": letter.response_state(today) if letter and letter.sent_at else None,
            "has_contact": bool(agency_return.agency.senior_manager_email),
        })  # fmt: skip
    rows.sort(key=lambda row: row["return"].agency.name)
    return {"due_on": due_on, "due": today >= due_on, "rows": rows}


def rounds_to_escalate(by) -> list[dict]:
    """The rounds whose outstanding improvements go to the executive's meeting on or before
    `by`: six months or more after the round's overview, with improvements still open. For
    each, {"round", "due_on" (when escalation became due), "agencies", "improvements"} (counts
    of returns and of improvements still open), oldest round first."""
    from dateutil.relativedelta import relativedelta

    from .models.escalations import ESCALATE_AFTER_MONTHS, escalation_due_on

    cutoff = by - relativedelta(months=ESCALATE_AFTER_MONTHS)
    rounds = {r.pk: r for r in Round.objects.filter(overview_reported_on__lte=cutoff)}
    outstanding = outstanding_improvements(round_ids=list(rounds))
    by_round = defaultdict(lambda: {"agencies": 0, "improvements": 0})
    returns = Return.objects.filter(pk__in=outstanding).values_list("pk", "round_id")
    for return_id, round_id in returns:
        by_round[round_id]["agencies"] += 1
        by_round[round_id]["improvements"] += len(outstanding[return_id])
    return [
        {"round": rounds[pk], "due_on": escalation_due_on(rounds[pk]), **counts}
        for pk, counts in sorted(by_round.items(), key=lambda kv: (rounds[kv[0]].overview_reported_on, kv[0]))
    ]


def comparison_agencies(user, audit: MultiAgencyAudit) -> set[int] | None:
    """The agencies whose findings a person may compare between a re-audit and the audit it
    repeats: every agency (None) for those who see every agency's findings in both audits; else
    the agencies they lead (an agency lead compares their own agency's grades only)."""
    earlier = audit.repeats
    if (
        earlier is not None
        and sees_all_audit_findings(user, audit)
        and sees_all_audit_findings(user, earlier)
    ):
        return None
    return set(core.roles_of(user).lead_of)


def audit_comparison(user, audit: MultiAgencyAudit):
    """Before and after: the re-audit `audit` beside the audit it repeats (`comparisons.compare`),
    counting only the findings the person may see in both audits. None when the audit repeats
    no audit."""
    from . import comparisons
    from .models import AuditParticipant

    earlier = audit.repeats
    if earlier is None:
        return None
    scope = comparison_agencies(user, audit)
    findings = audit_findings_visible_to(user, audit)
    earlier_findings = audit_findings_visible_to(user, earlier)
    participants = AuditParticipant.objects.filter(audit__in=[audit, earlier]).select_related("agency")
    if scope is not None:
        findings = findings.filter(agency_id__in=scope)
        earlier_findings = earlier_findings.filter(agency_id__in=scope)
        participants = participants.filter(agency_id__in=scope)
    agencies = sorted({p.agency for p in participants}, key=lambda a: a.name)
    return comparisons.compare(
        audit=audit,
        earlier=earlier,
        lines=list(audit.lines_of_enquiry.all()),
        earlier_lines=list(earlier.lines_of_enquiry.all()),
        agencies=agencies,
        findings=list(findings),
        earlier_findings=list(earlier_findings),
        sees_all=scope is None,
    )
