"""Case reviews the person may read (`reviews.selectors.reviews_visible_to`: the business unit,
partnership leads, the review's panel and its subgroup), with summary fields and clocks only.
Opening one review is written to the review's access log, as its page is."""

from django.utils import timezone
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework import mixins, viewsets

from reviews import selectors
from reviews.models import Review
from reviews.services.reviews import log_access

from ..filters import ReviewFilter
from ..serializers.reviews import ReviewClockSerializer, ReviewSerializer
from .base import CsvListMixin, ScopedReadOnlyViewSet


def clock_row(clock, today) -> dict:
    state = clock.state(today)
    met = None if clock.done is None or clock.due is None else clock.done <= clock.due
    return {
        "key": clock.key, "name": clock.name, "start": clock.start, "due": clock.due,
        "done": clock.done, "state": state, "met": met,
    }  # fmt: skip


def with_clocks(reviews, today):
    for review in reviews:
        review.clock_rows = [clock_row(c, today) for c in selectors.review_clocks(review)]
        yield review


def visible_reviews(user):
    return (
        selectors.reviews_visible_to(user)
        .select_related(None)
        .select_related("notification", "subgroup", "rapid_review")
        .order_by("-opened_on", "pk")
    )


class ReviewViewSet(ScopedReadOnlyViewSet):
    """Case reviews: reference, kind, stage, key dates and statutory clocks."""

    queryset = Review.objects.none()
    serializer_class = ReviewSerializer
    filter_backends = [DjangoFilterBackend]
    filterset_class = ReviewFilter
    csv_name = "reviews"

    def scoped_queryset(self):
        return visible_reviews(self.request.user)

    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        return None if page is None else list(with_clocks(page, timezone.localdate()))

    def csv_rows(self, objects):
        return super().csv_rows(with_clocks(objects, timezone.localdate()))

    def get_object(self):
        review = super().get_object()
        log_access(review=review, user=self.request.user, what="API: summary and clocks")
        review.clock_rows = [clock_row(c, timezone.localdate()) for c in selectors.review_clocks(review)]
        return review


class ReviewClockViewSet(CsvListMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    """Every statutory clock of the reviews the person may read: one row per review and clock."""

    queryset = Review.objects.none()
    serializer_class = ReviewClockSerializer
    filter_backends = [DjangoFilterBackend]
    filterset_class = ReviewFilter
    csv_name = "review-clocks"

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return self.queryset
        return visible_reviews(self.request.user)

    def list(self, request, *args, **kwargs):
        today = timezone.localdate()
        rows = [
            {
                "review": r.pk,
                "reference": r.reference,
                "kind": r.kind,
                "stage": r.stage,
                **clock_row(c, today),
            }
            for r in self.filter_queryset(self.get_queryset())
            for c in selectors.review_clocks(r)
        ]
        if self.is_csv():
            return self.csv_response(rows)
        page = self.paginate_queryset(rows)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)
