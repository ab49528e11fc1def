"""Two-factor sign-in: who must use it, the code page, recovery codes, set-up, reset, the demo."""

import re
import time
from datetime import timedelta

import pytest
import time_machine
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from partnership.models import User
from partnership.services.organisation import person_deactivate
from partnership.two_factor import services as two_factor
from partnership.two_factor.demo import DEMO_TOTP_KEY, demo_code, seed_demo_devices
from partnership.two_factor.policy import two_factor_reasons, two_factor_required
from tests.factories import PASSWORD, ReviewFactory

pytestmark = pytest.mark.django_db

LOGIN = reverse("partnership:login")
LOGOUT = reverse("partnership:logout")
HOME = reverse("partnership:home")
VERIFY = reverse("partnership:two-factor-verify")
SETUP = reverse("partnership:two-factor-setup")
ACCOUNT = reverse("partnership:account")
RESET = reverse("partnership:two-factor-reset")
NEW_CODES = reverse("partnership:two-factor-recovery-codes")


def sign_in(client, user, password=PASSWORD, **extra):
    return client.post(LOGIN, {"username": user.email, "password": password, **extra})


def signed_in_id(client):
    return client.session.get("_auth_user_id")


def give_app(user) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)


def code_for(device) -> str:
    """The code the person's authenticator app shows now."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    return f"{totp.token():06d}"


def wrong_code_for(device) -> str:
    return "000000" if code_for(device) != "000000" else "111111"


def text(response) -> str:
    return response.content.decode()


# Who must use it


@pytest.mark.parametrize("role", ["business_unit", "partnership_lead", "superuser"])
def test_required_roles_reach_no_page_before_setting_it_up(client, world, role):
    person = world.person(role)
    response = sign_in(client, person)
    assert response.status_code == 302
    assert signed_in_id(client) == str(person.pk)
    for url in [
        HOME,
        reverse("partnership:action-list"),
        reverse("partnership:plan-list"),
        reverse("partnership:person-list"),
        reverse("reviews:review-list"),
        reverse("audits:round-list"),
        ACCOUNT,
        RESET,
        NEW_CODES,
        reverse("partnership:password-change"),
        "/admin/",
    ]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(SETUP + "?next="), url
    # POSTs are refused as well, not just pages.
    assert client.post(reverse("partnership:password-change"), {})["Location"] == SETUP
    assert client.get(SETUP).status_code == 200


def test_an_unverified_session_can_still_sign_out_and_reach_static_health_and_accessibility(client, world):
    sign_in(client, world.business_unit)
    assert client.get("/static/images/favicon.svg").status_code != 302
    assert client.get(reverse("healthz")).status_code in (200, 503)
    assert client.get(reverse("partnership:accessibility")).status_code == 200
    response = client.post(LOGOUT)
    assert response["Location"] == LOGIN
    assert signed_in_id(client) is None


def test_a_person_with_an_app_is_asked_for_the_code_and_is_not_signed_in_until_then(client, world):
    device = give_app(world.business_unit)
    response = sign_in(client, world.business_unit)
    assert response["Location"] == VERIFY
    assert signed_in_id(client) is None
    assert client.get(HOME)["Location"].startswith(LOGIN)

    page = client.get(VERIFY)
    assert page.status_code == 200
    assert "Enter the security code" in text(page)
    assert 'autocomplete="one-time-code"' in text(page)
    response = client.post(VERIFY, {"code": code_for(device)})
    assert response["Location"] == HOME
    assert signed_in_id(client) == str(world.business_unit.pk)
    assert client.get(HOME).status_code == 200
    assert client.get(reverse("reviews:review-list")).status_code == 200


def test_the_page_asked_for_is_opened_after_the_code(client, world):
    device = give_app(world.partnership_lead)
    actions = reverse("partnership:action-list")
    client.get(actions)
    sign_in(client, world.partnership_lead, next=actions)
    assert client.post(VERIFY, {"code": code_for(device)})["Location"] == actions


@pytest.mark.parametrize(
    "role", ["agency_lead", "lay_member", "peer_challenger", "subgroup_chair", "no_role"]
)
def test_optional_roles_sign_in_with_their_password_alone(client, world, role):
    person = world.person(role)
    assert not two_factor_required(person)
    assert sign_in(client, person)["Location"] == HOME
    assert client.get(HOME).status_code == 200
    assert client.get(reverse("partnership:action-list")).status_code == 200
    assert client.get(ACCOUNT).status_code == 200


def test_everyone_who_can_see_case_reviews_must_use_it(client, world):
    member = world.subgroup_member
    assert not two_factor_required(member)
    ReviewFactory(subgroup=world.subgroup)  # their subgroup now oversees a case review
    assert two_factor_reasons(member) == ["You can see case reviews."]

    lay = world.lay_member
    assert not two_factor_required(lay)
    review = ReviewFactory()
    review.panel_members.create(user=lay)  # named on a review's panel
    assert two_factor_required(lay)
    sign_in(client, lay)
    assert client.get(HOME)["Location"].startswith(SETUP)


def test_the_setting_requires_it_for_everyone(client, world, settings):
    settings.TWO_FACTOR_REQUIRED_FOR_ALL = True
    person = world.agency_lead
    assert two_factor_reasons(person) == ["Everyone who uses this service must use it."]
    sign_in(client, person)
    assert client.get(HOME)["Location"].startswith(SETUP)
    assert client.get(reverse("audits:round-list"))["Location"].startswith(SETUP)


def test_a_signed_in_session_not_verified_is_sent_to_the_code_page_and_back(client, world):
    """A session signed in before the person had to use two-factor sign-in, say."""
    device = give_app(world.superuser)
    client.force_login(world.superuser, backend="django.contrib.auth.backends.ModelBackend")
    response = client.get("/admin/")
    assert response["Location"].startswith(VERIFY + "?next=")
    response = client.post(response["Location"], {"code": code_for(device)})
    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


# The code page


def test_a_wrong_code_is_refused(client, world):
    device = give_app(world.business_unit)
    sign_in(client, world.business_unit)
    response = client.post(VERIFY, {"code": wrong_code_for(device)})
    assert response.status_code == 200
    assert "The security code is not right" in text(response)
    assert "There is a problem" in text(response)
    assert signed_in_id(client) is None
    response = client.post(VERIFY, {"code": "12ab"})
    assert "Enter the security code: 6 numbers" in text(response)
    assert signed_in_id(client) is None


def test_codes_are_throttled_then_a_right_one_works(client, world):
    device = give_app(world.business_unit)
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        sign_in(client, world.business_unit)
        client.post(VERIFY, {"code": wrong_code_for(device)})
        # Straight after a wrong code even the right one is not checked (django-otp's back-off).
        response = client.post(VERIFY, {"code": code_for(device)})
        assert "You have entered wrong codes. Wait 1 second, then try again" in text(response)
        assert signed_in_id(client) is None
        traveller.shift(timedelta(seconds=2))
        assert client.post(VERIFY, {"code": code_for(device)})["Location"] == HOME


def test_a_code_works_only_once(client, world):
    device = give_app(world.business_unit)
    with time_machine.travel(timezone.now(), tick=False):
        sign_in(client, world.business_unit)
        code = code_for(device)
        assert client.post(VERIFY, {"code": code}).status_code == 302
        client.post(LOGOUT)
        sign_in(client, world.business_unit)
        assert client.post(VERIFY, {"code": code}).status_code == 200
        assert signed_in_id(client) is None


def test_a_code_used_to_sign_in_a_moment_ago_is_refused_with_a_clear_message(client, world):
    """Signing in twice within the same 30 seconds: the app still shows the code just used. It is
    refused (a code works once), saying why and what to do, and is not counted as a wrong code."""
    device = give_app(world.business_unit)
    step_start = (int(time.time()) // 30 + 1) * 30  # the start of a time step, so none ends mid-test
    with time_machine.travel(step_start + 2, tick=False) as traveller:
        sign_in(client, world.business_unit)
        code = code_for(device)
        assert client.post(VERIFY, {"code": code})["Location"] == HOME
        client.post(LOGOUT)
        traveller.shift(timedelta(seconds=10))
        sign_in(client, world.business_unit)
        for _ in range(2):  # not throttled as a wrong code would be
            response = client.post(VERIFY, {"code": code})
            assert response.status_code == 200
            assert "This code has already been used" in text(response)
            assert "Wait for your authenticator app to show a new code" in text(response)
            assert "not right" not in text(response)
            assert signed_in_id(client) is None
        traveller.shift(timedelta(seconds=30))
        assert code_for(device) != code
        assert client.post(VERIFY, {"code": code_for(device)})["Location"] == HOME


def test_wrong_codes_count_toward_the_lockout_like_wrong_passwords(client, world):
    device = give_app(world.business_unit)
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        sign_in(client, world.business_unit, "wrong password")
        sign_in(client, world.business_unit)
        for _ in range(settings.AXES_FAILURE_LIMIT - 2):
            traveller.shift(timedelta(seconds=20))  # past django-otp's back-off each time
            assert client.post(VERIFY, {"code": wrong_code_for(device)}).status_code == 200
        traveller.shift(timedelta(seconds=20))
        locked = client.post(VERIFY, {"code": wrong_code_for(device)})
        assert locked.status_code == 429
        assert "Your account is locked" in text(locked)
        assert "security code" in text(locked)
        # The sign-in in progress has ended, and the right password no longer gets in.
        assert client.get(VERIFY)["Location"] == LOGIN
        assert sign_in(client, world.business_unit).status_code == 429
        assert signed_in_id(client) is None


def test_a_sign_in_waits_for_its_code_ten_minutes_at_most(client, world):
    device = give_app(world.business_unit)
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        sign_in(client, world.business_unit)
        traveller.shift(timedelta(minutes=11))
        assert client.post(VERIFY, {"code": code_for(device)})["Location"] == LOGIN
        assert signed_in_id(client) is None


def test_a_person_deactivated_before_entering_the_code_is_not_signed_in(client, world):
    device = give_app(world.partnership_lead)
    sign_in(client, world.partnership_lead)
    person_deactivate(person=world.partnership_lead, actor=world.business_unit)
    assert client.post(VERIFY, {"code": code_for(device)})["Location"] == LOGIN
    assert signed_in_id(client) is None


def test_a_recovery_code_signs_in_once(client, world, client_for):
    give_app(world.business_unit)
    StaticDevice.objects.filter(user=world.business_unit).delete()
    codes = two_factor.recovery_codes_regenerate(user=world.business_unit)
    assert len(codes) == 10 and len(set(codes)) == 10

    sign_in(client, world.business_unit)
    page = client.get(VERIFY + "?use=recovery-code")
    assert "Enter a recovery code" in text(page)
    response = client.post(VERIFY + "?use=recovery-code", {"code": codes[0].upper()})
    assert response["Location"] == HOME
    assert signed_in_id(client) == str(world.business_unit.pk)
    assert "You have 9 left" in text(client.get(HOME))
    assert two_factor.recovery_codes_left(world.business_unit) == 9

    client.post(LOGOUT)
    sign_in(client, world.business_unit)
    response = client.post(VERIFY + "?use=recovery-code", {"code": codes[0]})
    assert response.status_code == 200
    assert "The recovery code is not right, or has been used" in text(response)
    assert signed_in_id(client) is None


def test_recovery_codes_are_never_stored_only_their_keyed_digests(world, settings):
    give_app(world.business_unit)
    codes = two_factor.recovery_codes_regenerate(user=world.business_unit)
    stored = set(StaticToken.objects.filter(device__user=world.business_unit).values_list("token", flat=True))
    assert len(stored) == 10
    for code in codes:
        assert len(code) == 19 and code not in stored and two_factor.normalise_code(code) not in stored
    # Typed with spaces instead of dashes, or in capitals, a code still works, once.
    typed = codes[3].replace("-", " ").upper()
    assert two_factor.code_check(user=world.business_unit, code=typed, recovery=True).accepted
    assert not two_factor.code_check(user=world.business_unit, code=codes[3], recovery=True).accepted
    # The digest is keyed: under another SECRET_KEY the same code gives another digest.
    before = two_factor.recovery_digest(codes[0])
    settings.SECRET_KEY = "another-secret-key-for-this-test-only-0123456789abcdef"
    assert two_factor.recovery_digest(codes[0]) != before


def test_codes_stored_in_plain_before_are_hashed_by_the_migration_and_go_on_working(world):
    from importlib import import_module

    from django.apps import apps

    give_app(world.business_unit)
    device = StaticDevice.objects.create(user=world.business_unit, name="Recovery codes", confirmed=True)
    StaticToken.objects.create(device=device, token="abcd2345")  # as django-otp made them
    import_module("partnership.migrations.0007_recovery_codes_hashed").hash_plain_codes(apps, None)
    assert StaticToken.objects.get(device=device).token == two_factor.recovery_digest("abcd2345")
    assert two_factor.code_check(user=world.business_unit, code="abcd2345", recovery=True).accepted


# Setting it up


def set_up_code(user) -> str:
    return code_for(TOTPDevice.objects.get(user=user, confirmed=False))


def test_made_to_set_it_up_scan_confirm_and_see_ten_recovery_codes_once(client, world):
    person = world.business_unit
    actions = reverse("partnership:action-list")
    sign_in(client, person)
    redirect = client.get(actions)["Location"]
    assert redirect.startswith(SETUP)

    page = client.get(redirect)
    html = text(page)
    assert "You must set up two-factor authentication before you can use this service" in html
    assert "You are in the business unit." in html
    assert '<svg role="img"' in html and "<img" not in html.split("<main")[1]
    device = TOTPDevice.objects.get(user=person, confirmed=False)
    assert two_factor.secret_for_typing(device) in html
    assert 'name="password"' not in html  # they have just typed it
    # The same secret until it is confirmed.
    assert two_factor.secret_for_typing(device) in text(client.get(redirect))
    assert TOTPDevice.objects.filter(user=person).count() == 1

    with time_machine.travel(timezone.now(), tick=False) as traveller:
        wrong = client.post(redirect, {"code": wrong_code_for(device)})
        assert "The code is not right" in text(wrong)
        assert not two_factor.two_factor_enabled(person)
        too_soon = client.post(redirect, {"code": code_for(device)})
        assert "Wait a few seconds" in text(too_soon)
        traveller.shift(timedelta(seconds=2))
        done = client.post(redirect, {"code": code_for(device)})
    html = text(done)
    assert done.status_code == 200
    assert "Two-factor authentication is on" in html
    shown = re.findall(r"<li><strong>([a-z2-7]{4}-[a-z2-7]{4}-[a-z2-7]{4}-[a-z2-7]{4})</strong></li>", html)
    stored = set(StaticToken.objects.filter(device__user=person).values_list("token", flat=True))
    assert len(set(shown)) == 10 and stored == {two_factor.recovery_digest(code) for code in shown}
    assert f'href="{actions}"' in html
    assert two_factor.two_factor_enabled(person)
    assert client.get(actions).status_code == 200
    assert client.get(SETUP)["Location"] == ACCOUNT  # already on


def test_turning_it_on_from_the_account_page_needs_the_current_password(client_for, world):
    person = world.agency_lead
    client = client_for(person)
    TOTPDevice.objects.filter(user=person).delete()
    account = text(client.get(ACCOUNT))
    assert "Off" in account and f'href="{SETUP}"' in account
    assert 'name="password"' in text(client.get(SETUP))

    response = client.post(SETUP, {"code": set_up_code(person), "password": "not my password"})
    assert "Your password is not right" in text(response)
    assert not two_factor.two_factor_enabled(person)
    response = client.post(SETUP, {"code": set_up_code(person)})
    assert "Enter your password" in text(response)

    response = client.post(SETUP, {"code": set_up_code(person), "password": PASSWORD})
    assert "Two-factor authentication is on" in text(response)
    assert f'href="{ACCOUNT}"' in text(response)
    assert two_factor.two_factor_enabled(person)
    assert "On" in text(client.get(ACCOUNT))


# Recovery codes and reset, from the account page


def test_new_recovery_codes_need_the_current_password_and_replace_the_old(client_for, world):
    person = world.agency_lead
    client = client_for(person)
    old = two_factor.recovery_codes_regenerate(user=person)
    response = client.post(NEW_CODES, {"password": "not my password"})
    assert "Your password is not right" in text(response)
    assert two_factor.recovery_codes_left(person) == 10

    response = client.post(NEW_CODES, {"password": PASSWORD})
    assert "Your new recovery codes" in text(response)
    new = set(StaticToken.objects.filter(device__user=person).values_list("token", flat=True))
    assert len(new) == 10 and not new & {two_factor.recovery_digest(code) for code in old}
    assert not two_factor.code_check(user=person, code=old[0], recovery=True).accepted


def test_reset_needs_the_current_password_and_then_a_new_app(client_for, world):
    person = world.business_unit
    client = client_for(person)
    page = text(client.get(RESET))
    assert "Are you sure you want to reset two-factor authentication?" in page

    response = client.post(RESET, {"password": "not my password"})
    assert response.status_code == 200
    assert "Your password is not right" in text(response)
    assert two_factor.two_factor_enabled(person)

    response = client.post(RESET, {"password": PASSWORD})
    assert response["Location"] == SETUP
    assert not TOTPDevice.objects.filter(user=person, confirmed=True).exists()
    assert not StaticDevice.objects.filter(user=person).exists()
    # The session was verified with the removed app: it is not verified any more.
    assert client.get(HOME)["Location"].startswith(SETUP)


def test_an_optional_person_can_turn_it_off(client_for, world):
    person = world.lay_member
    client = client_for(person)
    assert "Are you sure you want to turn off two-factor authentication?" in text(client.get(RESET))
    assert client.post(RESET, {"password": PASSWORD})["Location"] == ACCOUNT
    assert not two_factor.two_factor_enabled(person)
    assert client.get(HOME).status_code == 200


def test_wrong_passwords_on_the_account_pages_lock_the_account_and_end_the_session(client_for, world):
    client = client_for(world.agency_lead)
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert client.post(RESET, {"password": "guess"}).status_code == 200
    locked = client.post(RESET, {"password": "guess"})
    assert locked.status_code == 429
    assert signed_in_id(client) is None
    assert two_factor.two_factor_enabled(world.agency_lead)


def test_account_page_says_whether_it_is_required_and_why(client_for, world):
    html = text(client_for(world.business_unit).get(ACCOUNT))
    assert "Yes. You are in the business unit." in html
    assert "Recovery codes left" in html
    assert reverse("partnership:password-change") in html
    html = text(client_for(world.agency_lead).get(ACCOUNT))
    assert "No, but we recommend it" in html
    assert "Turn off two-factor authentication" in html


def test_every_page_links_to_the_account_page(client_for, world):
    assert f'href="{ACCOUNT}"' in text(client_for(world.lay_member).get(HOME))


# The demo


def test_seed_demo_gives_demo_people_who_need_it_the_published_key(client, settings):
    settings.TWO_FACTOR_DEMO_DEVICES = True
    call_command("seed_demo")
    unit = User.objects.get(email="business.unit@northbrook-scp.example")
    assert TOTPDevice.objects.get(user=unit).key == DEMO_TOTP_KEY
    agency_lead = User.objects.get(email="agency.lead@northbrook-scp.example")
    assert not TOTPDevice.objects.filter(user=agency_lead).exists()
    assert seed_demo_devices() == 0  # running it again adds nothing

    with time_machine.travel(timezone.now(), tick=False):
        response = sign_in(client, unit, "learning-cycle-demo")
        assert response["Location"] == VERIFY
        html = text(client.get(VERIFY))
        match = re.search(r"Demo only: the current code is <strong>(\d{6})</strong>", html)
        assert match
        assert match.group(1) == demo_code()
        assert client.post(VERIFY, {"code": match.group(1)})["Location"] == HOME


def test_no_demo_key_and_no_demo_code_outside_development(client, world, settings, monkeypatch):
    settings.TWO_FACTOR_DEMO_DEVICES = False
    assert seed_demo_devices() == 0
    assert not TOTPDevice.objects.exists()
    TOTPDevice.objects.create(user=world.business_unit, key=DEMO_TOTP_KEY, confirmed=True)
    sign_in(client, world.business_unit)
    assert "Demo only" not in text(client.get(VERIFY))
    # In production the published key is never accepted.
    monkeypatch.setattr(two_factor, "IS_PRODUCTION", True)
    assert not two_factor.code_check(user=world.business_unit, code=demo_code()).accepted
