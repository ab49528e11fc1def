"""Agency summary requests: the list, one request (answered by its agency's lead, read by the
panel) and asking one more agency.

An agency lead who is not on the review's panel sees only the requests to their agency and
their own answers: nothing else of the review, and never another agency's summary.
"""

from django.conf import settings
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone

from partnership import permissions as core
from partnership.views.toolkit import form_page, posted, require
from partnership.working_days import add_working_days

from ... import permissions, selectors
from ...forms.rapid import RequestAddForm, RequestAnswerForm
from ...services import rapid as rapid_services
from ...services import reviews as review_services
from ...stages import BEFORE_DECISION
from ..common import review_for
from .context import request_due_text

ANSWERED_CHOICES = (("", "All requests"), ("no", "Not answered"), ("yes", "Answered"))


def request_list_view(request):
    user = request.user
    today = timezone.localdate()
    if core.is_business_unit(user):
        queryset = selectors.requests_visible_to(user).filter(review__stage__in=BEFORE_DECISION)
        heading = "Open requests for agency summaries"
    elif core.sees_everything(user) or core.roles_of(user).subgroups:
        queryset = selectors.requests_visible_to(user)
        heading = "Requests for agency summaries"
    else:
        # An agency lead: the requests to their agency, and those of any review they sit on.
        queryset = selectors.requests_for_agency_lead(user) | selectors.requests_visible_to(user)
        heading = "Requests to your agency" if core.is_agency_lead(user) else "Requests for agency summaries"
    has_any = queryset.exists()
    answered = request.GET.get("answered", "")
    if answered == "yes":
        queryset = queryset.filter(responded_at__isnull=False)
    elif answered == "no":
        queryset = queryset.filter(responded_at__isnull=True)
    queryset = queryset.select_related("review", "agency").order_by("due_on", "agency__name", "pk").distinct()
    page_obj = Paginator(queryset, settings.PAGE_SIZE).get_page(request.GET.get("page"))
    rows = list(page_obj.object_list)
    for row in rows:
        row.due_text = request_due_text(row, today)
    context = {
        "heading": heading,
        "page_obj": page_obj,
        "rows": rows,
        "has_any": has_any,
        "answered": answered,
        "answered_choices": ANSWERED_CHOICES,
    }
    return render(request, "reviews/request_list.html", context)


def request_detail_view(request, pk: int):
    agency_request = get_object_or_404(selectors.requests_visible_to(request.user), pk=pk)
    review = agency_request.review
    user = request.user
    # The agency's own lead answers; the business unit may too (permissions), but reads here.
    is_own_lead = core.is_agency_lead(user, agency_request.agency)
    may_answer = is_own_lead and permissions.can_answer_request(user, agency_request)
    can_change = rapid_services.request_open_to_answer(agency_request)
    sees_review = selectors.reviews_visible_to(user).filter(pk=review.pk).exists()
    review_services.log_access(review=review, user=user, what="agency summary")
    if (
        may_answer
        and can_change
        and (request.method == "POST" or not agency_request.is_answered or request.GET.get("change"))
    ):
        form = RequestAnswerForm(posted(request), instance=agency_request)
        return form_page(
            request,
            form,
            call=lambda form: rapid_services.request_answer(
                request=agency_request,
                involvement=form.cleaned_data["involvement"],
                analysis=form.cleaned_data["analysis"],
                actor=user,
            ),
            success=lambda saved: (
                f"Your agency's summary has been sent to the {review.get_kind_display()} panel."
            ),
            next_url=reverse("reviews:request-detail", args=[agency_request.pk]),
            template="reviews/request_detail.html",
            title=f"{agency_request.agency}: summary for {review.title}",
            agency_request=agency_request,
            review=review,
            sees_review=sees_review,
            answering=True,
            due_text=request_due_text(agency_request, timezone.localdate()),
            button="Send the summary" if not agency_request.is_answered else "Save the changes",
            cancel_url=reverse("reviews:request-list"),
        )
    require(request.method != "POST")
    context = {
        "title": f"{agency_request.agency}: summary for {review.title}",
        "agency_request": agency_request,
        "review": review,
        "sees_review": sees_review,
        "answering": False,
        "may_change": may_answer and can_change,
        "due_text": request_due_text(agency_request, timezone.localdate()),
        "cancel_url": review.get_absolute_url() if sees_review else reverse("reviews:request-list"),
    }
    return render(request, "reviews/request_detail.html", context)


def request_add_view(request, pk: int):
    review = review_for(request, pk, what="ask another agency")
    require(permissions.can_manage_review(request.user, review))
    form = RequestAddForm(
        posted(request),
        review=review,
        initial={"due_on": add_working_days(timezone.localdate(), 5)},
    )
    return form_page(
        request,
        form,
        call=lambda form: rapid_services.request_agency(
            review=review, **form.cleaned_data, actor=request.user
        ),
        success=lambda saved: f"{saved.agency} has been asked for its summary. Its lead has been emailed.",
        next_url=review.get_absolute_url(),
        title=f"Ask another agency for a summary: {review.reference}",
        cancel_url=review.get_absolute_url(),
        button="Send the request",
    )
