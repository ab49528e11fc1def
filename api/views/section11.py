"""Section 11: rounds (open to everyone signed in, as on the pages), the returns the person may
see (`audits.selectors.returns_visible_to`: their own agency's, never another's), and those
returns' ratings per standard, self and moderated, as the round's overview works them out."""

from django_filters.rest_framework import DjangoFilterBackend
from rest_framework import mixins, viewsets

from audits import selectors
from audits.models import Return, Round, Standard

from ..filters import ReturnFilter
from ..serializers.section11 import ReturnSerializer, RoundSerializer, StandardRatingSerializer
from .base import CsvListMixin, ScopedReadOnlyViewSet


class RoundViewSet(ScopedReadOnlyViewSet):
    """Section 11 self-assessment rounds."""

    queryset = Round.objects.none()
    serializer_class = RoundSerializer
    selector = staticmethod(selectors.rounds_visible_to)
    csv_name = "section11-rounds"


class ReturnViewSet(ScopedReadOnlyViewSet):
    """Agencies' Section 11 returns the person may see."""

    queryset = Return.objects.none()
    serializer_class = ReturnSerializer
    selector = staticmethod(selectors.returns_visible_to)
    filter_backends = [DjangoFilterBackend]
    filterset_class = ReturnFilter
    csv_name = "section11-returns"

    def scoped_queryset(self):
        return selectors.returns_visible_to(self.request.user).order_by(
            "-round__year", "round_id", "agency__name", "pk"
        )


def rating_rows(returns: list[Return]) -> list[dict]:
    """A row per (return, standard of its round's framework), in a fixed number of queries."""
    framework_ids = {r.round.framework_id for r in returns}
    standards: dict[int, list[Standard]] = {}
    for standard in Standard.objects.filter(framework_id__in=framework_ids).order_by("number", "pk"):
        standards.setdefault(standard.framework_id, []).append(standard)
    self_ratings = selectors.standard_self_ratings(returns)
    moderated = selectors.standard_moderated_ratings(returns)
    rows = []
    for ret in returns:
        for standard in standards.get(ret.round.framework_id, []):
            own = self_ratings.get((ret.pk, standard.pk))
            panel = moderated.get((ret.pk, standard.pk))
            counts = selectors.rating_that_counts(own, panel)
            rows.append({
                "return_id": ret.pk, "round": ret.round_id, "round_title": ret.round.title,
                "agency": ret.agency_id, "agency_name": ret.agency.name, "return_status": ret.status,
                "standard": standard.pk, "standard_number": standard.number, "standard_title": standard.title,
                "self_rating": own.label if own else None, "self_score": own.score if own else None,
                "moderated_rating": panel.label if panel else None,
                "moderated_score": panel.score if panel else None,
                "rating": counts.label if counts else None, "score": counts.score if counts else None,
            })  # fmt: skip
    return rows


class StandardRatingViewSet(CsvListMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    """Each visible return's rating per standard: one row per agency, round and standard."""

    queryset = Return.objects.none()
    serializer_class = StandardRatingSerializer
    filter_backends = [DjangoFilterBackend]
    filterset_class = ReturnFilter
    csv_name = "section11-ratings"

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return self.queryset
        return selectors.returns_visible_to(self.request.user).order_by(
            "-round__year", "round_id", "agency__name", "pk"
        )

    def list(self, request, *args, **kwargs):
        rows = rating_rows(list(self.filter_queryset(self.get_queryset())))
        if self.is_csv():
            return self.csv_response(rows)
        page = self.paginate_queryset(rows)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)
