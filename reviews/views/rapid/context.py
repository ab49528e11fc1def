"""What the review page's Rapid Review and panel sections show, for one person.

The review detail page (reviews/views/reviews/detail.py) does:

    context.update(rapid_review_context(request, review))
    {% include "reviews/_rapid_review_section.html" %}
    {% include "reviews/_panel_section.html" %}

The page has already looked the review up through `review_for` (scoped, logged), so this only
reads what belongs to that review.
"""

from datetime import date

from django.utils import timezone

from ... import permissions, selectors
from ...clocks import plural
from ...models import Decision, ReviewKind
from ...services.rapid import CRITERIA
from ...stages import BEFORE_DECISION

FOLLOW_ON_LABELS = {Decision.LCSPR: "Open the LCSPR", Decision.LEARNING_REVIEW: "Open the learning review"}


def request_due_text(request, today: date) -> str:
    """In words, for an agency summary request: "Answered", "Due in 3 working days", "Overdue"."""
    from partnership.working_days import working_days_between

    if request.is_answered:
        return "Answered"
    left = working_days_between(today, request.due_on)
    if left < 0 or (left == 0 and request.due_on < today):
        return f"Overdue by {plural(-left)}" if left else "Overdue"
    return "Due today" if left == 0 else f"Due in {plural(left)}"


def rapid_review_context(request, review) -> dict:
    """The context of `_rapid_review_section.html` and `_panel_section.html`.

    Keys: `can_manage`, `can_decide` (this person and this review), `rr_is_rapid`,
    `rr_notification`, `rr_children`, `rr_requests` (each with `.due_text`), `rr_chronology`,
    `rr_criteria` [(label, met)], `rr_follow_on` (the review decided on, if open),
    `rr_follow_on_label` (the button to open it, when it may be opened), `rr_can_record_decision`,
    `rr_panel_members`, `rr_referral` (the referral of the case for a learning review the person
    may read) and `rr_can_refer` (whether they may make it).
    """
    user = request.user
    today = timezone.localdate()
    can_manage = permissions.can_manage_review(user, review)
    can_decide = permissions.can_decide(user, review)
    is_rapid = review.kind == ReviewKind.RAPID_REVIEW
    notification = review.notification
    requests = list(
        review.agency_requests.select_related("agency", "responded_by").order_by("due_on", "agency__name")
    )
    for agency_request in requests:
        agency_request.due_text = request_due_text(agency_request, today)
    follow_on = review.follow_on_reviews.order_by("pk").first() if is_rapid else None
    follow_on_label = ""
    if (
        is_rapid
        and follow_on is None
        and review.decision in FOLLOW_ON_LABELS
        and permissions.can_open_review(user)
    ):
        follow_on_label = FOLLOW_ON_LABELS[Decision(review.decision)]
    # A decision against an LCSPR (other than a learning review, opened above) may still refer
    # the case for a learning review: once per Rapid Review, by the business unit.
    referral = None
    can_refer = False
    if is_rapid and review.decision and review.decision not in (Decision.LCSPR, Decision.LEARNING_REVIEW):
        referral = selectors.learning_referrals_visible_to(user).filter(rapid_review=review).first()
        can_refer = referral is None and permissions.can_screen_referral(user)
    return {
        "rr_referral": referral,
        "rr_can_refer": can_refer,
        "can_manage": can_manage,
        "can_decide": can_decide,
        "rr_is_rapid": is_rapid,
        "rr_notification": notification,
        "rr_children": list(notification.children.all()) if notification else [],
        "rr_requests": requests,
        "rr_chronology": list(
            review.chronology.select_related("agency").order_by("date", "agency__name", "pk")
        ),
        "rr_criteria": [(label, bool(review.criteria.get(key))) for key, label in CRITERIA],
        "rr_follow_on": follow_on,
        "rr_follow_on_label": follow_on_label,
        "rr_can_record_decision": (
            is_rapid and can_decide and not review.decision and review.stage in BEFORE_DECISION
        ),
        "rr_panel_members": list(review.panel_members.select_related("user", "user__agency")),
    }
