"""The plain records the training analysis returns: counts that add up, and rates derived from them.

`Figures` holds only additive counts and sums (places booked, ratings summed, answers counted…),
so the figures of a level, an agency or the whole year are the sums of smaller groups' figures;
every rate and mean is a property computed from those counts, never averaged from averages.

Rates are percentages (0 to 100) rounded to one decimal place, means are rounded to two; a
rate or mean with nothing to divide by is None (shown as "No data"), never 0.
"""

from __future__ import annotations

import datetime
from dataclasses import asdict, dataclass, field, fields

# Answers to "has practice changed?" that count as a change, and the one that counts as none.
CHANGED = ("yes", "partly")
NOT_CHANGED = "no"


def percent(part: int, whole: int) -> float | None:
    """`part` as a percentage of `whole`, to one decimal place; None when `whole` is 0."""
    if not whole:
        return None
    return round(100 * part / whole, 1)


def mean(total: int | float, count: int) -> float | None:
    """`total / count` to two decimal places; None when `count` is 0."""
    if not count:
        return None
    return round(total / count, 2)


@dataclass
class Figures:
    """One group's training figures (a course, a level, an agency, the year).

    Attendance is counted on delivered sessions only (scheduled, not cancelled, started by the
    time of the analysis) and on confirmed places (status "booked"): waiting, cancelled,
    declined and awaiting-approval places are not places booked.
    """

    sessions_delivered: int = 0
    places_booked: int = 0
    attended: int = 0
    no_shows: int = 0  # booked and marked as not attended
    not_marked: int = 0  # booked, attendance not yet marked
    evaluations: int = 0  # on-the-day evaluations by those who attended
    rating_total: int = 0  # the evaluations' overall ratings (1 to 5) added up
    confidence_answers: int = 0  # (evaluation, learning outcome) pairs answered
    confidence_before_total: int = 0
    confidence_after_total: int = 0
    sampled: int = 0  # attended and drawn for the three-month follow-up
    participant_answers: int = 0
    participant_changed: int = 0  # said yes or partly
    manager_answers: int = 0
    manager_changed: int = 0  # saw a change: yes or partly
    pairs: int = 0  # participant and manager both said yes, partly or no
    pairs_agreeing: int = 0  # both said changed (yes or partly), or both said no
    impact_examples: int = 0

    def add(self, other: Figures) -> None:
        """Add another group's counts to these."""
        # Straight on the instances' dicts: the analysis adds thousands of groups per page.
        mine, theirs = self.__dict__, other.__dict__
        for name in COUNTS:
            mine[name] += theirs[name]

    @property
    def attendance_rate(self) -> float | None:
        """Attended, as a % of the places whose attendance has been marked."""
        return percent(self.attended, self.attended + self.no_shows)

    @property
    def no_show_rate(self) -> float | None:
        return percent(self.no_shows, self.attended + self.no_shows)

    @property
    def evaluation_rate(self) -> float | None:
        """Evaluations returned, as a % of those who attended."""
        return percent(self.evaluations, self.attended)

    @property
    def mean_rating(self) -> float | None:
        """The mean overall rating, 1 (poor) to 5 (excellent)."""
        return mean(self.rating_total, self.evaluations)

    @property
    def confidence_before(self) -> float | None:
        return mean(self.confidence_before_total, self.confidence_answers)

    @property
    def confidence_after(self) -> float | None:
        return mean(self.confidence_after_total, self.confidence_answers)

    @property
    def confidence_shift(self) -> float | None:
        """Mean confidence after minus before, over every outcome answered (1 to 5 scale)."""
        return mean(self.confidence_after_total - self.confidence_before_total, self.confidence_answers)

    @property
    def participant_rate(self) -> float | None:
        """Participants' follow-ups returned, as a % of those sampled."""
        return percent(self.participant_answers, self.sampled)

    @property
    def manager_rate(self) -> float | None:
        """Line managers' follow-ups returned, as a % of those sampled."""
        return percent(self.manager_answers, self.sampled)

    @property
    def participant_changed_share(self) -> float | None:
        """Participants who say their practice changed (yes or partly), as a % of their answers."""
        return percent(self.participant_changed, self.participant_answers)

    @property
    def manager_changed_share(self) -> float | None:
        """Managers who saw a change (yes or partly), as a % of their answers."""
        return percent(self.manager_changed, self.manager_answers)

    @property
    def agreement_rate(self) -> float | None:
        """Of the pairs where participant and manager both answered yes, partly or no: the % who
        agree (both see a change, or both see none). "Not able to say" is not counted."""
        return percent(self.pairs_agreeing, self.pairs)

    DERIVED = (
        "attendance_rate",
        "no_show_rate",
        "evaluation_rate",
        "mean_rating",
        "confidence_before",
        "confidence_after",
        "confidence_shift",
        "participant_rate",
        "manager_rate",
        "participant_changed_share",
        "manager_changed_share",
        "agreement_rate",
    )

    def as_dict(self) -> dict:
        """The counts and the derived rates and means, as a plain dict."""
        return {**asdict(self), **{name: getattr(self, name) for name in self.DERIVED}}


