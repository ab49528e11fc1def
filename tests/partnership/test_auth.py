"""Signing in and out, lockout, password reset and invitations."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.conf import settings
from django.core import mail
from django.urls import reverse
from django.utils import dateformat, timezone

from partnership.models import Invitation, User
from partnership.services.organisation import person_deactivate, person_invite
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

LOGIN = reverse("partnership:login")
HOME = reverse("partnership:home")
NEW_PASSWORD = "Kestrel-orchard-lantern-42"


def sign_in(client, email, password=PASSWORD, **extra):
    return client.post(LOGIN, {"username": email, "password": password, **extra})


def main_content(response) -> str:
    """The page's <main> element: what the page says, without per-request tokens."""
    html = response.content.decode()
    return html[html.index("<main") : html.index("</main>")]


def signed_in_user_id(client):
    return client.session.get("_auth_user_id")


# Signing in and out


def test_sign_in_page_asks_for_email_address_and_password(client):
    response = client.get(LOGIN)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<h1 class="govuk-heading-xl">Sign in</h1>' in html
    assert "Email address" in html
    assert 'name="username"' in html
    assert 'type="password"' in html
    assert reverse("partnership:password-reset") in html


def test_right_password_signs_in_and_goes_home(client, world):
    response = sign_in(client, world.agency_lead.email)
    assert response.status_code == 302
    assert response["Location"] == HOME
    assert signed_in_user_id(client) == str(world.agency_lead.pk)


def test_email_address_is_matched_whatever_its_case_and_spaces(client, world):
    response = sign_in(client, "  " + world.agency_lead.email.upper() + " ")
    assert response.status_code == 302
    assert signed_in_user_id(client) == str(world.agency_lead.pk)


def test_wrong_password_shows_error_summary_and_keeps_the_email_address(client, world):
    response = sign_in(client, world.agency_lead.email, "not the password")
    assert response.status_code == 200
    html = response.content.decode()
    assert "There is a problem" in html
    assert "Enter a correct email address and password" in html
    assert f'value="{world.agency_lead.email}"' in html
    assert "not the password" not in html
    assert signed_in_user_id(client) is None


def test_unknown_email_address_gets_the_same_error_as_a_wrong_password(client, world):
    response = sign_in(client, "nobody@example.org", "whatever it is")
    assert response.status_code == 200
    assert "Enter a correct email address and password" in response.content.decode()


def test_empty_sign_in_form_says_what_to_enter(client):
    response = client.post(LOGIN, {"username": "", "password": ""})
    html = response.content.decode()
    assert "Enter your email address" in html
    assert "Enter your password" in html


def test_badly_formed_email_address_says_how_to_write_one(client):
    response = client.post(LOGIN, {"username": "bea at example", "password": "x"})
    assert "Enter an email address in the correct format, like name@example.com" in response.content.decode()


def test_deactivated_person_cannot_sign_in_and_is_told_no_more_than_anyone(client, world):
    person_deactivate(person=world.agency_lead, actor=world.business_unit)
    response = sign_in(client, world.agency_lead.email)
    assert response.status_code == 200
    assert "Enter a correct email address and password" in response.content.decode()
    assert signed_in_user_id(client) is None


def test_sign_in_goes_on_to_a_safe_next_page(client, world):
    accessibility = reverse("partnership:accessibility")
    response = sign_in(client, world.agency_lead.email, next=accessibility)
    assert response["Location"] == accessibility


@pytest.mark.parametrize(
    "next_url", ["https://evil.example/", "//evil.example/path", "http://testserver.evil.example/"]
)
def test_sign_in_ignores_a_next_page_on_another_site(client, world, next_url):
    response = sign_in(client, world.agency_lead.email, next=next_url)
    assert response["Location"] == HOME


def test_a_page_that_needs_sign_in_sends_there_and_back(client, world):
    response = client.get(HOME)
    assert response.status_code == 302
    assert response["Location"] == f"{LOGIN}?next=/"
    form_page = client.get(response["Location"])
    assert 'name="next" value="/"' in form_page.content.decode()


def test_signed_in_person_opening_sign_in_is_sent_home(client_for, world):
    response = client_for(world.agency_lead).get(LOGIN)
    assert response.status_code == 302
    assert response["Location"] == HOME


