"""What serves a priority, and the progress it suggests: the parts of a priority's page.

Every app that can link a record to a priority offers a part of the priority's page through the
PRIORITY_PARTS extension point (`partnership.extensions`); the core offers its own (sources of
learning, findings, actions, briefings) first. Each part lists only what the person could open
anyway (each reads through its own `*_visible_to` selectors), so the evidence a person is shown,
and the progress it suggests, is the evidence they may see.

The progress rule is `suggested_progress`; the page shows its sentence beside the judgement
the business unit or the owning subgroup's chair records (`PriorityAssessment`).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field, replace

from django.utils import timezone

from . import extensions as ext
from . import selectors
from .models import LearningSource, Rag
from .models.priorities import PROGRESS_TAG_COLOURS, ProgressRating


@dataclass(frozen=True)
class PriorityRow:
    """One record that serves a priority: its label, its page, and its status in words (with
    a GOV.UK tag colour when the status is a state such as RAG, "" for plain text)."""

    label: str
    url: str = ""
    status: str = ""
    tag: str = ""
    detail: str = ""
    source_id: int | None = None  # the source of learning the row is, when it is one


@dataclass(frozen=True)
class PriorityPart:
    """A section of a priority's page: a heading, its rows, a sentence of evidence, and how many
    pieces of evidence count towards progress (`on_track`) and against it (`behind`).
    `empty` says what to do when there are no rows; `add_url`/`add_label` offer to add one."""

    heading: str
    rows: list[PriorityRow] = field(default_factory=list)
    evidence: str = ""
    empty: str = ""
    on_track: int = 0
    behind: int = 0
    add_url: str = ""
    add_label: str = ""
    # The sources of learning this part lists under its own heading (a multi-agency audit is
    # one): the core's "Sources of learning" part leaves them out, so nothing is listed twice.
    shows_sources: frozenset[int] = frozenset()


@dataclass(frozen=True)
class Progress:
    """The progress the evidence suggests, and the sentence that says why."""

    rating: ProgressRating
    reason: str

    @property
    def label(self) -> str:
        return self.rating.label

    @property
    def tag_colour(self) -> str:
        return PROGRESS_TAG_COLOURS[self.rating]


def suggested_progress(parts: list[PriorityPart]) -> Progress:
    """The progress the evidence suggests, by this rule:

    Each part counts pieces of evidence on track (a measure whose latest value meets its target;
    a linked action that is complete, or open and green) and behind (a measure whose latest value
    does not meet its target; a linked action that is red: overdue or off track). Amber actions,
    actions not yet due and measures with no value yet count neither way.

    - nothing counted: "Little or no progress" (nothing yet shows progress);
    - something on track and nothing behind: "On track";
    - at least as much on track as behind: "Some progress";
    - more behind than on track: "Little or no progress".
    """
    on_track = sum(p.on_track for p in parts)
    behind = sum(p.behind for p in parts)
    counted = f"{on_track} on track, {behind} behind"
    if on_track == 0 and behind == 0:
        return Progress(
            ProgressRating.LITTLE_PROGRESS,
            "Nothing yet shows progress: no measure has a value and no linked action is complete or on track.",
        )
    if behind == 0:
        return Progress(ProgressRating.ON_TRACK, f"Everything counted is on track ({counted}).")
    if on_track >= behind:
        return Progress(ProgressRating.SOME_PROGRESS, f"At least as much is on track as behind ({counted}).")
    return Progress(ProgressRating.LITTLE_PROGRESS, f"More is behind than on track ({counted}).")


def _plural(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"


def _serve(n: int) -> str:
    return "serves" if n == 1 else "serve"


def action_counts(actions) -> tuple[int, int, int]:
    """(complete, open and green, red) among actions annotated with `rag`."""
    complete = sum(1 for a in actions if a.rag == Rag.COMPLETE)
    green = sum(1 for a in actions if a.rag == Rag.GREEN)
    red = sum(1 for a in actions if a.rag == Rag.RED)
    return complete, green, red


def concrete_relations() -> list[str]:
    """The accessors from a LearningSource to each source app's record behind it, so that a list
    of sources can fetch them in one query (each source's page is its concrete record's)."""
    from .models import SourceOfLearning

    return [
        relation.get_accessor_name()
        for relation in LearningSource._meta.related_objects
        if relation.one_to_one and issubclass(relation.related_model, SourceOfLearning)
    ]


SOURCES_HEADING = "Sources of learning"
SOURCES_EMPTY = (
    'No source of learning is linked yet. Link one from its page: "Change the priorities", under '
    '"Priorities it serves".'
)


def core_priority_parts(priority, user, *, today: datetime.date) -> list[PriorityPart]:
    """The core's parts: the sources of learning, findings, actions and briefings linked to the
    priority that the person may open."""
    sources = list(
        selectors.sources_visible_to(user)
        .filter(priorities=priority)
        .select_related(*concrete_relations())
        .order_by("-date", "title")
    )
    findings = list(
        selectors.findings_visible_to(user)
        .filter(priorities=priority)
        .select_related("source", *(f"source__{name}" for name in concrete_relations()))
        .order_by("source__date", "pk")
    )
    actions = list(
        selectors.actions_visible_to(user, today=today).filter(priorities=priority).order_by("due_date", "pk")
    )
    briefings = list(selectors.briefings_visible_to(user).filter(priorities=priority).order_by("-pk"))
    complete, green, red = action_counts(actions)
    return [
        PriorityPart(
            heading=SOURCES_HEADING,
            rows=[
                PriorityRow(
                    s.title, s.get_absolute_url(), s.get_kind_display(), detail=f"{s.date:%Y}", source_id=s.pk
                )
                for s in sources
            ],
            evidence=f"{_plural(len(sources), 'source')} of learning {_serve(len(sources))} this priority.",
            empty=SOURCES_EMPTY,
        ),
        PriorityPart(
            heading="Findings",
            rows=[
                PriorityRow(f.title, f.get_absolute_url(), f.get_kind_display(), detail=f.source.title)
                for f in findings
            ],
            evidence=f"{_plural(len(findings), 'finding')} bear on this priority.",
            empty="No finding is linked yet. Link one from its edit page.",
        ),
        PriorityPart(
            heading="Linked actions",
            rows=[
                PriorityRow(
                    str(a),
                    a.get_absolute_url(),
                    status=a.get_status_display(),
                    tag=a.rag,
                    detail=f"Due {a.due_date.day} {a.due_date:%B %Y}",
                )
                for a in actions
            ],
            evidence=f"Of {_plural(len(actions), 'linked action')}, {complete} complete, "
            f"{green} open and on track (green), {red} overdue or off track (red).",
            empty="No action is linked yet. Link actions when you add them to a plan, such as the business plan.",
            on_track=complete + green,
            behind=red,
        ),
        PriorityPart(
            heading="Learning briefings",
            rows=[PriorityRow(b.title, b.get_absolute_url(), b.get_status_display()) for b in briefings],
            evidence=f"{_plural(len(briefings), 'briefing')} disseminate learning for this priority.",
            empty="No briefing is linked yet. Link one from its edit page.",
        ),
    ]


def priority_parts(priority, user, *, today: datetime.date | None = None) -> list[PriorityPart]:
    """Every part registered for PRIORITY_PARTS (the core's first), for this person."""
    today = today or timezone.localdate()
    parts: list[PriorityPart] = []
    for parts_of in ext.registered(ext.PRIORITY_PARTS):
        parts.extend(parts_of(priority, user, today=today))
    return _listed_once(parts)


def _listed_once(parts: list[PriorityPart]) -> list[PriorityPart]:
    """Leave out of the core's "Sources of learning" the sources another part lists under its
    own heading (with its own evidence), so each counts once."""
    shown_elsewhere = frozenset().union(*(p.shows_sources for p in parts))
    if not shown_elsewhere:
        return parts
    listed = []
    for part in parts:
        if part.heading == SOURCES_HEADING and not part.shows_sources:
            rows = [row for row in part.rows if row.source_id not in shown_elsewhere]
            evidence = (
                f"{_plural(len(rows), 'other source')} of learning {_serve(len(rows))} this priority, "
                "besides those listed under their own headings."
            )
            part = replace(part, rows=rows, evidence=evidence)
        listed.append(part)
    return listed
