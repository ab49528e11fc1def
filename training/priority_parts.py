"""Training's part of a priority's page (PRIORITY_PARTS): the courses that serve it, with how
many attended them, read through training's selectors (`courses_visible_to`,
`attendees_visible_to`): nothing for those who may not open training, and for an agency lead
only their own agency's staff in the attendance."""

from __future__ import annotations

import datetime

from django.db.models import Count

from partnership.priorities import PriorityPart, PriorityRow

from . import selectors


def priority_parts(priority, user, *, today: datetime.date) -> list[PriorityPart]:
    courses = list(selectors.courses_visible_to(user).filter(priorities=priority).order_by("title", "pk"))
    if not courses and not selectors.courses_visible_to(user).exists():
        return []  # training is not theirs to see
    attended = dict(
        selectors.attendees_visible_to(user)
        .filter(session__course__in=[c.pk for c in courses], attended=True)
        .values("session__course")
        .annotate(n=Count("pk"))
        .values_list("session__course", "n")
    )
    total = sum(attended.values())
    return [
        PriorityPart(
            heading="Training courses",
            rows=[
                PriorityRow(
                    c.title,
                    c.get_absolute_url(),
                    f"{attended.get(c.pk, 0)} attended",
                    detail=str(c.programme),
                )
                for c in courses
            ],
            evidence=f"{len(courses)} course{'s' if len(courses) != 1 else ''} serve this priority; "
            f"{total} attendance{'s' if total != 1 else ''} recorded that you can see.",
            empty="No course is linked yet. Link one from the course's details.",
        )
    ]
