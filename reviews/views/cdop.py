"""Child death review learning and learning from reviews published elsewhere.

The Child Death Overview Panel's annual reports are published documents: everyone signed in
reads them, with their figures, findings, recommendations and action plan. Their referrals of
cases to the Practice Review subgroup name a child (by pseudonym), so they show only to those
who may see case reviews (`permissions.can_see_referrals`); to anyone else a referral's page is
a 404. Reviews published elsewhere (other partnerships', national ones) are public learning,
read by everyone and recorded by the business unit and the subgroup chairs.
"""

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Count
from django.shortcuts import get_object_or_404, render
from django.urls import NoReverseMatch, reverse

from partnership import selectors as core_selectors
from partnership.models import ActionPlan
from partnership.views.learning.chain import learning_form_page
from partnership.views.learning.panel import learning_panel_context
from partnership.views.toolkit import form_page, posted, require, sorted_by

from .. import permissions, selectors
from ..filters import ExternalReviewFilter
from ..forms.cdop import CdopReferralForm, CdopReportForm, ExternalReviewForm, ReferralLinkForm
from ..models import CdopReferral, CdopReport, ExternalReview
from ..services import cdop as cdop_services


def _percent(part: int, whole: int) -> int | None:
    return round(100 * part / whole) if whole else None


def reporting_year(report: CdopReport) -> str:
    """ "2025/26" for the year starting in April 2025."""
    return f"{report.year}/{str(report.year + 1)[-2:]}"


def _review_url(review) -> str:
    """The review's page, or nothing while that page is not there (it is another module's)."""
    try:
        return review.get_absolute_url()
    except NoReverseMatch:
        return ""


# --- CDOP annual reports ----------------------------------------------------------------------


def cdop_list_view(request):
    """Every annual report by year, with its figures, recommendations and plan progress."""
    user = request.user
    reports = list(
        selectors.cdop_reports_visible_to(user)
        .select_related("subgroup")
        .annotate(recommendations_count=Count("learning_source__recommendations", distinct=True))
        .order_by("-year")
    )
    plans = core_selectors.plan_summaries(
        core_selectors.plans_visible_to(user).filter(source_id__in=[r.learning_source_id for r in reports]),
        user=user,
    )
    plan_by_source = {plan.source_id: plan for plan in plans}
    # A plan the person may not see (an agency lead's is only their agency's) still exists.
    with_plans = set(
        ActionPlan.objects.filter(source_id__in=[r.learning_source_id for r in reports]).values_list(
            "source_id", flat=True
        )
    )
    rows = []
    for report in reports:
        plan = plan_by_source.get(report.learning_source_id)
        # Cancelled actions are not counted, as on the plan's own page.
        counted = plan.actions_total - (plan.actions_closed - plan.actions_complete) if plan else 0
        rows.append(
            {
                "report": report,
                "year": reporting_year(report),
                "modifiable_percent": _percent(report.modifiable_deaths, report.deaths_reviewed),
                "plan": plan,
                "plan_exists": report.learning_source_id in with_plans,
                "plan_done": plan.actions_complete if plan else 0,
                "plan_total": counted,
            }
        )
    context = {"rows": rows, "can_record": permissions.can_record_cdop_report(user)}
    return render(request, "reviews/cdop_list.html", context)


def _report(request, pk: int) -> CdopReport:
    return get_object_or_404(
        selectors.cdop_reports_visible_to(request.user).select_related("subgroup"), pk=pk
    )


def cdop_detail_view(request, pk: int):
    report = _report(request, pk)
    user = request.user
    categories = [
        {"name": name, "count": report.categories.get(name, 0)} for name in cdop_services.CDOP_CATEGORIES
    ]
    context = {
        "report": report,
        "year": reporting_year(report),
        "categories": categories,
        "categories_total": sum(row["count"] for row in categories),
        "modifiable_percent": _percent(report.modifiable_deaths, report.deaths_reviewed),
        "can_record": permissions.can_record_cdop_report(user, report),
        "can_see_referrals": permissions.can_see_referrals(user),
        **learning_panel_context(request, report.learning_source),
    }
    if context["can_see_referrals"]:
        referrals = list(report.referrals.select_related("review"))
        visible = set(
            selectors.reviews_visible_to(user)
            .filter(pk__in=[r.review_id for r in referrals if r.review_id])
            .values_list("pk", flat=True)
        )
        for referral in referrals:
            referral.review_url = _review_url(referral.review) if referral.review_id in visible else ""
        context["referrals"] = referrals
    return render(request, "reviews/cdop_detail.html", context)


def cdop_create_view(request):
    require(permissions.can_record_cdop_report(request.user))
    return cdop_form_page(request, CdopReport())


def cdop_edit_view(request, pk: int):
    report = _report(request, pk)
    require(permissions.can_record_cdop_report(request.user, report))
    return cdop_form_page(request, report)


