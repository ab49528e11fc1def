"""The core app's URLs (namespace `partnership`), gathered from each views module."""

from . import action_lists, auth, core, learning, organisation, plans

app_name = "partnership"
urlpatterns = (
    core.urlpatterns
    + auth.urlpatterns
    + organisation.urlpatterns
    + learning.urlpatterns
    + plans.urlpatterns
    + action_lists.urlpatterns
)
