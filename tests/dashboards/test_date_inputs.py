"""A deep dive's date typed in the GOV.UK date input."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from dashboards.models import DeepDive

from .factories import IndicatorFactory

pytestmark = pytest.mark.django_db


def test_a_deep_dive_is_recorded_on_a_date_typed_as_day_month_and_year(world, client_for):
    indicator = IndicatorFactory(code="CSC04")
    data = {"title": "Repeat child protection plans", "subgroup": world.subgroup.pk, "indicators": [indicator.pk],
            "scope": "24 children", "findings_summary": "Plans ended too soon."}  # fmt: skip
    with time_machine.travel(datetime.datetime(2026, 11, 30, 12, tzinfo=datetime.UTC), tick=False):
        client = client_for(world.business_unit)
        response = client.post(
            reverse("dashboards:deep-dive-create"),
            {**data, "date_day": "15", "date_month": "10", "date_year": "2026"},
        )
    assert response.status_code == 302
    assert DeepDive.objects.get().date == datetime.date(2026, 10, 15)
