"""The governance section's figures for the partnership's annual report (the core's
ANNUAL_REPORT_PARTS; the report itself may not import this app).

For a reporting year, as the person producing the report sees the meetings
(`selectors.meetings_visible_to`):

- the structure: the executive (the safeguarding partners), the board if it met, and each
  active subgroup with its chair's role (never the person's name: the report is published),
  with the meetings each body held in the year and how many were cancelled;
- attendance by agency at the meetings held: "attended of invited", where an agency was invited
  to a meeting when its attendance was recorded there (present, apologies or absent), with the
  percentage;
- the decisions taken at those meetings (and how many agreed an action), and the escalations:
  matters the framework placed on the executive's agenda itself (Section 11 improvements still
  outstanding six months after the overview); the subgroups' highlight reports to the executive
  or the board (how the subgroups reported), and how many asked for a decision or support.

A fixed number of queries, however many meetings, agencies and subgroups there are.
"""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict

from django.db.models import Count, Q

from partnership import extensions as ext
from partnership import selectors as core
from partnership.models import Role
from partnership.models.organisation import PartnerStatus

from . import selectors
from .models import (
    Attendance,
    AttendanceStatus,
    Body,
    Decision,
    DecisionKind,
    HighlightReport,
    HighlightStatus,
    MeetingStatus,
)

SECTION = "governance"


def _percent(part: int, whole: int) -> str:
    return f"{round(100 * part / whole)}%" if whole else "No meetings"


def attended_of_invited(attended: int, invited: int) -> str:
    """ "9 of 12 (75%)": how many meetings an agency came to of those it was invited to."""
    return f"{attended} of {invited} ({_percent(attended, invited)})" if invited else "Not invited"


def _chair_role(subgroup) -> str:
    chairs = [a.user for a in getattr(subgroup, "seat_assignments", []) if a.role == Role.SUBGROUP_CHAIR]
    if not chairs:
        return "No chair at present"
    roles = []
    for person in chairs:
        agency = person.agency.name if person.agency_id else ""
        roles.append(
            ", ".join(part for part in (person.job_title, agency) if part) or "A partner's representative"
        )
    return "; ".join(roles)


def governance_figures(first_day: datetime.date, last_day: datetime.date, user) -> ext.ReportFigures:
    """The year's governance figures (the module's docstring says which)."""
    meetings = selectors.meetings_visible_to(user).filter(date__range=(first_day, last_day))
    by_body = defaultdict(Counter)  # (body, subgroup id) -> {status: n}
    for row in meetings.order_by().values("body", "subgroup_id", "status").annotate(n=Count("pk")):
        by_body[(row["body"], row["subgroup_id"])][row["status"]] += row["n"]
    held = meetings.filter(status=MeetingStatus.HELD)

    statutory = list(
        core.agencies_visible_to(user)
        .filter(active=True, partner_status=PartnerStatus.STATUTORY_PARTNER)
        .order_by("name")
        .values_list("name", flat=True)
    )
    subgroups = list(core.subgroups_visible_to(user).filter(active=True).order_by("name"))
    _with_agencies(subgroups)

    def meetings_of(key) -> tuple[str, str]:
        counts = by_body.get(key, Counter())
        return str(counts["held"]), str(counts["cancelled"])

    structure = [
        ["The executive", "The safeguarding partners: " + (", ".join(statutory) or "not recorded"),
         *meetings_of((Body.EXECUTIVE, None))],
    ]  # fmt: skip
    if by_body.get((Body.BOARD, None)):
        structure.append(
            [
                "The board",
                "The safeguarding partners and the relevant agencies",
                *meetings_of((Body.BOARD, None)),
            ]
        )
    for subgroup in subgroups:
        structure.append(
            [
                subgroup.name,
                f"Chaired by: {_chair_role(subgroup)}",
                *meetings_of((Body.SUBGROUP, subgroup.pk)),
            ]
        )

    attendance = (
        Attendance.objects.filter(meeting__in=held)
        .order_by()
        .values("agency__name")
        .annotate(invited=Count("pk"), attended=Count("pk", filter=Q(status=AttendanceStatus.PRESENT)))
    )
    attendance = sorted(attendance, key=lambda row: row["agency__name"])
    decisions = Decision.objects.filter(meeting__in=held).aggregate(
        taken=Count("pk"), actions=Count("pk", filter=Q(kind=DecisionKind.ACTION))
    )
    placed = (
        selectors.agenda_items_visible_to(user)
        .filter(meeting__in=held, meeting__body__in=[Body.EXECUTIVE, Body.BOARD])
        .exclude(placed_for="")
        .count()
    )
    reports = HighlightReport.objects.filter(
        meeting__in=held, status=HighlightStatus.SUBMITTED, meeting__body__in=[Body.EXECUTIVE, Body.BOARD]
    ).aggregate(submitted=Count("pk"), asked=Count("pk", filter=~Q(support_needed="")))
    held_count = sum(counts["held"] for counts in by_body.values())
    invited = sum(row["invited"] for row in attendance)
    attended = sum(row["attended"] for row in attendance)
    return ext.ReportFigures(
        facts=[
            ("Meetings held (the executive, the board and the subgroups)", str(held_count)),
            (
                "Agency places filled at those meetings",
                attended_of_invited(attended, invited) if invited else "No attendance recorded",
            ),
            ("Decisions taken", str(decisions["taken"])),
            ("Of which agreed an action", str(decisions["actions"])),
            ("Matters escalated to the executive by the framework", str(placed)),
            ("Subgroups' highlight reports to the executive or the board", str(reports["submitted"])),
            ("Of which asked the executive for a decision or support", str(reports["asked"])),
        ],
        tables=[
            ext.ReportTable(
                "The partnership's structure and its meetings in the year",
                ["Body", "Who leads it", "Meetings held", "Meetings cancelled"],
                structure,
            ),
            ext.ReportTable(
                "Attendance by agency at the meetings held",
                ["Agency", "Meetings attended of those invited to"],
                [
                    [row["agency__name"], attended_of_invited(row["attended"], row["invited"])]
                    for row in attendance
                ],
            ),
        ],
    )


def _with_agencies(subgroups) -> None:
    """Load the chairs' agencies in one query (the selector prefetches the seats' users)."""
    from partnership.models import Agency

    people = [a.user for s in subgroups for a in getattr(s, "seat_assignments", [])]
    agencies = Agency.objects.in_bulk({p.agency_id for p in people if p.agency_id})
    for person in people:
        if person.agency_id:
            person.agency = agencies[person.agency_id]


PART = ext.AnnualReportPart(SECTION, governance_figures)
