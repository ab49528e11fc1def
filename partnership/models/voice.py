"""What children and young people tell the partnership, and what changed as a result."""

from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from .learning import SourceKind, SourceOfLearning
from .organisation import Subgroup, Theme


class Consultation(SourceOfLearning):
    """A consultation with children and young people (a youth forum session, a survey): what they
    said and what changed as a result ("you said, we did"). A source of learning like any other."""

    SOURCE_KIND = SourceKind.CONSULTATION

    class Method(models.TextChoices):
        YOUTH_FORUM = "youth_forum", "Youth forum session"
        SURVEY = "survey", "Survey"
        FOCUS_GROUP = "focus_group", "Focus group"
        INTERVIEWS = "interviews", "Interviews"
        OTHER = "other", "Other"

    title = models.CharField(max_length=255)
    date = models.DateField()
    method = models.CharField(max_length=20, choices=Method.choices, default=Method.YOUTH_FORUM)
    group = models.CharField(
        "who took part",
        max_length=255,
        help_text="For example, Northbrook Youth Forum, 14 young people aged 13 to 17.",
    )
    topic = models.CharField(max_length=255)
    what_they_said = models.TextField("what children and young people said")
    what_changed = models.TextField("what changed as a result", blank=True, help_text="You said, we did.")
    subgroup = models.ForeignKey(
        Subgroup, on_delete=models.PROTECT, null=True, blank=True, related_name="consultations"
    )
    themes = models.ManyToManyField(Theme, blank=True, related_name="consultations")
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords(m2m_fields=[themes])

    class Meta:
        ordering = ["-date", "title"]

    def __str__(self):
        return self.title

    def source_date(self):
        return self.date

    def source_subgroup(self):
        return self.subgroup

    def get_absolute_url(self):
        return reverse("partnership:consultation-detail", args=[self.pk])
