"""URLs for audits and Section 11 (namespace `audits`), gathered from each views module."""

from .views import audits, panel, returns

app_name = "audits"
urlpatterns = returns.urlpatterns + panel.urlpatterns + audits.urlpatterns
