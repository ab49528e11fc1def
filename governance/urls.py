"""Every URL of meetings (namespace `governance`): the list and its export, a meeting's page,
and the forms to record a meeting, its attendance, agenda, papers and decisions."""

from django.urls import path

from . import views

app_name = "governance"

urlpatterns = [
    path("", views.meeting_list_view, name="meeting-list"),
    path("export.csv", views.meeting_export_view, name="meeting-export"),
    path("new/", views.meeting_create_view, name="meeting-create"),
    path("<int:pk>/", views.meeting_detail_view, name="meeting-detail"),
    path("<int:pk>/edit/", views.meeting_edit_view, name="meeting-edit"),
    path("<int:pk>/attendance/", views.meeting_attendance_view, name="meeting-attendance"),
    path("<int:pk>/agenda/new/", views.meeting_agenda_add_view, name="meeting-agenda-add"),
    path("<int:pk>/papers/new/", views.meeting_paper_add_view, name="meeting-paper-add"),
    path("<int:pk>/decisions/new/", views.meeting_decision_add_view, name="meeting-decision-add"),
    path("papers/<int:pk>/download/", views.paper_download_view, name="paper-download"),
]
