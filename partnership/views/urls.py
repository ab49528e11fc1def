"""The core app's URLs (namespace `partnership`), gathered from each views module."""

from . import auth, core, organisation

app_name = "partnership"
urlpatterns = core.urlpatterns + auth.urlpatterns + organisation.urlpatterns
