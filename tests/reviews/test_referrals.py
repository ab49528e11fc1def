"""Referrals of cases for a learning review: agency staff refer (their own agency's, pseudonym
only), the business unit screens each one against the criteria and records the decision and
its rationale, and a decision to hold a learning review opens that review and links it.

Everyone in `world` but the administrator works for `world.agency`.
"""

import csv
import datetime
import io
from html import unescape

import pytest
from django.urls import reverse

from partnership.services import DomainError
from reviews.models import Referral, Review
from reviews.services import referrals as referral_services

from ..factories import ReviewFactory, SubgroupFactory

pytestmark = pytest.mark.django_db

LIST = "reviews:learning-referral-list"


def body(response) -> str:
    return unescape(response.content.decode())


def referral_data(**extra) -> dict:
    return {
        "route": "practitioner",
        "referrer": "Jo Smith, health visitor",
        "pseudonym": "Child S",
        "circumstances": "Child S was seen by three agencies with bruising; nobody shared it.",
        "why_criteria_met": "How agencies share information about bruising in babies.",
        "referred_on_day": "2",
        "referred_on_month": "11",
        "referred_on_year": "2026",
        **extra,
    }


def make_referral(w, *, by=None, agency=None, pseudonym="Child S", **fields) -> Referral:
    by = by or w.agency_lead
    return Referral.objects.create(
        route=fields.pop("route", "agency"),
        agency=agency if agency is not None else by.agency,
        referrer=fields.pop("referrer", "Alex Agency, safeguarding lead"),
        pseudonym=pseudonym,
        circumstances="Neglect known to several agencies.",
        why_criteria_met="Information sharing.",
        referred_on=fields.pop("referred_on", datetime.date(2026, 11, 2)),
        referred_by=by,
        **fields,
    )


def screen_data(**extra) -> dict:
    return {
        "criteria": ["abuse_or_neglect", "working_together"],
        "decision": "learning_review",
        "rationale": "Not a serious case, but agencies did not share what they knew.",
        "screened_on_day": "4",
        "screened_on_month": "11",
        "screened_on_year": "2026",
        **extra,
    }


# --- referring a case ------------------------------------------------------------------------


def test_agency_staff_refer_a_case_for_their_own_agency(world, client_for):
    client = client_for(world.no_role)
    url = reverse("reviews:learning-referral-create")
    page = body(client.get(url))
    assert "Never the child's name" in page
    assert "Child Death Overview Panel" not in page  # the business unit's routes are not offered
    # Whatever agency is posted, the referral is the referrer's agency's.
    response = client.post(url, referral_data(agency=world.other_agency.pk))
    assert response.status_code == 302
    referral = Referral.objects.get()
    assert (referral.agency, referral.referred_by, referral.route) == (
        world.agency,
        world.no_role,
        "practitioner",
    )
    assert referral.decision == "" and referral.status_label == "Awaiting screening"
    assert referral.history.first().history_user == world.no_role
    assert response["Location"] == referral.get_absolute_url()


def test_a_referral_without_a_pseudonym_is_refused_by_the_field_with_what_was_typed_kept(world, client_for):
    response = client_for(world.agency_lead).post(
        reverse("reviews:learning-referral-create"), referral_data(pseudonym="")
    )
    assert response.status_code == 200
    assert response.context["form"].errors["pseudonym"] == [
        'Enter the child\'s pseudonym, for example "Child S"'
    ]
    assert "nobody shared it" in body(response)
    assert not Referral.objects.exists()


def test_agency_staff_cannot_refer_by_the_business_units_routes(world):
    referral = Referral(
        route="cdop", referrer="x", pseudonym="Child S", circumstances="c", why_criteria_met="w",
        referred_on=datetime.date(2026, 11, 2),
    )  # fmt: skip
    with pytest.raises(DomainError) as refused:
        referral_services.referral_submit(referral=referral, actor=world.agency_lead)
    assert refused.value.field == "route"


def test_a_future_referral_date_is_refused(world):
    referral = Referral(
        route="agency", referrer="x", pseudonym="Child S", circumstances="c", why_criteria_met="w",
        referred_on=datetime.date(2099, 1, 1),
    )  # fmt: skip
    with pytest.raises(DomainError) as refused:
        referral_services.referral_submit(referral=referral, actor=world.agency_lead)
    assert refused.value.field == "referred_on"


