"""The project's URLs: the core app at the root, each source of learning under its own prefix."""

from django.contrib import admin
from django.urls import include, path

from .views.core import healthz_view

admin.site.site_header = "Learning cycle administration"

urlpatterns = [
    path("healthz", healthz_view, name="healthz"),
    path("admin/", admin.site.urls),
    path("reviews/", include("reviews.urls")),
    path("audits/", include("audits.urls")),
    path("training/", include("training.urls")),
    path("dashboards/", include("dashboards.urls")),
    path("api/", include("api.urls")),
    path("", include("partnership.views.urls")),
]
