"""Writes for referrals of cases for a learning review: making one, and screening it.

Redbridge's referral protocol (2015): agencies, practitioners, audits, the Child Death
Overview Panel and a Rapid Review that decided against an LCSPR may refer a case from which
lessons may be learned about how organisations work together. The business unit screens each
referral against the criteria below and records the decision and its rationale; a referral
screened into a learning review opens that review (through `review_open`, the one way a review
is opened) and is linked to it. The child is named by pseudonym only. Each service checks who
is acting again (tasks and commands have no view) and names them in the history.
"""

from datetime import date

from django.db import transaction
from django.utils import timezone

from partnership.services.guards import require, require_actor
from partnership.services.history import save_tracked

from .. import permissions, selectors
from ..models import Decision, Referral, ReferralRoute, Review, ReviewKind, ScreeningDecision
from .reviews import review_open

# The screening checklist, in the seeds' words: the statutory test for a serious case (which
# belongs to a Rapid Review instead), then what makes a case worth a local learning review
# (Redbridge 2015 and 2022, Croydon 2019, South Tees).
REFERRAL_CRITERIA = [
    ("abuse_or_neglect", "Abuse or neglect of the child is known or suspected"),
    ("died_or_seriously_harmed", "The child has died or been seriously harmed"),
    (
        "working_together",
        "The case may give useful insights into the way organisations work together to "
        "safeguard and promote the welfare of children",
    ),
    ("single_agency", "There is concern about the actions of a single agency and its procedures"),
    ("recurrent_theme", "The case touches a recurrent theme or a known area for improvement"),
    ("no_agency_involvement", "No agency was involved, and this gives the partners cause for concern"),
    (
        "cross_border",
        "More than one local authority, police area or health area was involved, "
        "particularly where the family moved around",
    ),
    ("good_practice", "The case shows good practice or was a near miss worth learning from"),
]
REFERRAL_CRITERIA_KEYS = [key for key, _label in REFERRAL_CRITERIA]

# Routes only the business unit records: the panel's, an audit's and the partners' referrals.
AGENCY_ROUTES = (ReferralRoute.AGENCY, ReferralRoute.PRACTITIONER, ReferralRoute.AUDIT)


def serious_case(criteria: dict) -> bool:
    """Whether the ticked criteria describe a serious case: that is a serious incident
    notification and a Rapid Review, not a learning review."""
    return bool(criteria.get("abuse_or_neglect")) and bool(criteria.get("died_or_seriously_harmed"))


def rapid_reviews_to_refer_from(user):
    """The Rapid Reviews the person may read that decided against an LCSPR."""
    return (
        selectors.reviews_visible_to(user)
        .filter(kind=ReviewKind.RAPID_REVIEW)
        .exclude(decision="")
        .exclude(decision=Decision.LCSPR)
    )


def referral_of_rapid_review(review) -> Referral | None:
    """The referral made from this Rapid Review, if any: one per Rapid Review."""
    return Referral.objects.filter(rapid_review=review).first()


def referral_draft_for_rapid_review(review, *, today: date) -> Referral:
    """An unsaved referral from a Rapid Review that decided against an LCSPR, pre-filled from
    it: the route, the review, and the child's pseudonym (the notified child's, or the one the
    review is known by when it notified none or several), never a name."""
    children = (
        list(review.notification.children.values_list("pseudonym", flat=True))
        if review.notification_id
        else []
    )
    pseudonym = children[0] if len(children) == 1 else review.title
    return Referral(
        route=ReferralRoute.RAPID_REVIEW,
        rapid_review=review,
        pseudonym=pseudonym[: Referral._meta.get_field("pseudonym").max_length],
        referrer=f"The safeguarding partners, after Rapid Review {review.reference}",
        referred_on=today,
    )


