"""A review's chronology and panel, the Rapid Review's dates, its decision against the criteria
and opening the review it decided on. Every page looks the review up with `review_for` (404
outside the person's scope, and the view is logged), then checks what they may do (403)."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.formats import date_format

from partnership.views.toolkit import confirmed_change, form_page, posted, require

from ... import permissions, selectors
from ...forms.rapid import (
    ChronologyEntryForm,
    DecisionForm,
    FollowOnOpenForm,
    PanelDatesForm,
    PanelMemberForm,
)
from ...models import ChronologyEntry, Decision, PanelMember, ReviewKind
from ...services import rapid as rapid_services
from ...services import reviews as review_services
from ...stages import BEFORE_DECISION
from ..common import review_for
from .common import next_reference

# The statutory criteria, in the words of the partnership's framework (seed 004), shown beside
# the checklist on the decision page.
CRITERIA_TEXT = [
    "A serious case is one where abuse or neglect of a child is known or suspected, and either "
    "the child has died (including by suspected suicide), or the child has been seriously harmed "
    "and there is cause for concern as to the way in which the authority, their partners or other "
    "relevant persons have worked together to safeguard the child.",
    "Where a case is considered because the child was seriously harmed, there must be definitive "
    "evidence that there are no concerns about inter-agency working before deciding not to hold "
    "an LCSPR.",
    "These always trigger an LCSPR: a child dies in custody (police custody, on remand, following "
    "sentencing in a Young Offender Institution, in a secure training centre or a secure "
    "children's home); a child detained under the Mental Health Act 1983; a child aged 16 or 17 "
    "who was the subject of a Deprivation of Liberty Order under the Mental Capacity Act 2005.",
    "The partnership may still decide to hold an LCSPR where none of these criteria are met; the "
    "final decision rests with the safeguarding partners. Where the criteria are not met, consider "
    "another form of review, such as a local learning review.",
]

FOLLOW_ON = {
    Decision.LCSPR: ("LCSPR", "Open the LCSPR", "Local Child Safeguarding Practice Review"),
    Decision.LEARNING_REVIEW: ("LR", "Open the learning review", "local learning review"),
}


def _rapid_review(request, pk: int, what: str):
    review = review_for(request, pk, what=what)
    if review.kind != ReviewKind.RAPID_REVIEW:
        raise Http404("Only a Rapid Review has this page.")
    return review


def chronology_add_view(request, pk: int):
    review = review_for(request, pk, what="add to the chronology")
    require(permissions.can_manage_review(request.user, review))
    entry = ChronologyEntry(review=review)
    form = ChronologyEntryForm(posted(request), instance=entry)
    return form_page(
        request,
        form,
        call=lambda form: rapid_services.chronology_add(entry=form.instance, actor=request.user),
        success=lambda saved: f"Chronology entry added for {date_format(saved.date)} ({saved.agency}).",
        next_url=review.get_absolute_url() + "#chronology",
        title=f"Add to the chronology: {review.reference}",
        cancel_url=review.get_absolute_url(),
        button="Add the entry",
    )


def panel_add_view(request, pk: int):
    review = review_for(request, pk, what="add to the panel")
    require(permissions.can_manage_review(request.user, review))
    form = PanelMemberForm(posted(request))
    return form_page(
        request,
        form,
        call=lambda form: rapid_services.panel_member_add(
            review=review, **form.cleaned_data, actor=request.user
        ),
        success=lambda saved: f"{saved.user} has been added to the panel and can now see this review.",
        next_url=review.get_absolute_url() + "#panel",
        title=f"Add someone to the panel: {review.reference}",
        cancel_url=review.get_absolute_url(),
        button="Add to the panel",
    )


def panel_remove_view(request, pk: int):
    members = PanelMember.objects.select_related("user", "review").filter(
        review__in=selectors.reviews_visible_to(request.user)
    )
    member = get_object_or_404(members, pk=pk)
    review = member.review
    review_services.log_access(review=review, user=request.user, what="remove from the panel")
    require(permissions.can_manage_review(request.user, review))
    return confirmed_change(
        request,
        change=lambda: rapid_services.panel_member_remove(member=member, actor=request.user),
        success=f"{member.user} has been removed from the panel.",
        back_url=review.get_absolute_url() + "#panel",
        title=f"Remove {member.user} from the panel of {review.reference}?",
        body=[
            f"{member.user} will no longer be able to see this review's detail, unless they have "
            "another reason to (such as sitting on its overseeing subgroup).",
            "The review's history will show that you did this.",
        ],
        button="Remove from the panel",
        warning=True,
    )


def panel_dates_view(request, pk: int):
    review = _rapid_review(request, pk, "record the Rapid Review's dates")
    require(permissions.can_manage_review(request.user, review))
    form = PanelDatesForm(posted(request), instance=review)
    return form_page(
        request,
        form,
        call=lambda form: review_services.review_update(
            review=form.instance, actor=request.user, reason="Rapid Review dates recorded"
        ),
        success=lambda saved: "The Rapid Review's dates have been saved.",
        next_url=review.get_absolute_url() + "#decision",
        title=f"The panel meeting and the national Panel: {review.reference}",
        cancel_url=review.get_absolute_url(),
    )


def decision_view(request, pk: int):
    review = _rapid_review(request, pk, "record the decision")
    require(permissions.can_decide(request.user, review))
    if review.decision or review.stage not in BEFORE_DECISION:
        messages.error(request, "The decision on this Rapid Review has already been recorded.")
        return redirect(review)
    initial = {
        "decided_on": timezone.localdate(),
        "criteria": [k for k, met in review.criteria.items() if met],
    }
    form = DecisionForm(posted(request), initial=initial)
    return form_page(
        request,
        form,
        call=lambda form: rapid_services.rapid_review_decide(
            review=review,
            criteria=dict.fromkeys(form.cleaned_data["criteria"], True),
            considerations=form.cleaned_data["considerations"],
            decision=form.cleaned_data["decision"],
            rationale=form.cleaned_data["decision_rationale"],
            decided_by=form.cleaned_data["decided_by"],
            decided_on=form.cleaned_data["decided_on"],
            actor=request.user,
        ),
        success=lambda saved: f"Decision recorded: {saved.get_decision_display()}.",
        next_url=review.get_absolute_url() + "#decision",
        template="reviews/rapid_decision.html",
        title=f"Record the decision: {review.reference}",
        cancel_url=review.get_absolute_url(),
        button="Record the decision",
        review=review,
        criteria_text=CRITERIA_TEXT,
        unanswered=rapid_services.unanswered_agencies(review),
    )


def follow_on_open_view(request, pk: int):
    review = _rapid_review(request, pk, "open the review decided on")
    require(permissions.can_open_review(request.user))
    existing = review.follow_on_reviews.first()
    if existing is not None:
        messages.error(request, "The review this Rapid Review decided on is already open.")
        return redirect(existing)
    if review.decision not in FOLLOW_ON:
        messages.error(request, "This Rapid Review did not decide on an LCSPR or a learning review.")
        return redirect(review)
    prefix, button, name = FOLLOW_ON[Decision(review.decision)]
    form = FollowOnOpenForm(
        posted(request),
        initial={"reference": next_reference(prefix, timezone.localdate().year)},
    )
    return form_page(
        request,
        form,
        call=lambda form: rapid_services.review_open_follow_on(
            rapid_review=review, reference=form.cleaned_data["reference"], actor=request.user
        ),
        success=lambda saved: f"{saved.get_kind_display()} {saved.reference} opened.",
        template="reviews/rapid_follow_on.html",
        title=f"{button} for {review.title}",
        cancel_url=review.get_absolute_url(),
        button=button,
        review=review,
        review_name=name,
        panel_members=list(review.panel_members.select_related("user")),
    )
