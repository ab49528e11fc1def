"""The annual report's models: the narrative the business unit writes, and each rendered PDF.

The partnership publishes one annual report per reporting year (April to March by default:
`settings.REPORTING_YEAR_START_MONTH`; a year is named by the calendar year it starts in, so
2025 is 2025/26). The figures come from the data; the words around them are written in the
product, one text per section (`ReportSection`), kept with their history.

Each time the business unit asks for the PDF a `ReportVersion` is queued, rendered by a Celery
task (dashboards/tasks.py) that reports its progress, and kept in private storage; every
version stays listed. At most one version per year is in progress at a time: a database
constraint, so a double click (or two people at once) produces one report, not two.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from partnership.models.organisation import choices_constraint


class ReportSection(models.TextChoices):
    """The report's sections (printed in the order of `figures.GATHERERS`)."""

    FOREWORD = "foreword", "Foreword"
    PARTNERSHIP = "partnership", "The partnership and its priorities"
    GOVERNANCE = "governance", "How the partnership is governed"
    FUNDING = "funding", "Funding: what the partners contributed and how it was spent"
    PRIORITY_PROGRESS = "priority_progress", "Progress against the year's priorities"
    CASE_REVIEWS = "case_reviews", "Case reviews"
    AUDITS = "audits", "Multi-agency and single-agency audits"
    SECTION_11 = "section11", "Section 11 self-assessment"
    TRAINING = "training", "Training and its impact"
    INSPECTIONS = "inspections", "Learning from inspections"
    CHILD_DEATH_REVIEW = "child_death_review", "Child death review"
    PERFORMANCE = "performance", "Performance data"
    CHILDRENS_VOICE = "childrens_voice", "The voice of children, young people and families"
    ACTION_PLANS = "action_plans", "Action plans"
    WHAT_CHANGED = "what_changed", "What changed as a result"
    LEARNING_THEMES = "learning_themes", "Learning themes"
    DISSEMINATION = "dissemination", "Sharing the learning"
    NEXT_PRIORITIES = "next_priorities", "Priorities for next year"
    # Written by the contributors in the product (models/contributions.py), printed once approved.
    SCRUTINY = "scrutiny", "The independent scrutineer's assessment"
    SUBGROUP_REPORTS = "subgroup_reports", "Our subgroups' reports"
    PARTNER_CONTRIBUTIONS = "partner_contributions", "Partners' contributions"
    GLOSSARY = "glossary", "Glossary"
    REPORT_A_CONCERN = "report_a_concern", "How to report a concern about a child"


def year_constraint(name: str) -> models.CheckConstraint:
    return models.CheckConstraint(condition=Q(year__gte=2000, year__lte=2100), name=name)


class ReportNarrative(models.Model):
    """What the business unit wrote for one section of one year's annual report: the context,
    the analysis and the judgement that the figures alone cannot give. One per (year, section);
    every earlier wording is kept in the history."""

    Section = ReportSection

    year = models.PositiveSmallIntegerField(
        help_text="The year the reporting year starts in: 2025 is 2025/26."
    )
    section = models.CharField(max_length=32, choices=ReportSection.choices)
    text = models.TextField(blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["year", "section"]
        constraints = [
            models.UniqueConstraint(fields=["year", "section"], name="report_narrative_one_per_section"),
            choices_constraint("section", ReportSection, "report_narrative_section_valid"),
            year_constraint("report_narrative_year_valid"),
        ]

    def __str__(self):
        return f"{self.get_section_display()} ({self.year})"


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


# The year's funding and the links with the other boards (their own module, loaded with these).
from .contributions import (  # noqa: E402
    CONTRIBUTION_TRANSITIONS,
    ContributionKind,
    ContributionStatus,
    ReportContribution,
)
from .funding import FundingContribution, FundingSpend, ReportFunding, ReportGovernanceLinks  # noqa: E402, F401
from .publication import Recipient, ReportPublication, SubmissionState  # noqa: E402

__all__ = [
    "CONTRIBUTION_TRANSITIONS",
    "IN_PROGRESS",
    "ContributionKind",
    "ContributionStatus",
    "Recipient",
    "ReportContribution",
    "ReportNarrative",
    "ReportPublication",
    "ReportSection",
    "ReportStatus",
    "ReportVersion",
    "SubmissionState",
    "report_path",
    "year_constraint",
]
