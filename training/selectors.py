"""What each person may see in training (see training/permissions.py for the rules)."""

from django.db.models import Count, Q

from partnership import permissions as core

from .models import (
    HOLDS_PLACE,
    Attendee,
    AttendeeStatus,
    Course,
    CoverageReturn,
    LearningOutcome,
    Need,
    NeedsAssessment,
    Programme,
    Session,
)
from .permissions import can_view_training, oversees_training


def programmes_visible_to(user):
    """Every training programme for those who may open training (its overseers and agency
    leads); none for anyone else."""
    qs = Programme.objects.select_related("subgroup")
    return qs if can_view_training(user) else qs.none()


def courses_visible_to(user):
    """Every course of every programme year, with its programme, provider agency and themes, for
    those who may open training; none for anyone else."""
    qs = Course.objects.select_related("programme", "provider_agency").prefetch_related("themes")
    return qs if can_view_training(user) else qs.none()


def sessions_visible_to(user):
    """Every session, with its course and how many places are held and how many are waiting, for
    those who may open training; none for anyone else."""
    qs = Session.objects.select_related("course__programme").annotate(
        held=Count("attendees", filter=Q(attendees__status__in=HOLDS_PLACE), distinct=True),
        waiting=Count("attendees", filter=Q(attendees__status=AttendeeStatus.WAITING), distinct=True),
    )
    return qs if can_view_training(user) else qs.none()


def programmes_by_year() -> dict:
    """Every training programme by its year, latest first (for the analysis's year choice, which
    its views gate on `can_view_training`), each with its analysis's stored snapshot if any."""
    return {p.year: p for p in Programme.objects.select_related("analysis_snapshot").order_by("-year")}


def outcomes_visible_to(user):
    """The courses' learning outcomes, read by whoever reads the courses (as programmes)."""
    qs = LearningOutcome.objects.select_related("course")
    return qs if can_view_training(user) else qs.none()


def needs_assessments_visible_to(user):
    """Every year's needs assessment for those who may open training (an agency lead sees the
    assessment, and within it only their own agency's needs: `needs_visible_to`); none for
    anyone else."""
    qs = NeedsAssessment.objects.all()
    return qs if can_view_training(user) else qs.none()


def attendees_visible_to(user):
    """Every attendee for those who oversee training; an agency lead's own agency's staff."""
    qs = Attendee.objects.select_related("session__course", "agency")
    if oversees_training(user):
        return qs
    lead_of = core.roles_of(user).lead_of
    return qs.filter(agency_id__in=lead_of) if lead_of else qs.none()


def needs_visible_to(user):
    qs = Need.objects.select_related("assessment", "agency").prefetch_related("themes")
    if oversees_training(user):
        return qs
    lead_of = core.roles_of(user).lead_of
    return qs.filter(agency_id__in=lead_of) if lead_of else qs.none()


def coverage_visible_to(user):
    qs = CoverageReturn.objects.select_related("agency")
    if oversees_training(user):
        return qs
    lead_of = core.roles_of(user).lead_of
    return qs.filter(agency_id__in=lead_of) if lead_of else qs.none()


def training_summary(year: int, **options):
    """The programme year's training analysis as `options['user']` may see it: the one read the
    dashboards, the annual report and the API make of training's figures (training/analysis/)."""
    from .analysis.summary import training_summary as summary

    return summary(year, **options)
