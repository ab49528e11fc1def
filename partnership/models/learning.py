"""The learning chain: a source of learning, what it found, and what it recommends.

Every source of learning (a case review, an audit, a Section 11 round, an inspection, a child
death review report, a training impact analysis, a consultation with children, a performance
deep dive) is anchored by one `LearningSource` row. Findings, recommendations and the action
plan hang off that row, so every source produces learning the same way and the partnership can
follow one line of sight from what was found to what changed, across sources and years.

A source app's model inherits `SourceOfLearning`, which creates and keeps its anchor in step.
Deleting the anchor deletes the source and its findings and recommendations; a source with an
action plan cannot be deleted (the plan protects it). Deleting a source model directly removes
its anchor too, so no row is ever left orphaned.
"""

from django.db import models
from django.db.models.signals import post_delete
from django.urls import reverse
from simple_history.models import HistoricalRecords

from .organisation import Agency, Priority, Subgroup, Theme, User, choices_constraint
from .references import UniqueReference


class SourceKind(models.TextChoices):
    CASE_REVIEW = "case_review", "Case review"
    AUDIT = "audit", "Audit"
    SECTION_11 = "section11_round", "Section 11 round"
    INSPECTION = "inspection", "Inspection"
    CHILD_DEATH_REVIEW = "child_death_review", "Child death review report"
    TRAINING_IMPACT = "training_impact", "Training impact analysis"
    CONSULTATION = "consultation", "Consultation with children and young people"
    DEEP_DIVE = "deep_dive", "Performance deep dive"
    BUSINESS_PLAN = "business_plan", "Business plan"


class LearningSource(models.Model):
    """The anchor of one source of learning in the learning chain (see the module docstring)."""

    Kind = SourceKind

    kind = models.CharField(max_length=32, choices=SourceKind.choices)
    title = models.CharField(max_length=255)
    date = models.DateField(help_text="When the source reported (or started), for years and trends.")
    subgroup = models.ForeignKey(
        Subgroup,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="learning_sources",
        help_text="The subgroup that oversees the learning from this source.",
    )
    confidential = models.BooleanField(
        default=False,
        help_text="Holds information about children: its learning is visible only to those with a need to know.",
    )
    priorities = models.ManyToManyField(Priority, blank=True, related_name="learning_sources")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-date", "title"]
        constraints = [choices_constraint("kind", SourceKind, "learning_source_kind_valid")]
        indexes = [models.Index(fields=["kind", "date"])]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        concrete = self.concrete
        if concrete is not None and hasattr(concrete, "get_absolute_url"):
            return concrete.get_absolute_url()
        return reverse("partnership:source-detail", args=[self.pk])

    @property
    def year(self) -> int:
        return self.date.year

    @property
    def concrete(self):
        """The source app's record behind this anchor (a review, an audit, …), or None."""
        for relation in self._meta.related_objects:
            if relation.one_to_one and issubclass(relation.related_model, SourceOfLearning):
                try:
                    return getattr(self, relation.get_accessor_name())
                except relation.related_model.DoesNotExist:
                    continue
        return None


