"""Matrix cases for meetings.

The business unit records everything; the partnership leads read everything; the subgroup's
chair and member read their subgroup's meetings (the chair records its decisions); an agency
lead reads a meeting their agency attended, without its confidential papers; everyone else gets
a 404 for a meeting and a 403 for the list. The executive's meeting here was attended by no
agency of the cast, so only the business unit and the partnership leads see it.

A meeting's board pack (the draft and its PDF) is read by the business unit and the partnership
leads and built and circulated by the business unit (403 for others who see the meeting); a
circulated version is read by them and by the people it was sent to (here the subgroup's chair,
even for the executive's meeting), and is a 404 for everyone else.
"""

from governance.models import Attendance, Body
from tests.governance.factories import (
    AgendaItemFactory,
    AttendanceFactory,
    DecisionFactory,
    HighlightReportFactory,
    MeetingFactory,
    PackRecipientFactory,
    PackVersionFactory,
    PaperFactory,
)

from . import SIGNED_IN, Case, only, scoped

RECORDER = {"business_unit"}
VIEWERS = {"business_unit", "partnership_lead", "subgroup_chair", "subgroup_member", "agency_lead",
           "other_agency_lead"}  # fmt: skip
# Who sees the subgroup's meeting the agency attended.
SEES = {"business_unit", "partnership_lead", "subgroup_chair", "subgroup_member", "agency_lead"}
SITS = {"business_unit", "partnership_lead", "subgroup_chair", "subgroup_member"}
EXECUTIVE_SEES = {"business_unit", "partnership_lead"}
# Who reads a meeting's board pack and every version; a recipient reads the version sent to them.
PACK_READERS = {"business_unit", "partnership_lead"}


def subgroup_meeting(w):
    meeting = MeetingFactory(subgroup=w.subgroup)
    AttendanceFactory(meeting=meeting, agency=w.agency, status=Attendance.Status.PRESENT)
    AttendanceFactory(meeting=meeting, agency=w.other_agency, status=Attendance.Status.APOLOGIES)
    DecisionFactory(meeting=meeting)
    return meeting


def executive_meeting(w):
    return MeetingFactory(body=Body.EXECUTIVE, subgroup=None, title="Executive")


def meeting_args(make):
    return lambda w: [make(w).pk]


def paper_args(confidential):
    return lambda w: [PaperFactory(meeting=subgroup_meeting(w), confidential=confidential).pk]


def version_args(make):
    """A circulated version of the meeting's pack, sent to the subgroup's chair only."""

    def build(w):
        version = PackVersionFactory(meeting=make(w))
        PackRecipientFactory(version=version, user=w.subgroup_chair)
        return [version.pk]

    return build


def pack_cases(make, label, sees):
    args = meeting_args(make)
    readers = PACK_READERS | {"subgroup_chair"}
    return [
        Case("governance:pack", args=args, label=label, expect=scoped(sees=sees, may=PACK_READERS)),
        Case("governance:pack-pdf", args=args, label=label, expect=scoped(sees=sees, may=PACK_READERS)),
        Case("governance:pack-scrutiny", args=args, label=label, expect=scoped(sees=sees, may=RECORDER)),
        Case("governance:pack-circulate", args=args, label=label, expect=scoped(sees=sees, may=RECORDER)),
        Case(
            "governance:pack-version",
            args=version_args(make),
            label=f"{label}, sent to the chair",
            expect=scoped(sees=readers, may=readers),
        ),
        Case(
            "governance:pack-version-pdf",
            args=version_args(make),
            label=f"{label}, sent to the chair",
            expect=scoped(sees=readers, may=readers),
        ),
    ]


def meeting_cases(make, label, sees):
    args = meeting_args(make)
    return [
        Case("governance:meeting-detail", args=args, label=label, expect=scoped(sees=sees, may=sees)),
        Case("governance:meeting-edit", args=args, label=label, expect=scoped(sees=sees, may=RECORDER)),
        Case("governance:meeting-attendance", args=args, label=label, expect=scoped(sees=sees, may=RECORDER)),
        Case("governance:meeting-agenda-add", args=args, label=label, expect=scoped(sees=sees, may=RECORDER)),
        Case("governance:meeting-paper-add", args=args, label=label, expect=scoped(sees=sees, may=RECORDER)),
        Case(
            "governance:agenda-item-edit",
            args=item_args(make),
            label=label,
            expect=scoped(sees=sees, may=RECORDER),
        ),
        Case(
            "governance:agenda-item-remove",
            args=item_args(make),
            label=label,
            expect=scoped(sees=sees, may=RECORDER),
        ),
        Case(
            "governance:agenda-item-move",
            args=item_args(make),
            label=label,
            method="post",
            data=lambda w: {"direction": "down"},
            expect=scoped(sees=sees, may=RECORDER, ok=302),
        ),
    ]


def item_args(make):
    """The second of two items on the meeting's agenda."""

    def build(w):
        meeting = make(w)
        AgendaItemFactory(meeting=meeting, number=1, title="Minutes")
        return [AgendaItemFactory(meeting=meeting, number=2, title="Section 11").pk]

    return build


