"""The subgroup chair's home: under each subgroup they chair, its next meeting, linked, and the
highlight report it owes the next meeting of the executive or the board ("Write your highlight
report for Executive Group, quarter 4 by 7 January 2027") until it is submitted.

Three queries however many subgroups and meetings there are (`selectors.next_meetings`,
`selectors.next_report_meeting` and the reports to it)."""

import datetime

from partnership.home import SUBGROUP, HomeItem, HomePart, uk_date
from partnership.permissions import roles_of

from . import selectors
from .models import HighlightReport, due_on


def home_parts(user, *, today: datetime.date) -> list[HomePart]:
    chair_of = roles_of(user).chair_of
    if not chair_of:
        return []
    upcoming = selectors.next_meetings(chair_of, today=today)
    parts = []
    for subgroup_id in sorted(chair_of):
        meeting = upcoming.get(subgroup_id)
        if meeting is None:
            part = HomePart(
                SUBGROUP, "Next meeting", "No meeting is planned yet: the business unit records them."
            )
        else:
            when = uk_date(meeting.date) + (f" at {meeting.start_time:%H:%M}" if meeting.start_time else "")
            part = HomePart(
                SUBGROUP,
                "Next meeting",
                items=[HomeItem(label=meeting.title, url=meeting.get_absolute_url(), detail=when)],
            )
        part.key, part.order = subgroup_id, 10
        parts.append(part)
    return parts + _highlight_parts(chair_of, today)


def _highlight_parts(chair_of, today: datetime.date) -> list[HomePart]:
    """Under each subgroup whose report to the next executive or board meeting is not yet
    submitted: the link to write it, with its due date (overdue once that has passed)."""
    from django.urls import reverse

    meeting = selectors.next_report_meeting(today=today)
    if meeting is None:
        return []
    submitted = set(
        HighlightReport.objects.filter(
            meeting=meeting, subgroup_id__in=chair_of, status=HighlightReport.Status.SUBMITTED
        ).values_list("subgroup_id", flat=True)
    )
    due = due_on(meeting)
    parts = []
    for subgroup_id in sorted(chair_of - submitted):
        item = HomeItem(
            label=f"Write your highlight report for {meeting.title} by {uk_date(due)}",
            url=reverse("governance:highlight-write", args=[meeting.pk, subgroup_id]),
            detail=f"{meeting.body_name} meets on {uk_date(meeting.date)}",
            overdue=due < today,
        )
        part = HomePart(SUBGROUP, "Highlight report", items=[item])
        part.key, part.order = subgroup_id, 5
        parts.append(part)
    return parts
