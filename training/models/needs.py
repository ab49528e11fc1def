"""The annual training needs assessment and the needs agencies report in it."""

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from partnership.models import Agency, Theme, User
from partnership.models.organisation import choices_constraint

from .programme import Level, year_label


class NeedsAssessment(models.Model):
    """The annual training needs assessment: agency leads say what their staff need."""

    year = models.PositiveSmallIntegerField(unique=True, help_text="The programme year it informs.")
    opens_on = models.DateField()
    closes_on = models.DateField()
    summary = models.TextField(
        blank=True, help_text="The business unit's summary of the needs for the Training subgroup."
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-year"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_on__gte=models.F("opens_on")), name="tna_closes_after_opening"
            )
        ]

    def __str__(self):
        return f"Training needs assessment {year_label(self.year)}"

    def get_absolute_url(self):
        return reverse("training:needs-detail", args=[self.pk])

    def is_open(self, today=None) -> bool:
        """Whether agency leads may report needs: from the opening to the closing day, inclusive."""
        today = today or timezone.localdate()
        return self.opens_on <= today <= self.closes_on


class NeedPriority(models.TextChoices):
    HIGH = "high", "High"
    MEDIUM = "medium", "Medium"
    LOW = "low", "Low"


class Need(models.Model):
    """One training need an agency reported in a needs assessment."""

    assessment = models.ForeignKey(NeedsAssessment, on_delete=models.CASCADE, related_name="needs")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="training_needs")
    need = models.TextField("what staff need to learn")
    staff_group = models.CharField("which staff", max_length=200, blank=True)
    staff_count = models.PositiveIntegerField("how many staff", null=True, blank=True)
    level = models.PositiveSmallIntegerField(choices=Level.choices, null=True, blank=True)
    priority = models.CharField(max_length=8, choices=NeedPriority.choices, default=NeedPriority.MEDIUM)
    themes = models.ManyToManyField(Theme, blank=True, related_name="training_needs")
    submitted_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords(m2m_fields=[themes])

    class Meta:
        ordering = ["assessment", "agency__name", "pk"]
        constraints = [choices_constraint("priority", NeedPriority, "training_need_priority_valid")]

    def __str__(self):
        return f"{self.agency}: {self.need[:60]}"
