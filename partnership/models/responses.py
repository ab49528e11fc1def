"""A response the partnership awaits by a date: a risk flagged to an agency, the chair's letter
to an agency's senior manager. One shape for all of them (when it was due, when it came, what
it said, who recorded it), one rule for its state, and one database rule: a response is
recorded with its date, or neither is."""

from django.db import models
from django.db.models import Q

from .organisation import User


class ResponseState(models.TextChoices):
    AWAITED = "awaited", "Response awaited"
    OVERDUE = "overdue", "Response overdue"
    RECEIVED = "received", "Responded"


class AwaitedResponse(models.Model):
    """Abstract: mix into a model that awaits a response. Its Meta adds
    `response_with_its_date("<model>_response_with_its_date")` to its constraints."""

    response_due_on = models.DateField()
    response_received_on = models.DateField(null=True, blank=True)
    response = models.TextField(blank=True)
    response_recorded_by = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        abstract = True

    def response_state(self, today) -> ResponseState:
        """Received once recorded; else overdue after the day it was due; else awaited."""
        if self.response_received_on:
            return ResponseState.RECEIVED
        return ResponseState.OVERDUE if today > self.response_due_on else ResponseState.AWAITED


def response_with_its_date(name: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=Q(response_received_on__isnull=True, response="")
        | (Q(response_received_on__isnull=False) & ~Q(response="")),
        name=name,
    )
