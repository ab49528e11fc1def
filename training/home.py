"""Training's part of the home page (found by partnership.home through the app registry): the
business unit's week lists the sessions that start within seven days, with places booked
against capacity. One query whatever the number of sessions."""

import datetime

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone

from partnership import permissions as core
from partnership.home import WEEK, HomeItem, HomePart, listed, plural, uk_date, week_end

from .models import AttendeeStatus, Session, SessionStatus


def home_parts(user, *, today) -> list[HomePart]:
    if not core.is_business_unit(user):
        return []
    start = timezone.make_aware(datetime.datetime.combine(today, datetime.time.min))
    end = timezone.make_aware(datetime.datetime.combine(week_end(today), datetime.time.max))
    sessions = list(
        Session.objects.filter(status=SessionStatus.SCHEDULED, starts_at__gte=start, starts_at__lte=end)
        .select_related("course")
        .annotate(booked=Count("attendees", filter=Q(attendees__status=AttendeeStatus.BOOKED)))
        .order_by("starts_at", "pk")
    )
    items, more = listed([
        HomeItem(label=s.course.title, url=s.get_absolute_url(),
                 detail=f"{uk_date(timezone.localtime(s.starts_at).date())}, {s.booked} of {s.capacity} places booked")
        for s in sessions
    ])  # fmt: skip
    return [HomePart(
        section=WEEK, order=40, heading="Training sessions",
        summary=f"{plural(len(sessions), 'session')} starting by {uk_date(week_end(today))}.",
        items=items, more=more, links=[("See sessions", reverse("training:session-list"))],
    )]  # fmt: skip
