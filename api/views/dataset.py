"""The performance dataset: indicators and values, for everyone with a role in the partnership
(`dashboards.permissions.can_view_dataset`; others get a 403, as on the pages). The business unit
adds and corrects values here through the dataset's own service
(`dashboards.services.dataset.indicator_value_save`); anyone else who reads gets a 403."""

from django_filters.rest_framework import DjangoFilterBackend
from rest_framework import mixins
from rest_framework.exceptions import PermissionDenied

from dashboards import permissions, selectors
from dashboards.filters import IndicatorFilter
from dashboards.models import Indicator, IndicatorValue
from dashboards.services.dataset import indicator_value_save
from partnership.services import DomainError

from ..filters import IndicatorValueFilter
from ..serializers.dataset import IndicatorSerializer, IndicatorValueSerializer
from .actions import domain_error
from .base import ScopedReadOnlyViewSet


class IndicatorViewSet(ScopedReadOnlyViewSet):
    """Performance indicators. By default only those still reported (`show=all` for every one)."""

    queryset = Indicator.objects.none()
    serializer_class = IndicatorSerializer
    gate = staticmethod(permissions.can_view_dataset)
    selector = staticmethod(selectors.indicators_visible_to)
    filter_backends = [DjangoFilterBackend]
    filterset_class = IndicatorFilter
    csv_name = "indicators"


class IndicatorValueViewSet(mixins.CreateModelMixin, mixins.UpdateModelMixin, ScopedReadOnlyViewSet):
    """Indicators' values, one per period. `POST` adds one, `PUT`/`PATCH` corrects one
    (the business unit only)."""

    queryset = IndicatorValue.objects.none()
    serializer_class = IndicatorValueSerializer
    gate = staticmethod(permissions.can_view_dataset)
    filter_backends = [DjangoFilterBackend]
    filterset_class = IndicatorValueFilter
    csv_name = "indicator-values"

    def scoped_queryset(self):
        return selectors.indicator_values_visible_to(self.request.user).order_by(
            "indicator__code", "period_start", "pk"
        )

    def get_serializer(self, *args, **kwargs):
        if self.request is not None and not getattr(self, "swagger_fake_view", False):
            kwargs["indicators"] = selectors.indicators_visible_to(self.request.user)
        return super().get_serializer(*args, **kwargs)

    def _require_manager(self) -> None:
        self.check_gate()
        if not permissions.can_manage_dataset(self.request.user):
            raise PermissionDenied("Only the business unit can change the performance dataset.")

    def create(self, request, *args, **kwargs):
        self._require_manager()
        return super().create(request, *args, **kwargs)

    def update(self, request, *args, **kwargs):
        self.get_object()  # 404 outside the person's scope before any 403
        self._require_manager()
        return super().update(request, *args, **kwargs)

    def perform_create(self, serializer):
        self._save(IndicatorValue(**serializer.validated_data), serializer)

    def perform_update(self, serializer):
        value = serializer.instance
        for name, field_value in serializer.validated_data.items():
            setattr(value, name, field_value)
        self._save(value, serializer)

    def _save(self, value: IndicatorValue, serializer) -> None:
        try:
            serializer.instance = indicator_value_save(value=value, actor=self.request.user)
        except DomainError as exc:
            raise domain_error(exc) from exc
