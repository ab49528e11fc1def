"""The partners' funding of the partnership for one reporting year, as the annual report prints it.

Working Together asks the yearly report to say how the arrangements were funded. The business
unit enters, per year, what each partner agency contributed (`FundingContribution`: the agency,
the amount in pounds and pence, a note such as "includes £5,000 in kind: the training venue")
and how the budget was spent (`FundingSpend`: a heading such as "Independent scrutineer" and the
amount). The totals, each partner's share and the surplus or deficit are computed, never typed.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from partnership.models import Agency

MAX_DIGITS, PLACES = 12, 2  # up to £9,999,999,999.99, to the penny


def amount_field(verbose_name: str = "amount (£)") -> models.DecimalField:
    return models.DecimalField(verbose_name, max_digits=MAX_DIGITS, decimal_places=PLACES)


class ReportFunding(models.Model):
    """One reporting year's budget of the partnership (2025 is 2025/26): its contributions and
    its spending lines hang from it."""

    year = models.PositiveSmallIntegerField(
        unique=True, help_text="The year the reporting year starts in: 2025 is 2025/26."
    )
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-year"]
        constraints = [
            models.CheckConstraint(
                condition=Q(year__gte=2000, year__lte=2100), name="report_funding_year_valid"
            )
        ]

    def __str__(self):
        return f"Funding {self.year}"


class FundingContribution(models.Model):
    """What one partner agency contributed to the partnership's budget in the year."""

    funding = models.ForeignKey(ReportFunding, on_delete=models.CASCADE, related_name="contributions")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="report_contributions")
    amount = amount_field()
    note = models.CharField(max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["agency__name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["funding", "agency"], name="funding_contribution_one_per_agency"),
            models.CheckConstraint(condition=Q(amount__gte=0), name="funding_contribution_not_negative"),
        ]

    def __str__(self):
        return f"{self.agency}: £{self.amount}"


class FundingSpend(models.Model):
    """One line of how the year's budget was spent: a heading and the amount."""

    funding = models.ForeignKey(ReportFunding, on_delete=models.CASCADE, related_name="spending")
    heading = models.CharField(max_length=200)
    amount = amount_field()
    history = HistoricalRecords()

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gte=0), name="funding_spend_not_negative"),
        ]

    def __str__(self):
        return f"{self.heading}: £{self.amount}"


class ReportGovernanceLinks(models.Model):
    """How the partnership worked with the other statutory boards in one reporting year, as
    the business unit writes it for the report's governance section: the Safeguarding Adults
    Board, the Community Safety Partnership and the Health and Wellbeing Board."""

    year = models.PositiveSmallIntegerField(unique=True)
    adults_board = models.TextField("the Safeguarding Adults Board", blank=True)
    community_safety = models.TextField("the Community Safety Partnership", blank=True)
    health_wellbeing = models.TextField("the Health and Wellbeing Board", blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    history = HistoricalRecords()

    LINKS = ("adults_board", "community_safety", "health_wellbeing")

    class Meta:
        verbose_name_plural = "report governance links"
        constraints = [
            models.CheckConstraint(
                condition=Q(year__gte=2000, year__lte=2100), name="report_links_year_valid"
            )
        ]

    def __str__(self):
        return f"Links with other boards {self.year}"
