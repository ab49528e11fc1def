"""The parts of the annual report its contributors write in the product.

Working Together (2023) asks the partners' yearly report for the independent scrutineer's view
of how well the arrangements worked, and the partnership's frameworks ask each subgroup and each
agency for their contribution. The business unit requests each one from the report's page, with
the person asked and a due date; the person writes it here (a template pre-filled with their own
figures), submits it, and the business unit approves it for the report or returns it with a
reason. Only approved text is printed.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from partnership.models.organisation import choices_constraint

from ...periods import year_label


class ContributionKind(models.TextChoices):
    SCRUTINEER = "scrutineer", "The independent scrutineer's assessment"
    SUBGROUP = "subgroup", "A subgroup's section"
    AGENCY = "agency", "An agency's contribution"


class ContributionStatus(models.TextChoices):
    REQUESTED = "requested", "Requested"
    SUBMITTED = "submitted", "Submitted"
    APPROVED = "approved", "Approved"


# Status -> the statuses it may move to. Returned to the author is back to requested.
CONTRIBUTION_TRANSITIONS = {
    ContributionStatus.REQUESTED: {ContributionStatus.SUBMITTED},
    ContributionStatus.SUBMITTED: {ContributionStatus.APPROVED, ContributionStatus.REQUESTED},
}


class ReportContribution(models.Model):
    """One contribution to one year's annual report: the independent scrutineer's assessment, a
    subgroup's section or an agency's contribution, who was asked to write it and by when, what
    they wrote, and who approved it for the report. One per (year, kind, subgroup or agency), so
    a double click, or two people at once, requests it once."""

    Kind = ContributionKind
    Status = ContributionStatus

    year = models.PositiveSmallIntegerField(
        help_text="The year the reporting year starts in: 2025 is 2025/26."
    )
    kind = models.CharField(max_length=16, choices=ContributionKind.choices)
    subgroup = models.ForeignKey(
        "partnership.Subgroup", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    agency = models.ForeignKey(
        "partnership.Agency", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="report_contributions"
    )
    due_on = models.DateField()
    status = models.CharField(
        max_length=12, choices=ContributionStatus.choices, default=ContributionStatus.REQUESTED
    )
    text = models.TextField(blank=True)
    requested_on = models.DateField(help_text="The day it was (last) asked of its author.")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    returned_reason = models.TextField(blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["year", "kind", "subgroup__name", "agency__name"]
        constraints = [
            choices_constraint("kind", ContributionKind, "report_contribution_kind_valid"),
            choices_constraint("status", ContributionStatus, "report_contribution_status_valid"),
            models.CheckConstraint(
                condition=Q(year__gte=2000, year__lte=2100), name="report_contribution_year_valid"
            ),
            # A subgroup's section names its subgroup, an agency's its agency, the scrutineer's neither.
            models.CheckConstraint(
                condition=Q(kind=ContributionKind.SCRUTINEER, subgroup__isnull=True, agency__isnull=True)
                | Q(kind=ContributionKind.SUBGROUP, subgroup__isnull=False, agency__isnull=True)
                | Q(kind=ContributionKind.AGENCY, agency__isnull=False, subgroup__isnull=True),
                name="report_contribution_scope_matches_kind",
            ),
            models.CheckConstraint(
                condition=~Q(status=ContributionStatus.APPROVED) | Q(approved_at__isnull=False),
                name="report_contribution_approved_has_date",
            ),
            models.UniqueConstraint(
                fields=["year"],
                condition=Q(kind=ContributionKind.SCRUTINEER),
                name="report_contribution_one_scrutineer_per_year",
            ),
            models.UniqueConstraint(
                fields=["year", "subgroup"],
                condition=Q(kind=ContributionKind.SUBGROUP),
                name="report_contribution_one_per_subgroup",
            ),
            models.UniqueConstraint(
                fields=["year", "agency"],
                condition=Q(kind=ContributionKind.AGENCY),
                name="report_contribution_one_per_agency",
            ),
        ]

    def __str__(self):
        return f"{self.title} ({self.year})"

    def get_absolute_url(self):
        return reverse("dashboards:report-contribution", args=[self.pk])

    @property
    def title(self) -> str:
        """What is asked, in words: "The independent scrutineer's assessment", "The Quality and
        Performance subgroup's section", "Northbrook Police's contribution"."""
        if self.kind == ContributionKind.SUBGROUP:
            return f"The {self.subgroup.name} subgroup's section"
        if self.kind == ContributionKind.AGENCY:
            return f"{self.agency.name}'s contribution"
        return ContributionKind.SCRUTINEER.label

    @property
    def heading(self) -> str:
        """Its heading in the report."""
        if self.kind == ContributionKind.SUBGROUP:
            return self.subgroup.name
        if self.kind == ContributionKind.AGENCY:
            return self.agency.name
        return ContributionKind.SCRUTINEER.label

    @property
    def year_label(self) -> str:
        return year_label(self.year)

    @property
    def is_missing(self) -> bool:
        """Asked for and not yet approved for the report."""
        return self.status != ContributionStatus.APPROVED
