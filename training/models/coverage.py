"""Agencies' coverage returns: their single-agency training figures."""

from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from partnership.models import Agency, User

from .programme import Level, year_label


class CoverageReturn(models.Model):
    """An agency's single-agency training figures for a year and level: staff in scope and trained."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="training_coverage")
    year = models.PositiveSmallIntegerField(help_text="2026 means April 2026 to March 2027.")
    level = models.PositiveSmallIntegerField(choices=Level.choices)
    staff_in_scope = models.PositiveIntegerField()
    staff_trained = models.PositiveIntegerField()
    updated_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-year", "agency__name", "level"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "year", "level"], name="coverage_once_per_level"),
            models.CheckConstraint(condition=Q(level__in=Level.values), name="coverage_level_valid"),
        ]

    def __str__(self):
        return f"{self.agency} {year_label(self.year)} level {self.level}"

    @property
    def coverage_percent(self) -> float | None:
        if not self.staff_in_scope:
            return None
        return round(100 * self.staff_trained / self.staff_in_scope, 1)
