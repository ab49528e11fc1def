"""Risks an activity identifies, flagged to the agency concerned and a safeguarding partner.

When an audit, a review or a deep dive finds a risk that cannot wait for its action plan (a
gap in an agency's practice putting children at risk now), the business unit or the subgroup's
chair flags it: the agency's senior manager and leads, and the senior manager of the statutory
safeguarding partner named, are told at once, and the agency's response is due by a date. The
agency's lead (or the business unit) records the response; the flag then closes.
"""

from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from .learning import LearningSource
from .organisation import Agency, User
from .responses import AwaitedResponse, response_with_its_date

RESPONSE_DAYS = 14  # the default time an agency has to respond to a flagged risk
ALREADY_FLAGGED = "This risk is already flagged to this agency."


class RiskFlag(AwaitedResponse):
    source = models.ForeignKey(LearningSource, on_delete=models.PROTECT, related_name="risk_flags")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="risk_flags")
    partner = models.ForeignKey(
        Agency,
        on_delete=models.PROTECT,
        related_name="risk_flags_as_partner",
        help_text="The statutory safeguarding partner who is told and follows it up.",
    )
    risk = models.TextField(help_text="What the risk is. Name children only by their pseudonym.")
    raised_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    raised_on = models.DateField()
    history = HistoricalRecords()

    class Meta:
        ordering = ["response_received_on", "response_due_on", "pk"]
        constraints = [
            # A double submit of the same risk for the same agency flags it once.
            models.UniqueConstraint(
                fields=["source", "agency", "risk"],
                name="risk_flag_once",
                violation_error_message=ALREADY_FLAGGED,
            ),
            response_with_its_date("risk_flag_response_with_its_date"),
        ]

    def __str__(self):
        return f"Risk flagged to {self.agency}: {self.risk[:60]}"

    def get_absolute_url(self):
        return reverse("partnership:risk-detail", args=[self.pk])
