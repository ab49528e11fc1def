"""Escalation beyond the subgroup: the partnership's letter to an agency's senior manager.

Six months after a Section 11 round's overview was reported, the improvements an agency planned
and has not completed are no longer the subgroup's to chase: the partnership writes to the
agency's senior manager (the contact each agency has, `Agency.senior_manager_*`), asks for a
response by a date, and records it on the return. The letter is kept as it was sent.
"""

from django.db import models
from simple_history.models import HistoricalRecords

from partnership.models.responses import AwaitedResponse, response_with_its_date

from .section11 import Return

ESCALATE_AFTER_MONTHS = 6  # after the round's overview, as the outstanding actions report
RESPONSE_DAYS = 28  # the senior manager's time to respond, from the letter


def escalation_due_on(round_):
    """The day a round's escalation letters become due, or None before its overview."""
    from dateutil.relativedelta import relativedelta

    if round_.overview_reported_on is None:
        return None
    return round_.overview_reported_on + relativedelta(months=ESCALATE_AFTER_MONTHS)


class Escalation(AwaitedResponse):
    """The letter about one return's outstanding improvements, and the senior manager's response."""

    agency_return = models.OneToOneField(Return, on_delete=models.CASCADE, related_name="escalation")
    addressee = models.CharField(max_length=400, help_text="The senior manager, as the letter names them.")
    sent_to = models.EmailField()
    subject = models.CharField(max_length=300)
    letter = models.TextField(help_text="The letter as it was written and sent.")
    outstanding = models.PositiveIntegerField(help_text="Improvements outstanding when it was written.")
    written_on = models.DateField()
    sent_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-written_on", "pk"]
        constraints = [response_with_its_date("escalation_response_with_its_date")]

    def __str__(self):
        return f"Escalation to {self.agency_return.agency}: {self.agency_return.round}"

    def get_absolute_url(self):
        return self.agency_return.get_absolute_url() + "#escalation"