def test_next_page_back_to_sign_in_does_not_loop(client_for, world):
    response = client_for(world.agency_lead).get(f"{LOGIN}?next={LOGIN}")
    assert response["Location"] == HOME


def test_sign_out_ends_the_session_and_says_so(client, world):
    sign_in(client, world.agency_lead.email)
    response = client.post(reverse("partnership:logout"))
    assert response.status_code == 302
    assert response["Location"] == LOGIN
    assert signed_in_user_id(client) is None
    page = client.get(LOGIN)
    assert "You have signed out" in page.content.decode()
    assert client.get(HOME).status_code == 302


def test_sign_out_by_link_is_refused(client_for, world):
    client = client_for(world.agency_lead)
    assert client.get(reverse("partnership:logout")).status_code == 405
    assert signed_in_user_id(client) == str(world.agency_lead.pk)


# Lockout after five wrong passwords


def test_five_wrong_passwords_lock_the_account_even_against_the_right_one(client, world):
    email = world.agency_lead.email
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert sign_in(client, email, "wrong password").status_code == 200
    locked = sign_in(client, email, "wrong password")
    assert locked.status_code == 429
    assert "Your account is locked" in locked.content.decode()

    response = sign_in(client, email)
    assert response.status_code == 429
    html = response.content.decode()
    assert "Your account is locked" in html
    assert "for 15 minutes" in html
    assert reverse("partnership:password-reset") in html
    assert signed_in_user_id(client) is None


def test_lockout_counts_an_address_typed_in_any_case_as_one_account(client, world):
    email = world.agency_lead.email
    for variant in (email, email.upper(), email.title(), f" {email}", email.capitalize()):
        sign_in(client, variant, "wrong password")
    assert sign_in(client, email).status_code == 429


def test_lockout_leaves_other_accounts_alone(client, world):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, world.agency_lead.email, "wrong password")
    response = sign_in(client, world.lay_member.email)
    assert response.status_code == 302
    assert signed_in_user_id(client) == str(world.lay_member.pk)


def test_lock_ends_after_the_cool_off(client, world):
    email = world.agency_lead.email
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        for _ in range(settings.AXES_FAILURE_LIMIT):
            sign_in(client, email, "wrong password")
        traveller.shift(settings.AXES_COOLOFF_TIME + timedelta(seconds=1))
        response = sign_in(client, email)
    assert response.status_code == 302
    assert signed_in_user_id(client) == str(world.agency_lead.pk)


def test_trying_again_during_the_lock_starts_the_cool_off_again(client, world):
    # django-axes' default (AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT): the locked page says so.
    email = world.agency_lead.email
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        for _ in range(settings.AXES_FAILURE_LIMIT):
            sign_in(client, email, "wrong password")
        traveller.shift(timedelta(minutes=10))
        assert sign_in(client, email).status_code == 429
        traveller.shift(settings.AXES_COOLOFF_TIME - timedelta(minutes=5))
        assert sign_in(client, email).status_code == 429
        traveller.shift(settings.AXES_COOLOFF_TIME + timedelta(seconds=1))
        assert sign_in(client, email).status_code == 302


def test_resetting_the_password_lifts_the_lock(client, world, django_capture_on_commit_callbacks):
    email = world.agency_lead.email
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, email, "wrong password")
    reset_password(client, email, NEW_PASSWORD, django_capture_on_commit_callbacks)
    assert sign_in(client, email, NEW_PASSWORD).status_code == 302


# Idle and absolute timeouts, and deactivation ending sessions: see test_sessions_security.py.


# Password reset by email


def reset_link_from(message) -> str:
    match = re.search(r"https?://\S+/password-reset/\S+/\S+/", message.body)
    assert match, message.body
    return match.group(0).removeprefix(settings.SITE_URL)


def reset_password(client, email, password, capture):
    with capture(execute=True):
        client.post(reverse("partnership:password-reset"), {"email": email})
    link = reset_link_from(mail.outbox[-1])
    form_url = client.get(link)["Location"]
    return client.post(form_url, {"new_password1": password, "new_password2": password})


