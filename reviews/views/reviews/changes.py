"""The forms of a review's stages: opening one, its details, moving it on, its events, and holding
a DHR jointly with an LCSPR.

Each page looks the review up through the person's selector (a 404 outside it), checks the
permission (a 403), and calls one service; a service's refusal is shown next to its field.
"""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone

from partnership.views.toolkit import confirmed_change, form_page, posted, require

from ... import permissions, selectors
from ...forms.reviews import JointReviewForm, ReviewDetailsForm, ReviewEventForm, ReviewOpenForm
from ...models import Review, ReviewEvent, ReviewKind, Stage
from ...services import reviews as review_services
from ...stages import missing_to_leave, next_stage

FORM_TEMPLATE = "reviews/review_form.html"


def managed_review(request, pk: int, *, log: str = "") -> Review:
    """The review through the person's selector (404), which they must manage (403). With `log`,
    the view is written to the access log (for pages that show the review's detail)."""
    review = get_object_or_404(selectors.reviews_visible_to(request.user), pk=pk)
    require(permissions.can_manage_review(request.user, review))
    if log:
        review_services.log_access(review=review, user=request.user, what=log)
    return review


def review_create_view(request):
    require(permissions.can_open_review(request.user))
    form = ReviewOpenForm(
        posted(request),
        initial={"opened_on": timezone.localdate()},
        notifications=selectors.notifications_visible_to(request.user).order_by("-became_aware_on"),
    )
    return form_page(
        request,
        form,
        call=lambda form: review_services.review_open(review=form.instance, actor=request.user),
        success=lambda saved: f"Review opened: {saved.reference}, {saved.title}",
        template=FORM_TEMPLATE,
        title="Open a case review",
        caption="Case reviews",
        intro="A Rapid Review is opened from its serious incident notification instead.",
        notification_links=True,
        cancel_url=reverse("reviews:review-list"),
        button="Open the review",
    )


def review_edit_view(request, pk: int):
    review = managed_review(request, pk, log="details form")
    form = ReviewDetailsForm(posted(request), instance=review)
    return form_page(
        request,
        form,
        call=lambda form: review_services.review_update(review=form.instance, actor=request.user),
        success=lambda saved: "Review details saved",
        template=FORM_TEMPLATE,
        title=f"Change the details of {review.title}",
        caption=f"{review.reference}: {review.get_kind_display()}",
        cancel_url=review.get_absolute_url(),
        review=review,
    )


def review_advance_view(request, pk: int):
    review = managed_review(request, pk)
    target = next_stage(review)
    back = review.get_absolute_url()
    if target is None:
        messages.info(request, "This review is closed: it has no further stage.")
        return redirect(back)
    label = Stage(target).label
    body = [
        f"{review.reference} ({review.title}) will move from “{review.get_stage_display()}” to “{label}”."
    ]
    missing = missing_to_leave(review)
    if missing:
        body.append("Before it can move on, record " + ", ".join(missing) + ".")
    body.append("The review's history will show that you did this.")
    return confirmed_change(
        request,
        change=lambda: review_services.review_advance(review=review, actor=request.user),
        success=f"{review.title} moved to: {label}",
        back_url=back,
        title=f"Move to {label.lower()}?",
        body=body,
        button=f"Move to {label.lower()}",
    )


def review_event_add_view(request, pk: int):
    review = managed_review(request, pk)
    form = ReviewEventForm(posted(request), instance=ReviewEvent(review=review))
    return form_page(
        request,
        form,
        call=lambda form: review_services.review_event_add(event=form.instance, actor=request.user),
        success=lambda saved: f"Event added: {saved.title}",
        next_url=review.get_absolute_url() + "#events",
        template=FORM_TEMPLATE,
        title="Add an event or milestone",
        caption=f"{review.reference}: {review.title}",
        cancel_url=review.get_absolute_url(),
        button="Add the event",
    )


def review_joint_view(request, pk: int):
    review = managed_review(request, pk)
    if review.kind != ReviewKind.DHR:
        raise Http404("Only a Domestic Homicide Review is held jointly with an LCSPR.")
    lcsprs = selectors.reviews_visible_to(request.user).filter(kind=ReviewKind.LCSPR)
    lcsprs = lcsprs.filter(joint_partner__isnull=True) | lcsprs.filter(pk=review.joint_with_id or 0)
    form = JointReviewForm(
        posted(request), lcsprs=lcsprs.order_by("-opened_on"), initial={"joint_with": review.joint_with_id}
    )
    return form_page(
        request,
        form,
        call=lambda form: review_services.reviews_link_joint(
            dhr=review, lcspr=form.cleaned_data["joint_with"], actor=request.user
        ),
        success=lambda saved: f"{saved.reference} is held jointly with {saved.joint_with.reference}",
        template=FORM_TEMPLATE,
        title="Hold this DHR jointly with an LCSPR",
        caption=f"{review.reference}: {review.title}",
        intro="A joint review has one panel, linked records and one action plan. The LCSPR's panel "
        "members are added to this DHR's panel.",
        cancel_url=review.get_absolute_url(),
        button="Hold jointly",
        empty="There is no LCSPR to hold this DHR with: open the LCSPR first.",
        has_choices=lcsprs.exists(),
    )
