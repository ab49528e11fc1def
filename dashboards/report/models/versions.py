"""Each production of a year's annual report PDF (`ReportVersion`): queued, rendered by a Celery
task that reports its progress, kept in private storage; at most one in progress per year."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse

from partnership.models.organisation import choices_constraint

from .narratives import year_constraint


class ReportStatus(models.TextChoices):
    QUEUED = "queued", "Queued"
    RENDERING = "rendering", "Being produced"
    READY = "ready", "Ready"
    FAILED = "failed", "Failed"


IN_PROGRESS = (ReportStatus.QUEUED, ReportStatus.RENDERING)


def report_path(instance, filename):
    return f"annual-reports/{instance.year}/{uuid.uuid4().hex}.pdf"


class ReportVersion(models.Model):
    """One production of a year's annual report PDF: who asked and when, how far the rendering
    has got (0 to 100, with the step in words), and once ready the file with its size and page
    count, or why it failed. The versions are the report's history: none is overwritten."""

    Status = ReportStatus

    year = models.PositiveSmallIntegerField()
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    requested_at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(max_length=12, choices=ReportStatus.choices, default=ReportStatus.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0)
    step = models.CharField(max_length=120, blank=True, default="Waiting to start")
    file = models.FileField(upload_to=report_path, blank=True)
    file_name = models.CharField(max_length=150, blank=True)
    size = models.PositiveIntegerField(null=True, blank=True, help_text="Bytes.")
    page_count = models.PositiveIntegerField(null=True, blank=True)
    error = models.TextField(blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-requested_at", "-pk"]
        constraints = [
            choices_constraint("status", ReportStatus, "report_version_status_valid"),
            models.CheckConstraint(condition=Q(progress__lte=100), name="report_version_progress_valid"),
            year_constraint("report_version_year_valid"),
            models.CheckConstraint(
                condition=~Q(status=ReportStatus.READY) | ~Q(file=""), name="report_version_ready_has_file"
            ),
            # A double click, or two people at once, queues one report for a year, not two.
            models.UniqueConstraint(
                fields=["year"],
                condition=Q(status__in=[s.value for s in IN_PROGRESS]),
                name="report_version_one_in_progress_per_year",
            ),
        ]

    def __str__(self):
        return f"Annual report {self.year}, version {self.pk}"

    def get_absolute_url(self):
        return reverse("dashboards:report-version", args=[self.pk])

    @property
    def in_progress(self) -> bool:
        return self.status in IN_PROGRESS

    @property
    def is_ready(self) -> bool:
        return self.status == ReportStatus.READY