def test_password_reset_emails_a_link_with_text_and_html_parts(
    client, world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("partnership:password-reset"), {"email": world.agency_lead.email})
    assert response.status_code == 302
    assert response["Location"] == reverse("partnership:password-reset-done")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [world.agency_lead.email]
    assert message.subject == f"Reset your password for {settings.PARTNERSHIP_NAME}"
    link = reset_link_from(message)
    assert settings.SITE_URL + link in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert settings.SITE_URL + link in html
    assert "1 hour" in message.body


def test_password_reset_sets_a_new_password(client, world, django_capture_on_commit_callbacks):
    response = reset_password(
        client, world.agency_lead.email, NEW_PASSWORD, django_capture_on_commit_callbacks
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("partnership:password-reset-complete")
    assert "Your password has been reset" in client.get(response["Location"]).content.decode()
    world.agency_lead.refresh_from_db()
    assert world.agency_lead.check_password(NEW_PASSWORD)
    latest = world.agency_lead.history.first()
    assert (latest.history_user_id, latest.history_change_reason) == (world.agency_lead.pk, "Password reset")
    assert sign_in(client, world.agency_lead.email, NEW_PASSWORD).status_code == 302


def test_password_reset_never_says_whether_an_address_has_an_account(
    client, world, django_capture_on_commit_callbacks
):
    url = reverse("partnership:password-reset")
    with django_capture_on_commit_callbacks(execute=True):
        known = client.post(url, {"email": world.agency_lead.email}, follow=True)
        unknown = client.post(url, {"email": "nobody@example.org"}, follow=True)
    assert len(mail.outbox) == 1
    assert known.redirect_chain == unknown.redirect_chain
    assert main_content(known) == main_content(unknown)
    assert "If the email address you entered belongs to an account" in unknown.content.decode()


def test_password_reset_form_errors(client):
    response = client.post(reverse("partnership:password-reset"), {"email": "not-an-address"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "There is a problem" in html
    assert "Enter an email address in the correct format" in html
    assert 'value="not-an-address"' in html


def test_used_reset_link_says_so_and_offers_a_new_one(client, world, django_capture_on_commit_callbacks):
    reset_password(client, world.agency_lead.email, NEW_PASSWORD, django_capture_on_commit_callbacks)
    link = reset_link_from(mail.outbox[-1])
    response = client.get(link)
    assert response.status_code == 200
    html = response.content.decode()
    assert "This password reset link does not work" in html
    assert reverse("partnership:password-reset") in html


def test_reset_link_expires(client, world, django_capture_on_commit_callbacks):
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        with django_capture_on_commit_callbacks(execute=True):
            client.post(reverse("partnership:password-reset"), {"email": world.agency_lead.email})
        traveller.shift(timedelta(seconds=settings.PASSWORD_RESET_TIMEOUT + 1))
        response = client.get(reset_link_from(mail.outbox[0]))
    assert "This password reset link does not work" in response.content.decode()


def test_weak_new_password_is_refused_and_not_shown_back(client, world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("partnership:password-reset"), {"email": world.agency_lead.email})
    form_url = client.get(reset_link_from(mail.outbox[0]))["Location"]
    response = client.post(form_url, {"new_password1": "short", "new_password2": "short"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "There is a problem" in html
    assert "This password is too short" in html
    assert 'value="short"' not in html


# Invitations


def invite(world, **fields):
    person = User(
        email=fields.pop("email", "jo.new@example.org"),
        full_name=fields.pop("full_name", "Jo New"),
        agency=world.agency,
        **fields,
    )
    return person_invite(person=person, actor=world.business_unit)


def accept_url(token):
    return reverse("partnership:invitation-accept", args=[token])


def test_invitation_email_makes_sense_on_its_own(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        person, token = invite(world)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [person.email]
    assert message.subject == f"Set up your account for {settings.PARTNERSHIP_NAME}"
    invitation = Invitation.objects.get(user=person)
    expires = dateformat.format(timezone.localtime(invitation.expires_at), "l j F Y")
    link = settings.SITE_URL + accept_url(token)
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    for body in (message.body, html):
        assert "Jo New" in body
        assert "Bea Unit" in body  # who invited them
        assert settings.PARTNERSHIP_NAME in body
        assert "learning and improvement service" in body  # what it is for
        assert link in body
        assert expires in body  # when it expires, UK style: "Tuesday 1 December 2026"
        assert "If you were not expecting this email" in body
    assert "&#x27;" not in message.body  # the text part is not HTML-escaped


def test_invitation_page_asks_the_person_to_set_a_password(client, world):
    person, token = invite(world)
    response = client.get(accept_url(token))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Set your password" in html
    assert person.email in html
    assert "Bea Unit has invited you" in html


def test_accepting_an_invitation_sets_the_password_and_signs_in(client, world):
    person, token = invite(world)
    response = client.post(accept_url(token), {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == HOME
    assert signed_in_user_id(client) == str(person.pk)
    assert "Your password is set and you are signed in" in client.get(HOME).content.decode()
    person.refresh_from_db()
    assert person.check_password(NEW_PASSWORD)
    assert Invitation.objects.get(user=person).accepted_at is not None


def test_invitation_link_works_once(client, world, client_for):
    _, token = invite(world)
    data = {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    client.post(accept_url(token), data)

    again = client_for(None)
    for response in (again.get(accept_url(token)), again.post(accept_url(token), data)):
        assert response.status_code == 410
        html = response.content.decode()
        assert "This invitation link has already been used" in html
        assert reverse("partnership:login") in html
        assert reverse("partnership:password-reset") in html
    assert signed_in_user_id(again) is None


def test_expired_invitation_link_is_refused(client, world):
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        _, token = invite(world)
        traveller.shift(timedelta(days=settings.INVITATION_DAYS, seconds=1))
        response = client.get(accept_url(token))
        posted = client.post(
            accept_url(token), {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
        )
    assert response.status_code == 410
    html = response.content.decode()
    assert "This invitation link has expired" in html
    assert "ask the business unit" in html.lower()
    assert posted.status_code == 410
    assert signed_in_user_id(client) is None


def test_invitation_link_works_until_it_expires(client, world):
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        _, token = invite(world)
        traveller.shift(timedelta(days=settings.INVITATION_DAYS) - timedelta(minutes=1))
        assert client.get(accept_url(token)).status_code == 200


def test_newer_invitation_replaces_the_old_link(client, world):
    person, old_token = invite(world)
    _, new_token = person_invite(person=person, actor=world.business_unit)
    response = client.get(accept_url(old_token))
    assert response.status_code == 410
    assert "A newer invitation has replaced this link" in response.content.decode()
    assert client.get(accept_url(new_token)).status_code == 200


def test_unknown_invitation_link_is_not_found(client, world):
    response = client.get(accept_url("not-a-real-token"))
    assert response.status_code == 404
    html = response.content.decode()
    assert '<h1 class="govuk-heading-xl">This invitation link is not valid</h1>' in html
    assert "copied the whole link" in html


def test_invitation_for_a_deactivated_person_is_refused(client, world):
    person, token = invite(world)
    person_deactivate(person=person, actor=world.business_unit)
    response = client.get(accept_url(token))
    assert response.status_code == 410
    assert "This account has been deactivated" in response.content.decode()


@pytest.mark.parametrize(
    ("password1", "password2", "error"),
    [
        ("short", "short", "This password is too short"),
        ("Kestrel-orchard-lantern-42", "Kestrel-orchard-lantern-43", "The passwords do not match"),
        ("jo.new@example.org1", "jo.new@example.org1", "too similar to the email address"),
        ("", "", "Enter a new password"),
    ],
)
def test_bad_password_on_invitation_is_refused_and_nothing_sensitive_is_kept(
    client, world, password1, password2, error
):
    person, token = invite(world)
    response = client.post(accept_url(token), {"new_password1": password1, "new_password2": password2})
    assert response.status_code == 200
    html = response.content.decode()
    assert "There is a problem" in html
    assert error in html
    if password1:
        assert f'value="{password1}"' not in html
        assert f'value="{password2}"' not in html
    assert 'type="password"' in html
    assert signed_in_user_id(client) is None
    person.refresh_from_db()
    assert not person.has_usable_password()
    assert Invitation.objects.get(user=person).accepted_at is None
    # The link still works for a second try.
    assert client.get(accept_url(token)).status_code == 200


def test_accepting_records_history_by_the_person(client, world):
    person, token = invite(world)
    client.post(accept_url(token), {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    latest = person.history.first()
    assert latest.history_user_id == person.pk
    assert latest.history_change_reason == "Accepted invitation"