@transaction.atomic
def referral_submit(*, referral: Referral, actor) -> Referral:
    """Refer a case for a learning review. Anyone working for a partner agency refers for their
    agency (or as a practitioner, or from their agency's audit): the referral is their agency's
    whatever was posted. The business unit may refer by any route: a Rapid Review's referral
    names a Rapid Review that decided against an LCSPR. Pseudonym only; not dated in the future."""
    require_actor(actor, permissions.can_refer_case, "Only staff of a partner agency can refer a case.")
    business_unit = actor is None or permissions.can_screen_referral(actor)
    if actor is not None:
        referral.referred_by = actor
        if not business_unit:
            referral.agency = actor.agency
    require(referral.route in ReferralRoute.values, "Choose who is referring the case.", field="route")
    require(
        business_unit or referral.route in AGENCY_ROUTES,
        "The business unit records referrals from the Child Death Overview Panel and from Rapid Reviews.",
        field="route",
    )
    if referral.route == ReferralRoute.RAPID_REVIEW:
        allowed = (
            Review.objects.filter(kind=ReviewKind.RAPID_REVIEW).exclude(decision__in=["", Decision.LCSPR])
            if actor is None
            else rapid_reviews_to_refer_from(actor)
        )
        require(
            referral.rapid_review_id is not None and allowed.filter(pk=referral.rapid_review_id).exists(),
            "Choose the Rapid Review that decided against an LCSPR.",
            field="rapid_review",
        )
        # One referral per Rapid Review (also a database rule): a second would be screened twice.
        Review.objects.select_for_update().filter(pk=referral.rapid_review_id).first()
        require(
            not Referral.objects.filter(rapid_review_id=referral.rapid_review_id)
            .exclude(pk=referral.pk)
            .exists(),
            "This Rapid Review's case has already been referred for a learning review.",
            field="rapid_review",
        )
    else:
        referral.rapid_review = None
    referral.pseudonym = (referral.pseudonym or "").strip()
    referral.referrer = (referral.referrer or "").strip()
    referral.circumstances = (referral.circumstances or "").strip()
    referral.why_criteria_met = (referral.why_criteria_met or "").strip()
    require(
        bool(referral.pseudonym), 'Enter the child\'s pseudonym, for example "Child S".', field="pseudonym"
    )
    require(bool(referral.referrer), "Say who is referring the case.", field="referrer")
    require(bool(referral.circumstances), "Describe the circumstances of the case.", field="circumstances")
    require(
        bool(referral.why_criteria_met),
        "Say why you think the case meets the criteria for a learning review.",
        field="why_criteria_met",
    )
    require(
        referral.referred_on is not None and referral.referred_on <= timezone.localdate(),
        "The date of the referral cannot be in the future.",
        field="referred_on",
    )
    return save_tracked(referral, actor=actor, reason=f"Referred by {referral.get_route_display().lower()}")


@transaction.atomic
def referral_screen(
    *,
    referral: Referral,
    criteria: dict,
    decision: str,
    rationale: str,
    screened_on: date | None,
    actor,
    reference: str = "",
    subgroup=None,
    lead=None,
) -> Referral:
    """Screen a referral against the criteria and record the decision and its rationale (once:
    a screened referral stays as decided). "Hold a learning review" opens the review, named by
    the referral's pseudonym, overseen by `subgroup` with `reference`, and links it."""
    referral = Referral.objects.select_for_update(of=("self",)).get(pk=referral.pk)
    require_actor(
        actor, permissions.can_screen_referral, "Only the business unit can screen referrals.", referral
    )
    require(not referral.is_screened, "This referral has already been screened.")
    require(decision in ScreeningDecision.values, "Choose the decision.", field="decision")
    rationale = (rationale or "").strip()
    require(bool(rationale), "Explain the decision against the criteria.", field="rationale")
    require(screened_on is not None, "Enter the date of the screening.", field="screened_on")
    require(
        screened_on <= timezone.localdate(),
        "The date of the screening cannot be in the future.",
        field="screened_on",
    )
    require(
        screened_on >= referral.referred_on,
        "The screening cannot be before the referral was made.",
        field="screened_on",
    )
    referral.criteria = {key: bool(criteria.get(key)) for key in REFERRAL_CRITERIA_KEYS}
    referral.decision, referral.rationale = decision, rationale
    referral.screened_on, referral.screened_by = screened_on, actor
    if decision == ScreeningDecision.LEARNING_REVIEW:
        require(
            bool((reference or "").strip()), "Enter a reference for the learning review.", field="reference"
        )
        require(subgroup is not None, "Choose the subgroup that will oversee the review.", field="subgroup")
        review = Review(
            kind=ReviewKind.LEARNING_REVIEW,
            reference=reference.strip(),
            title=referral.pseudonym,
            subgroup=subgroup,
            lead=lead,
            opened_on=screened_on,
            summary=referral.circumstances,
            rapid_review=referral.rapid_review,
        )
        referral.review = review_open(review=review, actor=actor)
    return save_tracked(referral, actor=actor, reason=f"Screened: {ScreeningDecision(decision).label}")
