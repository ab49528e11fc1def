"""Sessions: idle and absolute timeouts, deactivation ending sessions, changing a password."""

from datetime import timedelta

import pytest
import time_machine
from django.conf import settings
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from partnership.middleware_sessions import sessions_end
from partnership.services.organisation import person_deactivate
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

LOGIN = reverse("partnership:login")
HOME = reverse("partnership:home")
ACCOUNT = reverse("partnership:account")
PASSWORD_CHANGE = reverse("partnership:password-change")
NEW_PASSWORD = "Kestrel-orchard-lantern-42"


def sign_in(client, user, password=PASSWORD):
    response = client.post(LOGIN, {"username": user.email, "password": password})
    assert response.status_code == 302
    return response


def signed_in_id(client):
    return client.session.get("_auth_user_id")


def sessions_of(user) -> int:
    return sum(
        1
        for session in Session.objects.filter(expire_date__gt=timezone.now())
        if session.get_decoded().get("_auth_user_id") == str(user.pk)
    )


def sent_to_sign_in_with(client, response, reason: str) -> None:
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)
    assert signed_in_id(client) is None
    page = client.get(response["Location"]).content.decode()
    assert reason in page


# Idle timeout


def test_a_session_idle_past_the_limit_is_signed_out_with_the_reason(client, world):
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        sign_in(client, world.agency_lead)
        assert client.get(HOME).status_code == 200
        traveller.shift(timedelta(minutes=settings.SESSION_IDLE_TIMEOUT_MINUTES, seconds=1))
        response = client.get(reverse("partnership:action-list"))
        assert response["Location"] == LOGIN + "?next=" + reverse("partnership:action-list")
        sent_to_sign_in_with(
            client, response, "You have been signed out because you had not used the service for 30 minutes"
        )


def test_an_active_session_continues_past_the_idle_limit(client, world):
    step = timedelta(minutes=settings.SESSION_IDLE_TIMEOUT_MINUTES - 1)
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        sign_in(client, world.agency_lead)
        for _ in range(4):  # nearly two hours in all, never idle for the limit
            traveller.shift(step)
            assert client.get(HOME).status_code == 200


def test_the_idle_limit_comes_from_the_setting(client_for, world, settings):
    settings.SESSION_IDLE_TIMEOUT_MINUTES = 5
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        client = client_for(world.business_unit)  # signed in with two-factor authentication
        assert client.get(HOME).status_code == 200
        traveller.shift(timedelta(minutes=5, seconds=1))
        sent_to_sign_in_with(client, client.get(HOME), "had not used the service for 5 minutes")


def test_a_session_after_the_idle_limit_ends_even_on_a_post(client_for, world):
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        client = client_for(world.business_unit)
        client.get(HOME)
        traveller.shift(timedelta(hours=1))
        response = client.post(PASSWORD_CHANGE, {"old_password": PASSWORD})
        assert response["Location"] == LOGIN
        assert signed_in_id(client) is None


# Absolute timeout


def test_a_busy_session_ends_after_the_absolute_limit(client, world):
    step = timedelta(minutes=20)
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        sign_in(client, world.agency_lead)
        for _ in range(settings.SESSION_ABSOLUTE_TIMEOUT_HOURS * 3):  # 10 hours, never idle
            traveller.shift(step)
            assert client.get(HOME).status_code == 200
        traveller.shift(timedelta(minutes=1))
        sent_to_sign_in_with(
            client, client.get(HOME), "You have been signed out because you signed in more than 10 hours ago"
        )
        # Signing in again starts a new session with its own clock.
        sign_in(client, world.agency_lead)
        assert client.get(HOME).status_code == 200


def test_the_absolute_limit_counts_from_signing_in(client, world, settings):
    settings.SESSION_ABSOLUTE_TIMEOUT_HOURS = 1
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        sign_in(client, world.agency_lead)
        traveller.shift(timedelta(minutes=29))
        assert client.get(HOME).status_code == 200
        traveller.shift(timedelta(minutes=29))
        assert client.get(HOME).status_code == 200
        traveller.shift(timedelta(minutes=3))
        sent_to_sign_in_with(client, client.get(HOME), "signed in more than 1 hour ago")


# Deactivation


def test_deactivating_a_person_ends_all_their_sessions_at_once(client, client_for, world):
    person = world.agency_lead
    sign_in(client, person)
    other_device = client_for(person)
    bystander = client_for(world.lay_member)
    assert client.get(HOME).status_code == 200
    assert other_device.get(HOME).status_code == 200
    assert sessions_of(person) == 2

    person_deactivate(person=person, actor=world.business_unit)

    assert sessions_of(person) == 0
    for signed_out in (client, other_device):
        response = signed_out.get(HOME)
        assert response.status_code == 302
        assert response["Location"].startswith(LOGIN)
    assert bystander.get(HOME).status_code == 200


def test_sessions_end_keeps_the_one_asked_for_and_other_peoples(client_for, world):
    keep = client_for(world.agency_lead)
    end = client_for(world.agency_lead)
    other = client_for(world.lay_member)
    assert sessions_end(user=world.agency_lead, keep_session_key=keep.session.session_key) == 1
    assert keep.get(HOME).status_code == 200
    assert end.get(HOME).status_code == 302
    assert other.get(HOME).status_code == 200


# Changing a password


def test_the_account_page_links_to_changing_the_password(client_for, world):
    client = client_for(world.agency_lead)
    assert PASSWORD_CHANGE in client.get(ACCOUNT).content.decode()
    page = client.get(PASSWORD_CHANGE)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Change your password" in html
    assert 'autocomplete="current-password"' in html
    assert 'autocomplete="new-password"' in html


def test_changing_the_password_needs_the_current_one(client_for, world):
    person = world.agency_lead
    client = client_for(person)
    response = client.post(
        PASSWORD_CHANGE,
        {"old_password": "not my password", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Your current password is not right" in html
    assert NEW_PASSWORD not in html
    person.refresh_from_db()
    assert person.check_password(PASSWORD)

    response = client.post(PASSWORD_CHANGE, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert "Enter your current password" in response.content.decode()


def test_changing_the_password_keeps_this_session_and_ends_the_others(client_for, world):
    person = world.agency_lead
    here = client_for(person)
    elsewhere = client_for(person)  # the same person on another computer
    bystander = client_for(world.lay_member)

    response = here.post(
        PASSWORD_CHANGE,
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response["Location"] == ACCOUNT
    person.refresh_from_db()
    assert person.check_password(NEW_PASSWORD)
    page = here.get(ACCOUNT)
    assert page.status_code == 200
    assert (
        "Your password has been changed. You have been signed out on 1 other device" in page.content.decode()
    )
    assert here.get(HOME).status_code == 200  # still verified with two-factor authentication
    assert sessions_of(person) == 1

    response = elsewhere.get(HOME)
    assert response["Location"].startswith(LOGIN)
    assert bystander.get(HOME).status_code == 200
    # The old password no longer works; the new one does (and asks for the code next).
    fresh = Client()
    assert fresh.post(LOGIN, {"username": person.email, "password": PASSWORD}).status_code == 200
    assert sign_in(fresh, person, NEW_PASSWORD)["Location"] == reverse("partnership:two-factor-verify")


def test_a_weak_new_password_is_refused(client_for, world):
    client = client_for(world.agency_lead)
    response = client.post(
        PASSWORD_CHANGE, {"old_password": PASSWORD, "new_password1": "password", "new_password2": "password"}
    )
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()
    world.agency_lead.refresh_from_db()
    assert world.agency_lead.check_password(PASSWORD)
