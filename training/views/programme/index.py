"""The training landing page: a link to each part of training, with counts.

Those who oversee training see the whole picture; an agency lead sees the programme and courses,
and counts of their own agency's people, needs and figures only.
"""

from django.db.models import Count, Q
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from partnership import permissions as core

from ... import permissions, selectors
from ...models import (
    AttendeeStatus,
    Course,
    NeedsAssessment,
    Programme,
    Session,
    SessionStatus,
    programme_year_of,
    year_label,
)
from .common import require_viewer


def _optional_url(name: str) -> str:
    """The address of another area's page, or "" while that area is not there (yet)."""
    try:
        return reverse(name)
    except NoReverseMatch:
        return ""


def index_view(request):
    require_viewer(request.user)
    user = request.user
    now = timezone.now()
    year = programme_year_of()
    programme = Programme.objects.filter(year=year).first()
    attendees = selectors.attendees_visible_to(user).filter(session__status=SessionStatus.SCHEDULED)
    past = attendees.filter(status=AttendeeStatus.BOOKED, session__starts_at__lte=now)
    people = past.aggregate(
        came=_count(Q(attended=True)),
        no_shows=_count(Q(attended=False)),
        unmarked=_count(Q(attended__isnull=True)),
    )
    open_assessment = NeedsAssessment.objects.filter(
        opens_on__lte=timezone.localdate(), closes_on__gte=timezone.localdate()
    ).first()
    context = {
        "programme": programme,
        "year": year,
        "year_label": year_label(year),
        "programme_count": Programme.objects.count(),
        "course_count": Course.objects.filter(programme__year=year).count(),
        "upcoming_count": Session.objects.filter(status=SessionStatus.SCHEDULED, starts_at__gte=now).count(),
        "people": people,
        "booked_upcoming": attendees.filter(
            status__in=[AttendeeStatus.BOOKED], session__starts_at__gte=now
        ).count(),
        "open_assessment": open_assessment,
        "need_count": selectors.needs_visible_to(user).filter(assessment=open_assessment).count()
        if open_assessment
        else 0,
        "coverage_count": selectors.coverage_visible_to(user).filter(year=year).count(),
        "sees_everyone": permissions.oversees_training(user),
        "can_manage": permissions.can_manage_training(user),
        "is_agency_lead": core.is_agency_lead(user),
        "analysis_url": _optional_url("training:analysis-overview"),
        "impact_url": _optional_url("training:impact-example-list"),
        "public_url": _optional_url("training:book"),
    }
    return render(request, "training/index.html", context)


def _count(condition):
    return Count("pk", filter=condition)
