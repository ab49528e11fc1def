"""How the partnership will know a priority is achieved: its measures.

A measure belongs to one of the partnership's priorities (the core's `Priority`). It says in
words how the partnership will know, and may name an indicator of the performance dataset with
a target value and the date by which it should be met. Whether the latest value meets the
target is the dataset's one RAG rule (`dashboards.rag`): green meets it.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from partnership.models import Priority

from ..rag import DatasetRag, dataset_rag
from .dataset import Indicator


class PriorityMeasure(models.Model):
    """One measure of a priority: a description, and optionally an indicator, a target value
    (the indicator's own target when left empty) and the date it should be met by."""

    priority = models.ForeignKey(Priority, on_delete=models.CASCADE, related_name="measures")
    description = models.TextField()
    indicator = models.ForeignKey(
        Indicator, on_delete=models.PROTECT, null=True, blank=True, related_name="priority_measures"
    )
    target = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    target_date = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["priority", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(target__isnull=True) | Q(indicator__isnull=False),
                name="priority_measure_target_needs_indicator",
            ),
        ]

    def __str__(self):
        return self.description[:80]

    def get_absolute_url(self):
        return reverse("partnership:priority-detail", args=[self.priority_id]) + f"#measure-{self.pk}"

    @property
    def effective_target(self):
        """The measure's own target, or its indicator's."""
        if self.target is not None:
            return self.target
        return self.indicator.target if self.indicator_id else None

    def rag_for(self, value) -> DatasetRag:
        """The dataset's RAG of `value` against this measure's target (grey: nothing to judge)."""
        if not self.indicator_id:
            return DatasetRag.GREY
        return dataset_rag(value, self.effective_target, higher_is_better=self.indicator.higher_is_better)
