"""Did it stick? A re-audit's grades beside the grades of the audit it repeats.

Each line of enquiry of the re-audit that was copied from the earlier audit (`LineOfEnquiry.repeats`)
is compared with that earlier line, however it has been reworded or renumbered since: per line,
the grades the agencies gave (how many of each) and the share graded good or outstanding (the
standard); per agency, its grade on each line before and after. The change is "improved" when the
share meeting the standard (for an agency on one line: its grade) went up, "worse" when it went
down, "same" otherwise; a line new to the re-audit, or a side with no grades yet, is not compared.

This module only counts: which findings go in (those the person may see in both audits) is the
selector's business (`selectors.audit_comparison`).
"""

from dataclasses import dataclass, field

from .models import Grade

# Good or outstanding: the standard a line of enquiry is judged against.
MEETS_STANDARD = (Grade.OUTSTANDING, Grade.GOOD)
SCORES = {Grade.OUTSTANDING: 4, Grade.GOOD: 3, Grade.REQUIRES_IMPROVEMENT: 2, Grade.INADEQUATE: 1}

IMPROVED, SAME, WORSE = "improved", "same", "worse"
CHANGE_LABELS = {IMPROVED: "Improved", SAME: "No change", WORSE: "Worse", None: "Not compared"}


@dataclass
class Figures:
    """Grades given on one side of the comparison: how many of each, and how many met the standard."""

    counts: dict = field(default_factory=lambda: dict.fromkeys(Grade.values, 0))

    def add(self, grade: str) -> None:
        self.counts[grade] += 1

    @property
    def graded(self) -> int:
        return sum(self.counts.values())

    @property
    def meeting(self) -> int:
        return sum(self.counts[g] for g in MEETS_STANDARD)

    @property
    def percent(self) -> int | None:
        """The share meeting the standard, rounded to a whole per cent; None with no grades."""
        return round(100 * self.meeting / self.graded) if self.graded else None

    @property
    def summary(self) -> str:
        """ "2 of 4 (50%)", or "Not graded"."""
        return f"{self.meeting} of {self.graded} ({self.percent}%)" if self.graded else "Not graded"

    @property
    def distribution(self) -> list[tuple[str, int]]:
        """(grade label, count) for the grades given, best first."""
        return [(Grade(g).label, n) for g, n in self.counts.items() if n]


def change_between(before: Figures | None, after: Figures | None) -> str | None:
    """Improved, same or worse by the share meeting the standard (compared exactly, not rounded);
    None when either side has no grades."""
    if before is None or after is None or not before.graded or not after.graded:
        return None
    left, right = before.meeting * after.graded, after.meeting * before.graded
    return IMPROVED if right > left else WORSE if right < left else SAME


def grade_change(before: str | None, after: str | None) -> str | None:
    """One agency's grade on one line, before and after."""
    if not before or not after:
        return None
    difference = SCORES[after] - SCORES[before]
    return IMPROVED if difference > 0 else WORSE if difference < 0 else SAME


@dataclass
class LineComparison:
    line: object  # the re-audit's line of enquiry
    earlier_line: object | None  # the line it repeats; None for a line new to the re-audit
    before: Figures | None
    after: Figures
    change: str | None

    @property
    def change_label(self) -> str:
        return CHANGE_LABELS[self.change]


@dataclass
class GradeCell:
    line: object
    before: str | None  # a Grade value, or None when not graded
    after: str | None
    change: str | None

    @property
    def before_label(self) -> str:
        return Grade(self.before).label if self.before else "Not graded"

    @property
    def after_label(self) -> str:
        return Grade(self.after).label if self.after else "Not graded"

    @property
    def change_label(self) -> str:
        return CHANGE_LABELS[self.change]


@dataclass
class AgencyComparison:
    agency: object
    before: Figures  # the agency's grades on the lines compared
    after: Figures
    change: str | None
    cells: list[GradeCell]  # one for each line compared (a line new to the re-audit has none)

    @property
    def change_label(self) -> str:
        return CHANGE_LABELS[self.change]

    def cell_for(self, line) -> GradeCell | None:
        return next((cell for cell in self.cells if cell.line.pk == line.pk), None)


@dataclass
class Comparison:
    audit: object
    earlier: object
    lines: list[LineComparison]
    agencies: list[AgencyComparison]
    not_repeated: list  # the earlier audit's lines the re-audit no longer asks
    sees_all: bool  # False: only the person's own agencies' findings are counted

    @property
    def counts(self) -> dict[str, int]:
        """How many lines improved, stayed the same or got worse."""
        result = {IMPROVED: 0, SAME: 0, WORSE: 0}
        for row in self.lines:
            if row.change:
                result[row.change] += 1
        return result


def compare(
    *, audit, earlier, lines, earlier_lines, agencies, findings, earlier_findings, sees_all
) -> Comparison:
    """The comparison of `audit` (a re-audit) with `earlier`, from the findings given.

    `lines` and `earlier_lines` are the two audits' lines of enquiry in order, `agencies` the
    agencies to list (in order), `findings` and `earlier_findings` the findings to count."""
    earlier_by_pk = {line.pk: line for line in earlier_lines}
    after_grades = {(f.agency_id, f.line_of_enquiry_id): f.grade for f in findings}
    before_grades = {(f.agency_id, f.line_of_enquiry_id): f.grade for f in earlier_findings}
    agency_ids = {a.pk for a in agencies}

    rows = []
    for line in lines:
        earlier_line = earlier_by_pk.get(line.repeats_id)
        after = Figures()
        for (agency_id, line_id), grade in after_grades.items():
            if line_id == line.pk and agency_id in agency_ids:
                after.add(grade)
        before = None
        if earlier_line is not None:
            before = Figures()
            for (agency_id, line_id), grade in before_grades.items():
                if line_id == earlier_line.pk and agency_id in agency_ids:
                    before.add(grade)
        rows.append(LineComparison(line, earlier_line, before, after, change_between(before, after)))

    compared = [row for row in rows if row.earlier_line is not None]
    agency_rows = []
    for agency in agencies:
        before, after, cells = Figures(), Figures(), []
        for row in compared:
            was = before_grades.get((agency.pk, row.earlier_line.pk))
            now = after_grades.get((agency.pk, row.line.pk))
            if was and now:  # like for like: a line counts for the agency when graded in both
                before.add(was)
                after.add(now)
            cells.append(GradeCell(row.line, was, now, grade_change(was, now)))
        agency_rows.append(AgencyComparison(agency, before, after, change_between(before, after), cells))

    repeated = {row.earlier_line.pk for row in compared}
    not_repeated = [line for line in earlier_lines if line.pk not in repeated]
    return Comparison(audit, earlier, rows, agency_rows, not_repeated, sees_all)
