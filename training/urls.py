"""URLs for training, every one of them: the programme area (landing page, programmes, courses
and their outcomes, sessions and their people, attendance, the needs assessment and coverage
returns), the booking area (the public booking pages, the one emailed-link URL `t/<token>/`,
dispatched by the link's purpose, and the business unit's cancel of a place), the feedback
area (impact examples; the evaluation and follow-up forms are reached through `training:link`)
and the analysis area (the overview, its export, the analysis by finding and its CSV, and the
training impact analyses)."""

from django.urls import path

from .views import attendees, coverage, needs
from .views.analysis import findings as analysis_findings
from .views.analysis import impact as analysis_impact
from .views.analysis import overview as analysis_overview
from .views.booking import links, public, staff
from .views.feedback import impact as feedback_impact
from .views.programme import courses, index, programmes, sessions

app_name = "training"
urlpatterns = [
    # Programme
    path("", index.index_view, name="index"),
    path("programmes/", programmes.programme_list_view, name="programme-list"),
    path("programmes/export.csv", programmes.programme_export_view, name="programme-export"),
    path("programmes/new/", programmes.programme_create_view, name="programme-create"),
    path("programmes/<int:pk>/", programmes.programme_detail_view, name="programme-detail"),
    path("programmes/<int:pk>/edit/", programmes.programme_edit_view, name="programme-edit"),
    path("courses/", courses.course_list_view, name="course-list"),
    path("courses/export.csv", courses.course_export_view, name="course-export"),
    path("courses/new/", courses.course_create_view, name="course-create"),
    path("courses/<int:pk>/", courses.course_detail_view, name="course-detail"),
    path("courses/<int:pk>/edit/", courses.course_edit_view, name="course-edit"),
    path("courses/<int:pk>/outcomes/new/", courses.outcome_create_view, name="outcome-create"),
    path("outcomes/<int:pk>/edit/", courses.outcome_edit_view, name="outcome-edit"),
    path("outcomes/<int:pk>/remove/", courses.outcome_remove_view, name="outcome-remove"),
    path("sessions/", sessions.session_list_view, name="session-list"),
    path("sessions/export.csv", sessions.session_export_view, name="session-export"),
    path("courses/<int:pk>/sessions/new/", sessions.session_create_view, name="session-create"),
    path("sessions/<int:pk>/", sessions.session_detail_view, name="session-detail"),
    path("sessions/<int:pk>/edit/", sessions.session_edit_view, name="session-edit"),
    path("sessions/<int:pk>/cancel/", sessions.session_cancel_view, name="session-cancel"),
    path("sessions/<int:pk>/attendees/new/", attendees.attendee_add_view, name="attendee-add"),
    path("sessions/<int:pk>/attendees/import/", attendees.attendee_import_view, name="attendee-import"),
    path(
        "sessions/<int:pk>/attendees/import/template.<str:fmt>/",
        attendees.attendee_import_template_view,
        name="attendee-import-template",
    ),
    path(
        "sessions/<int:pk>/attendees/export.csv",
        attendees.session_attendee_export_view,
        name="session-attendee-export",
    ),
    path("sessions/<int:pk>/attendance/", attendees.attendance_mark_view, name="attendance-mark"),
    path("attendance/", attendees.attendance_by_agency_view, name="attendance-by-agency"),
    path("attendance/export.csv", attendees.attendance_export_view, name="attendance-export"),
    path("needs/", needs.needs_assessment_list_view, name="needs-list"),
    path("needs/new/", needs.needs_create_view, name="needs-create"),
    path("needs/<int:pk>/", needs.needs_detail_view, name="needs-detail"),
    path("needs/<int:pk>/edit/", needs.needs_edit_view, name="needs-edit"),
    path("needs/<int:pk>/summary/", needs.needs_summary_view, name="needs-summary"),
    path("needs/<int:pk>/export.csv", needs.needs_export_view, name="needs-export"),
    path("needs/<int:pk>/needs/new/", needs.need_create_view, name="need-create"),
    path("needs/items/<int:pk>/edit/", needs.need_edit_view, name="need-edit"),
    path("needs/items/<int:pk>/remove/", needs.need_remove_view, name="need-remove"),
    path("coverage/", coverage.coverage_list_view, name="coverage-list"),
    path("coverage/export.csv", coverage.coverage_export_view, name="coverage-export"),
    path("coverage/new/", coverage.coverage_report_view, name="coverage-report"),
    path("coverage/<int:pk>/edit/", coverage.coverage_edit_view, name="coverage-edit"),
    # Booking
    path("book/", public.session_list_view, name="book"),
    path("book/<int:pk>/", public.session_book_view, name="book-session"),
    path("book/<int:pk>/booked/<str:ref>/", public.booking_done_view, name="book-done"),
    path("t/<str:token>/", links.link_view, name="link"),
    path("attendees/<int:pk>/cancel/", staff.attendee_cancel_view, name="attendee-cancel"),
    # Feedback
    path("impact-examples/", feedback_impact.impact_example_list_view, name="impact-example-list"),
    path(
        "impact-examples/export.csv",
        feedback_impact.impact_example_export_view,
        name="impact-example-export",
    ),
    path(
        "impact-examples/<int:pk>/",
        feedback_impact.impact_example_detail_view,
        name="impact-example-detail",
    ),
    path("impact-examples/<int:pk>/tag/", feedback_impact.impact_example_tag_view, name="impact-example-tag"),
    # Analysis
    path("analysis/", analysis_overview.analysis_overview_view, name="analysis-overview"),
    path("analysis/export.xlsx", analysis_overview.analysis_export_view, name="analysis-export"),
    path("analysis/findings/", analysis_findings.analysis_findings_view, name="analysis-findings"),
    path(
        "analysis/findings/export.csv",
        analysis_findings.analysis_findings_export_view,
        name="analysis-findings-export",
    ),
    path("analysis/impact/", analysis_impact.analysis_list_view, name="analysis-list"),
    path(
        "analysis/impact/export.csv", analysis_impact.analysis_list_export_view, name="analysis-list-export"
    ),
    path("analysis/impact/new/", analysis_impact.analysis_create_view, name="analysis-create"),
    path("analysis/impact/<int:pk>/", analysis_impact.analysis_detail_view, name="analysis-detail"),
    path("analysis/impact/<int:pk>/edit/", analysis_impact.analysis_edit_view, name="analysis-edit"),
]
