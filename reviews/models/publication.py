"""What an LCSPR's publication waits on: parallel proceedings, and the warnings recorded when
their dates move.

A criminal trial, an inquest or another investigation into the same events may mean the report
cannot be published until it has concluded (publishing first could prejudice it). Each is
recorded with its expected date; the latest of those still running holds the publication back
(`reviews.services.publication`), and when one's date moves the review keeps a warning entry
saying what moved, so the partnership can explain a later publication date to the Panel.
"""

from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from partnership.home import uk_date
from partnership.models import User
from partnership.models.organisation import choices_constraint

from .reviews import Review


class ProceedingKind(models.TextChoices):
    CRIMINAL_TRIAL = "criminal_trial", "Criminal trial"
    INQUEST = "inquest", "Inquest"
    INVESTIGATION = "investigation", "Investigation"


class ParallelProceeding(models.Model):
    """A criminal trial, inquest or investigation running alongside a review, with the date it
    is expected on (or to conclude by); publication waits until every one has concluded."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="proceedings")
    kind = models.CharField(max_length=20, choices=ProceedingKind.choices)
    reference = models.CharField(
        max_length=100, blank=True, help_text="The court's, coroner's or investigator's reference."
    )
    expected_on = models.DateField("expected date")
    concluded_on = models.DateField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["expected_on", "pk"]
        constraints = [choices_constraint("kind", ProceedingKind, "proceeding_kind_valid")]

    def __str__(self):
        return f"{self.get_kind_display()} on {uk_date(self.expected_on)}"

    def get_absolute_url(self):
        return reverse("reviews:review-detail", args=[self.review_id]) + "#proceedings"

    @property
    def is_concluded(self) -> bool:
        return self.concluded_on is not None


class PublicationWarning(models.Model):
    """An entry in a review's record when a parallel proceeding's date moved: from when to when,
    and what it did to the planned publication date."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="publication_warnings")
    proceeding = models.ForeignKey(
        ParallelProceeding, on_delete=models.SET_NULL, null=True, blank=True, related_name="warnings"
    )
    previous_on = models.DateField("date before the move")
    expected_on = models.DateField("date after the move")
    message = models.TextField()
    recorded_at = models.DateTimeField(auto_now_add=True)
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["-recorded_at", "-pk"]

    def __str__(self):
        return self.message
