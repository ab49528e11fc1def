"""Fixtures every test suite reuses: one person per role, and the organisation they sit in."""

import os
from dataclasses import dataclass
from importlib import import_module

import pytest
from django.apps import apps as django_apps
from pytest_django.plugin import blocking_manager_key

from partnership.models import Role

from .factories import AgencyFactory, RoleAssignmentFactory, SubgroupFactory, UserFactory

# In CI the real services must be there: a test that needs them fails instead of skipping.
REQUIRE_SERVICES = os.environ.get("REQUIRE_SERVICES") == "1"


@dataclass
class World:
    """A small partnership: two agencies, two subgroups and one person for each role.

    `agency_lead` leads `agency`; `other_agency_lead` leads `other_agency`. The subgroup chair
    and member sit on `subgroup`; `other_subgroup` has nobody from this cast on it.
    """

    agency: object
    other_agency: object
    subgroup: object
    other_subgroup: object
    business_unit: object
    partnership_lead: object
    subgroup_chair: object
    subgroup_member: object
    agency_lead: object
    other_agency_lead: object
    lay_member: object
    peer_challenger: object
    no_role: object
    superuser: object

    def person(self, role_name):
        return getattr(self, role_name)


def build_world() -> World:
    agency = AgencyFactory(name="Northbrook Council Children's Services", short_name="NCCS")
    other_agency = AgencyFactory(name="Eastmoor Health Trust", short_name="EHT")
    subgroup = SubgroupFactory(name="Learning and Improvement")
    other_subgroup = SubgroupFactory(name="Training")

    def person(name, role=None, *, person_agency=agency, **scope):
        user = UserFactory(
            full_name=name, email=f"{name.lower().replace(' ', '.')}@example.org", agency=person_agency
        )
        if role:
            RoleAssignmentFactory(user=user, role=role, **scope)
        return user

    superuser = UserFactory(
        full_name="Site Admin", email="admin@example.org", agency=None, is_staff=True, is_superuser=True
    )
    return World(
        agency=agency,
        other_agency=other_agency,
        subgroup=subgroup,
        other_subgroup=other_subgroup,
        business_unit=person("Bea Unit", Role.BUSINESS_UNIT),
        partnership_lead=person("Pat Lead", Role.PARTNERSHIP_LEAD),
        subgroup_chair=person("Chris Chair", Role.SUBGROUP_CHAIR, subgroup=subgroup),
        subgroup_member=person("Sam Member", Role.SUBGROUP_MEMBER, subgroup=subgroup),
        agency_lead=person("Alex Agency", Role.AGENCY_LEAD, agency=agency),
        other_agency_lead=person(
            "Olu Other", Role.AGENCY_LEAD, person_agency=other_agency, agency=other_agency
        ),
        lay_member=person("Lee Lay", Role.LAY_MEMBER),
        peer_challenger=person("Pia Peer", Role.PEER_CHALLENGER),
        no_role=person("Nia Norole"),
        superuser=superuser,
    )


@pytest.fixture
def world(db) -> World:
    return build_world()


def verify_two_factor(client, user) -> None:
    """Mark the client's session verified with two-factor authentication, as the code page
    leaves it: the person's authenticator app (a django-otp TOTPDevice, made if they have none)
    is recorded in the session the way `django_otp.login` records it."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()


@pytest.fixture
def client_for(client):
    """`client_for(user)` is a test client fully signed in as that person (None: signed out):
    password and two-factor authentication, so every role reaches what its roles allow."""

    def make(user):
        from django.test import Client

        c = Client()
        if user is not None:
            c.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
            verify_two_factor(c, user)
        return c

    return make


@pytest.fixture(autouse=True)
def fresh_fragments():
    """Each test starts with no cached fragment in use (partnership/fragments.py): a test that
    rolled its data back leaves fragments rendered from it under the data version it reached,
    and the next test, until it writes, would be at that version too."""
    from partnership import fragments

    if fragments.enabled():
        fragments.bump()


# The data migrations seed and every installation starts with: the built-in learning themes and
# the Pan London Section 11 framework (each step is idempotent).
MIGRATION_SEEDS = [
    ("partnership.migrations.0002_default_themes", "add_themes"),
    ("audits.migrations.0002_pan_london_framework", "add_framework"),
]


def _commits(item) -> bool:
    """Whether the test commits real transactions (and so empties every table when it ends)."""
    marker = item.get_closest_marker("django_db")
    if marker is not None and marker.kwargs.get("transaction"):
        return True
    return bool({"transactional_db", "live_server"} & set(getattr(item, "fixturenames", ())))


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """After a test that committed real transactions has emptied every table, put back what the
    migrations seed, so the tests after it find the partnership as every installation starts
    (the order of the tests never decides whether the themes or the framework are there)."""
    yield
    # The last test's teardown also drops the test database: nothing follows to need the data.
    if _commits(item) and nextitem is not None:
        with item.config.stash[blocking_manager_key].unblock():
            for module, step in MIGRATION_SEEDS:
                getattr(import_module(module), step)(django_apps, None)
