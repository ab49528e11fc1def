"""`training_summary`: a programme year's training figures, by course, level and agency, with the
confidence shift per learning outcome, the impact examples and the agencies' coverage.

Who sees what follows training's rules (training/permissions.py): those who oversee training
see every agency's figures; an agency lead sees only their own agency's staff in every table
(sessions delivered then means sessions their staff attended); anyone else sees nothing.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone

from partnership import permissions as core
from partnership import selectors as core_selectors

from .. import permissions
from ..models import Level, Programme, year_label
from . import queries
from . import stored as stored_groups
from .figures import CoverageRow, Figures, ImpactExample, LevelCoverage, OutcomeRow, Row
from .queries import Scope

OTHER_ORGANISATIONS = "Other organisations"


@dataclass
class TrainingSummary:
    """Everything the analysis pages, their export, the dashboards and the annual report show
    about one programme year, as one person may see it."""

    year: int
    programme: Programme | None
    course_id: int | None
    level: int | None
    agency_ids: frozenset[int] | None  # None: every agency's figures, and other organisations'
    overall: Figures
    by_course: list[Row] = field(default_factory=list)
    by_level: list[Row] = field(default_factory=list)
    by_agency: list[Row] = field(default_factory=list)
    # Per learning theme: the figures of the courses tagged with it (a course with two themes
    # counts under both, so these rows do not add up to the year's figures).
    by_theme: list[Row] = field(default_factory=list)
    outcomes: list[OutcomeRow] = field(default_factory=list)
    impact_examples: list[ImpactExample] = field(default_factory=list)
    coverage: list[CoverageRow] = field(default_factory=list)
    coverage_total: CoverageRow | None = None  # every agency shown, added up
    # Read from the stored snapshot (training/services/analysis.py): when its figures were
    # worked out, and the moment sessions had to have started by. None: worked out live.
    computed_at: datetime.datetime | None = None
    as_of: datetime.datetime | None = None

    @property
    def stored(self) -> bool:
        return self.computed_at is not None

    @property
    def year_label(self) -> str:
        return year_label(self.year)

    @property
    def limited_to_agencies(self) -> bool:
        return self.agency_ids is not None

    def as_dict(self) -> dict:
        """The summary as plain dicts and lists (for JSON, templates of other apps, reports)."""
        return {
            "year": self.year,
            "year_label": self.year_label,
            "programme": str(self.programme) if self.programme else None,
            "course_id": self.course_id,
            "level": self.level,
            "agency_ids": sorted(self.agency_ids) if self.agency_ids is not None else None,
            "overall": self.overall.as_dict(),
            "by_course": [r.as_dict() for r in self.by_course],
            "by_level": [r.as_dict() for r in self.by_level],
            "by_agency": [r.as_dict() for r in self.by_agency],
            "by_theme": [r.as_dict() for r in self.by_theme],
            "outcomes": [o.as_dict() for o in self.outcomes],
            "impact_examples": [e.as_dict() for e in self.impact_examples],
            "coverage": [c.as_dict() for c in self.coverage],
            "coverage_total": self.coverage_total.as_dict() if self.coverage_total else None,
            "computed_at": self.computed_at.isoformat() if self.computed_at else None,
            "as_of": self.as_of.isoformat() if self.as_of else None,
        }


def agencies_in_view(user) -> frozenset[int] | None:
    """The agencies whose training figures `user` may see: None for all (those who oversee
    training, or no user: the annual report), else the agencies they lead (maybe none)."""
    if user is None or permissions.oversees_training(user):
        return None
    return frozenset(core.roles_of(user).lead_of)


def _agency_scope(user, agency) -> frozenset[int] | None:
    visible = agencies_in_view(user)
    if agency is None:
        return visible
    agency_id = getattr(agency, "pk", agency)
    if visible is None:
        return frozenset({agency_id})
    return visible & {agency_id}


def training_summary(
    year: int,
    *,
    user=None,
    course=None,
    level: int | None = None,
    agency=None,
    as_of: datetime.datetime | None = None,
    programme: Programme | None = None,
    stored: bool = False,
) -> TrainingSummary:
    """A programme year's figures (see `figures.Figures` for each one's definition).

    `year` is the programme year (2026: April 2026 to March 2027). `course`, `level` and
    `agency` (instances or ids) narrow it; an agency filter outside what `user` may see gives
    empty figures, never another agency's. `user` None means every agency (for reports run by
    the system). Sessions count as delivered once started, as of `as_of` (default: now).
    `programme`: the year's programme when the caller has it already (else it is looked up).
    `stored`: read the places' and confidence answers' groups from the year's stored snapshot
    (see `stored.py`) when there is one, instead of aggregating every place of the year; the
    rest (the courses and sessions delivered, impact examples, coverage) stays live, and the
    summary's `computed_at` and `as_of` say how fresh the stored groups are. Only the analysis
    page and its export ask for it; with no snapshot for the year it is worked out live.

    The cost is a fixed number of queries whatever the size of the programme: the courses with
    their outcomes and sessions delivered, places with their evaluations and follow-ups, the
    confidence answers, the impact examples and their themes, the coverage returns, and the
    programme unless given: six or seven, each one grouped query for a table of figures (the
    courses' themes come with the courses).
    """
    scope = Scope(
        year=year,
        as_of=as_of or timezone.now(),
        course_id=getattr(course, "pk", course),
        level=level,
        agency_ids=_agency_scope(user, agency),
    )
    courses, outcomes = queries.courses(scope)
    course_rows = {c["pk"]: Row(key=c["pk"], label=c["title"], level=c["level"]) for c in courses}
    if programme is None:
        programme = Programme.objects.select_related("analysis_snapshot").filter(year=year).first()
    snapshot = stored_groups.snapshot_of(programme) if stored else None
    if snapshot is None:
        attendance_rows, confidence_rows = queries.attendance_rows(scope), queries.confidence_rows(scope)
    else:
        attendance_rows = stored_groups.attendance_rows(snapshot, scope, course_rows)
        confidence_rows = stored_groups.confidence_rows(snapshot, scope, outcomes)
    groups, agency_names, agency_sessions = queries.attendance_totals(attendance_rows)
    confidence_groups = queries.confidence_totals(confidence_rows, outcomes)
    examples = _examples(scope, user)
    for extra in (confidence_groups, _example_counts(examples)):
        for key, figures in extra.items():
            groups.setdefault(key, Figures()).add(figures)

    by_level = {value: Row(key=value, label=label) for value, label in Level.choices}
    by_agency: dict[int | None, Row] = {}
    overall = Figures()
    for course in courses:
        course_rows[course["pk"]].figures.sessions_delivered = course["sessions_delivered"]
        by_level[course["level"]].figures.sessions_delivered += course["sessions_delivered"]
        overall.sessions_delivered += course["sessions_delivered"]
    for (course_id, agency_id), figures in groups.items():
        course_row = course_rows.get(course_id)
        if course_row is None:
            continue
        course_row.figures.add(figures)
        by_level[course_row.level].figures.add(figures)
        agency_row = by_agency.setdefault(
            agency_id, Row(key=agency_id, label=agency_names.get(agency_id) or OTHER_ORGANISATIONS)
        )
        agency_row.figures.add(figures)
        overall.add(figures)
    for agency_id, sessions in agency_sessions.items():
        by_agency[agency_id].figures.sessions_delivered = sessions

    coverage, coverage_total = _coverage(scope)
    by_theme: dict[int, Row] = {}
    for course in courses:
        for theme_id, theme_name in course["themes"]:
            row = by_theme.setdefault(theme_id, Row(key=theme_id, label=theme_name))
            row.figures.add(course_rows[course["pk"]].figures)
    return TrainingSummary(
        year=year,
        programme=programme,
        course_id=scope.course_id,
        level=level,
        agency_ids=scope.agency_ids,
        overall=overall,
        by_course=list(course_rows.values()),
        by_level=[row for row in by_level.values() if level is None or row.key == level],
        by_agency=sorted(by_agency.values(), key=lambda r: (r.key is None, r.label.lower())),
        by_theme=sorted(by_theme.values(), key=lambda r: r.label.lower()),
        outcomes=list(outcomes.values()),
        impact_examples=examples,
        coverage=coverage,
        coverage_total=coverage_total,
        computed_at=snapshot.computed_at if snapshot else None,
        as_of=snapshot.as_of if snapshot else None,
    )


def _example_counts(examples: list[ImpactExample]) -> dict[queries.GroupKey, Figures]:
    counts: dict[queries.GroupKey, Figures] = defaultdict(Figures)
    for example in examples:
        counts[(example.course_id, example.agency_id)].impact_examples += 1
    return counts


def _examples(scope: Scope, user) -> list[ImpactExample]:
    """The impact examples, each with the action or finding it is linked to when `user` may see
    that action or finding (nobody learns of an action through training they could not open)."""
    follow_ups = queries.impact_examples(scope)
    if user is not None:
        # Asked in the same query, so linked examples cost no extra queries.
        follow_ups = follow_ups.annotate(
            action_visible=Exists(core_selectors.actions_visible_to(user).filter(pk=OuterRef("action_id"))),
            finding_visible=Exists(
                core_selectors.findings_visible_to(user).filter(pk=OuterRef("finding_id"))
            ),
        )
    follow_ups = list(follow_ups)
    action_ids = {f.action_id for f in follow_ups if f.action_id and getattr(f, "action_visible", True)}
    finding_ids = {f.finding_id for f in follow_ups if f.finding_id and getattr(f, "finding_visible", True)}
    examples = []
    for f in follow_ups:
        attendee = f.attendee
        course = attendee.session.course
        examples.append(
            ImpactExample(
                follow_up_id=f.pk,
                respondent=f.get_respondent_display(),
                course_id=course.pk,
                course=course.title,
                level=course.level,
                agency_id=attendee.agency_id,
                agency=attendee.organisation_name if attendee.agency_id else OTHER_ORGANISATIONS,
                session_date=attendee.session.date,
                practice_changed=f.get_practice_changed_display(),
                example=f.example,
                how=f.how,
                difference_for_children=f.difference_for_children,
                submitted_on=timezone.localtime(f.submitted_at).date(),
                themes=[t.name for t in f.themes.all()],
                action=(
                    (
                        f.action_id,
                        f.action.description,
                        reverse("partnership:action-detail", args=[f.action_id]),
                    )
                    if f.action_id in action_ids
                    else None
                ),
                finding=(
                    (
                        f.finding_id,
                        f.finding.title,
                        reverse("partnership:source-detail", args=[f.finding.source_id])
                        + f"#finding-{f.finding_id}",
                    )
                    if f.finding_id in finding_ids
                    else None
                ),
            )
        )
    return examples


def _coverage(scope: Scope) -> tuple[list[CoverageRow], CoverageRow | None]:
    """One row per agency with a return for the year, each level's in scope, trained and %;
    and the total of the rows shown."""
    levels = [scope.level] if scope.level is not None else list(Level.values)
    rows: dict[int, CoverageRow] = {}
    for ret in queries.coverage_returns(scope):
        row = rows.get(ret["agency_id"])
        if row is None:
            row = rows[ret["agency_id"]] = CoverageRow(
                agency_id=ret["agency_id"],
                agency=ret["agency__name"],
                levels={lv: LevelCoverage() for lv in levels},
            )
        row.levels[ret["level"]] = LevelCoverage(
            in_scope=ret["staff_in_scope"], trained=ret["staff_trained"], returned=True
        )
    if not rows:
        return [], None
    total = CoverageRow(
        agency_id=None, agency="All agencies shown", levels={lv: LevelCoverage() for lv in levels}
    )
    for row in rows.values():
        for lv, cov in row.levels.items():
            total.levels[lv].add(cov)
    return list(rows.values()), total
