"""Escalation beyond the subgroup: six months after a Section 11 round's overview, the
partnership writes once to the senior manager of each agency whose planned improvements are
still open, and the business unit records the response on the return."""

import datetime
from html import unescape

import pytest
import time_machine
from django.core import mail
from django.urls import reverse

from audits import reminders
from audits.models import Escalation
from tests.audits.factories import reported_round

pytestmark = pytest.mark.django_db

REPORTED = datetime.date(2027, 1, 15)
SIX_MONTHS_ON = datetime.date(2027, 7, 15)


@pytest.fixture
def reported(world):
    return reported_round(world, REPORTED)


def sent(today) -> list[str]:
    return [r.recipients[0] for r in reminders.send_escalation_letters(today=today) if r.status == "sent"]


def test_the_letter_goes_once_to_the_senior_manager_six_months_on(world, reported):
    assert sent(SIX_MONTHS_ON - datetime.timedelta(days=1)) == []
    assert sent(SIX_MONTHS_ON) == ["ada.senior@example.org"]  # EHT has nothing outstanding
    message = mail.outbox[0]
    assert message.to == ["ada.senior@example.org"] and message.reply_to
    assert message.subject == f"{reported.title}: {world.agency.name}'s Section 11 improvements outstanding"
    assert message.body.startswith("Dear Dr Ada Senior, Director of Children's Services,")
    assert "NCCS: Level 3 training for all designated leads" in message.body
    assert "NCCS: Audit of supervision records" not in message.body  # complete
    assert "15 January 2027" in message.body and "Please reply by 12 August 2027" in message.body
    assert "Director of Children&#x27;s Services" in message.alternatives[0][0]
    # A rerun, the next day or months later, sends nothing more.
    assert sent(SIX_MONTHS_ON) == [] and sent(datetime.date(2027, 9, 1)) == []
    assert len(mail.outbox) == 1
    escalation = Escalation.objects.get()
    assert escalation.agency_return.agency == world.agency and escalation.outstanding == 1
    assert escalation.sent_at is not None and escalation.letter == message.body.split("\n\n--\n")[0]


def test_a_dry_run_lists_the_letter_and_sends_nothing(world, reported):
    planned = reminders.send_escalation_letters(today=SIX_MONTHS_ON, dry_run=True)
    assert [(r.status, r.recipients) for r in planned] == [("would send", ["ada.senior@example.org"])]
    assert mail.outbox == [] and not Escalation.objects.exists()
    assert sent(SIX_MONTHS_ON) == ["ada.senior@example.org"]
    assert reminders.send_escalation_letters(today=SIX_MONTHS_ON, dry_run=True) == []


def test_an_agency_without_a_senior_manager_gets_no_letter_and_the_round_page_says_so(
    client_for, world, reported
):
    world.agency.senior_manager_email = ""
    world.agency.save()
    assert sent(SIX_MONTHS_ON) == []
    with time_machine.travel(SIX_MONTHS_ON):
        client = client_for(world.business_unit)
        page = client.get(reported.get_absolute_url()).content.decode()
    assert "Escalation to senior managers" in page and "No senior manager" in page


def test_the_business_unit_records_the_response_and_the_return_shows_it(client_for, world, reported):
    sent(SIX_MONTHS_ON)
    agency_return = reported.returns.get(agency=world.agency)
    url = reverse("audits:return-escalation-response", args=[agency_return.pk])
    client = client_for(world.business_unit)
    # A missing response is refused next to its field, keeping the date typed.
    page = client.post(url, {"received_on_day": "2", "received_on_month": "8", "received_on_year": "2027",
                             "response": "  "})  # fmt: skip
    assert page.status_code == 200
    assert "Enter the senior manager's response" in unescape(page.content.decode())
    assert 'name="received_on_month" type="text" inputmode="numeric" value="8"' in page.content.decode()
    response = client.post(url, {"received_on_day": "2", "received_on_month": "8", "received_on_year": "2027",
                                 "response": "Training compliance is now 93%."})  # fmt: skip
    assert response.status_code == 302
    escalation = Escalation.objects.get()
    assert escalation.response_received_on == datetime.date(2027, 8, 2)
    assert escalation.response_recorded_by == world.business_unit
    client = client_for(world.agency_lead)
    page = client.get(agency_return.get_absolute_url()).content.decode()
    assert "Escalation to the senior manager" in page and "Training compliance is now 93%." in page
    assert "Received 2 August 2027" in page
    assert url not in page  # only the business unit records it


def test_another_agency_never_sees_the_letter(client_for, world, reported):
    sent(SIX_MONTHS_ON)
    agency_return = reported.returns.get(agency=world.agency)
    client = client_for(world.other_agency_lead)
    assert client.get(agency_return.get_absolute_url()).status_code == 404
    their_page = client.get(
        reported.returns.get(agency=world.other_agency).get_absolute_url()
    ).content.decode()
    assert "Dr Ada Senior" not in their_page
    round_page = client.get(reported.get_absolute_url()).content.decode()
    assert "Escalation to senior managers" not in round_page


def test_an_overdue_response_shows_red_on_the_round_page(client_for, world, reported):
    sent(SIX_MONTHS_ON)
    with time_machine.travel(datetime.date(2027, 8, 13)):
        client = client_for(world.business_unit)
        page = client.get(reported.get_absolute_url()).content.decode()
    assert "Overdue" in page and "Due 12 August 2027" in page