COUNTS = tuple(f.name for f in fields(Figures))


@dataclass
class Row:
    """A line of a table: what it is about (`key`: a course id, a level, an agency id or None
    for people from other organisations), its label, and its figures."""

    key: int | None
    label: str
    figures: Figures = field(default_factory=Figures)
    level: int | None = None  # for a course: its level

    def as_dict(self) -> dict:
        return {"key": self.key, "label": self.label, "level": self.level, **self.figures.as_dict()}


@dataclass
class OutcomeRow:
    """Confidence before and after for one learning outcome of a course."""

    outcome_id: int
    course_id: int
    course: str
    number: int
    text: str
    answers: int = 0
    before_total: int = 0
    after_total: int = 0

    @property
    def before(self) -> float | None:
        return mean(self.before_total, self.answers)

    @property
    def after(self) -> float | None:
        return mean(self.after_total, self.answers)

    @property
    def shift(self) -> float | None:
        return mean(self.after_total - self.before_total, self.answers)

    def as_dict(self) -> dict:
        return {**asdict(self), "before": self.before, "after": self.after, "shift": self.shift}


@dataclass
class ImpactExample:
    """A follow-up answer with an example of changed practice: an impact example (results)."""

    follow_up_id: int
    respondent: str  # "Participant" or "Line manager"
    course_id: int
    course: str
    level: int
    agency_id: int | None
    agency: str
    session_date: datetime.date
    practice_changed: str  # the answer's label: "Yes", "Partly"…
    example: str
    how: str
    difference_for_children: str
    submitted_on: datetime.date
    themes: list[str] = field(default_factory=list)
    # The action or finding it answers, when tagged and the person may see it: (id, text, url).
    action: tuple[int, str, str] | None = None
    finding: tuple[int, str, str] | None = None

    def as_dict(self) -> dict:
        return asdict(self)


@dataclass
class LevelCoverage:
    """An agency's staff in scope and trained at one level, from its coverage return."""

    in_scope: int = 0
    trained: int = 0
    returned: bool = False  # whether the agency made a return for this level

    @property
    def percent(self) -> float | None:
        return percent(self.trained, self.in_scope)

    def add(self, other: LevelCoverage) -> None:
        self.in_scope += other.in_scope
        self.trained += other.trained
        self.returned = self.returned or other.returned


@dataclass
class CoverageRow:
    """One agency's single-agency training coverage for the year, by level (1, 2, 3)."""

    agency_id: int | None  # None for the partnership-wide total
    agency: str
    levels: dict[int, LevelCoverage] = field(default_factory=dict)

    @property
    def total(self) -> LevelCoverage:
        total = LevelCoverage()
        for level in self.levels.values():
            total.add(level)
        return total

    def as_dict(self) -> dict:
        return {
            "agency_id": self.agency_id,
            "agency": self.agency,
            "levels": {
                level: {"in_scope": c.in_scope, "trained": c.trained, "percent": c.percent}
                for level, c in self.levels.items()
            },
            "total": {
                "in_scope": self.total.in_scope,
                "trained": self.total.trained,
                "percent": self.total.percent,
            },
        }
