"""Every API endpoint answers a token exactly as the pages answer its owner: an agency lead sees
their own agency's actions, returns and training figures and never another agency's (a 404 on
another's detail), lay members see nothing the pages do not show them, case reviews show no
pseudonym, and a request with no credentials is a 401."""

import pytest
from django.urls import reverse

from reviews.models import ReviewAccess

from .data import body, build_data, rows

LIST_URLS = [
    "api:agency-list", "api:subgroup-list", "api:theme-list", "api:plan-list", "api:action-list",
    "api:round-list", "api:return-list", "api:rating-list", "api:review-list", "api:review-clock-list",
    "api:course-list", "api:session-list", "api:training-figures-list", "api:indicator-list",
    "api:indicator-value-list", "api:schema",
]  # fmt: skip


@pytest.fixture
def data(world):
    return build_data(world)


@pytest.mark.parametrize("url_name", LIST_URLS)
def test_no_credentials_is_401(url_name, world, api_for):
    response = api_for(None).get(reverse(url_name))
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Token")


def test_detail_without_credentials_is_401(world, data, api_for):
    assert api_for(None).get(reverse("api:action-detail", args=[data.action.pk])).status_code == 401


# --- actions and plans ---------------------------------------------------------------------


def test_agency_lead_sees_only_their_agencys_actions(world, data, api_for):
    mine = api_for(world.agency_lead)
    assert [r["id"] for r in rows(mine.get(reverse("api:action-list")))] == [data.action.pk]
    theirs = api_for(world.other_agency_lead)
    assert [r["id"] for r in rows(theirs.get(reverse("api:action-list")))] == [data.other_action.pk]
    assert theirs.get(reverse("api:action-detail", args=[data.action.pk])).status_code == 404
    assert mine.get(reverse("api:action-detail", args=[data.action.pk])).json()["rag"] == "red"


@pytest.mark.parametrize("role", ["business_unit", "partnership_lead"])
def test_oversight_sees_every_action(role, world, data, api_for):
    ids = {r["id"] for r in rows(api_for(world.person(role)).get(reverse("api:action-list")))}
    assert ids == {data.action.pk, data.other_action.pk}


@pytest.mark.parametrize("role", ["lay_member", "peer_challenger", "no_role", "subgroup_chair"])
def test_others_see_no_action_and_no_plan(role, world, data, api_for):
    client = api_for(world.person(role))
    assert rows(client.get(reverse("api:action-list"))) == []
    assert rows(client.get(reverse("api:plan-list"))) == []
    assert client.get(reverse("api:action-detail", args=[data.action.pk])).status_code == 404
    assert client.get(reverse("api:plan-detail", args=[data.plan.pk])).status_code == 404


def test_plan_counts_only_the_actions_the_lead_may_see(world, data, api_for):
    [plan] = rows(api_for(world.agency_lead).get(reverse("api:plan-list")))
    assert plan["id"] == data.plan.pk and plan["actions_total"] == 1
    [plan] = rows(api_for(world.business_unit).get(reverse("api:plan-list")))
    assert plan["actions_total"] == 2


def test_action_filters_are_the_pages_filters(world, data, api_for):
    client = api_for(world.business_unit)
    url = reverse("api:action-list")
    only_other = rows(client.get(url, {"agency": world.other_agency.pk}))
    assert [r["id"] for r in only_other] == [data.other_action.pk]
    assert rows(client.get(url, {"rag": "green"})) == []
    assert len(rows(client.get(url, {"overdue": "yes", "search": "neglect toolkit"}))) == 1
    assert client.get(url, {"status": "not-a-status"}).status_code == 400


def test_an_action_filter_cannot_widen_the_scope(world, data, api_for):
    response = api_for(world.agency_lead).get(reverse("api:action-list"), {"agency": world.other_agency.pk})
    assert rows(response) == []


def test_action_updates_are_scoped_through_the_action(world, data, api_for):
    url = reverse("api:action-updates", args=[data.action.pk])
    assert api_for(world.agency_lead).get(url).status_code == 200
    assert api_for(world.other_agency_lead).get(url).status_code == 404
    assert api_for(world.lay_member).get(url).status_code == 404


# --- reference data ------------------------------------------------------------------------


@pytest.mark.parametrize("url_name", ["api:agency-list", "api:subgroup-list", "api:theme-list"])
@pytest.mark.parametrize("role", ["agency_lead", "lay_member", "no_role"])
def test_reference_data_is_open_to_everyone_signed_in(url_name, role, world, api_for):
    assert rows(api_for(world.person(role)).get(reverse(url_name)))


def test_agency_detail(world, api_for):
    response = api_for(world.other_agency_lead).get(reverse("api:agency-detail", args=[world.agency.pk]))
    assert response.json()["name"] == world.agency.name
    assert (
        api_for(world.agency_lead).get(reverse("api:subgroup-detail", args=[world.subgroup.pk])).status_code
        == 200
    )


# --- Section 11 ----------------------------------------------------------------------------


def test_rounds_are_open_to_everyone_signed_in(world, data, api_for):
    for role in ("agency_lead", "lay_member"):
        client = api_for(world.person(role))
        assert [r["id"] for r in rows(client.get(reverse("api:round-list")))] == [data.round.pk]
        assert client.get(reverse("api:round-detail", args=[data.round.pk])).status_code == 200


def test_agency_lead_sees_only_their_own_return(world, data, api_for):
    mine = api_for(world.agency_lead)
    assert [r["id"] for r in rows(mine.get(reverse("api:return-list")))] == [data.own_return.pk]
    theirs = api_for(world.other_agency_lead)
    assert [r["id"] for r in rows(theirs.get(reverse("api:return-list")))] == [data.other_return.pk]
    assert theirs.get(reverse("api:return-detail", args=[data.own_return.pk])).status_code == 404
    assert rows(theirs.get(reverse("api:return-list"), {"agency": world.agency.pk})) == []


