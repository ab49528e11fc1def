"""The training impact analysis (training's source of learning), and the analysis page's stored
figures (a snapshot per programme year, refreshed by a job)."""

from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from partnership.models import Agency, SourceKind, SourceOfLearning

from .programme import Course, LearningOutcome, Programme


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


# --- the stored figures of the analysis page ------------------------------------------------------


class AnalysisSnapshot(models.Model):
    """The training analysis's figures for a programme year, as last worked out by the summary
    job (`services.analysis.refresh_analysis_summary`): the grouped counts of places, attendance,
    evaluations, follow-ups and confidence answers, stored so the analysis page reads a few
    hundred rows instead of aggregating every place of the year on each visit.

    One per programme (so the year's programme and its snapshot come in one query); its groups
    are replaced whole at each refresh. Derived data: no history."""

    programme = models.OneToOneField(Programme, on_delete=models.CASCADE, related_name="analysis_snapshot")
    computed_at = models.DateTimeField(help_text="When the figures were worked out.")
    as_of = models.DateTimeField(help_text="Sessions started by this moment count as delivered.")

    def __str__(self):
        return f"Training analysis figures {self.programme.year_label}"


class AttendanceGroup(models.Model):
    """One (course, agency) group of a snapshot, exactly as `analysis.queries.attendance` returns
    it for every course, level and agency: the additive counts of `analysis.figures.Figures`
    that query fills, and the sessions the agency's staff attended on the course (additive
    across courses, as a session belongs to one course). Agency None: other organisations."""

    snapshot = models.ForeignKey(AnalysisSnapshot, on_delete=models.CASCADE, related_name="attendance_groups")
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="+")
    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    agency_name = models.CharField(max_length=200, blank=True)
    places_booked = models.PositiveIntegerField(default=0)
    attended = models.PositiveIntegerField(default=0)
    no_shows = models.PositiveIntegerField(default=0)
    not_marked = models.PositiveIntegerField(default=0)
    evaluations = models.PositiveIntegerField(default=0)
    rating_total = models.PositiveIntegerField(default=0)
    sampled = models.PositiveIntegerField(default=0)
    participant_answers = models.PositiveIntegerField(default=0)
    participant_changed = models.PositiveIntegerField(default=0)
    manager_answers = models.PositiveIntegerField(default=0)
    manager_changed = models.PositiveIntegerField(default=0)
    pairs = models.PositiveIntegerField(default=0)
    pairs_agreeing = models.PositiveIntegerField(default=0)
    sessions = models.PositiveIntegerField(default=0)

    # The Figures counts stored here, in the names both use.
    COUNTS = (
        "places_booked",
        "attended",
        "no_shows",
        "not_marked",
        "evaluations",
        "rating_total",
        "sampled",
        "participant_answers",
        "participant_changed",
        "manager_answers",
        "manager_changed",
        "pairs",
        "pairs_agreeing",
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["snapshot", "course", "agency"],
                name="attendance_group_once",
                nulls_distinct=False,  # one "other organisations" group per course too
            ),
        ]

    def __str__(self):
        return f"{self.snapshot}: course {self.course_id}, agency {self.agency_id}"


class ConfidenceGroup(models.Model):
    """One (learning outcome, agency) group of a snapshot, exactly as `analysis.queries.confidence`
    counts it: the confidence answers about the outcome from the agency's staff who attended,
    and their before and after scores added up. Agency None: other organisations."""

    snapshot = models.ForeignKey(AnalysisSnapshot, on_delete=models.CASCADE, related_name="confidence_groups")
    outcome = models.ForeignKey(LearningOutcome, on_delete=models.CASCADE, related_name="+")
    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    answers = models.PositiveIntegerField(default=0)
    before_total = models.PositiveIntegerField(default=0)
    after_total = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["snapshot", "outcome", "agency"], name="confidence_group_once", nulls_distinct=False
            ),
        ]

    def __str__(self):
        return f"{self.snapshot}: outcome {self.outcome_id}, agency {self.agency_id}"
