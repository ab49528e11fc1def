"""URLs for audits: filled by its own issue."""

app_name = "audits"
urlpatterns: list = []
