"""A Rapid Review whose decision is not to hold an LCSPR offers, on its page, to refer the case
for a learning review: the referral form opens pre-filled (the route, the Rapid Review, the
child's pseudonym, never a name), and a Rapid Review's case is referred once (a second click
goes to the referral made)."""

import datetime
from html import unescape

import pytest
import time_machine
from django.db import IntegrityError, transaction
from django.urls import reverse

from partnership.services import DomainError
from reviews.models import NotifiedChild, Referral
from reviews.services import referrals as referral_services

from ..factories import ReviewFactory

pytestmark = pytest.mark.django_db

REFER = "Refer this case for a learning review"


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(datetime.datetime(2027, 1, 20, 10, 0), tick=False):
        yield


def body(response) -> str:
    return unescape(response.content.decode())


def decided(world, decision="no_further", **fields):
    review = ReviewFactory(
        reference=fields.pop("reference", "RR-2026-07"), title=fields.pop("title", "Child Q"),
        subgroup=world.subgroup, stage="decided", decision=decision, decision_rationale="Criteria not met.",
        decided_by="The three safeguarding partners", decided_on=datetime.date(2027, 1, 10), **fields,
    )  # fmt: skip
    NotifiedChild.objects.create(notification=review.notification, pseudonym="Child Q", age_band="1_4")
    return review


def refer_data(**extra) -> dict:
    return {
        "circumstances": "Child Q was seen by three agencies with bruising; nobody shared it.",
        "why_criteria_met": "How agencies share information about bruising in babies.",
        **extra,
    }


def posted_from(form, **extra) -> dict:
    """What the browser posts back: the pre-filled values as the form renders them, plus `extra`."""
    data = {}
    for name in form.fields:
        value = form[name].value()
        if isinstance(value, datetime.date):
            data.update({f"{name}_day": value.day, f"{name}_month": value.month, f"{name}_year": value.year})
        elif value is not None:
            data[name] = value
    data.update(extra)
    return data


def test_the_page_of_a_rapid_review_decided_against_an_lcspr_offers_the_referral(world, client_for):
    review = decided(world)
    text = body(client_for(world.business_unit).get(review.get_absolute_url()))
    assert REFER in text and reverse("reviews:rapid-review-refer", args=[review.pk]) in text


@pytest.mark.parametrize("decision", ["", "lcspr", "learning_review"])
def test_no_offer_when_undecided_an_lcspr_or_a_learning_review_already_decided(world, client_for, decision):
    review = decided(world, decision=decision) if decision else ReviewFactory(subgroup=world.subgroup)
    assert REFER not in body(client_for(world.business_unit).get(review.get_absolute_url()))


def test_only_the_business_unit_is_offered_it(world, client_for):
    review = decided(world)
    # The subgroup's chair reads the Rapid Review but records no partners' referral.
    text = body(client_for(world.subgroup_chair).get(review.get_absolute_url()))
    assert "Decided by" in text and REFER not in text


def test_the_form_opens_pre_filled_and_the_referral_is_made_from_it(world, client_for):
    review = decided(world, title="Child Q (RR)")
    client = client_for(world.business_unit)
    url = reverse("reviews:rapid-review-refer", args=[review.pk])
    page = client.get(url)
    form = page.context["form"]
    # The notified child's pseudonym, not the review's title; the route and the review chosen.
    assert form["pseudonym"].value() == "Child Q"
    assert form["route"].value() == "rapid_review" and form["rapid_review"].value() == review.pk
    assert form["referred_on"].value() == datetime.date(2027, 1, 20)
    assert "RR-2026-07" in form["referrer"].value()
    assert "Name the child by pseudonym only" in body(page)

    response = client.post(url, posted_from(form, **refer_data()))
    referral = Referral.objects.get()
    assert response["Location"] == referral.get_absolute_url()
    assert (referral.route, referral.rapid_review, referral.pseudonym) == ("rapid_review", review, "Child Q")
    assert referral.agency is None and referral.referred_by == world.business_unit
    # The Rapid Review's page now links to the referral instead of offering another.
    text = body(client.get(review.get_absolute_url()))
    assert REFER not in text and referral.get_absolute_url() in text and "awaiting screening" in text


def test_the_review_title_is_the_pseudonym_when_the_notification_names_several_children(world, client_for):
    review = decided(world, title="Siblings K")
    NotifiedChild.objects.create(notification=review.notification, pseudonym="Child K2", age_band="5_9")
    form = (
        client_for(world.business_unit)
        .get(reverse("reviews:rapid-review-refer", args=[review.pk]))
        .context["form"]
    )
    assert form["pseudonym"].value() == "Siblings K"


def test_a_refused_submission_keeps_what_was_typed(world, client_for):
    review = decided(world)
    client = client_for(world.business_unit)
    url = reverse("reviews:rapid-review-refer", args=[review.pk])
    form = client.get(url).context["form"]
    response = client.post(
        url, posted_from(form, circumstances="Seen by three agencies.", why_criteria_met="")
    )
    assert response.status_code == 200
    assert "Say why you think the case meets the criteria" in body(response)
    assert "Seen by three agencies." in body(response)
    assert not Referral.objects.exists()


def referred(review, world):
    """The referral of the Rapid Review's case, made through the service from its draft."""
    draft = referral_services.referral_draft_for_rapid_review(review, today=datetime.date(2027, 1, 20))
    draft.circumstances, draft.why_criteria_met = "Bruising seen by three agencies.", "Information sharing."
    return referral_services.referral_submit(referral=draft, actor=world.business_unit)


def test_a_second_click_goes_to_the_referral_already_made(world, client_for):
    review = decided(world)
    first = referred(review, world)
    client = client_for(world.business_unit)
    url = reverse("reviews:rapid-review-refer", args=[review.pk])
    assert client.get(url)["Location"] == first.get_absolute_url()
    assert client.post(url, refer_data())["Location"] == first.get_absolute_url()
    assert Referral.objects.count() == 1


def test_the_service_and_the_database_refuse_a_second_referral_of_a_rapid_review(world):
    review = decided(world)
    referred(review, world)
    draft = referral_services.referral_draft_for_rapid_review(review, today=datetime.date(2027, 1, 20))
    draft.circumstances, draft.why_criteria_met = "Bruising seen by three agencies.", "Information sharing."
    with pytest.raises(DomainError, match="already been referred") as refused:
        referral_services.referral_submit(referral=draft, actor=world.business_unit)
    assert refused.value.field == "rapid_review"
    draft.referred_by = world.business_unit
    with pytest.raises(IntegrityError), transaction.atomic():
        draft.save()
    assert Referral.objects.count() == 1


def test_a_rapid_review_that_decided_on_an_lcspr_sends_back_to_its_page(world, client_for):
    review = decided(world, decision="lcspr")
    response = client_for(world.business_unit).get(reverse("reviews:rapid-review-refer", args=[review.pk]))
    assert response["Location"] == review.get_absolute_url()
    assert not Referral.objects.exists()
