"""Meetings of the partnership's executive, its board and its subgroups: who came, what was on
the agenda, the papers, and what was decided.

The minutes and the action log are one record: a decision that agrees an action creates the
core's `Action` (on an open action plan) and keeps the link, so the meeting page shows each
action's live status and RAG, and the action's page says where it was agreed. A decision on a
source of learning (a review, an audit, a deep dive) links the core's `LearningSource`.
"""

import datetime
import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from partnership.models import Action, Agency, LearningSource, Subgroup
from partnership.models.organisation import choices_constraint


class Body(models.TextChoices):
    EXECUTIVE = "executive", "Executive (the safeguarding partners)"
    BOARD = "board", "Board"
    SUBGROUP = "subgroup", "Subgroup"


class MeetingStatus(models.TextChoices):
    PLANNED = "planned", "Planned"
    HELD = "held", "Held"
    CANCELLED = "cancelled", "Cancelled"


class MeetingQuerySet(models.QuerySet):
    def upcoming(self, today):
        return self.filter(status=MeetingStatus.PLANNED, date__gte=today)


class Meeting(models.Model):
    """One meeting of the executive (the three safeguarding partners), the board or a subgroup:
    when and where, whether it was held, and the summary of its minutes."""

    Body = Body
    Status = MeetingStatus

    body = models.CharField("who meets", max_length=16, choices=Body.choices)
    subgroup = models.ForeignKey(
        Subgroup, on_delete=models.PROTECT, null=True, blank=True, related_name="meetings"
    )
    title = models.CharField(max_length=200)
    date = models.DateField()
    start_time = models.TimeField(null=True, blank=True)
    place = models.CharField(max_length=200, blank=True, help_text="A room and building, or Online.")
    status = models.CharField(max_length=16, choices=MeetingStatus.choices, default=MeetingStatus.PLANNED)
    minutes_summary = models.TextField("summary of the minutes", blank=True)
    scrutiny_source = models.ForeignKey(
        LearningSource,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="scrutinised_at",
        limit_choices_to={"kind": "deep_dive"},
        verbose_name="deep dive for scrutiny",
        help_text="The performance deep dive the meeting scrutinises: its findings, recommendations and plan go in the board pack.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-start_time", "pk"]
        constraints = [
            choices_constraint("body", Body, "meeting_body_valid"),
            choices_constraint("status", MeetingStatus, "meeting_status_valid"),
            # A subgroup's meeting names its subgroup; the executive's and the board's name none.
            models.CheckConstraint(
                condition=Q(body=Body.SUBGROUP, subgroup__isnull=False)
                | (~Q(body=Body.SUBGROUP) & Q(subgroup__isnull=True)),
                name="meeting_subgroup_matches_body",
            ),
        ]
        indexes = [models.Index(fields=["subgroup", "status", "date"], name="meeting_next_idx")]

    def __str__(self):
        return f"{self.title}, {self.date.day} {self.date:%B %Y}"

    def get_absolute_url(self):
        return reverse("governance:meeting-detail", args=[self.pk])

    @property
    def body_name(self) -> str:
        """Who meets, as a person would say it: "Learning and Improvement", "The executive"."""
        if self.body == Body.SUBGROUP and self.subgroup_id:
            return self.subgroup.name
        return "The executive" if self.body == Body.EXECUTIVE else "The board"


class AttendanceStatus(models.TextChoices):
    PRESENT = "present", "Present"
    APOLOGIES = "apologies", "Sent apologies"
    ABSENT = "absent", "Absent"


