"""Case review pages: the lists and their export, the review page with its stages and clocks,
the forms of each stage, joint DHR and LCSPR, documents, the clock board and the access log.

`lists.py` has the list and the clock board, `detail.py` the review page, `changes.py` the
forms, `documents.py` uploads and downloads, `access_log.py` the log. Every page that shows a
review's detail writes the access log (`reviews.views.common.review_for`).
"""

from django.urls import path

from .access_log import access_log_export_view, access_log_view
from .changes import (
    review_advance_view,
    review_create_view,
    review_edit_view,
    review_event_add_view,
    review_joint_view,
)
from .detail import review_detail_view
from .documents import document_download_view, document_upload_view
from .lists import clock_board_view, review_export_view, review_list_view

urlpatterns = [
    path("", review_list_view, name="review-list"),
    path("export.csv", review_export_view, name="review-export"),
    path("new/", review_create_view, name="review-create"),
    path("clocks/", clock_board_view, name="clock-board"),
    path("access-log/", access_log_view, name="access-log"),
    path("access-log/export.csv", access_log_export_view, name="access-log-export"),
    path("<int:pk>/", review_detail_view, name="review-detail"),
    path("<int:pk>/edit/", review_edit_view, name="review-edit"),
    path("<int:pk>/advance/", review_advance_view, name="review-advance"),
    path("<int:pk>/events/new/", review_event_add_view, name="review-event-add"),
    path("<int:pk>/joint/", review_joint_view, name="review-joint"),
    path("<int:pk>/documents/new/", document_upload_view, name="document-upload"),
    path("documents/<int:pk>/", document_download_view, name="document-download"),
]
