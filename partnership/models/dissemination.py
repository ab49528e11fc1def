"""Dissemination that reaches people: the plan, the agencies' cascades and practitioners' feedback.

- `DisseminationItem`: a row of a source of learning's dissemination plan, made from the start
  of a review or audit: who must hear what, by when (an agency, or an audience such as "GP
  practices", the message, the date).
- `CascadeRequest`: when a briefing is published, each agency that the recommendations of its
  sources name (or their dissemination plans) is asked to cascade it to its staff. The agency's
  lead is emailed a signed link, once, that works once and expires after CASCADE_LINK_DAYS
  days; through it they confirm how they cascaded it and how many staff it reached. The reach
  of a briefing, and of a source, is read from these rows.
- `BriefingFeedback`: a practitioner's short feedback on a briefing or learning event (a rating
  and what they will do differently), given signed in or through the briefing's feedback link.
"""

import uuid
from datetime import date

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from .briefings import Briefing
from .learning import LearningSource
from .organisation import Agency, User


class DisseminationItem(models.Model):
    """Who must hear what from a source of learning, by when."""

    source = models.ForeignKey(LearningSource, on_delete=models.CASCADE, related_name="dissemination_items")
    agency = models.ForeignKey(
        Agency,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="dissemination_items",
        help_text="The agency that must cascade it, if it is one agency.",
    )
    audience = models.CharField(
        max_length=200,
        blank=True,
        help_text="Or who else must hear it, for example GP practices or the early help teams.",
    )
    message = models.TextField(help_text="What they must hear. Name children only by their pseudonym.")
    due_on = models.DateField("due")
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["due_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(agency__isnull=False) | ~Q(audience=""), name="dissemination_item_has_audience"
            )
        ]

    def __str__(self):
        return f"{self.who}: {self.message[:60]}"

    @property
    def who(self) -> str:
        if self.agency_id and self.audience:
            return f"{self.agency} ({self.audience})"
        return str(self.agency) if self.agency_id else self.audience


class CascadeMethod(models.TextChoices):
    TEAM_MEETING = "team_meeting", "Team meetings"
    EMAIL = "email", "Email to staff"
    SUPERVISION = "supervision", "Supervision"
    TRAINING = "training", "Training or a learning event"
    INTRANET = "intranet", "Intranet or staff newsletter"
    OTHER = "other", "Another way"


class CascadeState(models.TextChoices):
    CONFIRMED = "confirmed", "Confirmed"
    AWAITING = "awaiting", "Awaiting"
    OVERDUE = "overdue", "Overdue"


class CascadeRequest(models.Model):
    """One agency asked to cascade one published briefing to its staff (see the module
    docstring). `key` is what the emailed link signs; `emailed_at` and `expires_at` are set when
    the link goes out; `confirmed_at` spends it."""

    Method = CascadeMethod
    State = CascadeState

    briefing = models.ForeignKey(Briefing, on_delete=models.CASCADE, related_name="cascade_requests")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="cascade_requests")
    due_on = models.DateField("due")
    key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    emailed_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    confirmed_by = models.CharField("confirmed by", max_length=200, blank=True)
    method = models.CharField("how it was cascaded", max_length=20, choices=CascadeMethod.choices, blank=True)
    staff_reached = models.PositiveIntegerField(null=True, blank=True)
    notes = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["agency__name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["briefing", "agency"], name="cascade_once_per_agency"),
            models.CheckConstraint(
                condition=Q(method="") | Q(method__in=CascadeMethod.values), name="cascade_method_valid"
            ),
            models.CheckConstraint(
                condition=Q(confirmed_at__isnull=True) | (Q(staff_reached__isnull=False) & ~Q(method="")),
                name="cascade_confirmed_has_reach",
            ),
        ]

    def __str__(self):
        return f"{self.agency} to cascade {self.briefing}"

    @property
    def is_confirmed(self) -> bool:
        return self.confirmed_at is not None

    def state(self, today: date) -> CascadeState:
        if self.confirmed_at is not None:
            return CascadeState.CONFIRMED
        return CascadeState.OVERDUE if self.due_on < today else CascadeState.AWAITING


class BriefingFeedback(models.Model):
    """A practitioner's short feedback on a briefing or learning event."""

    briefing = models.ForeignKey(Briefing, on_delete=models.CASCADE, related_name="feedback")
    given_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="briefing_feedback"
    )
    rating = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(5)],
        help_text="1 (not useful) to 5 (very useful).",
    )
    will_do_differently = models.TextField("what you will do differently", blank=True)
    submitted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-submitted_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(rating__gte=1, rating__lte=5), name="briefing_feedback_rating"
            ),
            # A signed-in practitioner gives one feedback per briefing (they can change it).
            models.UniqueConstraint(
                fields=["briefing", "given_by"],
                condition=Q(given_by__isnull=False),
                name="briefing_feedback_once_per_person",
            ),
        ]

    def __str__(self):
        return f"Feedback on {self.briefing}: {self.rating}"
