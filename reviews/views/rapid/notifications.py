"""Serious incident notifications: the list, recording and correcting one, its page, and
opening its Rapid Review."""

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, Exists, OuterRef
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from partnership.models import Subgroup
from partnership.services import DomainError
from partnership.views.toolkit import add_domain_error, export_query, form_page, posted, require, sorted_by
from partnership.working_days import add_working_days

from ... import permissions, selectors
from ...clocks import notification_clocks
from ...filters import NotificationFilterForm
from ...forms.rapid import NotificationForm, RapidReviewOpenForm, child_formset
from ...models import Notification, Review, ReviewKind
from ...services import rapid as rapid_services
from ...services import reviews as review_services
from ..reviews.display import clock_view
from .common import error_items, next_reference

# What each clock a notification starts asks, by when (its due date follows).
DUE_LABELS = {
    "panel_notification": "Notify the national Panel by",
    "rapid_review": "Rapid Review sent to the national Panel by",
}

NOTIFICATION_SORTS = {
    "reference": "reference",
    "aware": "became_aware_on",
    "notified": "notified_on",
    "incident": "incident",
    "children": "children_count",
}


def notification_list_view(request):
    visible = selectors.notifications_visible_to(request.user)
    years = sorted({d.year for d in visible.dates("became_aware_on", "year")}, reverse=True)
    filter_form = NotificationFilterForm(request.GET, years=years)
    queryset = filter_form.filter(visible).annotate(
        children_count=Count("children", distinct=True),
        has_rapid_review=Exists(
            Review.objects.filter(notification=OuterRef("pk"), kind=ReviewKind.RAPID_REVIEW)
        ),
    )
    queryset = queryset.select_related("area")
    queryset, sort = sorted_by(queryset, request.GET.get("sort", ""), NOTIFICATION_SORTS, "-aware")
    page_obj = Paginator(queryset, settings.PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "filter_form": filter_form,
        "page_obj": page_obj,
        "notifications": list(page_obj.object_list),
        "sort": sort,
        "has_any": page_obj.paginator.count > 0 or visible.exists(),
        "export_query": export_query(request),
        "can_record": permissions.can_open_review(request.user),
    }
    return render(request, "reviews/notification_list.html", context)


def _notification_form_page(request, notification: Notification):
    require(permissions.can_open_review(request.user))
    is_new = notification.pk is None
    data = posted(request)
    form = NotificationForm(data, instance=notification)
    children = child_formset(data, notification)
    children_error = ""
    if data is not None:
        form_ok = form.is_valid()
        children_ok = children.is_valid()
        if form_ok and children_ok:
            rows = [c for c in (f.child() for f in children.forms) if c]
            try:
                saved = rapid_services.notification_record(
                    notification=form.instance,
                    children=rows,
                    agencies=form.cleaned_data["agencies"],
                    actor=request.user,
                )
            except DomainError as exc:
                if exc.field == "children":
                    children_error = exc.message
                else:
                    add_domain_error(form, exc)
            else:
                messages.success(
                    request, f"Notification {'recorded' if is_new else 'saved'}: {saved.reference}"
                )
                return redirect(saved)
    title = "Record a serious incident notification" if is_new else f"Change notification {notification}"
    context = {
        "title": title,
        "form": form,
        "children": children,
        "children_error": children_error,
        "errors": error_items(form, *children.forms, extra=[("child-0-pseudonym", children_error)]),
        "cancel_url": reverse("reviews:notification-list") if is_new else notification.get_absolute_url(),
        "button": "Record the notification" if is_new else "Save",
    }
    return render(request, "reviews/notification_form.html", context)


def notification_create_view(request):
    return _notification_form_page(request, Notification())


def notification_edit_view(request, pk: int):
    notification = get_object_or_404(selectors.notifications_visible_to(request.user), pk=pk)
    return _notification_form_page(request, notification)


def notification_detail_view(request, pk: int):
    notification = get_object_or_404(
        selectors.notifications_visible_to(request.user).select_related("area", "created_by"), pk=pk
    )
    reviews = list(
        selectors.reviews_visible_to(request.user)
        .filter(notification=notification)
        .order_by("opened_on", "pk")
    )
    for review in reviews:  # the notification is part of each review's detail: its view is logged
        review_services.log_access(review=review, user=request.user, what="notification")
    can_open = permissions.can_open_review(request.user)
    # Its Rapid Review (if opened) only for the date it was sent to the Panel, which meets a clock.
    rapid = notification.reviews.filter(kind=ReviewKind.RAPID_REVIEW).only("sent_to_panel_on").first()
    today = timezone.localdate()
    clocks = notification_clocks(notification, sent_to_panel_on=rapid.sent_to_panel_on if rapid else None)
    context = {
        "notification": notification,
        "children": list(notification.children.all()),
        "agencies": list(notification.agencies.order_by("name")),
        "reviews": reviews,
        "can_edit": can_open,
        "can_open_rapid_review": can_open and rapid is None,
        "due_dates": [(DUE_LABELS[clock.key], clock_view(clock, today)) for clock in clocks],
    }
    return render(request, "reviews/notification_detail.html", context)


def rapid_review_open_view(request, pk: int):
    notification = get_object_or_404(selectors.notifications_visible_to(request.user), pk=pk)
    require(permissions.can_open_review(request.user))
    existing = notification.reviews.filter(kind=ReviewKind.RAPID_REVIEW).first()
    if existing is not None:
        messages.error(request, "This notification already has a Rapid Review.")
        return redirect(existing)
    today = timezone.localdate()
    first_child = notification.children.first()
    initial = {
        "reference": next_reference("RR", today.year),
        "title": first_child.pseudonym if first_child else "",
        "lead": request.user.pk if permissions.can_open_review(request.user) else None,
        "subgroup": Subgroup.objects.filter(name="Practice Review", active=True)
        .values_list("pk", flat=True)
        .first(),
        "agencies": list(notification.agencies.values_list("pk", flat=True)),
        "due_on": add_working_days(today, 5),
    }
    form = RapidReviewOpenForm(posted(request), initial=initial)
    return form_page(
        request,
        form,
        call=lambda form: rapid_services.rapid_review_open(
            notification=notification, **form.cleaned_data, actor=request.user
        ),
        success=lambda review: (
            f"Rapid Review {review.reference} opened. "
            f"{review.agency_requests.count()} agencies have been asked for their summaries."
        ),
        title=f"Open the Rapid Review of {notification.reference}",
        cancel_url=notification.get_absolute_url(),
        button="Open the Rapid Review",
        template="reviews/rapid_review_open.html",
        notification=notification,
    )
