"""Two people booking the last place at the same moment, on PostgreSQL: the session's row lock
serialises them, so one gets the place and the other the waiting list, and capacity is never
exceeded. The same email booked twice at once makes one row.

These need PostgreSQL (DATABASE_URL): SQLite has no row locks. CI sets REQUIRE_SERVICES=1, so
there a missing PostgreSQL fails the tests instead of skipping them.
"""

import datetime
import threading

import pytest
from django.db import connections
from django.utils import timezone

from tests.factories import AgencyFactory
from tests.workers import require_postgres
from training.models import HOLDS_PLACE, Attendee
from training.services import booking

from .factories import AttendeeFactory, SessionFactory

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


def at_once(*calls):
    """Run the calls in threads released together; return their results and errors."""
    start = threading.Barrier(len(calls))
    results, errors = [], []

    def run(call):
        try:
            start.wait(timeout=10)
            results.append(call())
        except Exception as exc:  # noqa: BLE001 - reported by the test
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results, errors


def booker(session, agency, n, email=None):
    return lambda: booking.place_book(
        session=session,
        name=f"Practitioner {n}",
        email=email or f"p{n}@example.org",
        agency=agency,
        job_role="Social worker",
    )


def session_with_one_place_left():
    start = timezone.now() + datetime.timedelta(days=10)
    session = SessionFactory(capacity=3, starts_at=start, ends_at=start + datetime.timedelta(hours=2))
    AttendeeFactory.create_batch(2, session=session)
    return session


@pytest.mark.parametrize("attempt", range(3))
def test_two_people_booking_the_last_place_at_once_never_exceed_capacity(attempt):
    require_postgres()
    session = session_with_one_place_left()
    agency = AgencyFactory()
    results, errors = at_once(booker(session, agency, 1), booker(session, agency, 2))
    assert not errors, errors
    statuses = sorted(result.attendee.status for result in results)
    assert statuses == ["booked", "waiting"]
    assert Attendee.objects.filter(session=session, status__in=HOLDS_PLACE).count() == 3


def test_the_same_email_booked_twice_at_once_makes_one_row():
    require_postgres()
    session = session_with_one_place_left()
    agency = AgencyFactory()
    results, errors = at_once(
        booker(session, agency, 1, "same@example.org"), booker(session, agency, 2, "SAME@example.org")
    )
    assert not errors, errors
    assert sorted(result.already for result in results) == [False, True]
    assert Attendee.objects.filter(session=session, email="same@example.org").count() == 1
