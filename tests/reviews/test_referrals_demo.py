"""The demo's referrals for a learning review and its LCSPR held by an inquest."""

import pytest
from django.core.management import call_command

from reviews.models import PublicationWarning, Referral, Review

pytestmark = pytest.mark.django_db


def test_the_demo_has_a_referral_waiting_one_screened_into_a_review_and_an_lcspr_held_by_an_inquest():
    call_command("seed_demo")
    counts = (Referral.objects.count(), Review.objects.count(), PublicationWarning.objects.count())
    call_command("seed_demo")
    assert (Referral.objects.count(), Review.objects.count(), PublicationWarning.objects.count()) == counts

    waiting = Referral.objects.get(pseudonym="Child N")
    assert waiting.status_label == "Awaiting screening"
    screened = Referral.objects.get(pseudonym="Child M")
    assert screened.decision == "learning_review"
    assert (screened.review.reference, screened.review.kind, screened.review.title) == (
        "DEMO-LR-01",
        "learning_review",
        "Child M",
    )
    lcspr = Review.objects.get(reference="DEMO-LCSPR-01")
    assert lcspr.publication_hold.startswith("inquest on ")
    assert lcspr.planned_publication_on > lcspr.publication_held_until
    assert lcspr.publication_warnings.count() == 1
