"""URLs for training: filled by its own issue."""

app_name = "training"
urlpatterns: list = []
