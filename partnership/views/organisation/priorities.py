"""A priority's own pages beyond the generic record pages: what its page shows (the plan, the
judgement of progress beside the evidence, every part that serves it), recording a progress
assessment, and starting a year's business plan from the priorities list.
"""

from django.db.models import OuterRef, Subquery
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from ... import permissions, selectors
from ...forms.organisation import BusinessPlanStartForm, PriorityAssessmentForm
from ...models import PROGRESS_TAG_COLOURS, PriorityAssessment, ProgressRating, SourceKind
from ...priorities import priority_parts, suggested_progress
from ...services import priorities as services
from ..toolkit import form_page, require


def with_latest_rating(queryset):
    """Priorities annotated with `latest_rating`: the rating of their latest assessment."""
    latest = PriorityAssessment.objects.filter(priority=OuterRef("pk")).order_by("-date", "-pk")
    return queryset.annotate(latest_rating=Subquery(latest.values("rating")[:1]))


def progress_tag(priority) -> str:
    """The latest judgement as a GOV.UK tag, or "Not assessed"."""
    rating = getattr(priority, "latest_rating", None)
    if not rating:
        return mark_safe('<strong class="govuk-tag govuk-tag--grey">Not assessed</strong>')
    return format_html(
        '<strong class="govuk-tag govuk-tag--{}">{}</strong>',
        PROGRESS_TAG_COLOURS[rating],
        ProgressRating(rating).label,
    )


def progress_text(priority) -> str:
    rating = getattr(priority, "latest_rating", None)
    return ProgressRating(rating).label if rating else "Not assessed"


def priority_context(request, priority) -> dict:
    """The plan, the parts that serve it, the progress they suggest and the judgements."""
    parts = priority_parts(priority, request.user, today=timezone.localdate())
    assessments = list(priority.assessments.select_related("assessed_by"))
    return {
        "parts": parts,
        "suggestion": suggested_progress(parts),
        "assessments": assessments,
        "latest_assessment": assessments[0] if assessments else None,
        "can_assess": permissions.can_assess_priority(request.user, priority),
        "assess_url": reverse("partnership:priority-assess", args=[priority.pk]),
    }


def priority_list_context(request) -> dict:
    """The business plans the person may open, and the way to start one for those who may."""
    plans = (
        selectors.plans_visible_to(request.user)
        .filter(source__kind=SourceKind.BUSINESS_PLAN)
        .order_by("-source__date")
    )
    context = {"business_plans": list(plans)}
    if permissions.can_start_business_plan(request.user):
        context["business_plan_url"] = reverse("partnership:business-plan-start")
    return context


def priority_assess_view(request, pk: int):
    """Record a judgement of progress: the business unit, or the owning subgroup's chair."""
    priority = get_object_or_404(selectors.priorities_visible_to(request.user), pk=pk)
    require(permissions.can_assess_priority(request.user, priority))
    form = PriorityAssessmentForm(
        request.POST if request.method == "POST" else None,
        initial={"date": timezone.localdate()},
        instance=PriorityAssessment(priority=priority),
    )
    return form_page(
        request,
        form,
        call=lambda form: services.priority_assess(
            priority=priority,
            rating=form.cleaned_data["rating"],
            evidence=form.cleaned_data["evidence"],
            on=form.cleaned_data["date"],
            actor=request.user,
        ),
        success=lambda saved: f"Progress recorded: {saved.get_rating_display()}.",
        title=f"Record progress on {priority.title}",
        cancel_url=priority.get_absolute_url(),
        button="Record progress",
    )


def business_plan_start_view(request):
    """Start a year's business plan: its source of learning, its action plan owned by a chosen
    subgroup, and a recommendation for each of the year's priorities. A second start finds the
    one already made."""
    require(permissions.can_start_business_plan(request.user))
    form = BusinessPlanStartForm(request.POST if request.method == "POST" else None)
    return form_page(
        request,
        form,
        call=lambda form: services.business_plan_start(
            year=form.cleaned_data["year"], subgroup=form.cleaned_data["subgroup"], actor=request.user
        ),
        success=lambda plan: f"{plan.source.title} is ready: add its actions and link each to a priority.",
        title="Start a year's business plan",
        cancel_url=reverse("partnership:priority-list"),
        button="Start the business plan",
    )
