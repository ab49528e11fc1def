"""Meetings' part of `seed_scale` (see partnership/scale.py): three years of meetings (the
executive quarterly, each subgroup every two months, the past ones held, the next ones
planned) with attendance, agendas and decisions noted, and each subgroup's highlight report to
every executive meeting held, so that the chair's home (the next meeting, the report to write),
the meetings list and the board pack are measured at a large partnership's size.

Made with `bulk_create`, so without history rows: synthetic data for measuring speed only.
"""

import datetime
from datetime import timedelta

from partnership.models import Agency
from partnership.scale import Scale

from .models import (
    AgendaItem,
    Attendance,
    AttendanceStatus,
    Body,
    Decision,
    DecisionKind,
    HighlightReport,
    HighlightStatus,
    Meeting,
    MeetingStatus,
)

AGENDA = ("Minutes and actions of the last meeting", "Action plans: RAG and overdue actions",
          "Performance dataset", "Learning from reviews and audits", "Any other business")  # fmt: skip


def seed(rng, stdout, factor: float = 1.0) -> None:
    s = Scale.load(factor)
    if Meeting.objects.filter(title__startswith="Scale ").exists():
        return
    partners = [
        a for a in s.agencies if a.partner_status == Agency.PartnerStatus.STATUTORY_PARTNER
    ] or s.agencies[:3]
    plans = [(Body.EXECUTIVE, None, "Executive", 91)] + [
        (Body.SUBGROUP, subgroup, name, 61) for name, subgroup in s.subgroups.items()
    ]
    meetings = []
    for body, subgroup, name, every in plans:
        for back in range(-1, s.n(1095 // every) + 1):  # one planned meeting ahead of today
            day = s.today - timedelta(days=back * every + rng.randint(0, 6))
            held = day <= s.today
            meetings.append(
                Meeting(
                    body=body, subgroup=subgroup, title=f"Scale {name} meeting {day:%B %Y}", date=day, place="Online",
                    status=MeetingStatus.HELD if held else MeetingStatus.PLANNED,
                )
            )  # fmt: skip
    Meeting.objects.bulk_create(meetings, batch_size=1000)
    attendances, items, decisions = [], [], []
    for meeting in meetings:
        agencies = (
            partners if meeting.body == Body.EXECUTIVE else rng.sample(s.agencies, min(10, len(s.agencies)))
        )
        for number, title in enumerate(AGENDA, start=1):
            items.append(AgendaItem(meeting=meeting, number=number, title=title))
        if meeting.status != MeetingStatus.HELD:
            continue
        for agency in agencies:
            status = AttendanceStatus.PRESENT if rng.random() < 0.85 else AttendanceStatus.APOLOGIES
            attendances.append(Attendance(meeting=meeting, agency=agency, status=status))
        for n in range(2):
            decisions.append(
                Decision(meeting=meeting, kind=DecisionKind.NOTED, text=f"Noted the report on item {n + 2}.",
                         recorded_by=rng.choice(s.business_unit))
            )  # fmt: skip
    Attendance.objects.bulk_create(attendances, batch_size=2000)
    AgendaItem.objects.bulk_create(items, batch_size=2000)
    Decision.objects.bulk_create(decisions, batch_size=2000)
    reports = [
        HighlightReport(
            meeting=meeting, subgroup=subgroup, status=HighlightStatus.SUBMITTED,
            went_well="The plan's actions are on track.", concerns="None.",
            figures=[{"key": "open", "label": "Open actions", "value": rng.randint(0, 40)}],
            period_start=meeting.date - timedelta(days=91), period_end=meeting.date - timedelta(days=14),
            submitted_at=datetime.datetime.combine(meeting.date - timedelta(days=14), datetime.time(9), datetime.UTC),
        )
        for meeting in meetings
        if meeting.body == Body.EXECUTIVE and meeting.status == MeetingStatus.HELD
        for subgroup in s.subgroups.values()
    ]  # fmt: skip
    HighlightReport.objects.bulk_create(reports, batch_size=2000)
    stdout.write(
        f"  governance: {len(meetings)} meetings, {len(attendances)} attendances, {len(items)} agenda items, "
        f"{len(decisions)} decisions, {len(reports)} highlight reports"
    )