def cdop_form_page(request, report: CdopReport):
    is_new = report.pk is None
    form = CdopReportForm(posted(request), instance=report, user=request.user)
    return learning_form_page(
        request,
        form,
        template="reviews/cdop_form.html",
        call=lambda form: cdop_services.cdop_report_save(report=form.instance, actor=request.user),
        success=lambda saved: f"{'Report recorded' if is_new else 'Report saved'}: {saved}",
        cancel_url=reverse("reviews:cdop-list") if is_new else report.get_absolute_url(),
        title="Record a CDOP annual report" if is_new else "Change the annual report",
        caption="Child Death Overview Panel" if is_new else str(report),
        button="Record report" if is_new else "Save report",
    )


# --- referrals of cases to the Practice Review subgroup -----------------------------------------


def referral_create_view(request, pk: int):
    report = _report(request, pk)
    require(permissions.can_record_cdop_report(request.user, report))
    referral = CdopReferral(report=report)
    form = CdopReferralForm(posted(request), instance=referral)
    return form_page(
        request,
        form,
        call=lambda form: cdop_services.referral_save(referral=form.instance, actor=request.user),
        success=lambda saved: f"Referral recorded: {saved.pseudonym}",
        next_url=report.get_absolute_url() + "#referrals",
        template="reviews/referral_form.html",
        title="Refer a case for review",
        caption=str(report),
        button="Record referral",
        cancel_url=report.get_absolute_url(),
    )


def _referral(request, pk: int) -> CdopReferral:
    """A referral, for those who may see referrals only: for anyone else it does not exist."""
    return get_object_or_404(selectors.cdop_referrals_visible_to(request.user), pk=pk)


def referral_link_view(request, pk: int):
    referral = _referral(request, pk)
    require(permissions.can_manage_referral(request.user, referral))
    form = ReferralLinkForm(posted(request), user=request.user, referral=referral)
    back = (
        referral.report.get_absolute_url() + "#referrals" if referral.report else reverse("reviews:cdop-list")
    )
    return form_page(
        request,
        form,
        call=lambda form: cdop_services.referral_link_review(
            referral=referral, review=form.cleaned_data["review"], actor=request.user
        ),
        success=lambda saved: f"Review recorded for the referral of {saved.pseudonym}",
        next_url=back,
        template="reviews/referral_link.html",
        title=f"Record the review opened for {referral.pseudonym}",
        caption=str(referral.report) if referral.report else "Child Death Overview Panel",
        referral=referral,
        has_reviews=form.fields["review"].queryset.exists(),
        button="Save",
        cancel_url=back,
    )


# --- learning from reviews published elsewhere ----------------------------------------------------

EXTERNAL_SORTS = {"title": "title", "published": "published_on", "publisher": "published_by"}
EXTERNAL_DEFAULT_SORT = "-published"


def external_list_view(request):
    user = request.user
    filterset = ExternalReviewFilter(
        request.GET,
        queryset=selectors.external_reviews_visible_to(user).select_related("subgroup"),
        request=request,
    )
    queryset, sort = sorted_by(
        filterset.qs, request.GET.get("sort", ""), EXTERNAL_SORTS, EXTERNAL_DEFAULT_SORT
    )
    page_obj = Paginator(queryset, settings.PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "filterset": filterset,
        "page_obj": page_obj,
        "sort": sort,
        "has_any": bool(page_obj.object_list) or selectors.external_reviews_visible_to(user).exists(),
        "can_record": permissions.can_record_external_review(user),
    }
    return render(request, "reviews/external_list.html", context)


def _external(request, pk: int) -> ExternalReview:
    return get_object_or_404(
        selectors.external_reviews_visible_to(request.user).select_related("subgroup"), pk=pk
    )


def external_detail_view(request, pk: int):
    review = _external(request, pk)
    context = {
        "review": review,
        "themes": list(review.themes.all()),
        "can_record": permissions.can_record_external_review(request.user),
        **learning_panel_context(request, review.learning_source),
    }
    return render(request, "reviews/external_detail.html", context)


def external_create_view(request):
    require(permissions.can_record_external_review(request.user))
    return external_form_page(request, ExternalReview())


def external_edit_view(request, pk: int):
    review = _external(request, pk)
    require(permissions.can_record_external_review(request.user))
    return external_form_page(request, review)


def external_form_page(request, review: ExternalReview):
    is_new = review.pk is None
    form = ExternalReviewForm(posted(request), instance=review)
    return learning_form_page(
        request,
        form,
        template="reviews/external_form.html",
        call=lambda form: cdop_services.external_review_save(
            review=form.instance, themes=form.cleaned_data["themes"], actor=request.user
        ),
        success=lambda saved: f"{'Learning recorded' if is_new else 'Saved'}: {saved}",
        cancel_url=reverse("reviews:external-list") if is_new else review.get_absolute_url(),
        title="Record learning from a review published elsewhere" if is_new else "Change the learning",
        caption="Learning from reviews elsewhere" if is_new else str(review),
        button="Record learning" if is_new else "Save",
    )