class Attendance(models.Model):
    """Whether an agency was represented at a meeting, and by whom."""

    Status = AttendanceStatus

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendances")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="meeting_attendances")
    status = models.CharField(max_length=16, choices=AttendanceStatus.choices)
    representative = models.CharField("representative's name", max_length=150, blank=True)
    representative_role = models.CharField("representative's role", max_length=150, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["agency__name"]
        constraints = [
            choices_constraint("status", AttendanceStatus, "attendance_status_valid"),
            models.UniqueConstraint(fields=["meeting", "agency"], name="attendance_one_per_agency"),
        ]

    def __str__(self):
        return f"{self.agency}: {self.get_status_display()}"


def paper_path(instance, filename):
    """Papers are stored under a random name; the person's file name is kept only as data."""
    return f"meeting-papers/{instance.meeting_id}/{uuid.uuid4().hex}"


class Paper(models.Model):
    """A paper tabled at a meeting (a report, a dataset, a briefing), stored privately and
    served only through a permission-checked download. A confidential paper is for the
    business unit, the partnership leads and the subgroup's own chair and members."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="papers")
    title = models.CharField(max_length=200)
    file = models.FileField(upload_to=paper_path)
    file_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField(default=0)
    confidential = models.BooleanField(
        default=False, help_text="Not shown to agency leads who attend but do not sit on the body."
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="meeting_papers_added",
    )
    added_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["title", "pk"]

    def __str__(self):
        return self.title


class AgendaItem(models.Model):
    """One item on a meeting's agenda, in order: what is discussed, who presents, its paper."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda_items")
    number = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=255)
    presenter = models.CharField("who presents", max_length=150, blank=True)
    paper = models.ForeignKey(
        Paper, on_delete=models.SET_NULL, null=True, blank=True, related_name="agenda_items"
    )
    decision_needed = models.BooleanField(
        "a decision is needed", default=False, help_text='Listed under "Decisions needed" in the board pack.'
    )
    placed_for = models.CharField(
        max_length=80,
        blank=True,
        editable=False,
        help_text="What the framework put on the agenda itself (e.g. section11-escalation:4); blank if a person added it.",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["number", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "number"], name="agenda_item_number_unique"),
            # The framework places each of its items once on a meeting, however often it runs.
            models.UniqueConstraint(
                fields=["meeting", "placed_for"], condition=~Q(placed_for=""), name="agenda_item_placed_once"
            ),
        ]

    def __str__(self):
        return f"{self.number}. {self.title}"

    @property
    def placed_because(self) -> str:
        """Why the framework put this item on the agenda ("" if a person added it)."""
        if self.placed_for.startswith("section11-escalation:"):
            return "Section 11 improvements outstanding six months after the overview go to the executive."
        return "the partnership's framework sends it here." if self.placed_for else ""


class DecisionKind(models.TextChoices):
    ACTION = "action", "Action agreed"
    SOURCE = "source", "Decision on a source of learning"
    NOTED = "noted", "Noted"


class Decision(models.Model):
    """What a meeting decided: an action agreed (the core action it created), a decision on a
    source of learning (a review, an audit, a deep dive), or something noted."""

    Kind = DecisionKind

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="decisions")
    kind = models.CharField(max_length=16, choices=DecisionKind.choices)
    text = models.TextField("decision")
    action = models.OneToOneField(
        Action, on_delete=models.PROTECT, null=True, blank=True, related_name="agreed_in"
    )
    source = models.ForeignKey(
        LearningSource, on_delete=models.PROTECT, null=True, blank=True, related_name="meeting_decisions"
    )
    # The form's one-time key: a second submission of the same form records nothing more.
    token = models.UUIDField(unique=True, default=uuid.uuid4, editable=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="meeting_decisions",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            choices_constraint("kind", DecisionKind, "decision_kind_valid"),
            models.CheckConstraint(
                condition=Q(kind=DecisionKind.ACTION, action__isnull=False, source__isnull=True)
                | Q(kind=DecisionKind.SOURCE, action__isnull=True, source__isnull=False)
                | Q(kind=DecisionKind.NOTED, action__isnull=True, source__isnull=True),
                name="decision_link_matches_kind",
            ),
        ]

    def __str__(self):
        return self.text[:80]


