"""URLs of the overview dashboards, included in the dashboards namespace (dashboards/urls.py)."""

from django.urls import path

from . import views

urlpatterns = [
    path("partnership/", views.partnership_dashboard_view, name="partnership"),
    path("themes/", views.theme_matrix_view, name="themes"),
    path("themes/export.csv", views.theme_matrix_export_view, name="themes-export"),
    path("themes/<int:pk>/", views.theme_detail_view, name="theme-detail"),
]
