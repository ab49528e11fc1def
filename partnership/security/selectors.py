"""Reading the security log, scoped to the person asking."""

from ..models import SecurityEvent
from .permissions import can_view_security_events


def security_events_visible_to(user):
    """Every event for those who may read the log (the business unit); nothing for anyone else."""
    if not can_view_security_events(user):
        return SecurityEvent.objects.none()
    return SecurityEvent.objects.select_related("person", "actor")
