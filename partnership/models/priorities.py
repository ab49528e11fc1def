"""How the partnership judges progress on its priorities.

A priority's plan (what it wants to achieve, who owns it) is on `Priority` itself; its measures
belong to the performance dataset, and the records that serve it (sources, findings, actions,
audits, courses, briefings, indicators) each link to it. What is here is the judgement: a dated
progress assessment, recorded by the business unit or the owning subgroup's chair, with the
evidence in words. The page shows the latest beside the evidence the service computes.
"""

from datetime import date

from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from .organisation import Priority, User, choices_constraint


class ProgressRating(models.TextChoices):
    ON_TRACK = "on_track", "On track"
    SOME_PROGRESS = "some_progress", "Some progress"
    LITTLE_PROGRESS = "little_progress", "Little or no progress"


# The GOV.UK tag colour of each rating.
PROGRESS_TAG_COLOURS = {
    ProgressRating.ON_TRACK: "green",
    ProgressRating.SOME_PROGRESS: "yellow",
    ProgressRating.LITTLE_PROGRESS: "red",
}


class PriorityAssessment(models.Model):
    """A recorded judgement of progress on a priority: when, how it rates, and why."""

    Rating = ProgressRating

    priority = models.ForeignKey(Priority, on_delete=models.CASCADE, related_name="assessments")
    date = models.DateField(default=date.today)
    rating = models.CharField(max_length=16, choices=ProgressRating.choices)
    evidence = models.TextField(help_text="What shows this: measures, actions, what changed.")
    assessed_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="priority_assessments")
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-date", "-pk"]
        constraints = [choices_constraint("rating", ProgressRating, "priority_assessment_rating_valid")]

    def __str__(self):
        return f"{self.get_rating_display()} ({self.priority.title})"

    def get_absolute_url(self):
        return reverse("partnership:priority-detail", args=[self.priority_id]) + f"#assessment-{self.pk}"

    @property
    def tag_colour(self) -> str:
        return PROGRESS_TAG_COLOURS[self.rating]
