"""The business unit resets the two-factor sign-in of someone who lost their phone: from the
person's page, after the officer's own password; it removes the person's app and recovery codes,
ends their sessions, records a security event and emails them once. Nobody else may, and the
business unit does not reset its own this way (the account page does)."""

import re

import pytest
from django.core import mail
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from partnership.models import SecurityEvent, SecurityEventKind
from partnership.services import DomainError
from partnership.two_factor import services as two_factor
from partnership.two_factor.forms import WRONG_PASSWORD
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def reset_url(person):
    return reverse("partnership:person-two-factor-reset", args=[person.pk])


@pytest.fixture
def lost_phone(world, client_for):
    """The agency lead, signed in on a laptop with their app and recovery codes."""
    laptop = client_for(world.agency_lead)  # gives them a confirmed authenticator app
    two_factor.recovery_codes_regenerate(user=world.agency_lead)
    assert laptop.get(reverse("partnership:home")).status_code == 200
    return laptop


def test_the_person_page_offers_the_reset_to_the_business_unit_only(world, client_for, lost_phone):
    page = client_for(world.business_unit).get(
        reverse("partnership:person-detail", args=[world.agency_lead.pk])
    )
    assert reset_url(world.agency_lead) in page.content.decode()
    assert "signs in with a code from an authenticator app" in page.content.decode()
    own = client_for(world.business_unit).get(
        reverse("partnership:person-detail", args=[world.business_unit.pk])
    )
    assert reset_url(world.business_unit) not in own.content.decode()
    lead = client_for(world.partnership_lead).get(
        reverse("partnership:person-detail", args=[world.agency_lead.pk])
    )
    assert lead.status_code == 200 and reset_url(world.agency_lead) not in lead.content.decode()


def test_a_wrong_password_is_refused_next_to_the_field_and_nothing_changes(
    world, client_for, lost_phone, django_capture_on_commit_callbacks
):
    officer = client_for(world.business_unit)
    with django_capture_on_commit_callbacks(execute=True):
        response = officer.post(reset_url(world.agency_lead), {"password": "not my password"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "Your password is not right" in body
    assert 'href="#id_password"' in body  # the error summary links to the field
    assert response.context["form"].errors == {"password": [WRONG_PASSWORD]}
    # The message sits with the field, under its label, as the GOV.UK error message.
    assert re.search(
        r'<p id="[^"]*password[^"]*" class="govuk-error-message">.*Your password is not right', body
    )
    assert TOTPDevice.objects.filter(user=world.agency_lead).exists()
    assert StaticDevice.objects.filter(user=world.agency_lead).exists()
    assert lost_phone.get(reverse("partnership:home")).status_code == 200
    assert mail.outbox == []
    assert not SecurityEvent.objects.filter(kind=SecurityEventKind.TWO_FACTOR_CHANGED).exists()


def test_the_reset_removes_the_app_and_codes_ends_sessions_records_and_emails_once(
    world, client_for, lost_phone, django_capture_on_commit_callbacks
):
    officer = client_for(world.business_unit)
    assert officer.get(reset_url(world.agency_lead)).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = officer.post(reset_url(world.agency_lead), {"password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("partnership:person-detail", args=[world.agency_lead.pk])
    assert not TOTPDevice.objects.filter(user=world.agency_lead).exists()
    assert not StaticDevice.objects.filter(user=world.agency_lead).exists()
    # Their laptop's session is gone: the next request is sent to sign in.
    after = lost_phone.get(reverse("partnership:home"))
    assert after.status_code == 302 and after["Location"].startswith(reverse("partnership:login"))
    # The officer stays signed in.
    assert officer.get(reverse("partnership:home")).status_code == 200
    [event] = SecurityEvent.objects.filter(kind=SecurityEventKind.TWO_FACTOR_CHANGED)
    assert (event.person, event.actor) == (world.agency_lead, world.business_unit)
    assert "1 session ended" in event.detail
    [email] = mail.outbox
    assert email.to == [world.agency_lead.email]
    assert "reset" in email.subject
    assert "signed out everywhere" in email.body


def test_someone_who_must_use_it_is_told_they_will_set_it_up_again(
    world, client_for, django_capture_on_commit_callbacks
):
    client_for(world.partnership_lead)  # partnership leads must use two-factor sign-in
    with django_capture_on_commit_callbacks(execute=True):
        client_for(world.business_unit).post(reset_url(world.partnership_lead), {"password": PASSWORD})
    [email] = mail.outbox
    assert "you will be asked to set up two-factor sign-in again" in email.body
    assert not two_factor.two_factor_enabled(world.partnership_lead)


@pytest.mark.parametrize(
    "role,status",
    [("partnership_lead", 403), ("agency_lead", 403), ("subgroup_chair", 404), ("other_agency_lead", 404),
     ("lay_member", 404), ("no_role", 404), ("superuser", 404)],
)  # fmt: skip
def test_no_other_role_may_reset_it(world, client_for, lost_phone, role, status):
    """The agency lead is seen (and so refused) by the partnership lead and by themselves; to
    everyone else their page does not exist."""
    client = client_for(world.person(role))
    assert client.get(reset_url(world.agency_lead)).status_code == status
    assert client.post(reset_url(world.agency_lead), {"password": PASSWORD}).status_code == status
    assert TOTPDevice.objects.filter(user=world.agency_lead).exists()


def test_the_business_unit_does_not_reset_its_own_here(world, client_for):
    officer = client_for(world.business_unit)
    assert officer.get(reset_url(world.business_unit)).status_code == 403
    assert officer.post(reset_url(world.business_unit), {"password": PASSWORD}).status_code == 403
    assert TOTPDevice.objects.filter(user=world.business_unit).exists()


def test_the_service_checks_who_asks_again(world):
    with pytest.raises(DomainError):
        two_factor.two_factor_reset_for(person=world.agency_lead, actor=world.partnership_lead)
    with pytest.raises(DomainError):
        two_factor.two_factor_reset_for(person=world.business_unit, actor=world.business_unit)


def test_wrong_passwords_lock_the_officer_out_and_end_their_session(world, client_for, lost_phone, settings):
    """A business unit session left open cannot be used to guess the officer's password."""
    officer = client_for(world.business_unit)
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert officer.post(reset_url(world.agency_lead), {"password": "guess"}).status_code == 200
    locked = officer.post(reset_url(world.agency_lead), {"password": "guess"})
    assert locked.status_code == 429
    assert officer.session.get("_auth_user_id") is None
    assert two_factor.two_factor_enabled(world.agency_lead)
