"""Every URL of case reviews (namespace `reviews`): reviews, then notifications and Rapid
Reviews, then child death review learning and learning from reviews published elsewhere."""

from django.urls import path

from .views import cdop, referrals
from .views.rapid import notifications, requests, review
from .views.reviews import access_log, changes, detail, documents, lists, publication

app_name = "reviews"
urlpatterns = [
    # Case reviews of every kind.
    path("", lists.review_list_view, name="review-list"),
    path("export.csv", lists.review_export_view, name="review-export"),
    path("new/", changes.review_create_view, name="review-create"),
    path("clocks/", lists.clock_board_view, name="clock-board"),
    path("access-log/", access_log.access_log_view, name="access-log"),
    path("access-log/export.csv", access_log.access_log_export_view, name="access-log-export"),
    path("<int:pk>/", detail.review_detail_view, name="review-detail"),
    path("<int:pk>/edit/", changes.review_edit_view, name="review-edit"),
    path("<int:pk>/advance/", changes.review_advance_view, name="review-advance"),
    path("<int:pk>/events/new/", changes.review_event_add_view, name="review-event-add"),
    path("<int:pk>/joint/", changes.review_joint_view, name="review-joint"),
    path("<int:pk>/documents/new/", documents.document_upload_view, name="document-upload"),
    path("documents/<int:pk>/", documents.document_download_view, name="document-download"),
    path("<int:pk>/proceedings/new/", publication.proceeding_add_view, name="proceeding-add"),
    path("proceedings/<int:pk>/edit/", publication.proceeding_edit_view, name="proceeding-edit"),
    # Referrals of cases for a learning review, and their screening.
    path("referrals-for-review/", referrals.referral_list_view, name="learning-referral-list"),
    path("referrals-for-review/export.csv", referrals.referral_export_view, name="learning-referral-export"),
    path("referrals-for-review/new/", referrals.referral_create_view, name="learning-referral-create"),
    path("referrals-for-review/<int:pk>/", referrals.referral_detail_view, name="learning-referral-detail"),
    path("<int:pk>/refer/", referrals.rapid_review_refer_view, name="rapid-review-refer"),
    path(
        "referrals-for-review/<int:pk>/screen/",
        referrals.referral_screen_view,
        name="learning-referral-screen",
    ),
    # Serious incident notifications and Rapid Reviews.
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
    # Child death review learning and learning from reviews published elsewhere.
    path("cdop/", cdop.cdop_list_view, name="cdop-list"),
    path("cdop/new/", cdop.cdop_create_view, name="cdop-create"),
    path("cdop/<int:pk>/", cdop.cdop_detail_view, name="cdop-detail"),
    path("cdop/<int:pk>/edit/", cdop.cdop_edit_view, name="cdop-edit"),
    path("cdop/<int:pk>/referrals/new/", cdop.referral_create_view, name="referral-create"),
    path("referrals/<int:pk>/link/", cdop.referral_link_view, name="referral-link"),
    path("learning-elsewhere/", cdop.external_list_view, name="external-list"),
    path("learning-elsewhere/new/", cdop.external_create_view, name="external-create"),
    path("learning-elsewhere/<int:pk>/", cdop.external_detail_view, name="external-detail"),
    path("learning-elsewhere/<int:pk>/edit/", cdop.external_edit_view, name="external-edit"),
]
