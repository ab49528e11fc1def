"""The subgroup chair's home: under each subgroup they chair, its next meeting, linked.

One query however many subgroups and meetings there are (`selectors.next_meetings`)."""

import datetime

from partnership.home import SUBGROUP, HomeItem, HomePart, uk_date
from partnership.permissions import roles_of

from . import selectors


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
    return parts