class PackVersion(models.Model):
    """A meeting's board pack as it was circulated: the pack's HTML frozen at that moment, so
    what the members read never changes when the data behind it does. Numbered 1, 2, … per
    meeting; until the first is circulated the pack page shows the live draft."""

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="pack_versions")
    number = models.PositiveSmallIntegerField()
    title = models.CharField(
        max_length=300,
        help_text='The meeting as the pack named it, e.g. "Executive Group, quarter 4, 14 January 2027".',
    )
    html = models.TextField("the pack as circulated")
    circulated_at = models.DateTimeField()
    circulated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # The circulate form's one-time key: a double submit freezes one version.
    token = models.UUIDField(unique=True, default=uuid.uuid4, editable=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["meeting", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "number"], name="pack_version_number_unique"),
            models.CheckConstraint(condition=Q(number__gte=1), name="pack_version_number_positive"),
        ]

    def __str__(self):
        return f"Board pack version {self.number}: {self.meeting}"

    def get_absolute_url(self):
        return reverse("governance:pack-version", args=[self.pk])


class PackRecipient(models.Model):
    """One person a circulated pack went to, with the address it was sent to (emailed once)."""

    version = models.ForeignKey(PackVersion, on_delete=models.CASCADE, related_name="recipients")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="packs_received"
    )
    email = models.EmailField("email as sent")
    sent_at = models.DateTimeField()
    history = HistoricalRecords()

    class Meta:
        ordering = ["version", "user__full_name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["version", "user"], name="pack_recipient_once"),
        ]

    def __str__(self):
        return f"{self.user} ({self.email})"


class HighlightStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Submitted"


HIGHLIGHT_DUE_DAYS = 14  # a report is due two weeks before the meeting, in time for its pack


class HighlightReport(models.Model):
    """A subgroup's highlight report to a meeting of the executive or the board, written by the
    subgroup's chair (or the business unit): the subgroup's figures since its last report (its
    plans' actions, the sources of learning it oversees, its meetings and their attendance) and
    what went well, the concerns and risks, and the decisions or support it needs. A draft shows
    today's figures; submitting it freezes them (`figures`, `period_start`, `period_end`), so a
    later change in the data never alters what the executive read. One per subgroup per meeting."""

    Status = HighlightStatus

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="highlight_reports")
    subgroup = models.ForeignKey(Subgroup, on_delete=models.PROTECT, related_name="highlight_reports")
    status = models.CharField(max_length=16, choices=HighlightStatus.choices, default=HighlightStatus.DRAFT)
    went_well = models.TextField("what went well", blank=True)
    concerns = models.TextField("concerns and risks", blank=True)
    support_needed = models.TextField("decisions or support needed from the executive", blank=True)
    figures = models.JSONField(
        "figures as submitted",
        default=list,
        blank=True,
        help_text="Each figure's label and value, frozen at submission; empty while a draft.",
    )
    period_start = models.DateField(null=True, blank=True)
    period_end = models.DateField(null=True, blank=True)
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["meeting", "subgroup__name", "pk"]
        constraints = [
            choices_constraint("status", HighlightStatus, "highlight_status_valid"),
            models.UniqueConstraint(fields=["meeting", "subgroup"], name="highlight_one_per_subgroup"),
            # A submitted report keeps when it was submitted and the period its figures cover.
            models.CheckConstraint(
                condition=Q(status=HighlightStatus.DRAFT)
                | Q(submitted_at__isnull=False, period_start__isnull=False, period_end__isnull=False),
                name="highlight_submitted_is_frozen",
            ),
        ]

    def __str__(self):
        return f"{self.subgroup.name}: highlight report to {self.meeting}"

    def get_absolute_url(self):
        return reverse("governance:highlight-detail", args=[self.pk])

    @property
    def is_submitted(self) -> bool:
        return self.status == HighlightStatus.SUBMITTED

    @property
    def due_on(self):
        return due_on(self.meeting)


def due_on(meeting: Meeting):
    """The day a subgroup's highlight report to `meeting` is due: two weeks before it."""
    return meeting.date - datetime.timedelta(days=HIGHLIGHT_DUE_DAYS)
