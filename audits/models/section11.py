"""Section 11 self-assessment: frameworks of standards, rounds, agencies' returns and peer challenge.

Section 11 of the Children Act 2004 requires each partner to discharge its functions having
regard to the need to safeguard and promote the welfare of children. Every two years each
invited agency completes a return against a framework of standards (seeded with the eight Pan
London standards), a peer challenge panel with lay members tests it, and the partnership
follows the agency's improvement actions. Frameworks are data, so a second framework (a
schools safeguarding audit, say) needs no code.
"""

import uuid

from django.db import models
from django.db.models import Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from partnership.home import uk_date
from partnership.models import Agency, SourceKind, SourceOfLearning, Subgroup, User
from partnership.models.organisation import choices_constraint
from partnership.models.references import UniqueReference


class Framework(models.Model):
    """A self-assessment framework: its standards, requirements and rating scale."""

    name = models.CharField(max_length=200, unique=True)
    description = models.TextField(blank=True)
    sectors = models.JSONField(
        default=list, blank=True, help_text="The agency sectors it applies to; empty means every sector."
    )
    active = models.BooleanField(default=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("audits:framework-detail", args=[self.pk])

    def applies_to(self, agency: Agency) -> bool:
        return not self.sectors or agency.sector in self.sectors


class RatingLevel(models.Model):
    """One point of a framework's rating scale, e.g. "Fully met" scoring 3."""

    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="rating_levels")
    label = models.CharField(max_length=60)
    score = models.PositiveSmallIntegerField(help_text="Higher is better.")
    description = models.CharField(max_length=255, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["framework", "-score"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "score"], name="rating_level_score_unique"),
            models.UniqueConstraint(fields=["framework", "label"], name="rating_level_label_unique"),
        ]

    def __str__(self):
        return self.label


class Standard(models.Model):
    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="standards")
    number = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=255)
    guidance = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["framework", "number"]
        constraints = [models.UniqueConstraint(fields=["framework", "number"], name="standard_number_unique")]

    def __str__(self):
        return f"Standard {self.number}: {self.title}"


class Requirement(UniqueReference, models.Model):
    """What an agency must show under a standard; each gets a self-rating and evidence."""

    REFERENCE_TAKEN = (
        "Standard {obj.standard.number} already has a requirement with reference {obj.reference}"
    )

    standard = models.ForeignKey(Standard, on_delete=models.CASCADE, related_name="requirements")
    reference = models.CharField(max_length=10, help_text="For example, 1.2.")
    text = models.TextField()
    guidance = models.TextField(blank=True, help_text="What good evidence looks like.")
    required = models.BooleanField(default=True, help_text="A return cannot be submitted without an answer.")
    order = models.PositiveSmallIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["standard__number", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["standard", "reference"], name="requirement_reference_unique")
        ]

    def __str__(self):
        return f"{self.reference} {self.text[:60]}"


class RoundStatus(models.TextChoices):
    DRAFT = "draft", "Being prepared"
    OPEN = "open", "Open for returns"
    CLOSED = "closed", "Closed to returns"
    REPORTED = "reported", "Overview reported"


