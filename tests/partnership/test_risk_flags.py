"""Risks an activity identifies, flagged to the agency and a safeguarding partner with a
response due: who is told (once), who sees the flag, and the response."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils.html import escape

from partnership.models import Agency, LearningSource, RiskFlag, Role
from partnership.selectors import risk_flags_visible_to

from ..factories import RoleAssignmentFactory, UserFactory

pytestmark = pytest.mark.django_db

DUE = datetime.date.today() + datetime.timedelta(days=10)


@pytest.fixture
def source(world):
    world.agency.senior_manager_email = "ada.senior@example.org"
    world.agency.save()
    world.other_agency.partner_status = Agency.PartnerStatus.STATUTORY_PARTNER
    world.other_agency.senior_manager_email = "pat.partner@example.org"
    world.other_agency.save()
    return LearningSource.objects.create(
        kind=LearningSource.Kind.DEEP_DIVE, title="Deep dive: neglect referrals", date=datetime.date(2026, 11, 2),
        subgroup=world.subgroup,
    )  # fmt: skip


def flag_form(**overrides):
    data = {"risk": "Child R's referrals were not acknowledged for three weeks.",
            "response_due_on_day": DUE.day, "response_due_on_month": DUE.month, "response_due_on_year": DUE.year}  # fmt: skip
    data.update(overrides)
    return data


def test_the_chair_flags_a_risk_and_the_agency_and_partner_are_told_once(
    client_for, world, source, django_capture_on_commit_callbacks
):
    client = client_for(world.subgroup_chair)
    url = reverse("partnership:risk-create", args=[source.pk])
    data = flag_form(agency=world.agency.pk, partner=world.other_agency.pk)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, data)
    assert response.status_code == 302
    flag = RiskFlag.objects.get()
    assert flag.raised_by == world.subgroup_chair and flag.response_due_on == DUE
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert set(message.to) == {"ada.senior@example.org", "pat.partner@example.org", world.agency_lead.email,
                               world.other_agency_lead.email}  # fmt: skip
    assert message.subject == f"Risk flagged to {world.agency.name}: response due {DUE:%-d %B %Y}"
    assert "Child R's referrals" in message.body and flag.get_absolute_url() in message.body
    # The same risk posted again (a double-click) is refused and emails nobody.
    with django_capture_on_commit_callbacks(execute=True):
        again = client.post(url, data)
    assert (
        again.status_code == 200 and "This risk is already flagged to this agency." in again.content.decode()
    )
    assert RiskFlag.objects.count() == 1 and len(mail.outbox) == 1


def test_the_partner_must_be_a_statutory_safeguarding_partner(client_for, world, source):
    client = client_for(world.business_unit)
    response = client.post(
        reverse("partnership:risk-create", args=[source.pk]),
        flag_form(agency=world.other_agency.pk, partner=world.agency.pk, risk="Kept as typed"),
    )
    assert response.status_code == 200 and not RiskFlag.objects.exists()
    page = response.content.decode()
    assert "Select a valid choice" in page and "Kept as typed" in page


def test_only_those_concerned_see_a_flag(world, source):
    flag = RiskFlag.objects.create(
        source=source, agency=world.agency, partner=world.other_agency, risk="Risk", raised_by=world.business_unit,
        raised_on=datetime.date(2026, 12, 6), response_due_on=datetime.date(2026, 12, 20),
    )  # fmt: skip
    third = UserFactory()
    RoleAssignmentFactory(user=third, role=Role.AGENCY_LEAD, agency=Agency.objects.create(
        name="Third agency", short_name="TA", sector="health"))  # fmt: skip
    for person in (world.business_unit, world.partnership_lead, world.subgroup_chair, world.subgroup_member,
                   world.agency_lead, world.other_agency_lead):  # fmt: skip
        assert list(risk_flags_visible_to(person)) == [flag], person
    for person in (third, world.lay_member, world.peer_challenger, world.no_role):
        assert not risk_flags_visible_to(person).exists(), person


def test_the_agency_lead_records_the_response(client_for, world, source):
    flag = RiskFlag.objects.create(
        source=source, agency=world.agency, partner=world.other_agency, risk="Risk", raised_by=world.business_unit,
        raised_on=datetime.date(2026, 12, 6), response_due_on=datetime.date(2026, 12, 20),
    )  # fmt: skip
    client = client_for(world.agency_lead)
    url = reverse("partnership:risk-respond", args=[flag.pk])
    refused = client.post(url, {"received_on_day": "1", "received_on_month": "12", "received_on_year": "2026",
                                "response": "Too early"})  # fmt: skip
    assert "The response cannot come before the risk was flagged" in refused.content.decode()
    response = client.post(url, {"received_on_day": "10", "received_on_month": "12", "received_on_year": "2026",
                                 "response": "Referrals are now acknowledged within a day."})  # fmt: skip
    assert response.status_code == 302
    flag.refresh_from_db()
    assert (
        flag.response_received_on == datetime.date(2026, 12, 10)
        and flag.response_recorded_by == world.agency_lead
    )
    page = client.get(flag.get_absolute_url()).content.decode()
    assert "Responded" in page and "acknowledged within a day" in page
    # The partner's lead reads it but does not answer for the agency.
    assert client_for(world.other_agency_lead).get(url).status_code == 403


def test_the_email_does_not_name_a_confidential_source(
    client_for, world, source, django_capture_on_commit_callbacks
):
    """The agency's senior manager and leads may not read a confidential source (a case review):
    the email says what kind of source flagged the risk, not its title."""
    source.title, source.confidential = "LCSPR: Child Q", True
    source.save()
    data = flag_form(agency=world.agency.pk, partner=world.other_agency.pk)
    with django_capture_on_commit_callbacks(execute=True):
        client_for(world.business_unit).post(reverse("partnership:risk-create", args=[source.pk]), data)
    message = mail.outbox[0]
    html = message.alternatives[0][0]
    for text in (message.body, html):
        assert "Child Q" not in text and "LCSPR" not in text
        assert "not named here, as it is confidential" in text


def test_the_agency_filter_offers_only_agencies_of_flags_the_person_sees(client_for, world, source):
    third = Agency.objects.create(name="Third agency", short_name="TA", sector="health")
    RiskFlag.objects.create(
        source=source, agency=world.agency, partner=world.other_agency, risk="Risk", raised_by=world.business_unit,
        raised_on=datetime.date(2026, 12, 6), response_due_on=datetime.date(2026, 12, 20),
    )  # fmt: skip
    page = client_for(world.agency_lead).get(reverse("partnership:risk-list")).content.decode()
    assert escape(world.agency.name) in page and escape(world.other_agency.name) in page
    assert third.name not in page
