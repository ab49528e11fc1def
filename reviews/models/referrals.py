"""Referrals of cases for a learning review, and how the business unit screened them.

Redbridge's referral protocol (2015): agencies, practitioners, audits, the Child Death Overview
Panel and the safeguarding partners after a Rapid Review that decided against an LCSPR may
refer a case from which lessons may be learned about how organisations work together. The
business unit screens each referral against the criteria and records the decision and its
rationale; a referral screened into a learning review is linked to the review it became. The
child is named only by pseudonym.
"""

from django.db import models
from django.db.models import Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from partnership.models import Agency, User
from partnership.models.organisation import choices_constraint

from .reviews import Review


class ReferralRoute(models.TextChoices):
    AGENCY = "agency", "A partner agency"
    PRACTITIONER = "practitioner", "A practitioner"
    AUDIT = "audit", "A single or multi-agency audit"
    CDOP = "cdop", "The Child Death Overview Panel"
    RAPID_REVIEW = "rapid_review", "A Rapid Review that decided against an LCSPR"


class ScreeningDecision(models.TextChoices):
    LEARNING_REVIEW = "learning_review", "Hold a learning review"
    OTHER_LEARNING = "other_learning", "Other learning activity"
    NO_FURTHER_ACTION = "no_further_action", "No further action"


class Referral(models.Model):
    """A case referred for consideration of a learning review (see the module docstring)."""

    route = models.CharField("who refers", max_length=20, choices=ReferralRoute.choices)
    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, null=True, blank=True, related_name="learning_referrals",
        help_text="The agency the referral comes from, if any: its staff see the referral.",
    )  # fmt: skip
    referrer = models.CharField(
        "referred by", max_length=200, help_text="Who is referring: their name and role."
    )
    rapid_review = models.ForeignKey(
        Review, on_delete=models.PROTECT, null=True, blank=True, related_name="learning_referrals",
        limit_choices_to={"kind": "rapid_review"},
        help_text="The Rapid Review whose outcome was not an LCSPR, when it is the route.",
    )  # fmt: skip
    pseudonym = models.CharField(max_length=40, help_text='For example, "Child S". Never the child\'s name.')
    circumstances = models.TextField(help_text="What happened. Pseudonyms only.")
    why_criteria_met = models.TextField("why the referrer thinks it meets the criteria")
    referred_on = models.DateField()
    referred_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="learning_referrals")

    # The business unit's screening against the criteria.
    criteria = models.JSONField(default=dict, blank=True, help_text="Checklist item -> met (true/false).")
    decision = models.CharField(max_length=20, choices=ScreeningDecision.choices, blank=True)
    rationale = models.TextField(blank=True)
    screened_on = models.DateField(null=True, blank=True)
    screened_by = models.ForeignKey(User, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    review = models.OneToOneField(
        Review, on_delete=models.PROTECT, null=True, blank=True, related_name="referral",
        help_text="The learning review the referral became.",
    )  # fmt: skip

    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-referred_on", "-pk"]
        constraints = [
            choices_constraint("route", ReferralRoute, "referral_route_valid"),
            models.CheckConstraint(
                condition=Q(decision="") | Q(decision__in=ScreeningDecision.values),
                name="referral_decision_valid",
            ),
            # Screened means a decision with its date; awaiting screening means neither.
            models.CheckConstraint(
                condition=(Q(decision="") & Q(screened_on__isnull=True))
                | (~Q(decision="") & Q(screened_on__isnull=False)),
                name="referral_screened_with_date",
            ),
            models.CheckConstraint(
                condition=Q(review__isnull=True) | Q(decision=ScreeningDecision.LEARNING_REVIEW),
                name="referral_review_only_when_screened_in",
            ),
            # A Rapid Review's case is referred once (many referrals come from no Rapid Review).
            models.UniqueConstraint(fields=["rapid_review"], name="referral_one_per_rapid_review"),
        ]

    def __str__(self):
        return f"Referral of {self.pseudonym}"

    def get_absolute_url(self):
        return reverse("reviews:learning-referral-detail", args=[self.pk])

    @property
    def is_screened(self) -> bool:
        return bool(self.decision)

    @property
    def status_label(self) -> str:
        return self.get_decision_display() if self.decision else "Awaiting screening"
