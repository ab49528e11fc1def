"""Places on sessions and the emailed links that let people without an account act on them.

Practitioners have no account: they book, cancel, evaluate and follow up through emailed links
(`FormLink`), each signed, expiring and usable once.
"""

import uuid

from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from simple_history.models import HistoricalRecords

from partnership.models import Agency
from partnership.models.organisation import choices_constraint

from .programme import Session


class AttendeeStatus(models.TextChoices):
    AWAITING_APPROVAL = "awaiting_approval", "Awaiting line manager's approval"
    BOOKED = "booked", "Booked"
    WAITING = "waiting", "On the waiting list"
    CANCELLED = "cancelled", "Cancelled"
    DECLINED = "declined", "Declined by line manager"


# Statuses that hold one of the session's places.
HOLDS_PLACE = (AttendeeStatus.AWAITING_APPROVAL, AttendeeStatus.BOOKED)

# Where a place may go from each status (training/services/booking.py): a waiting person is given
# a place (booked, or awaiting approval when the course needs it); the line manager approves or
# declines a place awaiting approval; any place on the list may be cancelled; a cancelled or
# declined place comes back when the person books the session again.
ATTENDEE_TRANSITIONS = {
    AttendeeStatus.AWAITING_APPROVAL: {
        AttendeeStatus.BOOKED,
        AttendeeStatus.DECLINED,
        AttendeeStatus.CANCELLED,
    },
    AttendeeStatus.BOOKED: {AttendeeStatus.CANCELLED},
    AttendeeStatus.WAITING: {
        AttendeeStatus.BOOKED,
        AttendeeStatus.AWAITING_APPROVAL,
        AttendeeStatus.CANCELLED,
    },
    AttendeeStatus.CANCELLED: {
        AttendeeStatus.BOOKED,
        AttendeeStatus.AWAITING_APPROVAL,
        AttendeeStatus.WAITING,
    },
    AttendeeStatus.DECLINED: {
        AttendeeStatus.BOOKED,
        AttendeeStatus.AWAITING_APPROVAL,
        AttendeeStatus.WAITING,
    },
}


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