class SourceOfLearning(models.Model):
    """Inherited by every source app's model: keeps a `LearningSource` anchor in step with it.

    A subclass sets `SOURCE_KIND` and may override `source_title()`, `source_date()`,
    `source_subgroup()` and `SOURCE_CONFIDENTIAL`.
    """

    SOURCE_KIND: str = ""
    SOURCE_CONFIDENTIAL = False

    learning_source = models.OneToOneField(
        LearningSource,
        on_delete=models.CASCADE,
        editable=False,
        related_name="%(app_label)s_%(class)s",
    )

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        values = {
            "kind": self.SOURCE_KIND,
            "title": self.source_title()[:255],
            "date": self.source_date(),
            "subgroup": self.source_subgroup(),
            "confidential": self.SOURCE_CONFIDENTIAL,
        }
        if self.learning_source_id is None:
            self.learning_source = LearningSource(**values)
            self.learning_source._history_user = getattr(self, "_history_user", None)
            self.learning_source.save()
        else:
            anchor = self.learning_source
            changed = [name for name, value in values.items() if getattr(anchor, name) != value]
            if changed:
                for name in changed:
                    setattr(anchor, name, values[name])
                anchor._history_user = getattr(self, "_history_user", None)
                anchor.save()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        # Refuse before deleting anything: the plan's PROTECT would otherwise fail mid-way.
        plan = getattr(self.learning_source, "action_plan", None) if self.learning_source_id else None
        if plan is not None:
            raise models.ProtectedError(f"{self} has an action plan ({plan}); it cannot be deleted.", {plan})
        return super().delete(*args, **kwargs)

    def source_title(self) -> str:
        return str(self)

    def source_date(self):
        raise NotImplementedError

    def source_subgroup(self):
        return None

    def shared_plan_source(self):
        """Another source whose action plan this one shares (a joint review), or None."""
        return None

    def source_lead(self):
        """The person who leads this source (a review's lead), told when its outcomes are due
        to be checked; None when the source has no lead of its own."""
        lead = getattr(self, "lead", None)
        return lead if isinstance(lead, User) and lead.is_active else None


def _delete_anchor(sender, instance, **kwargs):
    """A source deleted on its own takes its anchor (and so its findings) with it."""
    if isinstance(instance, SourceOfLearning) and instance.learning_source_id:
        LearningSource.objects.filter(pk=instance.learning_source_id).delete()


post_delete.connect(_delete_anchor, dispatch_uid="learning_source_anchor_cleanup")


class FindingKind(models.TextChoices):
    STRENGTH = "strength", "Strength"
    IMPROVEMENT = "improvement", "Area for improvement"


class Finding(models.Model):
    """What a source of learning found: a strength, or an area for improvement, with themes."""

    Kind = FindingKind

    source = models.ForeignKey(LearningSource, on_delete=models.CASCADE, related_name="findings")
    kind = models.CharField(max_length=16, choices=FindingKind.choices, default=FindingKind.IMPROVEMENT)
    title = models.CharField(max_length=255)
    detail = models.TextField(blank=True)
    themes = models.ManyToManyField(Theme, blank=True, related_name="findings")
    priorities = models.ManyToManyField(Priority, blank=True, related_name="findings")
    # A lesson that came back: opened when an intended outcome's check found it not sustained.
    recurring = models.BooleanField(
        default=False,
        help_text="Opened because an intended outcome was not sustained: a lesson learnt again.",
    )
    outcome = models.ForeignKey(
        "IntendedOutcome",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="recurring_findings",
        help_text="The intended outcome whose check opened it.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords(m2m_fields=[themes, priorities])

    class Meta:
        ordering = ["source", "pk"]
        constraints = [choices_constraint("kind", FindingKind, "finding_kind_valid")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return self.source.get_absolute_url() + f"#finding-{self.pk}"


class Recommendation(UniqueReference, models.Model):
    """What should change, addressed to one or more agencies or to the partnership as a whole."""

    REFERENCE_TAKEN = "This source of learning already has a recommendation with reference {obj.reference}"

    source = models.ForeignKey(LearningSource, on_delete=models.CASCADE, related_name="recommendations")
    reference = models.CharField(max_length=20, help_text="For example, 1 or R3.")
    text = models.TextField("recommendation")
    to_partnership = models.BooleanField(
        "addressed to the partnership", default=False, help_text="For the partnership as a whole."
    )
    agencies = models.ManyToManyField(Agency, blank=True, related_name="recommendations")
    themes = models.ManyToManyField(Theme, blank=True, related_name="recommendations")
    findings = models.ManyToManyField(
        Finding, blank=True, related_name="recommendations", help_text="The findings it answers."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords(m2m_fields=[agencies, themes])

    class Meta:
        ordering = ["source", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["source", "reference"], name="recommendation_reference_unique")
        ]

    def __str__(self):
        return f"{self.reference}. {self.text[:80]}"

    def get_absolute_url(self):
        return self.source.get_absolute_url() + f"#recommendation-{self.pk}"
