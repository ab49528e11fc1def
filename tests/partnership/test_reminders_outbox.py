"""`Outbox`: every job's send loop lists in a dry run, releases a failed claim and says so at
the end, and marks what went as sent."""

import smtplib
from datetime import date

import pytest
from django.core import mail
from django.core.mail import EmailMessage
from django.core.mail.backends.locmem import EmailBackend as LocmemBackend

from partnership.models import SentReminder
from partnership.services.reminders import Outbox, RemindersIncomplete, Sent, claim, claim_for
from tests.factories import AgencyFactory

pytestmark = pytest.mark.django_db
PERIOD = date(2026, 12, 1)
TO = "lead@example.org"


class DisconnectedBackend(LocmemBackend):
    """A mail server that drops the connection on every send."""

    def send_messages(self, messages):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")


def message(cc=()):
    return EmailMessage("Your reminder", "Body", to=[TO], cc=list(cc))


def test_a_dry_run_lists_the_email_and_sends_nothing():
    agency = AgencyFactory()
    outbox = Outbox("Test emails", dry_run=True)
    claimed, items = claim_for("job", [(agency, PERIOD)], TO, dry_run=True)
    assert items and claimed is None
    assert outbox.send("job", claimed, message(cc=["bu@example.org"]), "1 thing") is False
    outbox.would_send("job", [TO], "Built without its links", "2 things")
    assert outbox.finish() == [
        Sent("job", [TO], "Your reminder", "1 thing", cc=["bu@example.org"], status="would send"),
        Sent("job", [TO], "Built without its links", "2 things", status="would send"),
    ]
    assert mail.outbox == []
    assert not SentReminder.objects.exists()


def test_a_transient_failure_releases_the_claim_and_finish_raises_with_the_results(settings):
    settings.EMAIL_BACKEND = f"{__name__}.DisconnectedBackend"
    agency = AgencyFactory()
    outbox = Outbox("Test emails", dry_run=False)
    claimed, _ = claim("job", [(agency, PERIOD)], TO)
    assert outbox.send("job", claimed, message(), "1 thing") is False
    row = SentReminder.objects.get()
    assert row.sent_at is None and row.claimed_at is None and row.claim_token is None
    assert "SMTPServerDisconnected" in row.last_error
    with pytest.raises(RemindersIncomplete) as raised:
        outbox.finish()
    assert raised.value.args == (
        f"Test emails not sent: {TO}: SMTPServerDisconnected",
        [Sent("job", [TO], "Your reminder", "1 thing", status="failed")],
    )
    assert claim("job", [(agency, PERIOD)], TO)[0] is not None  # the next run sends it


def test_an_email_that_cannot_be_tried_is_released_and_reported():
    agency = AgencyFactory()
    outbox = Outbox("Test emails", dry_run=False)
    claimed, _ = claim("job", [(agency, PERIOD)], TO)
    outbox.fail("job", claimed, message(), "1 thing", ConnectionRefusedError("refused"))
    assert SentReminder.objects.get().claimed_at is None
    with pytest.raises(RemindersIncomplete, match=f"Test emails not sent: {TO}: ConnectionRefusedError"):
        outbox.finish()
    assert mail.outbox == []


def test_a_sent_email_is_marked_sent_and_not_claimed_again():
    agency = AgencyFactory()
    outbox = Outbox("Test emails", dry_run=False)
    claimed, _ = claim("job", [(agency, PERIOD)], TO)
    assert outbox.send("job", claimed, message(), "1 thing", recipients=["Lead <lead@example.org>"]) is True
    assert outbox.finish() == [Sent("job", ["Lead <lead@example.org>"], "Your reminder", "1 thing")]
    assert [m.to for m in mail.outbox] == [[TO]]
    assert SentReminder.objects.get().sent_at is not None
    assert claim("job", [(agency, PERIOD)], TO) == (None, [])
