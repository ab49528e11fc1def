"""The annual report's governance section, hand-counted on a small year of meetings: the
structure with the meetings each body held, attendance by agency as "attended of invited",
decisions and escalations. The figures come from the governance app through the core's
ANNUAL_REPORT_PARTS, since the report may not import it."""

import datetime

import pytest
import time_machine

from dashboards.report.figures import governance
from dashboards.report.figures.base import Year
from dashboards.report.models import ReportGovernanceLinks
from governance.models import Body, Meeting
from governance.report_parts import attended_of_invited
from partnership import extensions as ext
from partnership.models import Agency
from tests.factories import ActionFactory, AgencyFactory
from tests.governance.factories import (
    AgendaItemFactory,
    AttendanceFactory,
    DecisionFactory,
    HighlightReportFactory,
    MeetingFactory,
)

pytestmark = pytest.mark.django_db
D = datetime.date
TODAY = "2026-11-30 12:00:00+00:00"
PRESENT, APOLOGIES, ABSENT = "present", "apologies", "absent"


def table(section, starts: str):
    found = [t for t in section.tables if t.caption.startswith(starts)]
    assert found, f"no table {starts!r} in {[t.caption for t in section.tables]}"
    return found[0]


def small_year(w):
    """2025/26 (1 April 2025 to 31 March 2026): two executive meetings held, a subgroup meeting
    held and one cancelled; a subgroup meeting after the year and an executive meeting before it."""
    AgencyFactory(name="Northbrook Police", partner_status=Agency.PartnerStatus.STATUTORY_PARTNER)
    w.subgroup_chair.job_title = "Head of Quality Assurance"
    w.subgroup_chair.save()
    executive = {"body": Body.EXECUTIVE, "subgroup": None, "title": "Executive"}
    e1 = MeetingFactory(date=D(2025, 6, 11), **executive)
    e2 = MeetingFactory(date=D(2025, 12, 10), **executive)
    s1 = MeetingFactory(subgroup=w.subgroup, date=D(2025, 9, 17))
    MeetingFactory(subgroup=w.subgroup, date=D(2025, 11, 12), status=Meeting.Status.CANCELLED)
    after = MeetingFactory(subgroup=w.subgroup, date=D(2026, 4, 15))
    before = MeetingFactory(date=D(2025, 3, 12), **executive)
    # Our agency: present at E1, E2 and S1. The other: apologies at E1, present at E2, absent at S1.
    for meeting, ours, theirs in ((e1, PRESENT, APOLOGIES), (e2, PRESENT, PRESENT), (s1, PRESENT, ABSENT)):
        AttendanceFactory(meeting=meeting, agency=w.agency, status=ours)
        AttendanceFactory(meeting=meeting, agency=w.other_agency, status=theirs)
    for meeting in (after, before):  # outside the year: not counted
        AttendanceFactory(meeting=meeting, agency=w.other_agency, status=PRESENT)
        DecisionFactory(meeting=meeting)
    # Decisions: at E2 an action agreed and a note, at S1 a note.
    DecisionFactory(meeting=e2, kind="action", action=ActionFactory())
    DecisionFactory(meeting=e2)
    DecisionFactory(meeting=s1)
    # Escalations: one item the framework placed on E2's agenda (a person's item is not one),
    # and one of two highlight reports to E2 asking for the executive's support.
    AgendaItemFactory(meeting=e2, placed_for="section11-escalation:1")
    AgendaItemFactory(meeting=e2)
    HighlightReportFactory(
        meeting=e2, subgroup=w.subgroup, submitted=True, support_needed="Name a health lead."
    )
    HighlightReportFactory(meeting=e2, subgroup=w.other_subgroup, submitted=True)


@time_machine.travel(TODAY, tick=False)
def test_the_governance_section_counts_meetings_attendance_decisions_and_escalations(world):
    small_year(world)
    section = governance.governance(Year.of(2025, world.business_unit))
    facts = dict(section.facts)
    assert facts["Meetings held (the executive, the board and the subgroups)"] == "3"  # E1, E2, S1
    # Places: 3 + 1 of 6 (the other agency's apologies and absence are not attendance).
    assert facts["Agency places filled at those meetings"] == "4 of 6 (67%)"
    assert facts["Decisions taken"] == "3"
    assert facts["Of which agreed an action"] == "1"
    assert facts["Matters escalated to the executive by the framework"] == "1"
    assert facts["Subgroups' highlight reports to the executive or the board"] == "2"
    assert facts["Of which asked the executive for a decision or support"] == "1"

    attendance = table(section, "Attendance by agency").rows
    assert attendance == [
        ["Eastmoor Health Trust", "1 of 3 (33%)"],
        ["Northbrook Council Children's Services", "3 of 3 (100%)"],
    ]
    structure = {row[0]: row[1:] for row in table(section, "The partnership's structure").rows}
    assert structure["The executive"] == ["The safeguarding partners: Northbrook Police", "2", "0"]
    # The chair is named by role and agency, never by name: the report is published.
    assert structure["Learning and Improvement"] == [
        "Chaired by: Head of Quality Assurance, Northbrook Council Children's Services",
        "1",
        "1",
    ]
    assert structure["Training"] == ["Chaired by: No chair at present", "0", "0"]
    assert "The board" not in structure  # it did not meet
    assert "Chris Chair" not in str(section.tables)


@time_machine.travel(TODAY, tick=False)
def test_the_links_with_the_other_boards_print_those_written(world):
    ReportGovernanceLinks.objects.create(
        year=2025, adults_board="A joint transitions protocol.", health_wellbeing=""
    )
    section = governance.governance(Year.of(2025, world.business_unit))
    assert table(section, "How we worked with the other partnerships").rows == [
        ["Safeguarding Adults Board", "A joint transitions protocol."]
    ]
    facts = dict(section.facts)  # a year with no meetings says so in its figures
    assert facts["Meetings held (the executive, the board and the subgroups)"] == "0"
    assert facts["Agency places filled at those meetings"] == "No attendance recorded"


def test_the_governance_figures_are_registered_with_the_core():
    sections = [part.section for part in ext.registered(ext.ANNUAL_REPORT_PARTS)]
    assert "governance" in sections


def test_attended_of_invited_reads_as_a_count_and_a_percentage():
    assert attended_of_invited(2, 3) == "2 of 3 (67%)"
    assert attended_of_invited(0, 0) == "Not invited"


@time_machine.travel(TODAY, tick=False)
def test_the_governance_figures_cost_the_same_queries_however_many_meetings(world):
    from tests.queries import capturing

    def cost() -> int:
        with capturing() as captured:
            governance.governance(Year.of(2025, world.business_unit))
        return len(captured)

    small_year(world)
    cost()  # the person's roles are read once, then remembered
    before = cost()
    # Twice the meetings, a new agency at each, a new subgroup with a chair: the same queries.
    new_agency = AgencyFactory(name="Northbrook Homes")
    for meeting in Meeting.objects.filter(date__year=2025):
        copy = MeetingFactory(body=meeting.body, subgroup=meeting.subgroup, date=meeting.date, title="Again")
        AttendanceFactory(meeting=copy, agency=new_agency, status=PRESENT)
        DecisionFactory(meeting=copy)
    from partnership.models import Role
    from tests.factories import RoleAssignmentFactory, SubgroupFactory, UserFactory

    RoleAssignmentFactory(user=UserFactory(), role=Role.SUBGROUP_CHAIR, subgroup=SubgroupFactory(name="CDOP"))
    assert cost() == before
