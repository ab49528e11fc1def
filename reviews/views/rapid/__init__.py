"""Serious incident notifications and the Rapid Review, up to its decision and the opening of
the review it decides on. `urlpatterns` is gathered by reviews/urls.py; `rapid_review_context`
feeds the sections the review detail page includes (see context.py).

notifications.py: notifications and opening their Rapid Review; requests.py: the agency summary
requests; review.py: chronology, panel, the Rapid Review's dates, decision and follow-on review.
"""

from django.urls import path

from . import notifications, requests, review
from .context import rapid_review_context

urlpatterns = [
    path("notifications/", notifications.notification_list_view, name="notification-list"),
    path("notifications/new/", notifications.notification_create_view, name="notification-create"),
    path("notifications/<int:pk>/", notifications.notification_detail_view, name="notification-detail"),
    path("notifications/<int:pk>/edit/", notifications.notification_edit_view, name="notification-edit"),
    path(
        "notifications/<int:pk>/rapid-review/",
        notifications.rapid_review_open_view,
        name="rapid-review-open",
    ),
    path("requests/", requests.request_list_view, name="request-list"),
    path("requests/<int:pk>/", requests.request_detail_view, name="request-detail"),
    path("<int:pk>/requests/new/", requests.request_add_view, name="request-add"),
    path("<int:pk>/chronology/new/", review.chronology_add_view, name="chronology-add"),
    path("<int:pk>/panel/new/", review.panel_add_view, name="panel-add"),
    path("panel/<int:pk>/remove/", review.panel_remove_view, name="panel-remove"),
    path("<int:pk>/rapid-review/dates/", review.panel_dates_view, name="panel-dates"),
    path("<int:pk>/decision/", review.decision_view, name="decision"),
    path("<int:pk>/follow-on/", review.follow_on_open_view, name="follow-on-open"),
]

__all__ = ["rapid_review_context", "urlpatterns"]
