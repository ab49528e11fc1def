"""The API's two writes, through the apps' own services and permissions: a progress update on an
action (those who may update it on its page) and an indicator value (the business unit)."""

import datetime
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse

from dashboards.models import IndicatorValue
from partnership.models import ActionStatus, ActionUpdate

from .data import build_data


@pytest.fixture
def data(world):
    return build_data(world)


@pytest.fixture(autouse=True)
def today():
    with time_machine.travel(datetime.datetime(2026, 11, 30, 12, 0), tick=False):
        yield


def post(client, url, payload):
    return client.post(url, payload, content_type="application/json")


# --- action progress updates ----------------------------------------------------------------


def test_agency_lead_posts_an_update_to_their_agencys_action(world, data, api_for):
    url = reverse("api:action-updates", args=[data.action.pk])
    response = post(api_for(world.agency_lead), url, {"text": "Toolkit drafted", "new_status": "on_track"})
    assert response.status_code == 201, response.content
    update = ActionUpdate.objects.get(action=data.action)
    assert (update.text, update.author, update.date) == (
        "Toolkit drafted",
        world.agency_lead,
        datetime.date(2026, 11, 30),
    )
    data.action.refresh_from_db()
    assert data.action.status == ActionStatus.ON_TRACK
    assert update.history.first().history_user == world.agency_lead
    listed = api_for(world.agency_lead).get(url).json()
    assert listed[0]["text"] == "Toolkit drafted" and listed[0]["author_name"] == world.agency_lead.full_name


def test_another_agencys_lead_gets_404_and_nothing_is_saved(world, data, api_for):
    url = reverse("api:action-updates", args=[data.action.pk])
    assert post(api_for(world.other_agency_lead), url, {"text": "Not mine"}).status_code == 404
    assert not ActionUpdate.objects.exists()


def test_a_reader_who_may_not_update_gets_403(world, data, api_for):
    url = reverse("api:action-updates", args=[data.action.pk])
    assert post(api_for(world.partnership_lead), url, {"text": "Looks good"}).status_code == 403
    assert not ActionUpdate.objects.exists()


@pytest.mark.parametrize(
    "payload, field",
    [
        ({"text": "   "}, "text"),
        ({"text": "Later", "date": "2026-12-25"}, "date"),
        ({"text": "Done", "new_status": "complete"}, "new_status"),
        ({}, "text"),
    ],
)
def test_the_services_rules_refuse_bad_updates(payload, field, world, data, api_for):
    response = post(api_for(world.agency_lead), reverse("api:action-updates", args=[data.action.pk]), payload)
    assert response.status_code == 400
    assert field in response.json()
    assert not ActionUpdate.objects.exists()


def test_a_closed_action_takes_no_update(world, data, api_for):
    type(data.action).objects.filter(pk=data.action.pk).update(
        status=ActionStatus.CANCELLED, cancelled_reason="Merged"
    )
    response = post(
        api_for(world.business_unit), reverse("api:action-updates", args=[data.action.pk]), {"text": "x"}
    )
    assert response.status_code == 400
    assert "takes no more updates" in response.content.decode()


def test_no_credentials_cannot_write(world, data, api_for):
    url = reverse("api:action-updates", args=[data.action.pk])
    assert post(api_for(None), url, {"text": "Hello"}).status_code == 401


def test_a_session_must_send_the_csrf_token(world, data, client_for):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(world.business_unit, backend="django.contrib.auth.backends.ModelBackend")
    from tests.conftest import verify_two_factor

    verify_two_factor(client, world.business_unit)
    url = reverse("api:action-updates", args=[data.action.pk])
    assert post(client, url, {"text": "From the browser"}).status_code == 403


# --- indicator values ----------------------------------------------------------------------


def test_the_business_unit_adds_and_corrects_a_value(world, data, api_for):
    client = api_for(world.business_unit)
    payload = {"indicator": data.indicator.pk, "period_start": "2026-07-01", "value": 81.5, "national": 79}
    response = post(client, reverse("api:indicator-value-list"), payload)
    assert response.status_code == 201, response.content
    value = IndicatorValue.objects.get(indicator=data.indicator, period_start=datetime.date(2026, 7, 1))
    assert value.value == Decimal("81.5") and response.json()["rag"] == "green"
    assert value.history.first().history_user == world.business_unit
    url = reverse("api:indicator-value-detail", args=[value.pk])
    response = client.patch(url, {"value": 60}, content_type="application/json")
    assert response.status_code == 200, response.content
    value.refresh_from_db()
    assert value.value == Decimal("60") and response.json()["rag"] == "red"


@pytest.mark.parametrize(
    "payload, field",
    [
        ({"period_start": "2026-04-01", "value": 70}, "period_start"),  # already has a value
        ({"period_start": "2026-05-01", "value": 70}, "period_start"),  # not a quarter's first day
        ({"period_start": "2026-10-01", "value": 170}, "value"),  # a percentage over 100
        ({"period_start": "2026-10-01", "value": -1}, "value"),
    ],
)
def test_the_datasets_rules_refuse_bad_values(payload, field, world, data, api_for):
    response = post(
        api_for(world.business_unit),
        reverse("api:indicator-value-list"),
        {"indicator": data.indicator.pk, **payload},
    )
    assert response.status_code == 400
    assert field in response.json()
    assert IndicatorValue.objects.count() == 1


@pytest.mark.parametrize("role", ["agency_lead", "partnership_lead", "lay_member"])
def test_readers_who_do_not_keep_the_dataset_get_403(role, world, data, api_for):
    client = api_for(world.person(role))
    payload = {"indicator": data.indicator.pk, "period_start": "2026-07-01", "value": 70}
    assert post(client, reverse("api:indicator-value-list"), payload).status_code == 403
    url = reverse("api:indicator-value-detail", args=[data.value.pk])
    assert client.patch(url, {"value": 1}, content_type="application/json").status_code == 403
    data.value.refresh_from_db()
    assert data.value.value == Decimal("75") and IndicatorValue.objects.count() == 1


def test_a_person_with_no_role_gets_403_on_writes_too(world, data, api_for):
    payload = {"indicator": data.indicator.pk, "period_start": "2026-07-01", "value": 70}
    assert post(api_for(world.no_role), reverse("api:indicator-value-list"), payload).status_code == 403
