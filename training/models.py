"""Training: the yearly programme, courses and sessions, places and attendance, evaluation on
the day and the three-month follow-up, agencies' coverage returns and the training impact
analysis (a source of learning).

Evaluation follows the four Kirkpatrick levels: reaction and learning (the on-the-day
`Evaluation`, with confidence before and after for each learning outcome), behaviour (the
three-month `FollowUp` from a reproducible sample of participants and their line managers) and
results (impact examples tagged with themes and linked to the action or finding they answer).

Practitioners have no account: they book, cancel, evaluate and follow up through emailed links
(`FormLink`), each signed, expiring and usable once.
"""

import uuid

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from partnership.models import (
    Action,
    Agency,
    Finding,
    Priority,
    SourceKind,
    SourceOfLearning,
    Subgroup,
    Theme,
    User,
)
from partnership.models.organisation import choices_constraint


def year_label(year: int) -> str:
    """2025 -> '2025/26': a partnership year runs April to March (REPORTING_YEAR_START_MONTH)."""
    return f"{year}/{str(year + 1)[-2:]}"


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


class Level(models.IntegerChoices):
    BASIC = 1, "Level 1: basic awareness"
    CORE = 2, "Level 2: core multi-agency"
    SPECIALIST = 3, "Level 3: specialist"


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
    history = HistoricalRecords(m2m_fields=[themes])

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
        return f"{self.course} on {local:%d/%m/%Y}"

    def get_absolute_url(self):
        return reverse("training:session-detail", args=[self.pk])

    @property
    def date(self):
        return timezone.localtime(self.starts_at).date()


class AttendeeStatus(models.TextChoices):
    AWAITING_APPROVAL = "awaiting_approval", "Awaiting line manager's approval"
    BOOKED = "booked", "Booked"
    WAITING = "waiting", "On the waiting list"
    CANCELLED = "cancelled", "Cancelled"
    DECLINED = "declined", "Declined by line manager"


# Statuses that hold one of the session's places.
HOLDS_PLACE = (AttendeeStatus.AWAITING_APPROVAL, AttendeeStatus.BOOKED)


class AttendeeSource(models.TextChoices):
    BOOKED_ONLINE = "online", "Booked online"
    ADDED = "added", "Added by the business unit"
    IMPORTED = "imported", "Imported"


class Attendee(models.Model):
    """A person on a session's list: booked, waiting, cancelled; and, after the session, whether
    they attended. Practitioners have no account, so the person is described here."""

    Status = AttendeeStatus
    Source = AttendeeSource

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="attendees")
    name = models.CharField(max_length=200)
    email = models.EmailField(help_text="Stored in lower case: one place per email per session.")
    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, null=True, blank=True, related_name="training_attendees"
    )
    organisation = models.CharField(
        "other organisation",
        max_length=200,
        blank=True,
        help_text="When the person is not from a partner agency.",
    )
    job_role = models.CharField(max_length=200, blank=True)
    manager_name = models.CharField("line manager's name", max_length=200, blank=True)
    manager_email = models.EmailField("line manager's email", blank=True)
    status = models.CharField(max_length=20, choices=AttendeeStatus.choices, default=AttendeeStatus.BOOKED)
    source = models.CharField(max_length=10, choices=AttendeeSource.choices, default=AttendeeSource.ADDED)
    attended = models.BooleanField(null=True, blank=True, help_text="Empty until attendance is marked.")
    follow_up_sampled = models.BooleanField(
        default=False, editable=False, help_text="Drawn for the three-month follow-up."
    )
    booked_at = models.DateTimeField(default=timezone.now, help_text="Orders the waiting list.")
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["session", "booked_at", "pk"]
        constraints = [
            choices_constraint("status", AttendeeStatus, "attendee_status_valid"),
            choices_constraint("source", AttendeeSource, "attendee_source_valid"),
            models.UniqueConstraint("session", Lower("email"), name="attendee_one_place_per_email"),
        ]
        indexes = [
            models.Index(fields=["session", "status"]),
            models.Index(fields=["agency", "session"]),
        ]

    def __str__(self):
        return f"{self.name} ({self.session})"

    def save(self, *args, **kwargs):
        self.email = (self.email or "").strip().lower()
        self.manager_email = (self.manager_email or "").strip().lower()
        super().save(*args, **kwargs)

    @property
    def organisation_name(self) -> str:
        return self.agency.name if self.agency_id else (self.organisation or "Other organisation")

    @property
    def no_show(self) -> bool:
        return self.status == AttendeeStatus.BOOKED and self.attended is False


class LinkPurpose(models.TextChoices):
    CANCEL = "cancel", "Cancel a place"
    APPROVE = "approve", "Approve or decline a place"
    EVALUATION = "evaluation", "Evaluate the session"
    FOLLOW_UP_PARTICIPANT = "follow_up_participant", "Three-month follow-up (participant)"
    FOLLOW_UP_MANAGER = "follow_up_manager", "Three-month follow-up (line manager)"


class FormLink(models.Model):
    """An emailed link that lets someone without an account do one thing, once, before it expires.

    The URL carries the link's `key`, signed with the site's secret (training/links.py): a
    tampered or made-up URL fails the signature before any lookup. The link works until
    `expires_at` and only until it is used (`used_at`); either way a plain page says so.
    One link per attendee and purpose: a reminder repeats the same link.
    """

    Purpose = LinkPurpose

    key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    attendee = models.ForeignKey(Attendee, on_delete=models.CASCADE, related_name="links")
    purpose = models.CharField(max_length=24, choices=LinkPurpose.choices)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            choices_constraint("purpose", LinkPurpose, "form_link_purpose_valid"),
            models.UniqueConstraint(fields=["attendee", "purpose"], name="form_link_one_per_purpose"),
        ]

    def __str__(self):
        return f"{self.get_purpose_display()} for {self.attendee}"

    @property
    def expired(self) -> bool:
        return timezone.now() >= self.expires_at

    @property
    def used(self) -> bool:
        return self.used_at is not None


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


class CoverageReturn(models.Model):
    """An agency's single-agency training figures for a year and level: staff in scope and trained."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="training_coverage")
    year = models.PositiveSmallIntegerField(help_text="2026 means April 2026 to March 2027.")
    level = models.PositiveSmallIntegerField(choices=Level.choices)
    staff_in_scope = models.PositiveIntegerField()
    staff_trained = models.PositiveIntegerField()
    updated_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-year", "agency__name", "level"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "year", "level"], name="coverage_once_per_level"),
            models.CheckConstraint(condition=Q(level__in=Level.values), name="coverage_level_valid"),
        ]

    def __str__(self):
        return f"{self.agency} {year_label(self.year)} level {self.level}"

    @property
    def coverage_percent(self) -> float | None:
        if not self.staff_in_scope:
            return None
        return round(100 * self.staff_trained / self.staff_in_scope, 1)


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


__all__ = [
    "HOLDS_PLACE",
    "Attendee",
    "AttendeeSource",
    "AttendeeStatus",
    "Change",
    "Course",
    "CourseFormat",
    "CoverageReturn",
    "Evaluation",
    "FollowUp",
    "FormLink",
    "ImpactAnalysis",
    "LearningOutcome",
    "Level",
    "LinkPurpose",
    "Need",
    "NeedPriority",
    "NeedsAssessment",
    "OutcomeConfidence",
    "Programme",
    "Provider",
    "Respondent",
    "Session",
    "SessionStatus",
    "year_label",
]