def test_a_rapid_review_refers_only_when_it_decided_against_an_lcspr(world, client_for):
    lcspr_decided = ReviewFactory(reference="RR-1", decision="lcspr", decided_on=datetime.date(2026, 10, 1))
    no_lcspr = ReviewFactory(reference="RR-2", decision="no_further", decided_on=datetime.date(2026, 10, 1))
    client = client_for(world.business_unit)
    url = reverse("reviews:learning-referral-create")
    form = client.get(url).context["form"]
    assert list(form.fields["rapid_review"].queryset) == [no_lcspr]
    refused = client.post(url, referral_data(route="rapid_review", rapid_review=lcspr_decided.pk))
    assert "rapid_review" in refused.context["form"].errors
    response = client.post(url, referral_data(route="rapid_review", rapid_review=no_lcspr.pk, agency=""))
    assert response.status_code == 302
    referral = Referral.objects.get()
    assert (referral.route, referral.rapid_review, referral.agency) == ("rapid_review", no_lcspr, None)


# --- who sees which referral -----------------------------------------------------------------


def test_an_agency_lead_sees_their_agencys_referrals_and_never_another_agencys(world, client_for):
    mine = make_referral(world, by=world.no_role, pseudonym="Child A")
    theirs = make_referral(world, by=world.other_agency_lead, pseudonym="Child B")
    for person, shown, hidden in (
        (world.agency_lead, mine, theirs),
        (world.other_agency_lead, theirs, mine),
    ):
        client = client_for(person)
        page = body(client.get(reverse(LIST)))
        assert shown.pseudonym in page and hidden.pseudonym not in page
        assert client.get(hidden.get_absolute_url()).status_code == 404
        rows = list(
            csv.reader(
                io.StringIO(
                    client.get(reverse("reviews:learning-referral-export")).content.decode("utf-8-sig")
                )
            )
        )
        assert [row[1] for row in rows[1:]] == [shown.pseudonym]


def test_staff_see_the_referrals_they_made_but_not_their_colleagues(world, client_for):
    make_referral(world, by=world.agency_lead, pseudonym="Child A")
    make_referral(world, by=world.no_role, pseudonym="Child B")
    page = body(client_for(world.no_role).get(reverse(LIST)))
    assert "Child B" in page and "Child A" not in page


def test_the_list_filters_by_status_and_exports_what_it_shows(world, client_for):
    make_referral(world, pseudonym="Child A")
    make_referral(world, pseudonym="Child B", decision="no_further_action", rationale="r",
                  screened_on=datetime.date(2026, 11, 3), screened_by=world.business_unit)  # fmt: skip
    client = client_for(world.business_unit)
    page = body(client.get(reverse(LIST), {"status": "awaiting"}))
    assert "Child A" in page and "Child B" not in page
    assert "1 referral awaiting screening" in page
    rows = list(csv.reader(io.StringIO(
        client.get(reverse("reviews:learning-referral-export"), {"status": "no_further_action"}).content.decode("utf-8-sig")
    )))  # fmt: skip
    assert rows[0][:2] == ["Referred on", "Pseudonym"]
    assert [(row[1], row[5], row[6]) for row in rows[1:]] == [("Child B", "No further action", "03/11/2026")]


def test_an_empty_list_says_how_to_refer(world, client_for):
    page = body(client_for(world.agency_lead).get(reverse(LIST)))
    assert "No referrals for a learning review yet." in page
    assert reverse("reviews:learning-referral-create") in page


# --- screening ---------------------------------------------------------------------------------


def test_the_business_unit_screens_a_referral_into_a_learning_review(world, client_for):
    referral = make_referral(world, by=world.no_role)
    client = client_for(world.business_unit)
    url = reverse("reviews:learning-referral-screen", args=[referral.pk])
    page = body(client.get(url))
    assert "Neglect known to several agencies." in page
    assert "useful insights into the way organisations work together" in page
    response = client.post(
        url, screen_data(reference="LR-2026-07", subgroup=world.subgroup.pk, lead=world.business_unit.pk)
    )
    assert response.status_code == 302
    referral.refresh_from_db()
    review = referral.review
    assert (review.kind, review.reference, review.title, review.stage) == (
        "learning_review", "LR-2026-07", "Child S", "scoping",
    )  # fmt: skip
    assert (review.subgroup, review.lead, review.opened_on) == (
        world.subgroup,
        world.business_unit,
        datetime.date(2026, 11, 4),
    )
    assert referral.decision == "learning_review"
    assert referral.criteria == {
        "abuse_or_neglect": True, "died_or_seriously_harmed": False, "working_together": True,
        "single_agency": False, "recurrent_theme": False, "no_agency_involvement": False,
        "cross_border": False, "good_practice": False,
    }  # fmt: skip
    assert (referral.screened_on, referral.screened_by) == (datetime.date(2026, 11, 4), world.business_unit)
    assert referral.history.first().history_user == world.business_unit
    detail = body(client.get(referral.get_absolute_url()))
    assert "LR-2026-07: Child S" in detail and "Screen the referral" not in detail
    # The referrer sees the decision, but the review only by its reference: they have no need to know.
    referrer_page = body(client_for(world.no_role).get(referral.get_absolute_url()))
    assert "Hold a learning review" in referrer_page
    assert review.get_absolute_url() not in referrer_page


