"""Peer challenge and the round's overview: sessions of the panel (sessions.py), challenge on
each standard of a return (challenge.py), and the heatmap with its exports (overview.py).

A lay member or peer challenger reaches only the returns assigned to their sessions (the
return is looked up through `selectors.returns_visible_to`: a 404 for any other); everything
they may change is decided by `permissions.can_challenge` (a 403)."""

from django.urls import path

from . import challenge, overview, sessions

urlpatterns = [
    path("section11/<int:round_pk>/sessions/", sessions.session_list_view, name="session-list"),
    path("section11/<int:round_pk>/sessions/new/", sessions.session_create_view, name="session-create"),
    path("sessions/<int:pk>/", sessions.session_detail_view, name="session-detail"),
    path("sessions/<int:pk>/edit/", sessions.session_edit_view, name="session-edit"),
    path("returns/<int:pk>/challenge/", challenge.challenge_summary_view, name="challenge-summary"),
    path("returns/<int:pk>/challenge/<int:number>/", challenge.challenge_view, name="challenge"),
    path("section11/<int:pk>/overview/", overview.overview_view, name="overview"),
    path("section11/<int:pk>/overview.xlsx", overview.overview_xlsx_view, name="overview-xlsx"),
    path("section11/<int:pk>/overview.csv", overview.overview_csv_view, name="overview-csv"),
    path("section11/<int:pk>/overview.pdf", overview.overview_pdf_view, name="overview-pdf"),
    path("section11/<int:pk>/reported/", overview.overview_reported_view, name="overview-reported"),
]
