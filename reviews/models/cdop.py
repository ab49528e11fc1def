"""Child death review learning, and learning from reviews published elsewhere."""

from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from partnership.models import SourceKind, SourceOfLearning, Subgroup, Theme

from .reviews import Review


class CdopReport(SourceOfLearning):
    """The Child Death Overview Panel's annual report: deaths reviewed, those with modifiable
    factors, by category; its findings and recommendations come through the learning chain."""

    SOURCE_KIND = SourceKind.CHILD_DEATH_REVIEW

    year = models.PositiveSmallIntegerField(
        unique=True, help_text="The year the reporting year starts in: 2025 means April 2025 to March 2026."
    )
    deaths_reviewed = models.PositiveIntegerField()
    modifiable_deaths = models.PositiveIntegerField("deaths with modifiable factors")
    categories = models.JSONField(
        default=dict, blank=True, help_text="Deaths reviewed by category (the national categories)."
    )
    summary = models.TextField(blank=True)
    published_on = models.DateField(null=True, blank=True)
    subgroup = models.ForeignKey(Subgroup, on_delete=models.PROTECT, related_name="cdop_reports")
    history = HistoricalRecords()

    class Meta:
        ordering = ["-year"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(modifiable_deaths__lte=models.F("deaths_reviewed")),
                name="cdop_modifiable_within_reviewed",
            )
        ]

    def __str__(self):
        return f"Child Death Overview Panel annual report {self.year}/{str(self.year + 1)[-2:]}"

    def get_absolute_url(self):
        return reverse("reviews:cdop-detail", args=[self.pk])

    def source_date(self):
        import datetime

        return self.published_on or datetime.date(self.year + 1, 3, 31)

    def source_subgroup(self):
        return self.subgroup


class CdopReferral(models.Model):
    """A case the Child Death Overview Panel refers to the Practice Review subgroup for a Rapid
    Review or a learning review. The child is named only by pseudonym."""

    class ReferredFor(models.TextChoices):
        RAPID_REVIEW = "rapid_review", "Consideration of a Rapid Review"
        LEARNING_REVIEW = "learning_review", "Consideration of a learning review"

    report = models.ForeignKey(
        CdopReport, on_delete=models.PROTECT, null=True, blank=True, related_name="referrals"
    )
    referred_on = models.DateField()
    pseudonym = models.CharField(max_length=40, help_text='For example, "Child R". Never the child\'s name.')
    referred_for = models.CharField(max_length=20, choices=ReferredFor.choices)
    reason = models.TextField()
    review = models.ForeignKey(
        Review, on_delete=models.SET_NULL, null=True, blank=True, related_name="cdop_referrals",
        help_text="The review opened in response, if any.",
    )  # fmt: skip
    history = HistoricalRecords()

    class Meta:
        ordering = ["-referred_on"]

    def __str__(self):
        return f"CDOP referral: {self.pseudonym}"


class ExternalReview(SourceOfLearning):
    """Learning from a review published elsewhere (another partnership's, a national review),
    recorded with its themes so it can feed audits and training. Not confidential: it is public."""

    SOURCE_KIND = SourceKind.CASE_REVIEW

    title = models.CharField(max_length=255)
    published_by = models.CharField(
        max_length=255, help_text="For example, the national Panel or another partnership."
    )
    published_on = models.DateField()
    url = models.URLField("address", blank=True)
    summary = models.TextField("what we can learn from it")
    themes = models.ManyToManyField(Theme, blank=True, related_name="external_reviews")
    subgroup = models.ForeignKey(Subgroup, on_delete=models.PROTECT, related_name="external_reviews")
    history = HistoricalRecords(m2m_fields=[themes])

    class Meta:
        ordering = ["-published_on"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("reviews:external-detail", args=[self.pk])

    def source_date(self):
        return self.published_on

    def source_subgroup(self):
        return self.subgroup
