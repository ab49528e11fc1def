"""Property-based checks of the API against its own OpenAPI schema (schemathesis).

The schema is loaded from the running app (the WSGI application, in process, so it sees this
test's database); for every operation schemathesis generates requests that fit the schema
(query filters, ids, bodies), sends them with the token of the business unit and of an agency
lead, and checks that no response is a server error and every documented response matches the
schema. Ids are drawn at random and also taken from real objects, so details and writes are
exercised on data that exists. The number of examples is bounded (SCHEMATHESIS_EXAMPLES, 6
per operation and person by default) so the run takes a minute or two; it runs in CI on
PostgreSQL as part of `make test`.
"""

import os

import hypothesis
import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase
from hypothesis import strategies as st
from schemathesis import checks

from api.services import token_create

from .data import build_data

EXAMPLES = int(os.environ.get("SCHEMATHESIS_EXAMPLES", "6"))
CHECKS = [checks.not_a_server_error, checks.response_schema_conformance]


def real_ids(world, data) -> dict[str, int]:
    """An existing object's id for each resource, by the first part of its path."""
    return {
        "/api/agencies/": world.agency.pk, "/api/subgroups/": world.subgroup.pk,
        "/api/themes/": 1, "/api/action-plans/": data.plan.pk, "/api/actions/": data.action.pk,
        "/api/section11/rounds/": data.round.pk, "/api/section11/returns/": data.own_return.pk,
        "/api/reviews/": data.review.pk, "/api/training/courses/": data.course.pk,
        "/api/training/sessions/": data.session.pk, "/api/dataset/indicators/": data.indicator.pk,
        "/api/dataset/values/": data.value.pk,
    }  # fmt: skip


def strategy_for(operation, ids):
    strategy = operation.as_strategy()
    if "{id}" not in operation.path:
        return strategy
    prefix = operation.path.split("{id}")[0]
    return st.one_of(strategy, operation.as_strategy(path_parameters={"id": ids[prefix]}))


@pytest.fixture
def keep_the_test_connection():
    """The WSGI application closes "old" database connections around each request, which on
    PostgreSQL would close the test's own connection, inside its transaction. Django's test
    client switches that off for its requests; this does the same for schemathesis's."""
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


@pytest.mark.parametrize("role", ["business_unit", "agency_lead"])
def test_api_conforms_to_its_schema(role, world, keep_the_test_connection):
    data = build_data(world)
    person = world.person(role)
    headers = {"Authorization": f"Token {token_create(name='schemathesis', actor=person).key}"}
    app = get_wsgi_application()
    schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", app, headers=headers)
    ids = real_ids(world, data)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 20
    tested = []
    for operation in operations:
        if operation.path == "/api/schema/":
            continue

        @hypothesis.settings(
            max_examples=EXAMPLES,
            deadline=None,
            database=None,
            derandomize=True,
            phases=[Phase.explicit, Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
        @hypothesis.given(case=strategy_for(operation, ids))
        def check(case):
            case.call_and_validate(headers=headers, checks=CHECKS)

        check()
        tested.append(operation.label)
    assert "POST /api/actions/{id}/updates/" in tested and "POST /api/dataset/values/" in tested
