"""The review page: header, stages as a timeline, clocks, details, linked records, documents, the
Rapid Review and panel sections, and the learning panel (findings, recommendations, the plan).

The review is looked up with `review_for`, so every view of it is written to the access log.
"""

from datetime import date

from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.dateformat import format as format_date

from partnership import selectors as core_selectors
from partnership.views.learning.panel import learning_panel_context

from ... import permissions, selectors
from ...clocks import clocks_for, decision_date
from ...forms.reviews import DETAIL_LABELS, fieldsets_for
from ...models import Review, ReviewKind, Stage
from ...services import reviews as review_services
from ...stages import STAGES, missing_to_leave, next_stage
from ..common import review_for
from ..rapid.context import rapid_review_context
from .display import clock_view


def uk_date(value: date | None) -> str:
    return format_date(value, "j F Y") if value else ""


def stage_items(review: Review) -> list[dict]:
    """The kind's stages in order, each done, current or to come."""
    stages = STAGES[review.kind]
    current = stages.index(review.stage)
    items = []
    for index, stage in enumerate(stages):
        status = "done" if index < current else "current" if index == current else "to_come"
        if stage == Stage.CLOSED and index == current:
            status = "done"
        items.append({"label": Stage(stage).label, "status": status})
    return items


def _value(review: Review, name: str) -> str:
    value = getattr(review, name)
    if isinstance(value, date):
        return uk_date(value)
    display = getattr(review, f"get_{name}_display", None)
    if display is not None and value:
        return str(display())
    return "" if value is None else str(value)


def detail_sections(review: Review) -> list[tuple[str, list[tuple[str, str, bool]]]]:
    """The review's recorded details, grouped as its edit form groups them, as (label, value,
    whether the details form changes it)."""
    sections = []
    for legend, names in fieldsets_for(review):
        if legend == "About the review":
            continue
        rows = [(DETAIL_LABELS[name], _value(review, name), True) for name in names]
        if (
            legend == "Terms of reference"
            and review.rapid_review_id
            and review.kind != ReviewKind.RAPID_REVIEW
        ):
            rows.insert(0, ("Decided by the Rapid Review on", uk_date(decision_date(review)), False))
        sections.append((legend, rows))
    return sections


def _url(name: str, *args) -> str:
    """A link to another helper's page, or nothing while that page does not exist."""
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return ""


def linked_records(request, review: Review) -> list[dict]:
    """The notification, Rapid Review, follow-on and joint reviews, linked where the person may
    open them (and named only by reference and pseudonym where they may not)."""
    links = []
    if review.notification_id:
        links.append(
            {
                "label": "Serious incident notification",
                "text": review.notification.reference,
                "url": _url("reviews:notification-detail", review.notification_id),
            }
        )
    related = []
    if review.rapid_review_id:
        related.append(("Rapid Review", review.rapid_review))
    related += [("Review decided on", r) for r in review.follow_on_reviews.order_by("pk")]
    joint = review_services.joint_review(review)
    if joint is not None:
        related.append(("Held jointly with", joint))
    visible = set(
        selectors.reviews_visible_to(request.user)
        .filter(pk__in=[r.pk for _label, r in related])
        .values_list("pk", flat=True)
    )
    for label, other in related:
        links.append(
            {
                "label": label,
                "text": f"{other.reference}: {other.title} ({other.get_kind_display()})",
                "url": other.get_absolute_url() if other.pk in visible else "",
            }
        )
    return links


def learning_panel_for(request, review: Review) -> dict:
    """The learning panel of the review. A DHR held jointly with an LCSPR shares the LCSPR's
    action plan, so the panel of either shows that one plan (as far as the person may see it)."""
    shared = review_services.plan_for(review)
    if shared is None or shared.source_id == review.learning_source_id:
        return learning_panel_context(request, review.learning_source)

    def share_plan(panel) -> None:
        user = request.user
        panel.plan = core_selectors.plan_summaries(
            core_selectors.plans_visible_to(user).filter(pk=shared.pk), user=user
        ).first()
        panel.plan_exists = True

    return learning_panel_context(
        request, review.learning_source, adjust=share_plan, variant=f"shared plan {shared.pk}"
    )


def review_detail_view(request, pk: int):
    review = review_for(request, pk, what="review page")
    today = timezone.localdate()
    user = request.user
    target = next_stage(review)
    joint = review_services.joint_review(review)
    context = {
        "review": review,
        "today": today,
        "stages": stage_items(review),
        "next_stage": Stage(target).label if target else "",
        "missing": missing_to_leave(review) if target else [],
        "clocks": [clock_view(c, today) for c in clocks_for(review)],
        "details": detail_sections(review),
        "events": list(review.events.all()),
        "documents": list(review.documents.select_related("uploaded_by")),
        "linked": linked_records(request, review),
        "joint": joint,
        "shares_plan": review.kind == ReviewKind.DHR and review.joint_with_id is not None,
        "can_manage": permissions.can_manage_review(user, review),
        "can_link_joint": review.kind == ReviewKind.DHR and permissions.can_manage_review(user, review),
        "has_proceedings": review.kind == ReviewKind.LCSPR,
        "proceedings": list(review.proceedings.all()) if review.kind == ReviewKind.LCSPR else [],
        "publication_warnings": (
            list(review.publication_warnings.all()) if review.kind == ReviewKind.LCSPR else []
        ),
    }
    context.update(rapid_review_context(request, review))
    context.update(learning_panel_for(request, review))
    return render(request, "reviews/review_detail.html", context)
