"""Every URL of meetings (namespace `governance`): the list and its export, a meeting's page,
the forms to record a meeting, its attendance, agenda, papers and decisions, and its board
pack: the live draft, its PDF, circulating it, and each circulated version and its PDF; the
subgroups' highlight reports to the executive's and the board's meetings."""

from django.urls import path

from .views import highlights, meetings, packs

app_name = "governance"

urlpatterns = [
    path("", meetings.meeting_list_view, name="meeting-list"),
    path("export.csv", meetings.meeting_export_view, name="meeting-export"),
    path("new/", meetings.meeting_create_view, name="meeting-create"),
    path("<int:pk>/", meetings.meeting_detail_view, name="meeting-detail"),
    path("<int:pk>/edit/", meetings.meeting_edit_view, name="meeting-edit"),
    path("<int:pk>/attendance/", meetings.meeting_attendance_view, name="meeting-attendance"),
    path("<int:pk>/agenda/new/", meetings.meeting_agenda_add_view, name="meeting-agenda-add"),
    path("<int:pk>/papers/new/", meetings.meeting_paper_add_view, name="meeting-paper-add"),
    path("<int:pk>/decisions/new/", meetings.meeting_decision_add_view, name="meeting-decision-add"),
    path("<int:pk>/pack/", packs.pack_view, name="pack"),
    path("<int:pk>/pack/pdf/", packs.pack_pdf_view, name="pack-pdf"),
    path("<int:pk>/pack/scrutiny/", packs.pack_scrutiny_view, name="pack-scrutiny"),
    path("<int:pk>/pack/circulate/", packs.pack_circulate_view, name="pack-circulate"),
    path("<int:pk>/highlights/", highlights.highlight_list_view, name="highlight-list"),
    path(
        "<int:pk>/highlights/<int:subgroup_pk>/write/",
        highlights.highlight_write_view,
        name="highlight-write",
    ),
    path("highlights/<int:pk>/", highlights.highlight_detail_view, name="highlight-detail"),
    path("highlights/<int:pk>/submit/", highlights.highlight_submit_view, name="highlight-submit"),
    path("packs/<int:pk>/", packs.pack_version_view, name="pack-version"),
    path("packs/<int:pk>/pdf/", packs.pack_version_pdf_view, name="pack-version-pdf"),
    path("agenda/<int:pk>/edit/", meetings.agenda_item_edit_view, name="agenda-item-edit"),
    path("agenda/<int:pk>/remove/", meetings.agenda_item_remove_view, name="agenda-item-remove"),
    path("agenda/<int:pk>/move/", meetings.agenda_item_move_view, name="agenda-item-move"),
    path("papers/<int:pk>/download/", meetings.paper_download_view, name="paper-download"),
    path("papers/<int:pk>/remove/", meetings.paper_remove_view, name="paper-remove"),
]
