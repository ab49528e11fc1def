"""URLs for case reviews (namespace `reviews`), gathered from each views module."""

from .views import cdop, pages, rapid

app_name = "reviews"
urlpatterns = pages.urlpatterns + rapid.urlpatterns + cdop.urlpatterns
