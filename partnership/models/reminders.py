"""A record of every reminder the scheduled jobs send, so none is ever sent twice.

One row per (job, thing, period, recipient), unique in the database. A job *claims* a row in a
short transaction before sending and marks it sent afterwards; a rerun, a second beat or a
second worker finds the row and sends nothing. A claim left unsent by a crashed worker can be
re-claimed once it is older than REMINDER_CLAIM_TIMEOUT_MINUTES.
"""

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models


class SentReminder(models.Model):
    """One reminder to one recipient about one thing for one period (see the module docstring)."""

    job = models.CharField(max_length=50, help_text="Which job sends it, e.g. plan-chaser.")
    object_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    subject = GenericForeignKey("object_type", "object_id")
    period = models.DateField(help_text="The date this reminder is for: a chaser's due date, a deadline.")
    recipient = models.EmailField()
    claim_token = models.UUIDField(null=True, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.CharField(max_length=255, blank=True)

    class Meta:
        ordering = ["-period", "job"]
        constraints = [
            models.UniqueConstraint(
                fields=["job", "object_type", "object_id", "period", "recipient"], name="sent_reminder_unique"
            )
        ]
        indexes = [models.Index(fields=["job", "object_type", "object_id", "sent_at"])]

    def __str__(self):
        from ..home import uk_date  # the home page's helpers read these models

        return f"{self.job} to {self.recipient} for {uk_date(self.period)}"
