"""URLs for audits and Section 11 (namespace `audits`), gathered from each views module."""

from .views import audits, frameworks, panel, returns

app_name = "audits"
urlpatterns = returns.urlpatterns + frameworks.urlpatterns + panel.urlpatterns + audits.urlpatterns
