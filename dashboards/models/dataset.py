"""The partnership's multi-agency performance dataset, and deep dives into what it shows.

The dataset is aggregate and non-personal: counts, percentages and rates, never a child.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from partnership.models import Agency, Priority, SourceKind, SourceOfLearning, Subgroup, Theme
from partnership.models.organisation import choices_constraint
from partnership.models.references import UniqueReference

from .. import periods
from ..rag import DatasetRag, dataset_rag


class Unit(models.TextChoices):
    COUNT = "count", "Count"
    PERCENTAGE = "percentage", "Percentage"
    RATE = "rate_10k", "Rate per 10,000 children"


class Frequency(models.TextChoices):
    MONTHLY = periods.MONTHLY, "Monthly"
    QUARTERLY = periods.QUARTERLY, "Quarterly"
    ANNUAL = periods.ANNUAL, "Annual"


class Indicator(UniqueReference, models.Model):
    """One measure in the partnership's dataset (for example, the rate of referrals to
    children's social care per 10,000 children): where it comes from, what it counts, which
    way is better, the target the partnership set and how often it is reported."""

    Unit = Unit
    Frequency = Frequency
    REFERENCE_FIELD = "code"
    REFERENCE_TAKEN = "An indicator with code {obj.code} already exists"

    code = models.CharField(
        max_length=20, unique=True, help_text="A short reference used in imports, for example CSC01."
    )
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True, help_text="What is counted, and how it is worked out.")
    source_agency = models.ForeignKey(
        Agency,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="indicators",
        help_text="The agency that supplies the figures. Leave empty for partnership-wide figures.",
    )
    unit = models.CharField(max_length=16, choices=Unit.choices)
    higher_is_better = models.BooleanField(
        default=True, help_text="Whether a higher value is better. Leave unticked when lower is better."
    )
    target = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    frequency = models.CharField(max_length=16, choices=Frequency.choices, default=Frequency.QUARTERLY)
    themes = models.ManyToManyField(Theme, blank=True, related_name="indicators")
    priorities = models.ManyToManyField(Priority, blank=True, related_name="indicators")
    active = models.BooleanField(
        default=True, help_text="Inactive indicators keep their values but are no longer reported."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(m2m_fields=[themes, priorities])

    class Meta:
        ordering = ["code"]
        constraints = [
            choices_constraint("unit", Unit, "indicator_unit_valid"),
            choices_constraint("frequency", Frequency, "indicator_frequency_valid"),
            models.CheckConstraint(
                condition=Q(target__isnull=True) | Q(target__gte=0), name="indicator_target_not_negative"
            ),
        ]

    def __str__(self):
        return f"{self.code} {self.title}"

    def get_absolute_url(self):
        return reverse("dashboards:indicator-detail", args=[self.pk])

    def clean(self):
        super().clean()
        if self.unit == Unit.PERCENTAGE and self.target is not None and self.target > 100:
            raise ValidationError({"target": "A percentage target cannot be more than 100"})

    @property
    def unit_suffix(self) -> str:
        """What follows a number of this indicator on a page: "%" for a percentage."""
        return "%" if self.unit == Unit.PERCENTAGE else ""

    @property
    def direction(self) -> str:
        return "Higher is better" if self.higher_is_better else "Lower is better"

    def rag_for(self, value) -> DatasetRag:
        return dataset_rag(value, self.target, higher_is_better=self.higher_is_better)


class IndicatorValue(models.Model):
    """The indicator's figure for one period, with the national (England) figure and the
    average of the partnership's statistical neighbours to compare it with."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="values")
    period_start = models.DateField(help_text="The first day of the period the value is for.")
    value = models.DecimalField(max_digits=12, decimal_places=2)
    national = models.DecimalField("England", max_digits=12, decimal_places=2, null=True, blank=True)
    statistical_neighbours = models.DecimalField(
        "statistical neighbours", max_digits=12, decimal_places=2, null=True, blank=True
    )
    note = models.TextField(blank=True, help_text="Anything a reader should know about this figure.")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["indicator", "period_start"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "period_start"], name="indicator_value_unique_period"
            ),
            models.CheckConstraint(
                condition=Q(value__gte=0)
                & (Q(national__isnull=True) | Q(national__gte=0))
                & (Q(statistical_neighbours__isnull=True) | Q(statistical_neighbours__gte=0)),
                name="indicator_value_not_negative",
            ),
        ]

    def __str__(self):
        return f"{self.indicator.code} {self.period_label}"

    def get_absolute_url(self):
        return self.indicator.get_absolute_url() + f"#value-{self.pk}"

    @property
    def period_label(self) -> str:
        return periods.period_label(self.period_start, self.indicator.frequency)

    @property
    def rag(self) -> DatasetRag:
        return self.indicator.rag_for(self.value)

    def clean(self):
        super().clean()
        indicator = self.indicator if self.indicator_id else None
        if indicator is None or self.period_start is None:
            return
        if not periods.is_period_start(self.period_start, indicator.frequency):
            raise ValidationError({"period_start": f"Enter {periods.describe_start(indicator.frequency)}"})
        if indicator.unit == Unit.PERCENTAGE:
            for name in ("value", "national", "statistical_neighbours"):
                number = getattr(self, name)
                if number is not None and number > 100:
                    label = self._meta.get_field(name).verbose_name
                    raise ValidationError(
                        {name: f"A percentage cannot be more than 100: the {label} is {number}"}
                    )


class DeepDive(SourceOfLearning):
    """A deep dive: an area the dataset showed needed scrutiny (a red indicator, a rising
    trend), looked at closely by a subgroup. A source of learning like any other: its findings,
    recommendations and action plan hang off its learning source."""

    SOURCE_KIND = SourceKind.DEEP_DIVE

    title = models.CharField(max_length=255, help_text="The area chosen for scrutiny.")
    date = models.DateField(help_text="When the deep dive reported, or started.")
    indicators = models.ManyToManyField(
        Indicator, blank=True, related_name="deep_dives", help_text="The indicators that prompted it."
    )
    subgroup = models.ForeignKey(
        Subgroup, on_delete=models.PROTECT, null=True, blank=True, related_name="deep_dives",
        help_text="The subgroup that carried it out.",
    )  # fmt: skip
    scope = models.TextField(
        blank=True, help_text="What was looked at: the period, the cases or data, who took part."
    )
    findings_summary = models.TextField(
        "what was found",
        blank=True,
        help_text="The narrative. Record each finding below as well, to track it.",
    )
    themes = models.ManyToManyField(Theme, blank=True, related_name="deep_dives")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(m2m_fields=[indicators, themes])

    class Meta:
        ordering = ["-date", "title"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("dashboards:deep-dive-detail", args=[self.pk])

    def source_date(self):
        return self.date

    def source_subgroup(self):
        return self.subgroup
