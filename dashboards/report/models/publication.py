"""The publication trail of a year's annual report: finalised, published, and sent on.

Working Together to Safeguard Children 2023 asks the safeguarding partners to publish their
yearly report and to send it to the national Child Safeguarding Practice Review Panel and to
Foundations (the What Works Centre for Children & Families) within seven days of publishing it
(`settings.ANNUAL_REPORT_SUBMISSION_DAYS`). `ReportPublication` is one year's trail, in order:

1. finalised: the business unit marks one ready `ReportVersion` as the report of the year; the
   accessible HTML edition is frozen at that moment (`edition_html`), so the file the
   partnership puts on its website never changes when the data does, and the year's narratives
   can no longer be edited. Un-finalising (before publication only) needs a reason, kept in the
   history;
2. published: where the partnership published it (the public address) and on what date; this
   starts the submission clock;
3. sent to the Panel and sent to Foundations: each recorded once, with the date, how and by
   whom; the clock is met or missed when both are recorded.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords


class Recipient(models.TextChoices):
    """Who the published report is sent to."""

    PANEL = "panel", "the Child Safeguarding Practice Review Panel"
    FOUNDATIONS = "foundations", "Foundations, the What Works Centre for Children & Families"


SHORT_NAMES = {Recipient.PANEL: "the national Panel", Recipient.FOUNDATIONS: "Foundations"}


class SubmissionState:
    NOT_STARTED = "not_started"
    RUNNING = "running"
    OVERDUE = "overdue"
    MET = "met"
    MISSED = "missed"


class ReportPublication(models.Model):
    """One reporting year's publication trail (see the module's docstring). One per year."""

    year = models.PositiveSmallIntegerField(unique=True)
    version = models.ForeignKey(
        "dashboards.ReportVersion",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="The version finalised as the year's report; empty when not (or no longer) finalised.",
    )
    finalised_at = models.DateTimeField(null=True, blank=True)
    finalised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    edition_html = models.TextField(
        blank=True, help_text="The standalone HTML edition as it was when the report was finalised."
    )
    published_url = models.URLField(max_length=500, blank=True)
    published_on = models.DateField(null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    panel_sent_on = models.DateField(null=True, blank=True)
    panel_sent_how = models.CharField(max_length=200, blank=True)
    panel_sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    foundations_sent_on = models.DateField(null=True, blank=True)
    foundations_sent_how = models.CharField(max_length=200, blank=True)
    foundations_sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-year"]
        constraints = [
            models.CheckConstraint(
                condition=Q(year__gte=2000, year__lte=2100), name="report_publication_year_valid"
            ),
            # The order of the trail, held by the database as well as the services.
            models.CheckConstraint(
                condition=Q(published_on__isnull=True) | Q(version__isnull=False),
                name="report_publication_published_is_finalised",
            ),
            models.CheckConstraint(
                condition=Q(published_on__isnull=True) | ~Q(published_url=""),
                name="report_publication_published_has_url",
            ),
            models.CheckConstraint(
                condition=Q(panel_sent_on__isnull=True) | Q(published_on__isnull=False),
                name="report_publication_panel_after_publication",
            ),
            models.CheckConstraint(
                condition=Q(foundations_sent_on__isnull=True) | Q(published_on__isnull=False),
                name="report_publication_foundations_after_publication",
            ),
        ]

    def __str__(self):
        return f"Publication of the annual report {self.year}"

    @property
    def is_finalised(self) -> bool:
        return self.version_id is not None

    @property
    def is_published(self) -> bool:
        return self.published_on is not None

    def sent_on(self, recipient: str) -> datetime.date | None:
        return getattr(self, f"{recipient}_sent_on")

    def sent_how(self, recipient: str) -> str:
        return getattr(self, f"{recipient}_sent_how")

    def sent_by(self, recipient: str):
        return getattr(self, f"{recipient}_sent_by")

    # --- the submission clock -------------------------------------------------------------------

    @property
    def submission_due(self) -> datetime.date | None:
        """The last day to send the report to both, counted in calendar days from publication."""
        if self.published_on is None:
            return None
        return self.published_on + datetime.timedelta(days=settings.ANNUAL_REPORT_SUBMISSION_DAYS)

    @property
    def submissions_done(self) -> datetime.date | None:
        """The day the second of the two was sent, once both have been."""
        if self.panel_sent_on and self.foundations_sent_on:
            return max(self.panel_sent_on, self.foundations_sent_on)
        return None

    def submission_state(self, today: datetime.date) -> str:
        due, done = self.submission_due, self.submissions_done
        if due is None:
            return SubmissionState.NOT_STARTED
        if done is not None:
            return SubmissionState.MET if done <= due else SubmissionState.MISSED
        return SubmissionState.RUNNING if today <= due else SubmissionState.OVERDUE

    def submission_description(self, today: datetime.date) -> str:
        """In words: "Due in 3 days", "Overdue by 2 days", "Met, 4 days early", "Missed by 1 day"."""
        state = self.submission_state(today)
        due, done = self.submission_due, self.submissions_done
        if state == SubmissionState.NOT_STARTED:
            return "Starts when the report is published"
        if state == SubmissionState.MET:
            early = (due - done).days
            return f"Met, {days(early)} early" if early else "Met on the due date"
        if state == SubmissionState.MISSED:
            return f"Missed by {days((done - due).days)}"
        left = (due - today).days
        if state == SubmissionState.OVERDUE:
            return f"Overdue by {days(-left)}"
        return "Due today" if left == 0 else f"Due in {days(left)}"


def days(n: int) -> str:
    return f"{n} day{'s' if n != 1 else ''}"
