"""Cached fragments (partnership/fragments.py): rendered once, served until the data changes,
whatever way it changed, and never to someone the caller did not name."""

import pytest
import time_machine
from django.contrib.sessions.backends.db import SessionStore
from django.core.cache import cache
from django.db import connection, transaction
from django.urls import reverse

from partnership import fragments
from partnership.models import Agency
from tests.factories import ActionFactory, AgencyFactory
from tests.training.test_analysis_figures import NOW, build_data
from training.models import Attendee

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def cache_on(settings):
    # On wherever a shared cache is set up (CI's Redis); in one process the local cache will do.
    settings.FRAGMENT_CACHE = True


def renders():
    """A `render` that counts its calls, so a test can tell a kept fragment from a new one."""
    calls = []

    def render():
        calls.append(1)
        return f"<p>rendered {len(calls)}</p>"

    render.calls = calls
    return render


def test_a_fragment_is_rendered_once_until_the_data_changes():
    render = renders()
    assert fragments.cached("test", 1, render=render) == "<p>rendered 1</p>"
    assert fragments.cached("test", 1, render=render) == "<p>rendered 1</p>"
    assert len(render.calls) == 1
    AgencyFactory()
    assert fragments.cached("test", 1, render=render) == "<p>rendered 2</p>"


def test_a_fragment_is_kept_per_vary_values_and_per_day():
    render = renders()
    fragments.cached("test", 1, render=render)
    fragments.cached("test", 2, render=render)  # another person
    fragments.cached("other", 1, render=render)  # another fragment
    assert len(render.calls) == 3
    with time_machine.travel("2030-01-02 09:00 +0000", tick=False):  # tomorrow, as far as RAG goes
        fragments.cached("test", 1, render=render)
    assert len(render.calls) == 4


@pytest.mark.parametrize(
    "write",
    [
        pytest.param(lambda a: a.save(), id="save"),
        pytest.param(lambda a: Agency.objects.filter(pk=a.pk).update(name="Renamed"), id="queryset update"),
        pytest.param(
            lambda a: Agency.objects.bulk_create([Agency(name="Bulk agency", sector=Agency.Sector.HEALTH)]),
            id="bulk create",
        ),
        pytest.param(lambda a: Agency.objects.filter(pk=a.pk).delete(), id="delete"),
        pytest.param(
            lambda a: connection.cursor().execute(
                "UPDATE partnership_agency SET name = %s WHERE id = %s", ["Raw", a.pk]
            ),
            id="raw SQL",
        ),
    ],
)
def test_every_kind_of_write_moves_the_data_version_on(write):
    agency = AgencyFactory()
    before = fragments.data_version()
    write(agency)
    assert fragments.data_version() > before


def test_reads_and_bookkeeping_writes_keep_the_version():
    AgencyFactory()
    before = fragments.data_version()
    list(Agency.objects.all())
    session = SessionStore()
    session["seen"] = True
    session.save()  # every signed-in request touches its session
    assert fragments.data_version() == before


def test_a_commit_moves_the_version_on_again(django_capture_on_commit_callbacks):
    # A page rendered from the data as it was before the commit, while the write's transaction
    # was still open, is kept under the version the statement moved to; the commit moves past it.
    with django_capture_on_commit_callbacks(execute=True) as callbacks, transaction.atomic():
        AgencyFactory()
        during = fragments.data_version()  # the writer reads its own write at a new version
        AgencyFactory()
    assert len(callbacks) == 1  # one for the transaction, however many writes
    committed = cache.get(fragments._version_key())  # as another process reads it
    assert committed == during + 1
    assert fragments.data_version() == committed  # the writer's next read moves it no further


def test_off_it_renders_every_time(settings):
    settings.FRAGMENT_CACHE = False
    render = renders()
    fragments.cached("test", 1, render=render)
    fragments.cached("test", 1, render=render)
    assert len(render.calls) == 2


def test_the_training_analysis_shows_a_change_at_once(world, client_for):
    with time_machine.travel(NOW, tick=False):
        build_data(world)
        client = client_for(world.business_unit)
        url = reverse("training:analysis-overview")
        first = client.get(url, {"year": 2026}).content.decode()
        assert "77.8%" in client.get(url, {"year": 2026}).content.decode()  # from the cache
        place = Attendee.objects.filter(
            attended=True, agency=world.agency, session__course__title__startswith="X:"
        ).first()
        Attendee.objects.filter(pk=place.pk).update(attended=False)  # marked as a no-show after all
        after = client.get(url, {"year": 2026}).content.decode()
    # The attendance rate was 7 of 9 (test_analysis_figures), and is no longer anywhere it was.
    assert after.count("77.8%") < first.count("77.8%")


def test_a_kept_list_is_never_served_to_someone_who_may_see_less(world, client_for):
    ActionFactory(owner_agency=world.agency, description="Audit the neglect referrals")
    ActionFactory(owner_agency=world.other_agency, description="Retrain the night triage team")
    url = reverse("partnership:action-list")
    everything = client_for(world.business_unit).get(url).content.decode()
    assert "Audit the neglect referrals" in everything and "Retrain the night triage team" in everything
    # The same address, no change to the data in between: the lead still gets only their own.
    own = client_for(world.agency_lead).get(url).content.decode()
    assert "Audit the neglect referrals" in own
    assert "Retrain the night triage team" not in own


def test_every_table_left_out_exists():
    # A misspelt name would leave a real table's writes moving the version on: harmless, but
    # not what the list says.
    assert fragments.IGNORED_TABLES <= set(connection.introspection.table_names())
