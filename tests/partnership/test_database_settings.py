"""The database connection is set up for short page queries."""

import pytest
from django.db import connection

from tests.conftest import REQUIRE_SERVICES

pytestmark = [pytest.mark.services, pytest.mark.django_db]


def test_postgresql_connections_have_jit_off():
    # JIT compiling a costly plan added tens of milliseconds to dashboard queries on the large
    # data set (bench); the setting turns it off on every connection unless DATABASE_JIT=true.
    if connection.vendor != "postgresql":
        if REQUIRE_SERVICES:
            pytest.fail("REQUIRE_SERVICES=1 but the tests are not running on PostgreSQL (set DATABASE_URL).")
        pytest.skip("needs PostgreSQL: set DATABASE_URL (CI does)")
    with connection.cursor() as cursor:
        cursor.execute("show jit")
        assert cursor.fetchone()[0] == "off"