def test_overseeing_subgroup_sees_every_return_and_lay_member_none(world, data, api_for):
    assert len(rows(api_for(world.subgroup_member).get(reverse("api:return-list")))) == 2
    assert rows(api_for(world.lay_member).get(reverse("api:return-list"))) == []
    assert rows(api_for(world.lay_member).get(reverse("api:rating-list"))) == []


def test_ratings_by_standard_self_and_moderated(world, data, api_for):
    ratings = rows(api_for(world.agency_lead).get(reverse("api:rating-list"), {"page_size": 500}))
    assert {r["agency"] for r in ratings} == {world.agency.pk}
    first = next(r for r in ratings if r["standard_number"] == 1)
    assert first["self_score"] > first["moderated_score"]
    assert first["score"] == first["moderated_score"], "the moderated rating counts, as on the overview"
    other = rows(api_for(world.other_agency_lead).get(reverse("api:rating-list"), {"page_size": 500}))
    assert {r["agency"] for r in other} == {world.other_agency.pk}
    first_other = next(r for r in other if r["standard_number"] == 1)
    assert first_other["moderated_rating"] is None and first_other["score"] == first_other["self_score"]


# --- case reviews --------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["business_unit", "partnership_lead", "subgroup_chair", "subgroup_member"])
def test_reviews_show_summary_and_clocks_never_the_pseudonym(role, world, data, api_for):
    client = api_for(world.person(role))
    response = client.get(reverse("api:review-list"))
    [review] = rows(response)
    assert review["reference"] == data.review.reference
    assert [c["key"] for c in review["clocks"]] == ["panel_notification", "rapid_review"]
    assert "Child Q" not in response.content.decode()
    detail = client.get(reverse("api:review-detail", args=[data.review.pk]))
    assert "Child Q" not in detail.content.decode() and "injured" not in detail.content.decode()
    assert ReviewAccess.objects.filter(review=data.review, user=world.person(role)).exists()
    csv = body(client.get(reverse("api:review-clock-list"), {"format": "csv"}))
    assert data.review.reference in csv and "Child Q" not in csv


@pytest.mark.parametrize("role", ["agency_lead", "other_agency_lead", "lay_member", "no_role"])
def test_reviews_hidden_from_those_the_pages_hide_them_from(role, world, data, api_for):
    client = api_for(world.person(role))
    assert rows(client.get(reverse("api:review-list"))) == []
    assert rows(client.get(reverse("api:review-clock-list"))) == []
    assert client.get(reverse("api:review-detail", args=[data.review.pk])).status_code == 404


# --- training ------------------------------------------------------------------------------


@pytest.mark.parametrize("url_name", ["api:course-list", "api:session-list", "api:training-figures-list"])
def test_training_is_for_those_the_training_pages_admit(url_name, world, data, api_for):
    assert api_for(world.agency_lead).get(reverse(url_name)).status_code == 200
    assert api_for(world.business_unit).get(reverse(url_name)).status_code == 200
    for role in ("lay_member", "peer_challenger", "no_role"):
        assert api_for(world.person(role)).get(reverse(url_name)).status_code == 403


def test_courses_and_sessions(world, data, api_for):
    client = api_for(world.agency_lead)
    [course] = rows(client.get(reverse("api:course-list")))
    assert course["title"] == "Neglect: level 2" and course["programme_year"] == 2026
    [session] = rows(client.get(reverse("api:session-list"), {"course": data.course.pk}))
    assert session["places_taken"] == 3
    assert client.get(reverse("api:session-detail", args=[data.session.pk])).status_code == 200
    assert (
        api_for(world.lay_member).get(reverse("api:course-detail", args=[data.course.pk])).status_code == 403
    )


def test_training_figures_show_an_agency_lead_only_their_staff(world, data, api_for):
    url = reverse("api:training-figures-list")
    overall = rows(api_for(world.business_unit).get(url, {"year": 2026, "group": "overall"}))[0]
    assert (overall["attended"], overall["no_shows"]) == (2, 1)
    mine = rows(api_for(world.agency_lead).get(url, {"year": 2026}))
    assert next(r for r in mine if r["group"] == "overall")["attended"] == 1
    assert {r["key"] for r in mine if r["group"] == "agency"} == {world.agency.pk}
    theirs = rows(api_for(world.other_agency_lead).get(url, {"year": 2026, "agency": world.agency.pk}))
    assert next(r for r in theirs if r["group"] == "overall")["attended"] == 0
    assert api_for(world.business_unit).get(url, {"year": "soon"}).status_code == 400


# --- performance dataset -------------------------------------------------------------------


@pytest.mark.parametrize("role", ["agency_lead", "other_agency_lead", "lay_member", "business_unit"])
def test_dataset_is_read_by_everyone_with_a_role(role, world, data, api_for):
    client = api_for(world.person(role))
    assert [r["code"] for r in rows(client.get(reverse("api:indicator-list")))] == ["CSC01"]
    [value] = rows(client.get(reverse("api:indicator-value-list"), {"indicator": data.indicator.pk}))
    assert value["value"] == 75 and value["rag"] == "amber"
    assert client.get(reverse("api:indicator-value-detail", args=[data.value.pk])).status_code == 200


def test_dataset_refuses_people_with_no_role(world, data, api_for):
    client = api_for(world.no_role)
    assert client.get(reverse("api:indicator-list")).status_code == 403
    assert client.get(reverse("api:indicator-value-detail", args=[data.value.pk])).status_code == 403
