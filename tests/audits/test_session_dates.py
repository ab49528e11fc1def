"""A peer challenge session's date: typed in the GOV.UK date input, with a warning (not a block)
when it falls on a Saturday, a Sunday or a bank holiday in England and Wales."""

import datetime
from html import unescape

import pytest
from django.urls import reverse

from audits.models import ChallengeSession, Round

from .factories import ChallengeSessionFactory, make_round

pytestmark = pytest.mark.django_db


@pytest.fixture
def round_(world):
    return make_round(world)


def on(day, month, year="2026"):
    return {"date_day": day, "date_month": month, "date_year": year}


def post(client, round_: Round, **data):
    payload = {"title": "Panel A", "members": [data.pop("member").pk], **data}
    return client.post(reverse("audits:session-create", args=[round_.pk]), payload)


def test_a_session_on_a_weekday_is_set_up_from_day_month_and_year(world, round_, client_for):
    client = client_for(world.business_unit)
    form = client.get(reverse("audits:session-create", args=[round_.pk])).content.decode()
    assert 'name="date_day"' in form and 'name="date_month"' in form and 'name="date_year"' in form
    assert "confirm_date" not in form or 'type="hidden" name="confirm_date"' in form

    response = post(client, round_, member=world.lay_member, **on("10", "12"))
    assert response.status_code == 302
    assert ChallengeSession.objects.get().date == datetime.date(2026, 12, 10)


@pytest.mark.parametrize(
    ("typed", "warning"),
    [
        (
            on("15", "8"),
            "15 August 2026 is a Saturday. Check the date, or confirm that the session is on a weekend.",
        ),
        (
            on("16", "8"),
            "16 August 2026 is a Sunday. Check the date, or confirm that the session is on a weekend.",
        ),
        (
            on("31", "8"),
            "31 August 2026 is a bank holiday (Late Summer Bank Holiday). Check the date, or confirm that the "
            "session is on a bank holiday.",
        ),
    ],
)
def test_a_session_on_a_weekend_or_bank_holiday_asks_for_confirmation(
    world, round_, client_for, typed, warning
):
    client = client_for(world.business_unit)
    first = post(client, round_, member=world.lay_member, **typed)
    page = unescape(first.content.decode())
    assert first.status_code == 200 and not ChallengeSession.objects.exists()
    assert warning in page
    assert 'name="confirm_date"' in page and 'type="checkbox"' in page
    assert 'value="' + typed["date_day"] + '"' in page  # what was typed is kept

    confirmed = post(client, round_, member=world.lay_member, confirm_date="on", **typed)
    assert confirmed.status_code == 302
    session = ChallengeSession.objects.get()
    assert (session.date.day, session.date.month) == (int(typed["date_day"]), int(typed["date_month"]))


def test_changing_a_weekend_session_without_moving_it_asks_nothing(world, round_, client_for):
    session = ChallengeSessionFactory(
        round=round_, date=datetime.date(2026, 8, 15), members=[world.lay_member]
    )
    response = client_for(world.business_unit).post(
        reverse("audits:session-edit", args=[session.pk]),
        {"title": "Panel A (renamed)", "members": [world.lay_member.pk], **on("15", "8")},
    )
    assert response.status_code == 302
    session.refresh_from_db()
    assert session.title == "Panel A (renamed)"
