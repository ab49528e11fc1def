"""CSV for reporting tools, pagination, the OpenAPI schema and its documentation page."""

import csv
import io

import pytest
from django.test import Client
from django.urls import reverse
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.validation import validate_schema

from ..factories import ActionFactory, ActionPlanFactory
from .data import body, build_data


@pytest.fixture
def data(world):
    return build_data(world)


def test_power_bi_pulls_actions_as_csv_with_a_token(world, data, token_for):
    """What `curl -H "Authorization: Token …" /api/actions/?format=csv` gets."""
    client = Client(HTTP_AUTHORIZATION=f"Token {token_for(world.agency_lead)}")
    response = client.get("/api/actions/?format=csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    table = list(csv.DictReader(io.StringIO(body(response))))
    assert [row["id"] for row in table] == [str(data.action.pk)]
    assert table[0]["rag"] == "red" and table[0]["due_date"] == "2026-09-30"
    assert table[0]["owner_agency_name"] == world.agency.name


def test_accept_text_csv_works_too_and_keeps_the_filters(world, data, api_for):
    response = api_for(world.business_unit).get(
        reverse("api:action-list"), {"agency": world.other_agency.pk}, HTTP_ACCEPT="text/csv"
    )
    table = list(csv.DictReader(io.StringIO(body(response))))
    assert [row["id"] for row in table] == [str(data.other_action.pk)]


@pytest.mark.parametrize(
    "url_name",
    [
        "api:agency-list", "api:subgroup-list", "api:theme-list", "api:plan-list", "api:action-list",
        "api:round-list", "api:return-list", "api:rating-list", "api:review-list", "api:review-clock-list",
        "api:course-list", "api:session-list", "api:training-figures-list", "api:indicator-list",
        "api:indicator-value-list",
    ],
)  # fmt: skip
def test_every_list_has_csv(url_name, world, data, api_for):
    response = api_for(world.business_unit).get(reverse(url_name), {"format": "csv"})
    assert response.status_code == 200
    header, *lines = list(csv.reader(io.StringIO(body(response))))
    assert "id" in header or "key" in header or "return_id" in header
    assert lines, "the business unit sees something in every list"


def test_an_empty_csv_still_has_its_header(world, api_for):
    text = body(api_for(world.lay_member).get(reverse("api:action-list"), {"format": "csv"}))
    assert text.splitlines() == [text.splitlines()[0]] and text.startswith("id,plan,")


def test_json_is_paged_with_at_most_500_a_page(world, api_for):
    plan = ActionPlanFactory(subgroup=world.subgroup)
    ActionFactory.create_batch(3, plan=plan, recommendation=ActionFactory(plan=plan).recommendation)
    client = api_for(world.business_unit)
    page = client.get(reverse("api:action-list"), {"page_size": 2}).json()
    assert page["count"] == 4 and len(page["results"]) == 2 and "page=2" in page["next"]
    assert client.get(reverse("api:action-list"), {"page": 3, "page_size": 2}).status_code == 404
    assert client.get(reverse("api:action-list"), {"page_size": 10_000}).status_code == 200
    from api.pagination import ApiPagination

    assert ApiPagination.max_page_size == 500


def test_the_schema_is_valid_openapi_3(db):
    schema = SchemaGenerator().get_schema(request=None, public=True)
    validate_schema(schema)
    assert schema["openapi"].startswith("3.")
    assert "/api/actions/{id}/updates/" in schema["paths"]
    assert "tokenAuth" in schema["components"]["securitySchemes"]


def test_the_schema_answers_tokens_and_sessions(world, api_for, client_for):
    assert api_for(world.lay_member).get(reverse("api:schema"), {"format": "json"}).json()["openapi"]
    assert client_for(world.lay_member).get(reverse("api:schema")).status_code == 200


def test_the_docs_page_keeps_the_content_security_policy(world, client_for):
    client = client_for(world.agency_lead)
    response = client.get(reverse("api:docs"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "<style" not in html
    assert "<script>" not in html and "<script >" not in html
    assert "cdn" not in html.lower() and "unpkg" not in html.lower()
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in html
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    script = client.get(reverse("api:docs") + "?script")
    assert script.status_code == 200 and "SwaggerUIBundle" in script.content.decode()


def test_the_docs_page_needs_signing_in(db):
    response = Client().get(reverse("api:docs"))
    assert response.status_code == 302 and reverse("partnership:login") in response["Location"]


FORMULAS = [
    '=HYPERLINK("http://evil.example","Click")',
    "+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(A1)",
    "\tTab",
    "\rReturn",
]


@pytest.mark.parametrize("formula", FORMULAS)
def test_a_formula_in_a_csv_list_stays_text(formula, world, data, api_for):
    """Text that Excel would run as a formula gets the apostrophe the page exports give it
    (OWASP CSV injection); the same text stays as it is in JSON."""
    data.action.description = formula
    data.action.save()
    data.plan.title = formula
    data.plan.save()
    client = api_for(world.agency_lead)
    table = list(csv.DictReader(io.StringIO(body(client.get(reverse("api:action-list"), {"format": "csv"})))))
    assert table[0]["description"] == f"'{formula}"
    assert table[0]["plan_title"] == f"'{formula}"
    assert table[0]["id"] == str(data.action.pk)  # numbers and dates are written as they are
    assert table[0]["due_date"] == "2026-09-30"
    assert client.get(reverse("api:action-list")).json()["results"][0]["description"] == formula


def test_a_formula_in_a_csv_detail_stays_text(world, data, api_for):
    data.action.description = "=1+1"
    data.action.save()
    url = reverse("api:action-detail", args=[data.action.pk])
    row = next(csv.DictReader(io.StringIO(body(api_for(world.agency_lead).get(url, {"format": "csv"})))))
    assert row["description"] == "'=1+1"
    assert row["id"] == str(data.action.pk)
