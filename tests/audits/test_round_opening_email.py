"""Opening a Section 11 round emails each invited agency's lead once, through the job that
claims a SentReminder row per lead before sending: reruns, a second worker or the daily sweep
send nothing more, and a lead appointed after the round opened is emailed on the next run.
The pages say when the email will go rather than claiming it went, and the round's page shows
per agency whether it has."""

import datetime

import pytest
import time_machine
from django.contrib.messages import get_messages
from django.core import mail
from django.urls import reverse

from audits import reminders
from audits.services.section11 import rounds as round_services
from partnership.models import Role, SentReminder
from partnership.services import DomainError
from partnership.services.reminders import run_reminders
from tests.audits.factories import make_round

from ..factories import RoleAssignmentFactory, UserFactory

pytestmark = pytest.mark.django_db

OPENING = datetime.date(2026, 9, 1)


@pytest.fixture
def round_(world):
    return make_round(world, opens_on=OPENING)


def opening_emails():
    return sorted(m.to[0] for m in mail.outbox if "is due by" in m.subject)


def test_opening_twice_and_running_the_job_twice_sends_one_email_per_lead(
    world, round_, django_capture_on_commit_callbacks
):
    second_lead = UserFactory(agency=world.agency, email="second.lead@example.org")
    RoleAssignmentFactory(user=second_lead, role=Role.AGENCY_LEAD, agency=world.agency)
    with django_capture_on_commit_callbacks(execute=True):
        round_services.round_open(round_=round_, actor=world.business_unit)
    expected = sorted([world.agency_lead.email, second_lead.email, world.other_agency_lead.email])
    assert opening_emails() == expected
    with pytest.raises(DomainError), django_capture_on_commit_callbacks(execute=True):
        round_services.round_open(round_=round_, actor=world.business_unit)
    reminders.send_round_opened_emails(today=OPENING)
    reminders.send_round_opened_emails(today=OPENING)
    run_reminders(today=OPENING + datetime.timedelta(days=1))
    assert opening_emails() == expected
    sent = SentReminder.objects.filter(job=reminders.OPENED_JOB, sent_at__isnull=False)
    assert sorted(sent.values_list("recipient", flat=True)) == expected


def test_a_lead_appointed_after_opening_is_emailed_on_the_next_run_once(
    world, round_, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        round_services.round_open(round_=round_, actor=world.business_unit)
    mail.outbox.clear()
    new_lead = UserFactory(agency=world.other_agency, email="new.lead@example.org")
    RoleAssignmentFactory(user=new_lead, role=Role.AGENCY_LEAD, agency=world.other_agency)
    run_reminders(today=OPENING + datetime.timedelta(days=3))
    run_reminders(today=OPENING + datetime.timedelta(days=4))
    assert opening_emails() == [new_lead.email]


@time_machine.travel(datetime.datetime(2026, 9, 1, 9, 0, tzinfo=datetime.UTC), tick=False)
def test_the_pages_say_when_the_leads_will_be_emailed_and_whether_they_have(world, round_, client_for):
    client = client_for(world.business_unit)
    response = client.post(reverse("audits:round-open", args=[round_.pk]))  # the worker has not run yet
    said = " ".join(str(m) for m in get_messages(response.wsgi_request))
    assert "have been emailed" not in said
    assert "will be emailed within a few minutes" in said
    page = client.get(round_.get_absolute_url()).content.decode()
    assert "Opening email" in page and "Not sent yet" in page
    reminders.send_round_opened_emails(today=OPENING)
    page = client.get(round_.get_absolute_url()).content.decode()
    assert "Not sent yet" not in page and "Sent 1 September 2026" in page
