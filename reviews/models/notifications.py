"""Serious incident notifications: what opens the statutory clock on a case review."""

from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from partnership.models import Agency, Area, User
from partnership.models.organisation import choices_constraint
from partnership.models.references import UniqueReference


class IncidentKind(models.TextChoices):
    DEATH = "death", "Death"
    SERIOUS_HARM = "serious_harm", "Serious harm"


class AbuseOrNeglect(models.TextChoices):
    KNOWN = "known", "Known"
    SUSPECTED = "suspected", "Suspected"


class Notification(UniqueReference, models.Model):
    """A serious incident notification: the local authority became aware that a child died or
    was seriously harmed where abuse or neglect is known or suspected, and told the national
    Child Safeguarding Practice Review Panel. Special-category data: children appear only by
    pseudonym, age band and looked-after status."""

    REFERENCE_TAKEN = "A serious incident notification with reference {obj.reference} already exists"

    reference = models.CharField(max_length=30, unique=True, help_text="For example, SIN-2026-04.")
    became_aware_on = models.DateField("date the local authority became aware")
    notified_on = models.DateField("date notified to the national Panel", null=True, blank=True)
    incident = models.CharField("what happened", max_length=20, choices=IncidentKind.choices)
    abuse_or_neglect = models.CharField(max_length=20, choices=AbuseOrNeglect.choices)
    summary = models.TextField(
        help_text="What happened, in a few sentences. Use the children's pseudonyms only."
    )
    area = models.ForeignKey(Area, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    agencies = models.ManyToManyField(
        Agency, blank=True, related_name="notifications", verbose_name="agencies involved"
    )
    created_by = models.ForeignKey(User, on_delete=models.PROTECT, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords(m2m_fields=[agencies])

    class Meta:
        ordering = ["-became_aware_on", "-pk"]
        constraints = [
            choices_constraint("incident", IncidentKind, "notification_incident_valid"),
            choices_constraint("abuse_or_neglect", AbuseOrNeglect, "notification_abuse_valid"),
        ]

    def __str__(self):
        return self.reference

    def get_absolute_url(self):
        return reverse("reviews:notification-detail", args=[self.pk])


class AgeBand(models.TextChoices):
    UNBORN = "unborn", "Unborn"
    UNDER_1 = "under_1", "Under 1"
    AGE_1_4 = "1_4", "1 to 4"
    AGE_5_9 = "5_9", "5 to 9"
    AGE_10_15 = "10_15", "10 to 15"
    AGE_16_17 = "16_17", "16 or 17"


MAX_CHILDREN_PER_NOTIFICATION = 4


class NotifiedChild(models.Model):
    """A child in a notification, by pseudonym only ("Child Q"): never a name or a date of birth."""

    notification = models.ForeignKey(Notification, on_delete=models.CASCADE, related_name="children")
    pseudonym = models.CharField(max_length=40, help_text='For example, "Child Q". Never the child\'s name.')
    age_band = models.CharField(max_length=10, choices=AgeBand.choices)
    looked_after = models.BooleanField("looked after at the time", default=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["pk"]
        verbose_name_plural = "notified children"
        constraints = [
            choices_constraint("age_band", AgeBand, "notified_child_age_band_valid"),
            models.UniqueConstraint(
                fields=["notification", "pseudonym"], name="notified_child_pseudonym_unique"
            ),
        ]

    def __str__(self):
        return self.pseudonym
