"""The analysis's stored figures (training/services/analysis.py, training/analysis/stored.py):
the same figures as the live analysis for every filter, brought up to date when a training
service commits a change, shown with the moment they were worked out, at a cost that does not
grow with the places, and one set of rows however often (or however many at once) they are
refreshed. The data set is the hand-computed one of test_analysis_figures."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from tests.queries import capturing
from tests.training.test_analysis_figures import NOW, add_more, build_data, person
from tests.workers import require_postgres, twice_at_once
from training.analysis.summary import training_summary
from training.models import AnalysisSnapshot, AttendanceGroup, Attendee, ConfidenceGroup
from training.services.analysis import refresh_analysis_summary
from training.services.attendees import attendance_mark
from training.tasks import refresh_analysis_summary_task

from .factories import AttendeeFactory, ProgrammeFactory, SessionFactory

pytestmark = pytest.mark.django_db

OVERVIEW = reverse("training:analysis-overview")
EXPORT = reverse("training:analysis-export")
FRESHNESS = "Figures worked out at 12:00 on 30 November 2026."


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def figures_of(summary) -> dict:
    """The summary as plain data, less when its figures were worked out."""
    data = summary.as_dict()
    del data["computed_at"], data["as_of"]
    return data


FILTERS = {
    "everything": lambda d, world: {},
    "course X": lambda d, world: {"course": d.x},
    "course Y": lambda d, world: {"course": d.y.pk},
    "course Z, never delivered": lambda d, world: {"course": d.z},
    "level 1": lambda d, world: {"level": 1},
    "level 2": lambda d, world: {"level": 2},
    "agency A": lambda d, world: {"agency": d.a},
    "agency B and level 1": lambda d, world: {"agency": d.b, "level": 1},
    "agency A and course X": lambda d, world: {"agency": d.a, "course": d.x},
    "an agency lead": lambda d, world: {"user": world.agency_lead},
    "an agency lead asking for another agency": lambda d, world: {"user": world.agency_lead, "agency": d.b},
    "the business unit": lambda d, world: {"user": world.business_unit},
}


@pytest.mark.parametrize("name", FILTERS)
def test_the_stored_figures_are_the_live_ones(world, name):
    d = build_data(world)
    refresh_analysis_summary(2026)
    options = FILTERS[name](d, world)
    live = training_summary(2026, **options)
    stored = training_summary(2026, stored=True, **options)
    assert (live.computed_at, live.as_of) == (None, None)
    assert (stored.computed_at, stored.as_of) == (NOW, NOW)
    assert figures_of(stored) == figures_of(live)


def test_the_stored_figures_are_the_hand_computed_ones(world):
    # The same numbers test_analysis_figures works out by hand, so both are checked, not only equal.
    build_data(world)
    refresh_analysis_summary(2026)
    overall = training_summary(2026, stored=True).overall
    assert (overall.places_booked, overall.attendance_rate, overall.evaluation_rate) == (10, 77.8, 57.1)
    assert (overall.mean_rating, overall.confidence_shift) == (3.5, 1.33)


def test_without_a_snapshot_stored_reads_live(world):
    build_data(world)
    summary = training_summary(2026, stored=True)
    assert summary.computed_at is None
    assert figures_of(summary) == figures_of(training_summary(2026))
    assert not AnalysisSnapshot.objects.exists()


def test_a_year_without_a_programme_stores_nothing(world):
    build_data(world)
    assert refresh_analysis_summary(2030) is None
    assert not AnalysisSnapshot.objects.filter(programme__year=2030).exists()


def test_a_change_through_a_service_refreshes_the_stored_figures_at_commit(
    world, django_capture_on_commit_callbacks
):
    d = build_data(world)
    refresh_analysis_summary(2026)
    # A's place on X's second session (1 July), not yet marked: marked attended an hour later.
    place = Attendee.objects.get(session__course=d.x, agency=d.a, attended__isnull=True, status="booked")
    with time_machine.travel(NOW + datetime.timedelta(hours=1), tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            attendance_mark(session=place.session, marks={place.pk: True}, actor=world.business_unit)
        stored = training_summary(2026, stored=True)
        live = training_summary(2026)
    assert stored.computed_at == NOW + datetime.timedelta(hours=1)
    assert (stored.overall.attended, stored.overall.not_marked) == (8, 0)
    assert figures_of(stored) == figures_of(live)


def test_a_transaction_queues_one_refresh_per_year(world, django_capture_on_commit_callbacks):
    d = build_data(world)
    places = Attendee.objects.filter(session__course=d.x, status="booked").select_related("session")
    with django_capture_on_commit_callbacks() as callbacks:
        for session in {p.session for p in places}:
            attendance_mark(
                session=session,
                marks={p.pk: True for p in places if p.session_id == session.pk},
                actor=world.business_unit,
            )
    assert len([c for c in callbacks if type(c).__name__ == "_RefreshOnCommit"]) == 1


def test_a_rolled_back_change_refreshes_nothing(world, django_capture_on_commit_callbacks):
    d = build_data(world)
    place = Attendee.objects.get(session__course=d.x, agency=d.a, attended__isnull=True, status="booked")
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(Exception, match="booked place"):
        attendance_mark(session=place.session, marks={place.pk: True, 0: True}, actor=world.business_unit)
    assert not AnalysisSnapshot.objects.exists()


def test_the_page_shows_the_stored_figures_and_when_they_were_worked_out(world, client_for):
    d = build_data(world)
    refresh_analysis_summary(2026)
    # A place added behind the services' back (no refresh): the page keeps the stored figures.
    person(d.x.sessions.order_by("starts_at").first(), d.a, attended=True)
    client = client_for(world.business_unit)
    response = client.get(OVERVIEW, {"year": 2026})
    page = response.content.decode()
    assert FRESHNESS in page
    assert "brought up to date within a few minutes of any change" in page
    assert response.context["summary"].overall.places_booked == 10
    assert training_summary(2026).overall.places_booked == 11
    for text in ("77.8%", "57.1%", "3.50", "+1.33"):
        assert text in page, text
    # The export reads the same stored figures.
    assert client.get(EXPORT, {"year": 2026}).status_code == 200


def test_the_page_says_nothing_of_freshness_when_worked_out_live(world, client_for):
    build_data(world)
    response = client_for(world.business_unit).get(OVERVIEW, {"year": 2026})
    assert "Figures worked out at" not in response.content.decode()
    assert response.context["summary"].overall.places_booked == 10


def test_the_task_refreshes_this_year_and_last(world):
    build_data(world)  # programmes 2025 and 2026; today is in 2026/27
    assert refresh_analysis_summary_task.delay().get() == [2026, 2025]
    assert sorted(AnalysisSnapshot.objects.values_list("programme__year", flat=True)) == [2025, 2026]
    assert AttendanceGroup.objects.filter(snapshot__programme__year=2025).count() == 1


@pytest.mark.parametrize("url", [OVERVIEW, EXPORT])
@pytest.mark.parametrize("role", ["business_unit", "agency_lead"])
def test_the_stored_pages_cost_the_same_at_two_data_sizes(world, client_for, url, role):
    build_data(world)
    refresh_analysis_summary(2026)
    client = client_for(world.person(role))
    client.get(url)  # sessions, caches
    with capturing() as small:
        assert client.get(url, {"year": 2026}).status_code == 200
    add_more(world, 5)
    refresh_analysis_summary(2026)
    with capturing() as large:
        response = client.get(url, {"year": 2026})
        assert response.status_code == 200
    if url == OVERVIEW:
        assert response.context["summary"].stored
    assert len(large) == len(small)
    queries = [q["sql"] for q in small if not q["sql"].startswith(("SAVEPOINT", "RELEASE SAVEPOINT"))]
    assert len(queries) <= 15, "\n".join(q[:100] for q in queries)
    # The groups are the stored ones: neither the places' grouped query nor the answers' runs.
    assert any('FROM "training_attendancegroup"' in q for q in queries)
    assert not any('AS "places"' in q or '"training_outcomeconfidence"' in q for q in queries)


def test_refreshing_twice_leaves_one_set_of_rows(world):
    build_data(world)
    first = refresh_analysis_summary(2026)
    rows = (AttendanceGroup.objects.count(), ConfidenceGroup.objects.count())
    assert rows == (
        5,
        4,
    )  # (course, agency): X A, X B, X other, Y A, Y B; (outcome, agency): X1 A, X1 B, X2 A, Y1 A
    second = refresh_analysis_summary(2026)
    assert second.pk == first.pk
    assert AnalysisSnapshot.objects.count() == 1
    assert (AttendanceGroup.objects.count(), ConfidenceGroup.objects.count()) == rows


@pytest.mark.django_db(transaction=True)
def test_two_refreshes_at_once_leave_one_set_of_rows():
    require_postgres()
    programme = ProgrammeFactory(year=2026)
    session = SessionFactory(
        course__programme=programme, starts_at=NOW - datetime.timedelta(days=1), ends_at=NOW
    )
    AttendeeFactory.create_batch(3, session=session, attended=True)
    errors = twice_at_once(lambda: refresh_analysis_summary(2026))
    assert not errors, errors
    assert AnalysisSnapshot.objects.count() == 1
    assert (
        AttendanceGroup.objects.count()
        == AttendanceGroup.objects.values("course", "agency").distinct().count()
    )
    assert sum(AttendanceGroup.objects.values_list("places_booked", flat=True)) == 3


def test_a_refresh_moves_no_other_page_on_but_the_analysis_shows_it(world, client_for):
    # The schedule refreshes the stored figures every ten minutes: that must not empty every
    # kept page of the product (SELF_KEYED_MODELS), yet the analysis page shows the new figures.
    from partnership import fragments

    build_data(world)
    refresh_analysis_summary(2026)
    client = client_for(world.business_unit)
    assert FRESHNESS in client.get(OVERVIEW, {"year": 2026}).content.decode()
    version = fragments.data_version()
    with time_machine.travel(NOW + datetime.timedelta(minutes=10), tick=False):
        refresh_analysis_summary(2026)
        assert fragments.data_version() == version
        page = client.get(OVERVIEW, {"year": 2026}).content.decode()
    assert FRESHNESS not in page
    assert FRESHNESS.replace("12:00", "12:10") in page
