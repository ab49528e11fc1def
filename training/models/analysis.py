"""The training impact analysis: training's source of learning."""

from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from partnership.models import SourceKind, SourceOfLearning

from .programme import Programme


class ImpactAnalysis(SourceOfLearning):
    """A training impact analysis for a programme year: a source of learning with findings,
    recommendations and an action plan."""

    SOURCE_KIND = SourceKind.TRAINING_IMPACT

    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="impact_analyses")
    title = models.CharField(max_length=200)
    reported_on = models.DateField()
    summary = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-reported_on"]
        verbose_name_plural = "impact analyses"

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("training:analysis-detail", args=[self.pk])

    def source_date(self):
        return self.reported_on

    def source_subgroup(self):
        return self.programme.subgroup