CASES = [
    Case("governance:meeting-list", expect=only(VIEWERS)),
    Case(
        "governance:meeting-list",
        query="body=executive&year=2026&when=past&sort=-title&page=2",
        label="filtered",
        expect=only(VIEWERS),
    ),
    Case("governance:meeting-export", expect=only(VIEWERS)),
    Case(
        "governance:meeting-export", query="when=upcoming&sort=date", label="filtered", expect=only(VIEWERS)
    ),
    Case("governance:meeting-create", expect=only(RECORDER)),
    *meeting_cases(subgroup_meeting, "subgroup", SEES),
    *meeting_cases(executive_meeting, "executive", EXECUTIVE_SEES),
    *pack_cases(subgroup_meeting, "subgroup", SEES),
    *pack_cases(executive_meeting, "executive", EXECUTIVE_SEES),
    Case(
        "governance:meeting-decision-add",
        args=meeting_args(subgroup_meeting),
        label="subgroup",
        expect=scoped(sees=SEES, may=RECORDER | {"subgroup_chair"}),
    ),
    Case(
        "governance:meeting-decision-add",
        args=meeting_args(executive_meeting),
        label="executive",
        expect=scoped(sees=EXECUTIVE_SEES, may=RECORDER),
    ),
    Case(
        "governance:paper-download", args=paper_args(False), label="open", expect=scoped(sees=SEES, may=SEES)
    ),
    Case(
        "governance:paper-download",
        args=paper_args(True),
        label="confidential",
        expect=scoped(sees=SITS, may=SITS),
    ),
    Case(
        "governance:paper-remove",
        args=paper_args(False),
        label="open",
        expect=scoped(sees=SEES, may=RECORDER),
    ),
    Case(
        "governance:paper-remove",
        args=paper_args(True),
        label="confidential",
        expect=scoped(sees=SITS, may=RECORDER),
    ),
]


# --- highlight reports ----------------------------------------------------------------------
# A subgroup's report to the executive: its chair and the business unit write it (a partnership
# lead reads it: 403 on the form); a chair of another subgroup never sees a draft (404), but
# reads a submitted one (the chairs sit on the executive). The list of who has submitted is for
# the business unit and the partnership leads; a subgroup's own meeting has no such list (404).
WRITERS = {"business_unit", "subgroup_chair"}


def report_args(subgroup_of, **traits):
    def build(w):
        return [HighlightReportFactory(subgroup=subgroup_of(w), **traits).pk]

    return build


def ours(w):
    return w.subgroup


def theirs(w):
    return w.other_subgroup


def write_args(subgroup_of):
    return lambda w: [executive_meeting(w).pk, subgroup_of(w).pk]


NOBODY = dict.fromkeys(SIGNED_IN, 404)

CASES += [
    Case(
        "governance:highlight-list",
        args=meeting_args(executive_meeting),
        label="executive",
        expect=scoped(sees=EXECUTIVE_SEES, may=PACK_READERS),
    ),
    Case("governance:highlight-list", args=meeting_args(subgroup_meeting), label="subgroup", expect=NOBODY),
    Case(
        "governance:highlight-write",
        args=write_args(ours),
        label="own subgroup",
        expect=scoped(sees=PACK_READERS | WRITERS, may=WRITERS),
    ),
    Case(
        "governance:highlight-write",
        args=write_args(theirs),
        label="another subgroup",
        expect=scoped(sees=PACK_READERS, may={"business_unit"}),
    ),
    Case(
        "governance:highlight-write",
        args=lambda w: [
            HighlightReportFactory(subgroup=w.subgroup, submitted=True).meeting.pk,
            w.subgroup.pk,
        ],
        label="submitted: opens the report",
        expect=scoped(sees=PACK_READERS | WRITERS, may=WRITERS, ok=302),
    ),
    Case(
        "governance:highlight-detail",
        args=report_args(ours),
        label="own subgroup, draft",
        expect=scoped(sees=PACK_READERS | WRITERS, may=PACK_READERS | WRITERS),
    ),
    Case(
        "governance:highlight-detail",
        args=report_args(theirs),
        label="another subgroup, draft",
        expect=scoped(sees=PACK_READERS, may=PACK_READERS),
    ),
    Case(
        "governance:highlight-detail",
        args=report_args(ours, submitted=True),
        label="own subgroup, submitted",
        expect=scoped(sees=SITS, may=SITS),
    ),
    Case(
        "governance:highlight-detail",
        args=report_args(theirs, submitted=True),
        label="another subgroup, submitted",
        expect=scoped(sees=PACK_READERS | {"subgroup_chair"}, may=PACK_READERS | {"subgroup_chair"}),
    ),
    Case(
        "governance:highlight-submit",
        args=report_args(ours),
        label="own subgroup, draft",
        expect=scoped(sees=PACK_READERS | WRITERS, may=WRITERS),
    ),
    Case(
        "governance:highlight-submit",
        args=report_args(theirs),
        label="another subgroup, draft",
        expect=scoped(sees=PACK_READERS, may={"business_unit"}),
    ),
]
