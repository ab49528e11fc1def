"""URLs of the analysis area of training: the overview and its export (overview.py), and the
training impact analyses (impact.py)."""

from django.urls import path

from . import impact, overview

urlpatterns: list = [
    path("analysis/", overview.analysis_overview_view, name="analysis-overview"),
    path("analysis/export.xlsx", overview.analysis_export_view, name="analysis-export"),
    *impact.urlpatterns,
]
