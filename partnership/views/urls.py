"""The core app's URLs (namespace `partnership`), gathered from each views module."""

from ..security import views as security
from . import (
    account,
    action_lists,
    auth,
    briefings,
    core,
    learning,
    organisation,
    plans,
    sections,
    two_factor,
)

app_name = "partnership"
urlpatterns = (
    core.urlpatterns
    + auth.urlpatterns
    + two_factor.urlpatterns
    + account.urlpatterns
    + organisation.urlpatterns
    + learning.urlpatterns
    + briefings.urlpatterns
    + plans.urlpatterns
    + action_lists.urlpatterns
    + security.urlpatterns
    + sections.urlpatterns
)
