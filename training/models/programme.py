"""The yearly programme and what it offers: courses, their learning outcomes and levels, and the
sessions that deliver them."""

import datetime

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from partnership.home import uk_date
from partnership.models import Agency, Finding, Priority, Subgroup, Theme
from partnership.models.organisation import choices_constraint


def year_label(year: int) -> str:
    """2025 -> '2025/26': a partnership year runs April to March (REPORTING_YEAR_START_MONTH)."""
    return f"{year}/{str(year + 1)[-2:]}"


def programme_year_of(day: datetime.date | None = None) -> int:
    """The programme year a day falls in: 2026 for April 2026 to March 2027 (the reporting
    year starts in the month REPORTING_YEAR_START_MONTH)."""
    day = day or timezone.localdate()
    return day.year if day.month >= settings.REPORTING_YEAR_START_MONTH else day.year - 1


class Programme(models.Model):
    """The partnership's training programme for one year (April to March), linked to priorities."""

    year = models.PositiveSmallIntegerField(unique=True, help_text="2026 means April 2026 to March 2027.")
    title = models.CharField(max_length=200, blank=True)
    summary = models.TextField(blank=True, help_text="What the programme sets out to do this year.")
    priorities = models.ManyToManyField(Priority, blank=True, related_name="training_programmes")
    subgroup = models.ForeignKey(
        Subgroup,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="training_programmes",
        help_text="Usually the Training subgroup.",
    )
    history = HistoricalRecords(m2m_fields=[priorities])

    class Meta:
        ordering = ["-year"]

    def __str__(self):
        return self.title or f"Training programme {year_label(self.year)}"

    def get_absolute_url(self):
        return reverse("training:programme-detail", args=[self.pk])

    @property
    def year_label(self) -> str:
        return year_label(self.year)


class Level(models.IntegerChoices):
    BASIC = 1, "Level 1: basic awareness"
    CORE = 2, "Level 2: core multi-agency"
    SPECIALIST = 3, "Level 3: specialist"


class CourseFormat(models.TextChoices):
    COURSE = "course", "Course"
    WORKSHOP = "workshop", "Workshop"
    CONFERENCE = "conference", "Conference"
    BRIEFING = "briefing", "Briefing"
    E_LEARNING = "e_learning", "E-learning"
    TRAIN_THE_TRAINER = "train_the_trainer", "Train the trainer"
    CASCADE = "cascade", "Cascade"


class Provider(models.TextChoices):
    PARTNERSHIP = "partnership", "The partnership"
    AGENCY = "agency", "A partner agency"
    COMMISSIONED = "commissioned", "A commissioned trainer"


class Course(models.Model):
    """A course in a year's programme; it runs as one or more sessions."""

    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="courses")
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True, help_text="Shown on the public booking page.")
    level = models.PositiveSmallIntegerField(choices=Level.choices)
    format = models.CharField(max_length=20, choices=CourseFormat.choices, default=CourseFormat.COURSE)
    multi_agency = models.BooleanField(default=True, help_text="For staff of several agencies together.")
    provider = models.CharField(max_length=16, choices=Provider.choices, default=Provider.PARTNERSHIP)
    provider_agency = models.ForeignKey(
        Agency,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="courses_provided",
        help_text="When a partner agency provides it.",
    )
    provider_name = models.CharField(
        max_length=200, blank=True, help_text="When a commissioned trainer provides it."
    )
    themes = models.ManyToManyField(Theme, blank=True, related_name="courses")
    priorities = models.ManyToManyField(Priority, blank=True, related_name="courses")
    # What reviews and audits found that the course answers: the training analysis "by finding"
    # and each finding on its source's page show the courses and who attended them.
    findings = models.ManyToManyField(
        Finding, blank=True, related_name="courses", help_text="The findings of learning it answers."
    )
    requires_manager_approval = models.BooleanField(
        "needs the line manager's approval",
        default=False,
        help_text="A place is confirmed only once the line manager approves it from an emailed link.",
    )
    follow_up_sample_percent = models.PositiveSmallIntegerField(
        "share of attendees asked for the three-month follow-up (%)",
        default=100,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    bookable = models.BooleanField(default=True, help_text="Shown on the public booking page.")
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords(m2m_fields=[themes, priorities, findings])

    class Meta:
        ordering = ["programme", "level", "title"]
        constraints = [
            choices_constraint("format", CourseFormat, "course_format_valid"),
            choices_constraint("provider", Provider, "course_provider_valid"),
            models.CheckConstraint(condition=Q(level__in=Level.values), name="course_level_valid"),
            models.CheckConstraint(
                condition=Q(follow_up_sample_percent__lte=100), name="course_sample_percent_valid"
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("training:course-detail", args=[self.pk])


class LearningOutcome(models.Model):
    """What a participant should be able to do after the course; confidence is asked per outcome."""

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="outcomes")
    number = models.PositiveSmallIntegerField()
    text = models.CharField(max_length=300)
    history = HistoricalRecords()

    class Meta:
        ordering = ["course", "number"]
        constraints = [models.UniqueConstraint(fields=["course", "number"], name="outcome_number_unique")]

    def __str__(self):
        return self.text


class SessionStatus(models.TextChoices):
    SCHEDULED = "scheduled", "Scheduled"
    CANCELLED = "cancelled", "Cancelled"


# Where a session may go from each status: a scheduled session may be cancelled, and a cancelled
# one stays cancelled (training/services/programme.py).
SESSION_TRANSITIONS = {SessionStatus.SCHEDULED: {SessionStatus.CANCELLED}}


class Session(models.Model):
    """One delivery of a course: when, where, how many places, who trains."""

    Status = SessionStatus

    course = models.ForeignKey(Course, on_delete=models.PROTECT, related_name="sessions")
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    online = models.BooleanField(default=False)
    venue = models.CharField(
        max_length=300, blank=True, help_text="The address, or for an online session how to join."
    )
    capacity = models.PositiveIntegerField(validators=[MinValueValidator(1)])
    trainer = models.CharField(max_length=200, blank=True)
    status = models.CharField(max_length=12, choices=SessionStatus.choices, default=SessionStatus.SCHEDULED)
    # The three-month follow-up sample, drawn once (reproducibly, from the session's id) and kept.
    follow_up_sampled_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["starts_at", "pk"]
        constraints = [
            choices_constraint("status", SessionStatus, "session_status_valid"),
            models.CheckConstraint(
                condition=Q(ends_at__gte=models.F("starts_at")), name="session_ends_after_start"
            ),
            models.CheckConstraint(condition=Q(capacity__gte=1), name="session_capacity_positive"),
        ]
        indexes = [models.Index(fields=["starts_at"])]

    def __str__(self):
        local = timezone.localtime(self.starts_at)
        return f"{self.course} on {uk_date(local.date())}"

    def get_absolute_url(self):
        return reverse("training:session-detail", args=[self.pk])

    @property
    def date(self):
        return timezone.localtime(self.starts_at).date()
