"""URLs of the API, under /api/: the data (a router of read-only lists and details, with the two
writes), the schema and its documentation, and the token pages under the person's account.

The data and the schema answer tokens as well as sessions, so they are exempt from the
sign-in redirect (a request without credentials gets a 401, not the sign-in page); the
documentation and token pages are ordinary signed-in pages.
"""

from django.urls import path
from rest_framework.routers import SimpleRouter

from .views import actions, dataset, docs, organisation, reviews, section11, tokens, training

app_name = "api"

router = SimpleRouter()
router.register("agencies", organisation.AgencyViewSet, basename="agency")
router.register("subgroups", organisation.SubgroupViewSet, basename="subgroup")
router.register("themes", organisation.ThemeViewSet, basename="theme")
router.register("action-plans", actions.ActionPlanViewSet, basename="plan")
router.register("actions", actions.ActionViewSet, basename="action")
router.register("section11/rounds", section11.RoundViewSet, basename="round")
router.register("section11/returns", section11.ReturnViewSet, basename="return")
router.register("section11/ratings", section11.StandardRatingViewSet, basename="rating")
router.register("reviews", reviews.ReviewViewSet, basename="review")
router.register("review-clocks", reviews.ReviewClockViewSet, basename="review-clock")
router.register("training/courses", training.CourseViewSet, basename="course")
router.register("training/sessions", training.SessionViewSet, basename="session")
router.register("training/figures", training.TrainingFiguresViewSet, basename="training-figures")
router.register("dataset/indicators", dataset.IndicatorViewSet, basename="indicator")
router.register("dataset/values", dataset.IndicatorValueViewSet, basename="indicator-value")

urlpatterns = [
    # REST framework's views opt out of the sign-in redirect (`login_required = False`) themselves.
    *router.urls,
    path("schema/", docs.SchemaView.as_view(), name="schema"),
    path("docs/", docs.docs_view, name="docs"),
    path("tokens/", tokens.token_list_view, name="token-list"),
    path("tokens/new/", tokens.token_create_view, name="token-create"),
    path("tokens/<int:pk>/revoke/", tokens.token_revoke_view, name="token-revoke"),
]
