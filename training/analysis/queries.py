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
from typing import NamedTuple

from django.db.models import Count, Exists, FilteredRelation, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce

from ..models import Attendee as AttendeeModel
from ..models import (
    AttendeeStatus,
    Course,
    CoverageReturn,
    FollowUp,
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


COURSE_FIELDS = ("pk", "title", "level", "sessions_delivered", "outcomes__pk", "outcomes__number",
                 "outcomes__text", "themes__pk", "themes__name")  # fmt: skip


def courses(scope: Scope) -> tuple[list[dict], dict[int, OutcomeRow]]:
    """The courses in scope, by level then title (pk, title, level, `sessions_delivered`: how
    many of their sessions were delivered; with agencies in scope, only the sessions at which at
    least one of their staff attended; and `themes`: their learning themes as (id, name)), and
    every learning outcome of those courses (not yet answered: see `confidence`), in course and
    number order. One query: a row per outcome and theme of each course."""
    sessions = Session.objects.filter(scope.delivered_q(), course=OuterRef("pk"))
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
    delivered = sessions.order_by().values("course").annotate(n=Count("pk")).values("n")
    rows = (
        Course.objects.filter(scope.course_q())
        .annotate(sessions_delivered=Coalesce(Subquery(delivered), 0))
        .order_by("level", "title", "pk", "outcomes__number", "themes__name", "themes__pk")
        .values(*COURSE_FIELDS)
    )
    course_list: dict[int, dict] = {}
    outcomes: dict[int, OutcomeRow] = {}
    for row in rows:
        course = course_list.setdefault(
            row["pk"],
            {**{k: row[k] for k in ("pk", "title", "level", "sessions_delivered")}, "themes": {}},
        )
        if row["themes__pk"] is not None:
            course["themes"][row["themes__pk"]] = row["themes__name"]
        if row["outcomes__pk"] is not None and row["outcomes__pk"] not in outcomes:
            outcomes[row["outcomes__pk"]] = OutcomeRow(
                outcome_id=row["outcomes__pk"],
                course_id=row["pk"],
                course=row["title"],
                number=row["outcomes__number"],
                text=row["outcomes__text"],
            )
    for course in course_list.values():
        course["themes"] = list(course["themes"].items())
    return list(course_list.values()), outcomes


def _follow_up(respondent: str) -> FilteredRelation:
    # At most one answer per respondent and place (a unique constraint), so joining it keeps
    # one row per place.
    return FilteredRelation("follow_ups", condition=Q(follow_ups__respondent=respondent))


class AttendanceRow(NamedTuple):
    """One (course, agency) group of places: its counts, the agency's name, and the sessions of
    the course its staff attended. Agency None: people from other organisations."""

    course_id: int
    agency_id: int | None
    agency_name: str
    figures: Figures
    sessions: int


class ConfidenceRow(NamedTuple):
    """The confidence answers about one learning outcome from one agency's staff who attended."""

    outcome_id: int
    agency_id: int | None
    answers: int
    before_total: int
    after_total: int


def attendance(scope: Scope) -> tuple[dict[GroupKey, Figures], dict[int | None, str], dict[int | None, int]]:
    """Per (course, agency): places, attendance, evaluations, the follow-up sample and its
    answers (participants' and managers', and the pairs in which both answered); with the
    agencies' names and, per agency, the sessions its staff attended. One grouped query."""
    return attendance_totals(attendance_rows(scope))


def attendance_rows(scope: Scope) -> list[AttendanceRow]:
    """The groups `attendance` adds up, one per (course, agency) with places in scope: what the
    analysis's stored snapshot keeps (training/services/analysis.py). One grouped query."""
    attended = Q(attended=True)
    sampled = attended & Q(follow_up_sampled=True)
    judged = (*CHANGED, NOT_CHANGED)
    answered_p, answered_m = Q(participant__isnull=False), Q(manager__isnull=False)
    changed_p, changed_m = (
        Q(participant__practice_changed__in=CHANGED),
        Q(manager__practice_changed__in=CHANGED),
    )
    pair = Q(participant__practice_changed__in=judged, manager__practice_changed__in=judged)
    agree = (changed_p & changed_m) | Q(
        participant__practice_changed=NOT_CHANGED, manager__practice_changed=NOT_CHANGED
    )
    rows = (
        AttendeeModel.objects.filter(scope.places_q())
        .annotate(participant=_follow_up(Respondent.PARTICIPANT), manager=_follow_up(Respondent.MANAGER))
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
            sampled=Count("pk", filter=sampled),
            participant_answers=Count("pk", filter=sampled & answered_p),
            participant_changed=Count("pk", filter=sampled & changed_p),
            manager_answers=Count("pk", filter=sampled & answered_m),
            manager_changed=Count("pk", filter=sampled & changed_m),
            pairs=Count("pk", filter=sampled & pair),
            pairs_agreeing=Count("pk", filter=sampled & pair & agree),
        )
    )
    return [
        AttendanceRow(
            course_id=row["session__course_id"],
            agency_id=row["agency_id"],
            agency_name=row["agency__name"] or "",
            figures=Figures(
                places_booked=row["places"],
                attended=row["attended_n"],
                no_shows=row["no_shows"],
                not_marked=row["not_marked"],
                evaluations=row["evaluations"],
                rating_total=row["rating_total"] or 0,
                sampled=row["sampled"],
                participant_answers=row["participant_answers"],
                participant_changed=row["participant_changed"],
                manager_answers=row["manager_answers"],
                manager_changed=row["manager_changed"],
                pairs=row["pairs"],
                pairs_agreeing=row["pairs_agreeing"],
            ),
            sessions=row["sessions"],
        )
        for row in rows
    ]


