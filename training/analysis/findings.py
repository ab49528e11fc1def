"""Training against the learning: for each finding that a course answers, the courses, who
attended them from the agencies the finding's source's recommendations name, and what changed
three months on.

    rows = findings_analysis(2026, user=request.user)
    row.finding_title, row.source_title        # "Neglect was not recognised", "Child R (LCSPR)"
    row.courses                                # [CourseLine(id, title, level)]
    row.named                                  # [AgencyLine("Northbrook Police", places=4, attended=3)]
    row.named_total, row.others                # AgencyLine totals: named agencies, everyone else
    row.responses, row.changed                 # three-month follow-up answers, and changes reported
    row.impact_examples                        # the examples linked to the finding

The rules:
- A finding is shown when a course of the year's programme answers it (`Course.findings`) and
  the person may see it (`findings_visible_to`): a confidential review's finding only to those
  who may see the review.
- The named agencies are those the recommendations of the finding's source name (the agencies
  expected to change their practice). Attendance counts confirmed places on delivered
  sessions of the finding's courses in the programme year, as the rest of the analysis does:
  per named agency (attended of places booked), and from everyone else (other agencies and
  other organisations) together.
- Three months on: the follow-up answers (participants' and line managers') from those who
  attended, and how many of them said practice changed (yes or partly); and the impact
  examples linked to the finding.
- An agency lead sees only their own agency's staff in every figure, as in the rest of the
  analysis; those who oversee training see everyone's.

A fixed handful of queries, whatever the number of findings, courses and places.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone

from partnership import selectors as core_selectors
from partnership.models import Recommendation

from ..models import Attendee, Course, FollowUp
from . import queries
from .figures import CHANGED, percent
from .queries import Scope
from .summary import _agency_scope


@dataclass
class AgencyLine:
    """Places booked and attended by one agency's staff (or a group's)."""

    label: str
    places: int = 0
    attended: int = 0
    no_shows: int = 0

    @property
    def attendance_rate(self) -> float | None:
        """Attended, as a % of the places whose attendance has been marked."""
        return percent(self.attended, self.attended + self.no_shows)

    def add(self, places: int, attended: int, no_shows: int) -> None:
        self.places += places
        self.attended += attended
        self.no_shows += no_shows


@dataclass(frozen=True)
class CourseLine:
    id: int
    title: str
    level: int
    url: str


@dataclass(frozen=True)
class LinkedExample:
    """An impact example (a follow-up answer) linked to the finding."""

    follow_up_id: int
    course: str
    respondent: str
    practice_changed: str
    example: str
    url: str


@dataclass
class FindingRow:
    """One finding, the courses answering it, and their figures for the year."""

    finding_id: int
    finding_title: str
    source_id: int
    source_title: str
    url: str
    courses: list[CourseLine] = field(default_factory=list)
    named: list[AgencyLine] = field(default_factory=list)  # one per agency named, by name
    named_total: AgencyLine = field(default_factory=lambda: AgencyLine("Agencies named"))
    others: AgencyLine = field(default_factory=lambda: AgencyLine("Other agencies and organisations"))
    responses: int = 0  # three-month follow-up answers from those who attended
    changed: int = 0  # of which: practice changed (yes or partly)
    impact_examples: list[LinkedExample] = field(default_factory=list)

    @property
    def changed_share(self) -> float | None:
        return percent(self.changed, self.responses)

    @property
    def named_agencies(self) -> str:
        return ", ".join(line.label for line in self.named)


def findings_analysis(year: int, *, user, as_of=None, agency=None) -> list[FindingRow]:
    """The findings answered by the year's courses that `user` may see, by source then finding,
    with the figures described in the module's docstring."""
    scope = Scope(year=year, as_of=as_of or timezone.now(), agency_ids=_agency_scope(user, agency))
    visible = core_selectors.findings_visible_to(user).prefetch_related(None)
    # 1. The links between the year's courses and the findings the person may see.
    links = list(
        Course.findings.through.objects.filter(
            course__in=Course.objects.filter(scope.course_q()), finding__in=visible
        )
        .order_by(
            "finding__source__title", "finding__source_id", "finding_id", "course__level", "course__title"
        )
        .values(
            "finding_id",
            "finding__title",
            "finding__source_id",
            "finding__source__title",
            "course_id",
            "course__title",
            "course__level",
        )
    )
    if not links:
        return []
    rows: dict[int, FindingRow] = {}
    courses_of: dict[int, list[int]] = defaultdict(list)
    for link in links:
        row = rows.get(link["finding_id"])
        if row is None:
            row = rows[link["finding_id"]] = FindingRow(
                finding_id=link["finding_id"],
                finding_title=link["finding__title"],
                source_id=link["finding__source_id"],
                source_title=link["finding__source__title"],
                url=reverse("partnership:source-detail", args=[link["finding__source_id"]])
                + f"#finding-{link['finding_id']}",
            )
        row.courses.append(
            CourseLine(
                link["course_id"],
                link["course__title"],
                link["course__level"],
                reverse("training:course-detail", args=[link["course_id"]]),
            )
        )
        courses_of[link["finding_id"]].append(link["course_id"])
    course_ids = {c for ids in courses_of.values() for c in ids}

    # 2. The agencies each source's recommendations name.
    named = named_agencies({row.source_id for row in rows.values()})

    # 3. Places and attendance per (course, agency).
    places = (
        Attendee.objects.filter(scope.places_q(), session__course_id__in=course_ids)
        .order_by()
        .values("session__course_id", "agency_id", "agency__name")
        .annotate(
            places=Count("pk"),
            attended_n=Count("pk", filter=Q(attended=True)),
            no_shows=Count("pk", filter=Q(attended=False)),
        )
    )
    by_course: dict[int, list[dict]] = defaultdict(list)
    for group in places:
        by_course[group["session__course_id"]].append(group)

    # 4. The three-month answers per course, from those who attended.
    answers = {
        r["attendee__session__course_id"]: (r["n"], r["changed"])
        for r in FollowUp.objects.filter(
            scope.places_q("attendee__"), attendee__attended=True, attendee__session__course_id__in=course_ids
        )
        .order_by()
        .values("attendee__session__course_id")
        .annotate(n=Count("pk"), changed=Count("pk", filter=Q(practice_changed__in=CHANGED)))
    }

    # 5. The impact examples linked to the findings (from the year's courses in scope).
    examples: dict[int, list[LinkedExample]] = defaultdict(list)
    for f in (
        queries.impact_examples(scope)
        .filter(finding_id__in=rows)
        .select_related(None)
        .select_related("attendee__session__course")
        .prefetch_related(None)
    ):
        examples[f.finding_id].append(
            LinkedExample(
                follow_up_id=f.pk,
                course=f.attendee.session.course.title,
                respondent=f.get_respondent_display(),
                practice_changed=f.get_practice_changed_display(),
                example=f.example,
                url=reverse("training:impact-example-detail", args=[f.pk]),
            )
        )

    for finding_id, row in rows.items():
        names = named.get(row.source_id, {})
        lines = {agency_id: AgencyLine(name) for agency_id, name in names.items()}
        for course_id in courses_of[finding_id]:
            for group in by_course.get(course_id, ()):
                counts = (group["places"], group["attended_n"], group["no_shows"])
                line = lines.get(group["agency_id"])
                if line is not None:
                    line.add(*counts)
                    row.named_total.add(*counts)
                else:
                    row.others.add(*counts)
            responses, changed = answers.get(course_id, (0, 0))
            row.responses += responses
            row.changed += changed
        # An agency lead sees only their own agency among the named.
        row.named = sorted(
            (
                line
                for agency_id, line in lines.items()
                if scope.agency_ids is None or agency_id in scope.agency_ids
            ),
            key=lambda line: line.label.lower(),
        )
        row.impact_examples = examples.get(finding_id, [])
    return list(rows.values())


def named_agencies(source_ids) -> dict[int, dict[int, str]]:
    """{source id: {agency id: name}}: the agencies the sources' recommendations name. One query."""
    named: dict[int, dict[int, str]] = defaultdict(dict)
    for r in (
        Recommendation.agencies.through.objects.filter(recommendation__source_id__in=source_ids)
        .order_by()
        .values("recommendation__source_id", "agency_id", "agency__name")
        .distinct()
    ):
        named[r["recommendation__source_id"]][r["agency_id"]] = r["agency__name"]
    return dict(named)
