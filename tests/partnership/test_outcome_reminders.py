"""The "did it stick?" reminder: when an outcome's check falls due, the business unit and the
source's lead are each emailed once, however often (or however concurrently) the job runs."""

import datetime
from collections import Counter

import pytest
from django.conf import settings
from django.core import mail

from partnership.models import OutcomeResult
from partnership.services import outcomes as services
from partnership.services.reminders import run_reminders
from tests.workers import require_postgres, twice_at_once

from ..factories import ActionPlanFactory, IntendedOutcomeFactory, ReviewFactory, UserFactory

CHECK_ON = datetime.date(2027, 6, 1)


def review_outcome(world, **overrides):
    lead = UserFactory()
    review = ReviewFactory(lead=lead, subgroup=world.subgroup, title="Child Q")
    ActionPlanFactory(source=review.learning_source, subgroup=world.subgroup)
    values = {"check_on": CHECK_ON, "scheduled_on": datetime.date(2026, 12, 6)}
    values.update(overrides)
    return IntendedOutcomeFactory(source=review.learning_source, **values)


@pytest.mark.django_db
def test_a_due_check_emails_the_business_unit_and_the_lead_once(world):
    outcome = review_outcome(world)
    lead_email = outcome.source.concrete.lead.email
    # Not before its date.
    assert services.send_outcome_check_reminders(today=CHECK_ON - datetime.timedelta(days=1)) == []
    would = services.send_outcome_check_reminders(today=CHECK_ON, dry_run=True)
    assert [r.status for r in would] == ["would send", "would send"] and mail.outbox == []
    sent = services.send_outcome_check_reminders(today=CHECK_ON)
    assert sorted(r.recipients[0] for r in sent) == sorted([settings.BUSINESS_UNIT_EMAIL, lead_email])
    assert len(mail.outbox) == 2
    message = mail.outbox[0]
    # A case review is confidential: the email names neither it nor its outcome.
    assert "Child Q" not in message.subject and "Child Q" not in message.body
    assert "due to be checked on 1 June 2027" in message.body
    assert f"/outcomes/{outcome.pk}/check/" in message.body
    # A rerun, the next day's run and the full daily run send nothing more.
    assert services.send_outcome_check_reminders(today=CHECK_ON) == []
    assert services.send_outcome_check_reminders(today=CHECK_ON + datetime.timedelta(days=1)) == []
    run_reminders(today=CHECK_ON + datetime.timedelta(days=2))
    assert len([m for m in mail.outbox if "Did it stick?" in m.subject]) == 2


@pytest.mark.django_db
def test_an_open_source_is_named_and_unscheduled_or_recorded_checks_are_not_reminded(world):
    open_plan = ActionPlanFactory(subgroup=world.subgroup)
    IntendedOutcomeFactory(
        source=open_plan.source, outcome="Every assessment asks about online lives", check_on=CHECK_ON,
        scheduled_on=datetime.date(2026, 12, 6),
    )  # fmt: skip
    IntendedOutcomeFactory(source=open_plan.source, check_on=CHECK_ON)  # its plan has not closed
    IntendedOutcomeFactory(
        source=open_plan.source, check_on=CHECK_ON, scheduled_on=datetime.date(2026, 12, 6),
        result=OutcomeResult.SUSTAINED, evidence="18 of 20", checked_on=CHECK_ON,
    )  # fmt: skip
    sent = services.send_outcome_check_reminders(today=CHECK_ON + datetime.timedelta(days=40))
    assert len(sent) == 1 and len(mail.outbox) == 1
    body = mail.outbox[0].body
    assert open_plan.source.title in body and "Every assessment asks about online lives" in body
    assert "(now overdue)" in body


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_two_runs_at_once_send_each_email_once(world):
    require_postgres()
    for _ in range(3):
        review_outcome(world)

    errors = twice_at_once(lambda: services.send_outcome_check_reminders(today=CHECK_ON), timeout=120)
    assert not errors, errors
    counts = Counter(m.to[0] for m in mail.outbox)
    # Three outcomes: three emails to the business unit, one to each review's lead.
    assert counts[settings.BUSINESS_UNIT_EMAIL] == 3
    assert len(mail.outbox) == 6 and set(counts.values()) == {1, 3}
