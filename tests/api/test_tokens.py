"""API tokens: created, listed and revoked by their owner on pages under their account; the key
shown once and stored only as a hash; the business unit sees and revokes anyone's; a revoked
token, or a deactivated person's, is refused with a 401."""

import hashlib

import pytest
from django.test import Client
from django.urls import reverse

from api.models import ApiToken
from api.services import token_create, token_revoke
from partnership.services import DomainError

ACTIONS = "/api/actions/"


def test_the_key_is_stored_only_as_a_hash(world):
    created = token_create(name="Power BI", actor=world.agency_lead)
    token = ApiToken.objects.get(pk=created.token.pk)
    assert token.key_hash == hashlib.sha256(created.key.encode()).hexdigest()
    assert created.key.startswith(token.prefix) and len(token.prefix) == 8
    stored = [str(v) for v in ApiToken.objects.filter(pk=token.pk).values_list().get()]
    assert created.key not in stored


def test_a_name_is_needed(world):
    with pytest.raises(DomainError) as exc:
        token_create(name="  ", actor=world.agency_lead)
    assert exc.value.field == "name"


def test_token_and_bearer_headers_both_work_and_record_use(world, token_for):
    key = token_for(world.agency_lead)
    assert Client(HTTP_AUTHORIZATION=f"Token {key}").get(ACTIONS).status_code == 200
    assert Client(HTTP_AUTHORIZATION=f"Bearer {key}").get(ACTIONS).status_code == 200
    assert ApiToken.objects.get(owner=world.agency_lead).last_used_at is not None


@pytest.mark.parametrize("header", ["Token lcp_not-a-real-key", "Token", "Bearer a b", "Token lcp_é"])
def test_a_wrong_key_is_401(header, world):
    assert Client(HTTP_AUTHORIZATION=header).get(ACTIONS).status_code == 401


def test_a_revoked_token_is_401(world, token_for):
    key = token_for(world.agency_lead)
    client = Client(HTTP_AUTHORIZATION=f"Token {key}")
    assert client.get(ACTIONS).status_code == 200
    token_revoke(token=ApiToken.objects.get(owner=world.agency_lead), actor=world.agency_lead)
    assert client.get(ACTIONS).status_code == 401


def test_a_deactivated_persons_token_is_401(world, token_for):
    client = Client(HTTP_AUTHORIZATION=f"Token {token_for(world.agency_lead)}")
    world.agency_lead.is_active = False
    world.agency_lead.save()
    assert client.get(ACTIONS).status_code == 401


def test_only_the_owner_or_the_business_unit_may_revoke(world):
    token = token_create(name="Excel", actor=world.agency_lead).token
    with pytest.raises(DomainError):
        token_revoke(token=token, actor=world.other_agency_lead)
    token_revoke(token=token, actor=world.business_unit)
    token.refresh_from_db()
    assert token.revoked_at is not None and token.revoked_by == world.business_unit


# --- the pages ------------------------------------------------------------------------------


def test_create_shows_the_key_once_and_lists_the_token(world, client_for):
    client = client_for(world.agency_lead)
    assert client.get(reverse("api:token-create")).status_code == 200
    response = client.post(reverse("api:token-create"), {"name": "Power BI actions report"})
    assert response.status_code == 200
    token = ApiToken.objects.get(owner=world.agency_lead)
    page = response.content.decode()
    key = page.split('id="api-key"')[1].split('value="')[1].split('"')[0]
    assert key.startswith(token.prefix) and token.key_hash == hashlib.sha256(key.encode()).hexdigest()
    listing = client.get(reverse("api:token-list")).content.decode()
    assert "Power BI actions report" in listing and token.prefix in listing and key not in listing
    assert Client(HTTP_AUTHORIZATION=f"Token {key}").get(ACTIONS).status_code == 200


def test_create_without_a_name_shows_the_error(world, client_for):
    response = client_for(world.agency_lead).post(reverse("api:token-create"), {"name": ""})
    assert response.status_code == 200
    assert "Enter a name for the token" in response.content.decode()
    assert not ApiToken.objects.exists()


def test_revoke_asks_first_then_revokes(world, client_for, token_for):
    key = token_for(world.agency_lead, name="Excel")
    token = ApiToken.objects.get(owner=world.agency_lead)
    client = client_for(world.agency_lead)
    page = client.get(reverse("api:token-revoke", args=[token.pk]))
    assert "Are you sure" in page.content.decode()
    token.refresh_from_db()
    assert token.revoked_at is None
    response = client.post(reverse("api:token-revoke", args=[token.pk]))
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert Client(HTTP_AUTHORIZATION=f"Token {key}").get(ACTIONS).status_code == 401
    assert "Revoked" in client.get(reverse("api:token-list")).content.decode()


def test_another_persons_token_is_404_and_unlisted(world, client_for, token_for):
    token_for(world.agency_lead, name="Agency lead's report")
    token = ApiToken.objects.get(owner=world.agency_lead)
    other = client_for(world.other_agency_lead)
    assert other.get(reverse("api:token-revoke", args=[token.pk])).status_code == 404
    assert other.post(reverse("api:token-revoke", args=[token.pk])).status_code == 404
    assert "Agency lead&#x27;s report" not in other.get(reverse("api:token-list")).content.decode()
    token.refresh_from_db()
    assert token.revoked_at is None


def test_the_business_unit_sees_and_revokes_anyones_token(world, client_for, token_for):
    key = token_for(world.agency_lead, name="Agency dashboard")
    token = ApiToken.objects.get(owner=world.agency_lead)
    client = client_for(world.business_unit)
    listing = client.get(reverse("api:token-list")).content.decode()
    assert "Agency dashboard" in listing and world.agency_lead.full_name in listing
    client.post(reverse("api:token-revoke", args=[token.pk]))
    token.refresh_from_db()
    assert token.revoked_by == world.business_unit
    assert Client(HTTP_AUTHORIZATION=f"Token {key}").get(ACTIONS).status_code == 401


def test_the_account_page_links_to_api_tokens(world, client_for):
    page = client_for(world.lay_member).get(reverse("partnership:account")).content.decode()
    assert reverse("api:token-list") in page