class Round(SourceOfLearning):
    """One round of self-assessment (every two years by default) with its invited agencies."""

    SOURCE_KIND = SourceKind.SECTION_11

    framework = models.ForeignKey(Framework, on_delete=models.PROTECT, related_name="rounds")
    title = models.CharField(max_length=200, help_text="For example, Section 11 self-assessment 2026.")
    year = models.PositiveSmallIntegerField()
    opens_on = models.DateField()
    due_on = models.DateField()
    status = models.CharField(max_length=16, choices=RoundStatus.choices, default=RoundStatus.DRAFT)
    subgroup = models.ForeignKey(
        Subgroup, on_delete=models.PROTECT, related_name="section11_rounds",
        help_text="The subgroup that oversees the round (usually Quality and Performance).",
    )  # fmt: skip
    previous_round = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    overview_reported_on = models.DateField(
        null=True,
        blank=True,
        help_text="Six months after this, the outstanding improvement actions are reported.",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-year", "-pk"]
        constraints = [
            choices_constraint("status", RoundStatus, "round_status_valid"),
            models.CheckConstraint(
                condition=Q(due_on__gt=models.F("opens_on")), name="round_due_after_opening"
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("audits:round-detail", args=[self.pk])

    def source_date(self):
        return self.overview_reported_on or self.due_on

    def source_subgroup(self):
        return self.subgroup


class ReturnStatus(models.TextChoices):
    NOT_STARTED = "not_started", "Not started"
    DRAFT = "draft", "In progress"
    SUBMITTED = "submitted", "Submitted"
    AMENDMENT = "amendment", "Sent back for amendment"
    CHALLENGE = "challenge", "In peer challenge"
    ACCEPTED = "accepted", "Accepted"


class Return(models.Model):
    """An invited agency's self-assessment in a round: completed by its agency lead and the
    colleagues they add; locked once submitted unless the business unit sends it back."""

    Status = ReturnStatus

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="returns")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="section11_returns")
    status = models.CharField(max_length=16, choices=ReturnStatus.choices, default=ReturnStatus.NOT_STARTED)
    contributors = models.ManyToManyField(
        User,
        blank=True,
        related_name="section11_contributions",
        help_text="Colleagues who may help complete it.",
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(User, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    amendment_comments = models.TextField(blank=True)
    accepted_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(m2m_fields=[contributors])

    class Meta:
        ordering = ["round", "agency__name"]
        constraints = [
            choices_constraint("status", ReturnStatus, "return_status_valid"),
            models.UniqueConstraint(fields=["round", "agency"], name="return_one_per_agency"),
        ]

    def __str__(self):
        return f"{self.agency} – {self.round}"

    def get_absolute_url(self):
        return reverse("audits:return-detail", args=[self.pk])

    @property
    def is_editable(self) -> bool:
        return self.status in (ReturnStatus.NOT_STARTED, ReturnStatus.DRAFT, ReturnStatus.AMENDMENT)


class Answer(models.Model):
    """An agency's self-rating and evidence for one requirement."""

    agency_return = models.ForeignKey(Return, on_delete=models.CASCADE, related_name="answers")
    requirement = models.ForeignKey(Requirement, on_delete=models.PROTECT, related_name="answers")
    rating = models.ForeignKey(RatingLevel, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    evidence = models.TextField(blank=True)
    links = models.TextField(blank=True, help_text="Addresses of evidence, one a line.")
    improvement = models.TextField("areas for improvement", blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["requirement"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency_return", "requirement"], name="answer_one_per_requirement"
            )
        ]

    def __str__(self):
        return f"{self.agency_return.agency}: {self.requirement.reference}"

    @property
    def is_complete(self) -> bool:
        return self.rating_id is not None and bool(self.evidence.strip())


def evidence_path(instance, filename):
    return f"section11/{instance.answer.agency_return_id}/{uuid.uuid4().hex}"


class AnswerFile(models.Model):
    answer = models.ForeignKey(Answer, on_delete=models.CASCADE, related_name="files")
    description = models.CharField(max_length=255, blank=True)
    file = models.FileField(upload_to=evidence_path)
    file_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["uploaded_at"]

    def __str__(self):
        return self.file_name


class PlannedImprovement(models.Model):
    """An improvement the agency plans; accepting the return turns these into its actions."""

    agency_return = models.ForeignKey(
        Return,
        on_delete=models.CASCADE,
        related_name="improvements",
    )
    standard = models.ForeignKey(Standard, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    description = models.TextField()
    due_on = models.DateField("timescale")
    lead_name = models.CharField(max_length=150, blank=True)
    action = models.OneToOneField(
        "partnership.Action",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="section11_improvement",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["due_on", "pk"]

    def __str__(self):
        return self.description[:80]


class ChallengeSession(models.Model):
    """A peer challenge panel session: its members and the returns assigned to it."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="challenge_sessions")
    title = models.CharField(max_length=200)
    date = models.DateField()
    members = models.ManyToManyField(User, related_name="challenge_sessions")
    returns = models.ManyToManyField(Return, related_name="challenge_sessions", blank=True)
    history = HistoricalRecords(m2m_fields=[members, returns])

    class Meta:
        ordering = ["date", "pk"]

    def __str__(self):
        return f"{self.title} ({uk_date(self.date)})"

    def get_absolute_url(self):
        return reverse("audits:session-detail", args=[self.pk])


class StandardChallenge(models.Model):
    """The panel's challenge on one standard of a return, the agency's response and the
    moderated rating. The agency's own self-rating is kept beside it, never overwritten."""

    agency_return = models.ForeignKey(
        Return,
        on_delete=models.CASCADE,
        related_name="challenges",
    )
    standard = models.ForeignKey(Standard, on_delete=models.PROTECT, related_name="+")
    session = models.ForeignKey(
        ChallengeSession, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    challenge = models.TextField(blank=True)
    agency_response = models.TextField(blank=True)
    moderated_rating = models.ForeignKey(
        RatingLevel, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["standard__number"]
        constraints = [
            models.UniqueConstraint(fields=["agency_return", "standard"], name="challenge_one_per_standard")
        ]

    def __str__(self):
        return f"Challenge on {self.standard} for {self.agency_return.agency}"