def test_a_learning_review_needs_its_reference_and_subgroup(world, client_for):
    referral = make_referral(world)
    response = client_for(world.business_unit).post(
        reverse("reviews:learning-referral-screen", args=[referral.pk]), screen_data()
    )
    errors = response.context["form"].errors
    assert errors["reference"] == ["Enter a reference for the learning review"]
    assert errors["subgroup"] == ["Choose the subgroup that will oversee the learning review"]
    assert "agencies did not share what they knew" in body(response)
    assert not Review.objects.exists()


def test_a_reference_already_taken_is_refused_by_its_field_and_nothing_is_screened(world, client_for):
    ReviewFactory(reference="LR-2026-07")
    referral = make_referral(world)
    response = client_for(world.business_unit).post(
        reverse("reviews:learning-referral-screen", args=[referral.pk]),
        screen_data(reference="LR-2026-07", subgroup=world.subgroup.pk),
    )
    assert response.status_code == 200
    assert "LR-2026-07 already exists" in response.context["form"].errors["reference"][0]
    referral.refresh_from_db()
    assert referral.decision == ""


def test_no_further_action_is_recorded_with_its_rationale_and_opens_nothing(world):
    referral = make_referral(world)
    referral_services.referral_screen(
        referral=referral, criteria={}, decision="no_further_action",
        rationale="Single-agency learning already taken forward by the school.",
        screened_on=datetime.date(2026, 11, 3), actor=world.business_unit,
    )  # fmt: skip
    referral.refresh_from_db()
    assert referral.status_label == "No further action" and referral.review is None
    assert not Review.objects.exists()


def test_a_referral_is_screened_once_and_only_by_the_business_unit(world):
    referral = make_referral(world)
    args = {"criteria": {}, "decision": "other_learning", "rationale": "A 7-minute briefing.",
                "screened_on": datetime.date(2026, 11, 3)}  # fmt: skip
    with pytest.raises(DomainError):
        referral_services.referral_screen(referral=referral, actor=world.partnership_lead, **args)
    referral_services.referral_screen(referral=referral, actor=world.business_unit, **args)
    with pytest.raises(DomainError, match="already been screened"):
        referral_services.referral_screen(referral=referral, actor=world.business_unit, **args)


def test_a_screening_before_the_referral_or_without_a_rationale_is_refused(world):
    referral = make_referral(world)
    for rationale, day, field in (("", datetime.date(2026, 11, 3), "rationale"),
                                  ("r", datetime.date(2026, 11, 1), "screened_on")):  # fmt: skip
        with pytest.raises(DomainError) as refused:
            referral_services.referral_screen(
                referral=referral, criteria={}, decision="no_further_action", rationale=rationale,
                screened_on=day, actor=world.business_unit,
            )  # fmt: skip
        assert refused.value.field == field


def test_the_business_units_home_lists_referrals_awaiting_screening(world, client_for):
    make_referral(world, pseudonym="Child A", referred_on=datetime.date(2026, 11, 1))
    make_referral(world, pseudonym="Child B")
    make_referral(world, pseudonym="Child C", decision="other_learning", rationale="r",
                  screened_on=datetime.date(2026, 11, 3), screened_by=world.business_unit)  # fmt: skip
    page = body(client_for(world.business_unit).get(reverse("partnership:home")))
    assert "2 referrals awaiting screening against the criteria." in page
    assert page.index("Child A: a partner agency") < page.index("Child B: a partner agency")
    assert "Child C" not in page
    assert "referrals awaiting screening" not in body(
        client_for(world.agency_lead).get(reverse("partnership:home"))
    )


def test_a_subgroup_used_for_the_review_is_any_active_subgroup(world):
    practice = SubgroupFactory(name="Practice Review")
    referral = make_referral(world)
    referral_services.referral_screen(
        referral=referral, criteria={"good_practice": True}, decision="learning_review", rationale="Near miss.",
        screened_on=datetime.date(2026, 11, 3), reference="LR-1", subgroup=practice, actor=None,
    )  # fmt: skip
    assert Review.objects.get().subgroup == practice


def test_an_agency_lead_is_shown_how_to_refer_and_their_agencys_referrals_waiting(world, client_for):
    client = client_for(world.agency_lead)
    page = body(client.get(reverse("partnership:home")))
    assert "Refer a case from which the partnership may learn" in page
    assert reverse("reviews:learning-referral-create") in page
    make_referral(world, by=world.no_role)
    make_referral(world, by=world.other_agency_lead)
    page = body(client.get(reverse("partnership:home")))
    assert "1 referral from your agency awaiting screening." in page
