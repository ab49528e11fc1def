"""URLs for training. Each area of the app keeps its own URL list beside its views."""

from .views import analysis, booking, feedback, programme

app_name = "training"
urlpatterns = [
    *programme.urlpatterns,
    *booking.urlpatterns,
    *feedback.urlpatterns,
    *analysis.urlpatterns,
]
