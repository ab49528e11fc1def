"""Evaluation, following the Kirkpatrick levels: reaction and learning (the on-the-day
`Evaluation`, with confidence before and after for each learning outcome), behaviour (the
three-month `FollowUp` from a reproducible sample of participants and their line managers) and
results (impact examples tagged with themes and linked to the action or finding they answer)."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from partnership.models import Action, Finding, Theme
from partnership.models.organisation import choices_constraint

from .booking import Attendee
from .programme import LearningOutcome

SCORE = [MinValueValidator(1), MaxValueValidator(5)]


class Evaluation(models.Model):
    """Reaction and learning, on the day: an attendee's evaluation of the session."""

    attendee = models.OneToOneField(Attendee, on_delete=models.CASCADE, related_name="evaluation")
    overall_rating = models.PositiveSmallIntegerField(
        validators=SCORE, help_text="1 (poor) to 5 (excellent)."
    )
    will_do_differently = models.TextField("what you will do differently", blank=True)
    comments = models.TextField(blank=True)
    submitted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(overall_rating__gte=1, overall_rating__lte=5), name="evaluation_rating_range"
            )
        ]

    def __str__(self):
        return f"Evaluation by {self.attendee.name}"


class OutcomeConfidence(models.Model):
    """Confidence in one learning outcome before and after the session, 1 to 5."""

    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="confidences")
    outcome = models.ForeignKey(LearningOutcome, on_delete=models.CASCADE, related_name="confidences")
    before = models.PositiveSmallIntegerField(validators=SCORE)
    after = models.PositiveSmallIntegerField(validators=SCORE)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["evaluation", "outcome"], name="confidence_once_per_outcome"),
            models.CheckConstraint(
                condition=Q(before__gte=1, before__lte=5, after__gte=1, after__lte=5), name="confidence_range"
            ),
        ]

    def __str__(self):
        return f"{self.outcome}: {self.before} to {self.after}"


class Respondent(models.TextChoices):
    PARTICIPANT = "participant", "Participant"
    MANAGER = "manager", "Line manager"


class Change(models.TextChoices):
    YES = "yes", "Yes"
    PARTLY = "partly", "Partly"
    NO = "no", "No"
    NOT_SURE = "not_sure", "Not able to say"


class FollowUp(models.Model):
    """Behaviour and results, three months on: a participant's or their line manager's answer.

    The example given is an impact example: the business unit tags it with themes and may link
    it to the action or finding it answers, so training can be shown answering what reviews and
    audits found.
    """

    Respondent = Respondent
    Change = Change

    attendee = models.ForeignKey(Attendee, on_delete=models.CASCADE, related_name="follow_ups")
    respondent = models.CharField(max_length=12, choices=Respondent.choices)
    practice_changed = models.CharField(
        max_length=10,
        choices=Change.choices,
        help_text="Participant: has your practice changed? Manager: have you seen a change?",
    )
    how = models.TextField("how practice has changed", blank=True)
    example = models.TextField(blank=True)
    difference_for_children = models.TextField("the difference for children and families", blank=True)
    barriers = models.TextField(blank=True)
    submitted_at = models.DateTimeField(default=timezone.now)
    # Results: tagging and linking, by the business unit.
    themes = models.ManyToManyField(Theme, blank=True, related_name="training_impact_examples")
    action = models.ForeignKey(
        Action, on_delete=models.SET_NULL, null=True, blank=True, related_name="training_impact_examples"
    )
    finding = models.ForeignKey(
        Finding, on_delete=models.SET_NULL, null=True, blank=True, related_name="training_impact_examples"
    )
    history = HistoricalRecords(m2m_fields=[themes])

    class Meta:
        ordering = ["-submitted_at"]
        constraints = [
            choices_constraint("respondent", Respondent, "follow_up_respondent_valid"),
            choices_constraint("practice_changed", Change, "follow_up_change_valid"),
            models.UniqueConstraint(fields=["attendee", "respondent"], name="follow_up_once_per_respondent"),
        ]

    def __str__(self):
        return f"{self.get_respondent_display()} follow-up for {self.attendee.name}"
