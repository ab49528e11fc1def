"""URLs of the annual report, included under /dashboards/annual-report/."""

from django.urls import path

from . import views

urlpatterns = [
    path("annual-report/", views.report_index_view, name="report-index"),
    path("annual-report/<int:year>/", views.report_year_view, name="report-year"),
    path("annual-report/<int:year>/produce/", views.report_produce_view, name="report-produce"),
    path("annual-report/versions/<int:pk>/", views.report_version_view, name="report-version"),
    path(
        "annual-report/versions/<int:pk>/download/",
        views.report_version_download_view,
        name="report-version-download",
    ),
]
