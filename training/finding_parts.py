"""Training's part under each finding in the learning panel (FINDING_PARTS): the courses that
answer it (`Course.findings`), each with who attended from the agencies the source's
recommendations name, read through training's selectors (`courses_visible_to`,
`attendees_visible_to`): nothing for those who may not open training, and for an agency lead
only their own agency's staff in the attendance.

Three queries whatever the number of findings: the courses answering them, the agencies the
sources' recommendations name, and the places per course and agency.
"""

from __future__ import annotations

import datetime
from collections import defaultdict

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone

from partnership.extensions import FindingPart, FindingRow

from . import permissions, selectors
from .analysis.findings import named_agencies
from .models import AttendeeStatus, Course, SessionStatus, year_label

HEADING = "Training courses answering it"


def finding_parts(user, findings, *, today: datetime.date) -> dict[int, FindingPart]:
    source_of = {f.pk: f.source_id for f in findings}
    if not source_of or not permissions.can_view_training(user):
        return {}  # training is not theirs to see
    links = list(
        Course.findings.through.objects.filter(finding_id__in=source_of)
        .order_by("finding_id", "-course__programme__year", "course__title", "course_id")
        .values("finding_id", "course_id", "course__title", "course__programme__year")
    )
    if not links:
        return {}
    named = named_agencies(set(source_of.values()))
    places: dict[int, list[dict]] = defaultdict(list)
    for group in (
        selectors.attendees_visible_to(user)
        .filter(
            session__course_id__in={link["course_id"] for link in links},
            session__status=SessionStatus.SCHEDULED,
            session__starts_at__lte=timezone.now(),
            status=AttendeeStatus.BOOKED,
        )
        .order_by()
        .values("session__course_id", "agency_id")
        .annotate(places=Count("pk"), attended_n=Count("pk", filter=Q(attended=True)))
    ):
        places[group["session__course_id"]].append(group)

    whose = "" if permissions.oversees_training(user) else "your agency's staff: "
    rows: dict[int, list[FindingRow]] = defaultdict(list)
    for link in links:
        agencies = named.get(source_of[link["finding_id"]], {})
        rows[link["finding_id"]].append(
            FindingRow(
                label=link["course__title"],
                url=reverse("training:course-detail", args=[link["course_id"]]),
                detail=f"{year_label(link['course__programme__year'])}, {whose}"
                + _attendance(places.get(link["course_id"], ()), agencies),
            )
        )
    return {finding_id: FindingPart(HEADING, tuple(found)) for finding_id, found in rows.items()}


def _attendance(groups, agencies: dict[int, str]) -> str:
    """ "3 of 4 places attended from the agencies named (Police, Health); 1 of 2 from others"."""
    named_places = named_attended = other_places = other_attended = 0
    for group in groups:
        if group["agency_id"] in agencies:
            named_places += group["places"]
            named_attended += group["attended_n"]
        else:
            other_places += group["places"]
            other_attended += group["attended_n"]
    if not named_places and not other_places:
        return "no places on sessions held yet"
    if agencies:
        named_text = (
            f"{named_attended} of {named_places} place{'s' if named_places != 1 else ''} attended from "
            f"the agencies named ({', '.join(sorted(agencies.values()))})"
        )
    else:
        named_text = "the recommendations name no agency"
    return f"{named_text}; {other_attended} of {other_places} from others"
