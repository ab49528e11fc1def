"""Impact by design: what a source of learning set out to change, and whether it stuck.

When a source of learning is commissioned (a review, an audit, a Section 11 round, an
inspection, a deep dive, a consultation, a child death review report, a training impact
analysis), the business unit records its *intended outcomes*: the change sought, how it will be
measured (an indicator in the performance dataset with a target, a re-audit, a follow-up sample
of cases, a consultation, or another way) and when.

Closing the source's action plan (its last open action completed or cancelled) schedules the
"did it stick?" check: an outcome with no check date gets one from its measure
(`DEFAULT_CHECK_MONTHS` after the plan closed). On the date, the business unit records the
result (sustained, partly sustained, not sustained) with its evidence. A "not sustained" result
opens a new finding on the source, marked `recurring` and linked to the outcome, so the same
lesson coming back shows as such in the theme matrix.

The core does not know the dataset's models: an indicator is named by its code, and its label,
link and values come through the OUTCOME_INDICATORS extension point.
"""

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from .learning import Finding, LearningSource
from .organisation import User, choices_constraint


class MeasureKind(models.TextChoices):
    INDICATOR = "indicator", "An indicator in the performance dataset"
    REAUDIT = "reaudit", "A re-audit"
    FOLLOW_UP_SAMPLE = "follow_up_sample", "A follow-up sample of cases"
    CONSULTATION = "consultation", "A consultation"
    OTHER = "other", "Another way"


# How long after the plan closes an outcome is checked when no check date was set: long enough
# for two quarters of indicator data or a sample of new cases; a year for a full re-audit or a
# new round of consultation.
DEFAULT_CHECK_MONTHS = {
    MeasureKind.INDICATOR: 6,
    MeasureKind.REAUDIT: 12,
    MeasureKind.FOLLOW_UP_SAMPLE: 6,
    MeasureKind.CONSULTATION: 12,
    MeasureKind.OTHER: 6,
}


class OutcomeResult(models.TextChoices):
    SUSTAINED = "sustained", "Sustained"
    PARTLY = "partly", "Partly sustained"
    NOT_SUSTAINED = "not_sustained", "Not sustained"


RESULT_TAG_COLOURS = {
    OutcomeResult.SUSTAINED: "green",
    OutcomeResult.PARTLY: "yellow",
    OutcomeResult.NOT_SUSTAINED: "red",
}


class CheckState(models.TextChoices):
    """Where an outcome's check stands (`IntendedOutcome.check_state`)."""

    PLANNED = "planned", "Planned"  # the plan is still open: the check is not scheduled yet
    SCHEDULED = "scheduled", "Scheduled"  # the plan closed; the check date is still to come
    DUE = "due", "Due"  # the check date has come, within OUTCOME_CHECK_OVERDUE_DAYS
    OVERDUE = "overdue", "Overdue"
    RECORDED = "recorded", "Recorded"


CHECK_STATE_COLOURS = {
    CheckState.PLANNED: "grey",
    CheckState.SCHEDULED: "blue",
    CheckState.DUE: "yellow",
    CheckState.OVERDUE: "red",
    CheckState.RECORDED: "green",
}


def number(value) -> str:
    """A dataset figure as people write it: 70, 12.5 (no trailing zeros)."""
    if value is None:
        return ""
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def overdue_days() -> int:
    return getattr(settings, "OUTCOME_CHECK_OVERDUE_DAYS", 28)


class IntendedOutcome(models.Model):
    """One change a source of learning set out to make, how and when it will be measured, and
    (once checked) whether it was sustained (see the module docstring)."""

    Measure = MeasureKind
    Result = OutcomeResult

    source = models.ForeignKey(LearningSource, on_delete=models.CASCADE, related_name="intended_outcomes")
    outcome = models.TextField(
        "outcome sought", help_text="The change for children, families or practice this learning should make."
    )
    measure_kind = models.CharField("how it will be measured", max_length=20, choices=MeasureKind.choices)
    measure = models.TextField(
        "what will be measured",
        blank=True,
        help_text="For example, the sample, the audit tool or the question.",
    )
    indicator_code = models.CharField(
        "indicator", max_length=20, blank=True, help_text="The dataset's indicator, for an indicator measure."
    )
    indicator_label = models.CharField(max_length=255, blank=True, editable=False)
    target = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    higher_is_better = models.BooleanField(
        "direction", default=True, help_text="Whether the indicator should rise to meet the target, or fall."
    )
    baseline = models.DecimalField(
        "value when set", max_digits=12, decimal_places=2, null=True, blank=True,
        help_text="The indicator's value now, so that the check can tell a partial improvement.",
    )  # fmt: skip
    check_on = models.DateField(
        "check date", null=True, blank=True,
        help_text="When to check it stuck. Leave empty to set it when the action plan closes.",
    )  # fmt: skip
    findings = models.ManyToManyField(
        Finding, blank=True, related_name="intended_outcomes", help_text="The findings it answers."
    )
    scheduled_on = models.DateField(
        null=True, blank=True, editable=False, help_text="When closing the action plan scheduled the check."
    )
    result = models.CharField(max_length=16, choices=OutcomeResult.choices, blank=True)
    result_value = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    evidence = models.TextField(blank=True)
    checked_on = models.DateField(null=True, blank=True)
    checked_by = models.ForeignKey(User, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(m2m_fields=[findings])

    class Meta:
        ordering = ["source", "pk"]
        constraints = [
            choices_constraint("measure_kind", MeasureKind, "outcome_measure_kind_valid"),
            models.CheckConstraint(
                condition=Q(result="") | Q(result__in=OutcomeResult.values), name="outcome_result_valid"
            ),
            models.CheckConstraint(
                condition=~Q(measure_kind=MeasureKind.INDICATOR)
                | (~Q(indicator_code="") & Q(target__isnull=False)),
                name="outcome_indicator_has_target",
            ),
            models.CheckConstraint(
                condition=Q(result="") | (Q(checked_on__isnull=False) & ~Q(evidence="")),
                name="outcome_result_with_evidence",
            ),
        ]
        indexes = [models.Index(fields=["result", "check_on"], name="outcome_check_idx")]

    def __str__(self):
        return self.outcome[:80]

    def get_absolute_url(self):
        return self.source.get_absolute_url() + f"#outcome-{self.pk}"

    @property
    def is_indicator(self) -> bool:
        return self.measure_kind == MeasureKind.INDICATOR

    @property
    def is_recorded(self) -> bool:
        return bool(self.result)

    def check_state(self, today: date) -> CheckState:
        if self.result:
            return CheckState.RECORDED
        if self.scheduled_on is None or self.check_on is None:
            return CheckState.PLANNED
        if self.check_on > today:
            return CheckState.SCHEDULED
        if (today - self.check_on).days > overdue_days():
            return CheckState.OVERDUE
        return CheckState.DUE

    @property
    def result_colour(self) -> str:
        return RESULT_TAG_COLOURS.get(self.result, "grey")

    @property
    def result_value_display(self) -> str:
        return number(self.result_value)

    @property
    def baseline_display(self) -> str:
        return number(self.baseline)

    def measure_display(self) -> str:
        if self.is_indicator:
            direction = "or more" if self.higher_is_better else "or less"
            return f"{self.indicator_label or self.indicator_code}: target {number(self.target)} {direction}"
        return self.get_measure_kind_display() + (f": {self.measure}" if self.measure else "")
