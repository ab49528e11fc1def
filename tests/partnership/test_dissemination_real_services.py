"""The cascade request against PostgreSQL: two runs of the reminders at once email each agency
lead once (the claim in services/reminders.py), and a rerun emails nobody."""

import datetime

import pytest
from django.core import mail

from partnership.models import Briefing, CascadeRequest, SentReminder
from partnership.services.dissemination import CASCADE_JOB
from partnership.services.reminders import run_reminders
from tests.workers import require_postgres, twice_at_once

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


def test_two_runs_at_once_email_each_lead_once(world):
    require_postgres()
    briefing = Briefing.objects.create(
        title="Recognising cumulative neglect", what_we_found="Each agency saw part of the picture.",
        channel_newsletter=True, status=Briefing.Status.PUBLISHED, published_on=datetime.date(2026, 11, 2),
    )  # fmt: skip
    for agency in (world.agency, world.other_agency):
        CascadeRequest.objects.create(briefing=briefing, agency=agency, due_on=datetime.date(2026, 11, 30))
    today = datetime.date(2026, 11, 3)
    errors = twice_at_once(lambda: run_reminders(today=today), timeout=60)
    assert not errors, errors
    cascades = [m for m in mail.outbox if "Please cascade" in m.subject]
    assert sorted(m.to[0] for m in cascades) == sorted(
        [world.agency_lead.email, world.other_agency_lead.email]
    )
    assert SentReminder.objects.filter(job=CASCADE_JOB, sent_at__isnull=False).count() == 2
    run_reminders(today=today)
    assert len([m for m in mail.outbox if "Please cascade" in m.subject]) == 2
