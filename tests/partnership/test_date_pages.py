"""Dates on the partnership's own pages: typed as day, month and year in the GOV.UK date input
(a form and a list's filter), and shown as "9 December 2026" in lists as on pages."""

import datetime
from html import unescape

import pytest
import time_machine
from django.urls import reverse

from tests.factories import ActionFactory, ActionPlanFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def frozen_today():
    with time_machine.travel(datetime.datetime(2026, 6, 1, 10, 0, tzinfo=datetime.UTC), tick=False):
        yield


def test_the_chair_moves_a_due_date_typed_as_day_month_and_year(world, client_for):
    action = ActionFactory(
        plan=ActionPlanFactory(subgroup=world.subgroup), due_date=datetime.date(2026, 9, 30)
    )
    chair = client_for(world.subgroup_chair)
    url = reverse("partnership:action-due-date", args=[action.pk])
    form = chair.get(url).content.decode()
    assert (
        'name="due_date_day"' in form and 'name="due_date_month"' in form and 'name="due_date_year"' in form
    )

    missing = chair.post(
        url, {"due_date_day": "31", "due_date_month": "", "due_date_year": "2026", "reason": "IT"}
    )
    assert missing.status_code == 200
    assert "New due date must include a month" in unescape(missing.content.decode())

    response = chair.post(
        url,
        {"due_date_day": "31", "due_date_month": "12", "due_date_year": "2026", "reason": "Waiting for IT."},
    )
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.due_date == datetime.date(2026, 12, 31)


def test_the_action_list_shows_dates_as_on_pages_and_filters_on_a_typed_date(world, client_for):
    plan = ActionPlanFactory(subgroup=world.subgroup)
    ActionFactory(plan=plan, description="Due in December", due_date=datetime.date(2026, 12, 9))
    ActionFactory(plan=plan, description="Due in July", due_date=datetime.date(2026, 7, 1))
    client = client_for(world.business_unit)

    page = unescape(client.get(reverse("partnership:action-list")).content.decode())
    assert "9 December 2026" in page and "1 July 2026" in page
    assert "09/12/2026" not in page

    filtered = unescape(
        client.get(
            reverse("partnership:action-list"),
            {"due_from_day": "1", "due_from_month": "12", "due_from_year": "2026"},
        ).content.decode()
    )
    assert "Due in December" in filtered and "Due in July" not in filtered
    assert 'name="due_from_month" type="text" inputmode="numeric" value="12"' in filtered
