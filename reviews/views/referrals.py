"""Referrals of cases for a learning review: the list (filters, sorting, CSV), referring a
case, a referral's page and the business unit's screening.

A referral names a child (by pseudonym) and what happened: the business unit and the partnership
leads see them all; anyone else only those they made and, as an agency's lead, their agency's
(`selectors.learning_referrals_visible_to`; a 404 outside it). Screening is the business unit's
(a 403 for the others who see the referral).
"""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from partnership.exports import csv_response
from partnership.views.toolkit import form_page, list_context, posted, require

from .. import permissions, selectors
from ..filters import ReferralFilter
from ..forms.referrals import ReferralForm, ScreeningForm
from ..models import Referral, ReferralRoute, ReviewKind
from ..services import referrals as referral_services
from .common import review_for

REFERRAL_SORTS = {
    "referred": "referred_on",
    "pseudonym": "pseudonym",
    "route": "route",
    "status": "decision",
    "screened": "screened_on",
}
DEFAULT_SORT = "-referred"


def referral_list_view(request):
    user = request.user
    require(permissions.sees_referrals_item(user))
    context = list_context(
        request,
        ReferralFilter,
        selectors.learning_referrals_visible_to(user),
        sorts=REFERRAL_SORTS,
        default=DEFAULT_SORT,
    )
    context.update(
        can_refer=permissions.can_refer_case(user),
        can_screen=permissions.can_screen_referral(user),
        sees_all=permissions.can_see_all_referrals(user),
        awaiting=selectors.referrals_awaiting_screening(user).count(),
    )
    return render(request, "reviews/learning_referral_list.html", context)


# Who referred and what was decided: never the circumstances (the CSV leaves the service).
EXPORT_COLUMNS = (
    ("Referred on", lambda r: r.referred_on.strftime("%d/%m/%Y")),
    ("Pseudonym", lambda r: r.pseudonym),
    ("Who referred", lambda r: r.get_route_display()),
    ("Agency", lambda r: r.agency.name if r.agency_id else ""),
    ("Referred by", lambda r: r.referrer),
    ("Status", lambda r: r.status_label),
    ("Screened on", lambda r: r.screened_on.strftime("%d/%m/%Y") if r.screened_on else ""),
    ("Review", lambda r: r.review.reference if r.review_id else ""),
)


def referral_export_view(request):
    """The list's referrals, filtered and sorted as on the page, as a CSV."""
    require(permissions.sees_referrals_item(request.user))
    context = list_context(
        request,
        ReferralFilter,
        selectors.learning_referrals_visible_to(request.user),
        sorts=REFERRAL_SORTS,
        default=DEFAULT_SORT,
    )
    return csv_response(
        filename=f"referrals-for-learning-review-{timezone.localdate():%Y-%m-%d}.csv",
        header=[label for label, _value in EXPORT_COLUMNS],
        rows=([value(r) for _label, value in EXPORT_COLUMNS] for r in context["queryset"]),
    )


def referral_create_view(request):
    user = request.user
    require(permissions.can_refer_case(user))
    business_unit = permissions.can_screen_referral(user)
    referral = Referral(referred_on=timezone.localdate())
    if not business_unit:
        referral.route = ReferralRoute.AGENCY
    form = ReferralForm(posted(request), instance=referral, user=user, business_unit=business_unit)
    return form_page(
        request,
        form,
        call=lambda form: referral_services.referral_submit(referral=form.instance, actor=user),
        success=lambda saved: (
            f"Referral made: {saved.pseudonym}. The business unit will screen it against the criteria."
        ),
        template="reviews/learning_referral_form.html",
        title="Refer a case for a learning review",
        caption="Case reviews",
        agency=None if business_unit else user.agency,
        button="Make the referral",
        cancel_url=reverse("reviews:learning-referral-list"),
    )


def rapid_review_refer_view(request, pk: int):
    """Refer the case of a Rapid Review that decided against an LCSPR for a learning review: the
    referral form pre-filled from the review (its route, the review, the child's pseudonym).
    One referral per Rapid Review: once made, this goes to it."""
    review = review_for(request, pk, what="refer the case for a learning review")
    user = request.user
    if review.kind != ReviewKind.RAPID_REVIEW:
        raise Http404("Only a Rapid Review's case is referred from its page.")
    require(permissions.can_screen_referral(user))  # the business unit records the partners' referral
    existing = referral_services.referral_of_rapid_review(review)
    if existing is not None:
        messages.info(request, f"This case was already referred on {date_format(existing.referred_on)}.")
        return redirect(existing)
    if not referral_services.rapid_reviews_to_refer_from(user).filter(pk=review.pk).exists():
        messages.error(
            request, "Only a Rapid Review that decided against an LCSPR refers its case from here."
        )
        return redirect(review)
    referral = referral_services.referral_draft_for_rapid_review(review, today=timezone.localdate())
    form = ReferralForm(posted(request), instance=referral, user=user, business_unit=True)
    return form_page(
        request,
        form,
        call=lambda form: referral_services.referral_submit(referral=form.instance, actor=user),
        success=lambda saved: (
            f"Referral made: {saved.pseudonym}. The business unit will screen it against the criteria."
        ),
        template="reviews/learning_referral_form.html",
        title="Refer this case for a learning review",
        caption=f"{review.reference}: {review.title}",
        agency=None,
        button="Make the referral",
        cancel_url=review.get_absolute_url(),
    )


def _referral(request, pk: int) -> Referral:
    return get_object_or_404(selectors.learning_referrals_visible_to(request.user), pk=pk)


def referral_detail_view(request, pk: int):
    referral = _referral(request, pk)
    user = request.user
    review_visible = (
        referral.review_id is not None
        and selectors.reviews_visible_to(user).filter(pk=referral.review_id).exists()
    )
    criteria = [(label, referral.criteria.get(key)) for key, label in referral_services.REFERRAL_CRITERIA]
    context = {
        "referral": referral,
        "criteria": criteria,
        "review_visible": review_visible,
        "can_screen": permissions.can_screen_referral(user, referral) and not referral.is_screened,
    }
    return render(request, "reviews/learning_referral_detail.html", context)


def referral_screen_view(request, pk: int):
    referral = _referral(request, pk)
    user = request.user
    require(permissions.can_screen_referral(user, referral))
    form = ScreeningForm(posted(request), initial={"screened_on": timezone.localdate()})

    def screen(form):
        data = form.cleaned_data
        return referral_services.referral_screen(
            referral=referral,
            criteria=dict.fromkeys(data["criteria"], True),
            decision=data["decision"],
            rationale=data["rationale"],
            screened_on=data["screened_on"],
            reference=data["reference"],
            subgroup=data["subgroup"],
            lead=data["lead"],
            actor=user,
        )

    return form_page(
        request,
        form,
        call=screen,
        success=lambda saved: (
            f"Referral screened: {saved.status_label.lower()}"
            + (f". Learning review opened: {saved.review.reference}" if saved.review_id else "")
        ),
        template="reviews/learning_referral_screen.html",
        title=f"Screen the referral of {referral.pseudonym}",
        referral=referral,
        button="Record the decision",
        cancel_url=referral.get_absolute_url(),
    )
