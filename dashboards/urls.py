"""URLs of the dashboards app, under /dashboards/: the dataset, deep dives, the overview
dashboards and the annual report (the one urls.py of the app)."""

from django.urls import path

from .overview import views as overview
from .report import views as report
from .report.views import exports as report_exports
from .report.views import funding as report_funding
from .views import deep_dives, indicators, priorities, values

app_name = "dashboards"

urlpatterns = [
    path("dataset/", indicators.dataset_view, name="dataset"),
    path("dataset/indicators/", indicators.indicator_list_view, name="indicator-list"),
    path("dataset/indicators/export.csv", indicators.indicator_export_view, name="indicator-export"),
    path("dataset/indicators/new/", indicators.indicator_create_view, name="indicator-create"),
    path("dataset/indicators/<int:pk>/", indicators.indicator_detail_view, name="indicator-detail"),
    path("dataset/indicators/<int:pk>/edit/", indicators.indicator_edit_view, name="indicator-edit"),
    path("dataset/indicators/<int:pk>/values/new/", values.value_create_view, name="value-create"),
    path("dataset/values/<int:pk>/edit/", values.value_edit_view, name="value-edit"),
    path("dataset/values/<int:pk>/delete/", values.value_delete_view, name="value-delete"),
    path("dataset/import/", values.value_import_view, name="value-import"),
    path(
        "dataset/import/template.<str:fmt>", values.value_import_template_view, name="value-import-template"
    ),
    path("deep-dives/", deep_dives.deep_dive_list_view, name="deep-dive-list"),
    path("deep-dives/export.csv", deep_dives.deep_dive_export_view, name="deep-dive-export"),
    path("deep-dives/new/", deep_dives.deep_dive_create_view, name="deep-dive-create"),
    path("deep-dives/<int:pk>/", deep_dives.deep_dive_detail_view, name="deep-dive-detail"),
    path("deep-dives/<int:pk>/edit/", deep_dives.deep_dive_edit_view, name="deep-dive-edit"),
    # The measures of the partnership's priorities (listed on each priority's page).
    path(
        "priorities/<int:pk>/measures/new/",
        priorities.priority_measure_create_view,
        name="priority-measure-create",
    ),
    path(
        "priority-measures/<int:pk>/edit/",
        priorities.priority_measure_edit_view,
        name="priority-measure-edit",
    ),
    path(
        "priority-measures/<int:pk>/remove/",
        priorities.priority_measure_delete_view,
        name="priority-measure-delete",
    ),
    # The overview dashboards.
    path("partnership/", overview.partnership_dashboard_view, name="partnership"),
    path("themes/", overview.theme_matrix_view, name="themes"),
    path("themes/export.csv", overview.theme_matrix_export_view, name="themes-export"),
    path("themes/<int:pk>/", overview.theme_detail_view, name="theme-detail"),
    # The annual report.
    path("annual-report/", report.report_index_view, name="report-index"),
    path("annual-report/<int:year>/", report.report_year_view, name="report-year"),
    path("annual-report/<int:year>/produce/", report.report_produce_view, name="report-produce"),
    path("annual-report/<int:year>/funding/", report_funding.report_funding_view, name="report-funding"),
    path(
        "annual-report/<int:year>/funding/export.csv",
        report_exports.report_funding_export_view,
        name="report-funding-export",
    ),
    path(
        "annual-report/<int:year>/contributions/export.csv",
        report_exports.report_contributions_export_view,
        name="report-contributions-export",
    ),
    path("annual-report/<int:year>/other-boards/", report_funding.report_links_view, name="report-links"),
    path("annual-report/<int:year>/finalise/", report.report_finalise_view, name="report-finalise"),
    path("annual-report/<int:year>/unfinalise/", report.report_unfinalise_view, name="report-unfinalise"),
    path("annual-report/<int:year>/publish/", report.report_publish_view, name="report-publish"),
    path(
        "annual-report/<int:year>/sent/<str:recipient>/",
        report.report_submission_view,
        name="report-submission",
    ),
    path("annual-report/<int:year>/html/", report.report_edition_view, name="report-edition"),
    path(
        "annual-report/<int:year>/html/download/",
        report.report_edition_download_view,
        name="report-edition-download",
    ),
    path("annual-report/versions/<int:pk>/", report.report_version_view, name="report-version"),
    # The contributors' parts of the report: requested, written, approved or returned.
    path(
        "annual-report/<int:year>/contributions/new/",
        report.report_contribution_request_view,
        name="report-contribution-request",
    ),
    path(
        "annual-report/contributions/<int:pk>/", report.report_contribution_view, name="report-contribution"
    ),
    path(
        "annual-report/contributions/<int:pk>/approve/",
        report.report_contribution_approve_view,
        name="report-contribution-approve",
    ),
    path(
        "annual-report/contributions/<int:pk>/return/",
        report.report_contribution_return_view,
        name="report-contribution-return",
    ),
    path(
        "annual-report/versions/<int:pk>/download/",
        report.report_version_download_view,
        name="report-version-download",
    ),
]
