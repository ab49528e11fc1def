"""The security log: who signed in, who was refused, who changed whose access, what left the
service, and what the retention policy removed.

The business unit reads it (partnership:security-events) to answer "who could see this, and
when did that change?" and to notice attacks (repeated failed sign-ins, lockouts, refusals).
Rows are written by `partnership.security.events.record_event` and never edited; the only
thing that removes them is the retention policy (RETENTION["security_events"]).
"""

from django.conf import settings
from django.db import models
from django.utils import timezone

from .organisation import choices_constraint


class SecurityEventKind(models.TextChoices):
    SIGN_IN = "sign_in", "Signed in"
    SIGN_IN_FAILED = "sign_in_failed", "Sign-in failed"
    LOCKOUT = "lockout", "Locked out"
    PERMISSION_REFUSED = "permission_refused", "Permission refused"
    ROLE_GRANTED = "role_granted", "Role granted"
    ROLE_REMOVED = "role_removed", "Role removed"
    PERSON_DEACTIVATED = "person_deactivated", "Person deactivated"
    EXPORT = "export", "Download or export"
    TWO_FACTOR_CHANGED = "two_factor_changed", "Two-factor sign-in changed"
    PASSWORD_CHANGED = "password_changed", "Password changed"
    RETENTION = "retention", "Records deleted or anonymised"


class SecurityEvent(models.Model):
    """One thing that happened to someone's access or to the partnership's data (see the
    module docstring).

    `person` is whom the event is about (who signed in, whose role changed); `actor` is who
    did it when that was someone else (the business unit officer who granted the role).
    A failed sign-in names no person: `email` keeps what was typed. This is a log, so it keeps
    no history of its own: rows are written once and never changed.
    """

    Kind = SecurityEventKind

    at = models.DateTimeField("when", default=timezone.now, db_index=True)
    kind = models.CharField(max_length=32, choices=SecurityEventKind.choices)
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="security_events",
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="Who did it, when not the person themselves.",
    )
    email = models.CharField(
        "email tried", max_length=254, blank=True, help_text="What was typed, for a failed sign-in."
    )
    ip_address = models.GenericIPAddressField("IP address", null=True, blank=True)
    path = models.CharField(max_length=500, blank=True, help_text="The address asked for.")
    detail = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        constraints = [choices_constraint("kind", SecurityEventKind, "security_event_kind_valid")]
        indexes = [
            models.Index(fields=["kind", "-at"], name="security_event_kind_at"),
            models.Index(fields=["person", "-at"], name="security_event_person_at"),
        ]

    def __str__(self):
        from ..home import uk_date  # the home page's helpers read these models

        who = self.person or self.email or "someone"
        at = timezone.localtime(self.at)
        return f"{self.get_kind_display()}: {who} at {uk_date(at.date())}, {at:%H:%M}"
