"""A training session's date typed in the GOV.UK date input."""

import datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from training.models import Session

from .factories import CourseFactory

pytestmark = pytest.mark.django_db


def test_a_session_is_set_up_on_a_date_typed_as_day_month_and_year(world, client_for):
    course = CourseFactory()
    url = reverse("training:session-create", args=[course.pk])
    data = {
        "start_time": "9:30",
        "end_time": "12:30",
        "capacity": "20",
        "venue": "Civic Centre",
        "trainer": "Dana",
    }
    with time_machine.travel(datetime.datetime(2026, 11, 30, 10, 0, tzinfo=datetime.UTC), tick=False):
        client = client_for(world.business_unit)
        form = client.get(url).content.decode()
        assert 'id="id_date_day"' in form and "For example, 27 3 2026" in form
        missing = client.post(url, {**data, "date_day": "14", "date_month": "12", "date_year": ""})
        assert missing.status_code == 200 and "must include a year" in missing.content.decode()
        response = client.post(url, {**data, "date_day": "14", "date_month": "12", "date_year": "2026"})
    session = Session.objects.get()
    assert response["Location"] == session.get_absolute_url()
    assert timezone.localtime(session.starts_at).date() == datetime.date(2026, 12, 14)
