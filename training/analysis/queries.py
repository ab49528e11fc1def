"""The aggregate queries behind the training analysis: a fixed handful per analysis, however many
courses, sessions, attendees and answers there are.

Every query is grouped by course and agency (or by learning outcome and agency) so that
`summary.py` can add the groups up into courses, levels, agencies and the year in Python,
exactly: counts add, and means are made from totals and counts.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q, Subquery, Sum

from ..models import Attendee as AttendeeModel
from ..models import (
    AttendeeStatus,
    Course,
    CoverageReturn,
    FollowUp,
    LearningOutcome,
    OutcomeConfidence,
    Respondent,
    Session,
    SessionStatus,
)
from .figures import CHANGED, NOT_CHANGED, Figures, OutcomeRow


@dataclass(frozen=True)
class Scope:
    """What one analysis covers: a programme year, optionally one course or level, the agencies
    whose staff count (None: everyone's, including people from other organisations), and the
    moment sessions must have started by to count as delivered."""

    year: int
    as_of: datetime.datetime
    course_id: int | None = None
    level: int | None = None
    agency_ids: frozenset[int] | None = None

    def course_q(self, prefix: str = "") -> Q:
        """Courses in scope, for a query reaching Course through `prefix`."""
        q = Q(**{f"{prefix}programme__year": self.year})
        if self.course_id is not None:
            q &= Q(**{f"{prefix}pk": self.course_id})
        if self.level is not None:
            q &= Q(**{f"{prefix}level": self.level})
        return q

    def agency_q(self, prefix: str = "") -> Q:
        if self.agency_ids is None:
            return Q()
        return Q(**{f"{prefix}agency_id__in": self.agency_ids})

    def delivered_q(self, prefix: str = "") -> Q:
        """Sessions delivered: scheduled (not cancelled) and started by `as_of`."""
        return Q(**{f"{prefix}status": SessionStatus.SCHEDULED, f"{prefix}starts_at__lte": self.as_of})

    def places_q(self, prefix: str = "") -> Q:
        """Confirmed places on delivered sessions of the courses and agencies in scope."""
        return (
            self.course_q(f"{prefix}session__course__")
            & self.delivered_q(f"{prefix}session__")
            & Q(**{f"{prefix}status": AttendeeStatus.BOOKED})
            & self.agency_q(prefix)
        )


GroupKey = tuple[int, int | None]  # (course id, agency id or None)


def courses(scope: Scope) -> list[dict]:
    """The courses in scope, by level then title: pk, title, level."""
    return list(
        Course.objects.filter(scope.course_q())
        .order_by("level", "title", "pk")
        .values("pk", "title", "level")
    )


def sessions_delivered(scope: Scope) -> dict[int, int]:
    """course id -> sessions delivered. With agencies in scope, only the sessions at which at
    least one of their staff attended."""
    sessions = Session.objects.filter(scope.course_q("course__"), scope.delivered_q())
    if scope.agency_ids is not None:
        sessions = sessions.filter(
            Exists(
                AttendeeModel.objects.filter(
                    session=OuterRef("pk"),
                    status=AttendeeStatus.BOOKED,
                    attended=True,
                    agency_id__in=scope.agency_ids,
                )
            )
        )
    rows = sessions.order_by().values("course_id").annotate(n=Count("pk"))
    return {row["course_id"]: row["n"] for row in rows}


def attendance(scope: Scope) -> tuple[dict[GroupKey, Figures], dict[int | None, str], dict[int | None, int]]:
    """Per (course, agency): places, attendance, evaluations and the follow-up sample; with the
    agencies' names and, per agency, the sessions its staff attended."""
    attended = Q(attended=True)
    rows = (
        AttendeeModel.objects.filter(scope.places_q())
        .order_by()
        .values("session__course_id", "agency_id", "agency__name")
        .annotate(
            places=Count("pk"),
            attended_n=Count("pk", filter=attended),
            no_shows=Count("pk", filter=Q(attended=False)),
            not_marked=Count("pk", filter=Q(attended__isnull=True)),
            sessions=Count("session_id", distinct=True, filter=attended),
            evaluations=Count("evaluation", filter=attended),
            rating_total=Sum("evaluation__overall_rating", filter=attended),
            sampled=Count("pk", filter=attended & Q(follow_up_sampled=True)),
        )
    )
    groups: dict[GroupKey, Figures] = {}
    names: dict[int | None, str] = {}
    agency_sessions: dict[int | None, int] = defaultdict(int)
    for row in rows:
        key = (row["session__course_id"], row["agency_id"])
        groups[key] = Figures(
            places_booked=row["places"],
            attended=row["attended_n"],
            no_shows=row["no_shows"],
            not_marked=row["not_marked"],
            evaluations=row["evaluations"],
            rating_total=row["rating_total"] or 0,
            sampled=row["sampled"],
        )
        names[row["agency_id"]] = row["agency__name"] or ""
        # A session belongs to one course, so adding the courses' counts is exact.
        agency_sessions[row["agency_id"]] += row["sessions"]
    return groups, names, dict(agency_sessions)


def _answer(respondent: str) -> Subquery:
    return Subquery(
        FollowUp.objects.filter(attendee=OuterRef("pk"), respondent=respondent).values("practice_changed")[:1]
    )


def follow_ups(scope: Scope) -> dict[GroupKey, Figures]:
    """Per (course, agency): the sample's follow-up answers, participants' and managers', and
    the pairs in which both answered. One row per combination of the two answers."""
    rows = (
        AttendeeModel.objects.filter(scope.places_q(), attended=True, follow_up_sampled=True)
        .annotate(participant=_answer(Respondent.PARTICIPANT), manager=_answer(Respondent.MANAGER))
        .order_by()
        .values("session__course_id", "agency_id", "participant", "manager")
        .annotate(n=Count("pk"))
    )
    groups: dict[GroupKey, Figures] = defaultdict(Figures)
    judged = (*CHANGED, NOT_CHANGED)
    for row in rows:
        figures = groups[(row["session__course_id"], row["agency_id"])]
        p, m, n = row["participant"], row["manager"], row["n"]
        if p is not None:
            figures.participant_answers += n
            figures.participant_changed += n if p in CHANGED else 0
        if m is not None:
            figures.manager_answers += n
            figures.manager_changed += n if m in CHANGED else 0
        if p in judged and m in judged:
            figures.pairs += n
            agree = (p in CHANGED and m in CHANGED) or (p == NOT_CHANGED and m == NOT_CHANGED)
            figures.pairs_agreeing += n if agree else 0
    return dict(groups)


def confidence(scope: Scope) -> tuple[dict[int, OutcomeRow], dict[GroupKey, Figures]]:
    """Confidence before and after: per learning outcome (every outcome of the courses in scope,
    answered or not, in course and number order), and per (course, agency)."""
    outcomes = {
        o["pk"]: OutcomeRow(
            outcome_id=o["pk"],
            course_id=o["course_id"],
            course=o["course__title"],
            number=o["number"],
            text=o["text"],
        )
        for o in LearningOutcome.objects.filter(scope.course_q("course__"))
        .order_by("course__level", "course__title", "course_id", "number")
        .values("pk", "course_id", "course__title", "number", "text")
    }
    rows = (
        OutcomeConfidence.objects.filter(
            scope.places_q("evaluation__attendee__"), evaluation__attendee__attended=True
        )
        .order_by()
        .values("outcome_id", "outcome__course_id", "evaluation__attendee__agency_id")
        .annotate(n=Count("pk"), before=Sum("before"), after=Sum("after"))
    )
    groups: dict[GroupKey, Figures] = defaultdict(Figures)
    for row in rows:
        outcome = outcomes.get(row["outcome_id"])
        if outcome is not None:
            outcome.answers += row["n"]
            outcome.before_total += row["before"]
            outcome.after_total += row["after"]
        figures = groups[(row["outcome__course_id"], row["evaluation__attendee__agency_id"])]
        figures.confidence_answers += row["n"]
        figures.confidence_before_total += row["before"]
        figures.confidence_after_total += row["after"]
    return outcomes, dict(groups)


def impact_examples(scope: Scope):
    """The follow-ups in scope that give an example of changed practice, newest first, with what
    the page shows of them loaded in two queries."""
    return (
        FollowUp.objects.filter(scope.places_q("attendee__"), attendee__attended=True)
        .exclude(example="")
        .select_related("attendee__session__course", "attendee__agency", "action", "finding")
        .prefetch_related("themes")
        .order_by("-submitted_at", "-pk")
    )


def coverage_returns(scope: Scope):
    """The agencies' coverage returns for the year (and level, and agencies, in scope)."""
    returns = CoverageReturn.objects.filter(scope.agency_q(), year=scope.year).select_related("agency")
    if scope.level is not None:
        returns = returns.filter(level=scope.level)
    return returns.order_by("agency__name", "level")