def attendance_totals(
    rows: list[AttendanceRow],
) -> tuple[dict[GroupKey, Figures], dict[int | None, str], dict[int | None, int]]:
    """`attendance`'s answer from its groups, live or stored: the figures per (course, agency),
    the agencies' names, and per agency the sessions its staff attended."""
    groups: dict[GroupKey, Figures] = {}
    names: dict[int | None, str] = {}
    agency_sessions: dict[int | None, int] = defaultdict(int)
    for row in rows:
        groups[(row.course_id, row.agency_id)] = row.figures
        names[row.agency_id] = row.agency_name
        # A session belongs to one course, so adding the courses' counts is exact.
        agency_sessions[row.agency_id] += row.sessions
    return groups, names, dict(agency_sessions)


def confidence(scope: Scope, outcomes: dict[int, OutcomeRow]) -> dict[GroupKey, Figures]:
    """Confidence before and after: added to each of `outcomes` (every outcome of the courses in
    scope, from `courses`), and per (the outcome's course, agency). An answer about an outcome of
    a course out of scope counts nowhere, as the tables hold only the courses in scope."""
    return confidence_totals(confidence_rows(scope), outcomes)


def confidence_rows(scope: Scope) -> list[ConfidenceRow]:
    """The groups `confidence` adds up, one per (learning outcome, agency) with answers from
    places in scope: what the stored snapshot keeps. One grouped query."""
    rows = (
        OutcomeConfidence.objects.filter(
            scope.places_q("evaluation__attendee__"), evaluation__attendee__attended=True
        )
        .order_by()
        .values("outcome_id", "evaluation__attendee__agency_id")
        .annotate(n=Count("pk"), before=Sum("before"), after=Sum("after"))
    )
    return [
        ConfidenceRow(
            outcome_id=row["outcome_id"],
            agency_id=row["evaluation__attendee__agency_id"],
            answers=row["n"],
            before_total=row["before"],
            after_total=row["after"],
        )
        for row in rows
    ]


def confidence_totals(rows: list[ConfidenceRow], outcomes: dict[int, OutcomeRow]) -> dict[GroupKey, Figures]:
    """`confidence`'s answer from its groups, live or stored (see `confidence`)."""
    groups: dict[GroupKey, Figures] = defaultdict(Figures)
    for row in rows:
        outcome = outcomes.get(row.outcome_id)
        if outcome is None:
            continue
        outcome.answers += row.answers
        outcome.before_total += row.before_total
        outcome.after_total += row.after_total
        figures = groups[(outcome.course_id, row.agency_id)]
        figures.confidence_answers += row.answers
        figures.confidence_before_total += row.before_total
        figures.confidence_after_total += row.after_total
    return dict(groups)


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
    returns = CoverageReturn.objects.filter(scope.agency_q(), year=scope.year)
    if scope.level is not None:
        returns = returns.filter(level=scope.level)
    return returns.order_by("agency__name", "level").values(
        "agency_id", "agency__name", "level", "staff_in_scope", "staff_trained"
    )
