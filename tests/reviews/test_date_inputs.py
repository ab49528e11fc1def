"""Review dates typed in the GOV.UK date input, and shown as "9 February 2026" in lists."""

import datetime
from html import unescape

import pytest
import time_machine
from django.urls import reverse

from reviews.models import Review
from tests.factories import NotificationFactory, ReviewFactory

pytestmark = pytest.mark.django_db


def test_a_review_is_opened_on_a_date_typed_as_day_month_and_year(world, client_for):
    client = client_for(world.business_unit)
    data = {
        "kind": "lcspr", "reference": "LCSPR-2026-09", "title": "Child V", "subgroup": world.subgroup.pk,
        "lead": world.business_unit.pk, "summary": "Child V, aged 2.",
    }  # fmt: skip
    with time_machine.travel(datetime.datetime(2026, 3, 2, 10, 0), tick=False):
        wrong = client.post(
            reverse("reviews:review-create"),
            {**data, "opened_on_day": "30", "opened_on_month": "2", "opened_on_year": "2026"},
        )
        assert wrong.status_code == 200 and "Date opened must be a real date" in unescape(
            wrong.content.decode()
        )
        assert 'name="opened_on_day" type="text" inputmode="numeric" value="30"' in wrong.content.decode()
        response = client.post(
            reverse("reviews:review-create"),
            {**data, "opened_on_day": "2", "opened_on_month": "3", "opened_on_year": "2026"},
        )
    assert response.status_code == 302
    assert Review.objects.get(reference="LCSPR-2026-09").opened_on == datetime.date(2026, 3, 2)


def test_the_clock_board_and_review_list_show_dates_in_words(world, client_for):
    ReviewFactory(reference="RR-9", notification=NotificationFactory(became_aware_on=datetime.date(2026, 2, 2)),
                  opened_on=datetime.date(2026, 2, 2))  # fmt: skip
    client = client_for(world.business_unit)
    with time_machine.travel(datetime.datetime(2026, 2, 4, 10, 0), tick=False):
        board = unescape(client.get(reverse("reviews:clock-board")).content.decode())
        listed = unescape(client.get(reverse("reviews:review-list")).content.decode())
    assert "9 February 2026" in board and "09/02/2026" not in board
    assert "2 February 2026" in listed and "02/02/2026" not in listed
