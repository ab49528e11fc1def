from django.apps import AppConfig


class ReviewsConfig(AppConfig):
    name = "reviews"
    verbose_name = "Case reviews"

    def ready(self):
        from django.db.models import Q

        from partnership.models import SourceKind
        from partnership.sources import register_visibility

        # Besides the business unit, partnership leads and the overseeing subgroup (the core's
        # rule), a confidential review's learning is open to the people named on its panel.
        register_visibility(
            SourceKind.CASE_REVIEW, lambda user: Q(reviews_review__panel_members__user_id=user.pk)
        )

        # Everyone who can see case reviews must sign in with two-factor authentication.
        from partnership.two_factor.policy import register_requirement

        from .permissions import can_see_case_reviews

        register_requirement("You can see case reviews.", can_see_case_reviews)
