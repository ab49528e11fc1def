"""URLs for dashboards: filled by its own issue."""

app_name = "dashboards"
urlpatterns: list = []
