"""`claim_many`: the batched reminder claim keeps the exactly-once rules of `claim`."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from partnership.models import SentReminder
from partnership.services.reminders import claim, claim_many, mark_sent
from tests.factories import AgencyFactory

pytestmark = pytest.mark.django_db
PERIOD = date(2026, 12, 1)


@pytest.fixture
def things():
    return [AgencyFactory() for _ in range(3)]


def test_a_batch_is_claimed_once_and_a_second_run_claims_nothing(things):
    entries = [(t, PERIOD, f"r{t.pk}@example.org") for t in things]
    first = claim_many("job", entries)
    assert set(first) == {(t.pk, PERIOD, f"r{t.pk}@example.org") for t in things}
    assert claim_many("job", entries) == {}  # claimed by the first run, within its time
    for c in first.values():
        mark_sent(c)
    assert claim_many("job", entries) == {}  # sent
    assert claim("job", [(things[0], PERIOD)], f"r{things[0].pk}@example.org")[0] is None
    assert SentReminder.objects.count() == 3


def test_a_stale_claim_is_taken_over_but_other_rows_of_the_same_thing_are_not(things, settings):
    thing = things[0]
    claimed, _ = claim("job", [(thing, PERIOD)], "a@example.org")
    other, _ = claim("job", [(thing, PERIOD - timedelta(days=1))], "a@example.org")
    SentReminder.objects.update(
        claimed_at=timezone.now() - timedelta(minutes=settings.REMINDER_CLAIM_TIMEOUT_MINUTES + 1)
    )
    taken = claim_many("job", [(thing, PERIOD, "a@example.org")])
    assert list(taken) == [(thing.pk, PERIOD, "a@example.org")]
    row = SentReminder.objects.get(pk=taken[(thing.pk, PERIOD, "a@example.org")].row_ids[0])
    assert row.attempts == 2 and row.claim_token == taken[(thing.pk, PERIOD, "a@example.org")].token
    # The other period's stale row was not asked for, so it keeps its old claim.
    assert SentReminder.objects.get(pk=other.row_ids[0]).claim_token == other.token
    mark_sent(claimed)  # the old claim's token no longer holds the row: nothing is marked
    assert not SentReminder.objects.filter(sent_at__isnull=False).exists()
