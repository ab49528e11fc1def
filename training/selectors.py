"""What each person may see in training (see training/permissions.py for the rules)."""

from partnership import permissions as core

from .models import Attendee, CoverageReturn, Need
from .permissions import oversees_training


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
