"""Action plans and actions, scoped and filtered exactly as the pages' lists, and progress
updates posted through the same service and permission as the action's "Add a progress
update" page (`partnership.services.actions.action_add_update`, `can_update_action`)."""

from django.db.models import F
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.decorators import action as route
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.response import Response

from partnership import permissions, selectors
from partnership.filters.actions import ActionFilter, PlanFilter
from partnership.models import Action, ActionPlan, ActionUpdate
from partnership.services import DomainError
from partnership.services.actions import action_add_update

from ..serializers.actions import ActionPlanSerializer, ActionSerializer, ActionUpdateSerializer
from .base import ScopedReadOnlyViewSet


def domain_error(exc: DomainError) -> ValidationError:
    """A broken rule as a 400 naming the field concerned, in the service's own words."""
    return ValidationError({exc.field or "non_field_errors": [exc.message]})


class ActionPlanViewSet(ScopedReadOnlyViewSet):
    """Action plans, each with the counts of the actions the person may see."""

    queryset = ActionPlan.objects.none()
    serializer_class = ActionPlanSerializer
    filter_backends = [DjangoFilterBackend]
    filterset_class = PlanFilter
    csv_name = "action-plans"

    def scoped_queryset(self):
        return selectors.plans_visible_to(self.request.user)

    def filter_queryset(self, queryset):
        plans = super().filter_queryset(queryset)
        today = timezone.localdate()
        return selectors.plan_summaries(plans, today, user=self.request.user).order_by(
            F("start_date").desc(), "title", "pk"
        )


class ActionViewSet(ScopedReadOnlyViewSet):
    """Actions with their RAG; `POST /api/actions/{id}/updates/` records progress."""

    queryset = Action.objects.none()
    serializer_class = ActionSerializer
    filter_backends = [DjangoFilterBackend]
    filterset_class = ActionFilter
    csv_name = "actions"

    def scoped_queryset(self):
        return selectors.actions_visible_to(self.request.user).order_by("due_date", "pk")

    def paginate_queryset(self, queryset):
        """The page's ids by a lean query (its sort needs no joins and no RAG), then its rows:
        the database sorts thousands of narrow rows rather than wide ones."""
        ids = super().paginate_queryset(queryset.values_list("pk", flat=True))
        if ids is None:
            return None
        rows = queryset.in_bulk(ids)
        return [rows[pk] for pk in ids]

    def get_serializer_class(self):
        return ActionUpdateSerializer if self.action == "updates" else ActionSerializer

    def get_queryset(self):
        if self.action == "updates" and getattr(self, "swagger_fake_view", False):
            return ActionUpdate.objects.none()
        return super().get_queryset()

    @extend_schema(
        methods=["GET"],
        summary="An action's progress updates",
        responses=ActionUpdateSerializer(many=True),
    )
    @extend_schema(
        methods=["POST"],
        summary="Add a progress update to an action",
        description="For those who may update the action on its page (its owner agency's lead, its "
        "plan's subgroup, its lead, the business unit). Refused (400) when the action is closed, "
        "the date is in the future or the text is empty.",
        request=ActionUpdateSerializer,
        responses={201: ActionUpdateSerializer},
    )
    @route(detail=True, methods=["get", "post"], filter_backends=[], pagination_class=None)
    def updates(self, request, pk=None):
        found = get_object_or_404(
            selectors.actions_visible_to(request.user).select_related(None).select_related("plan"), pk=pk
        )
        if request.method == "GET":
            updates = found.updates.select_related("author").order_by("-date", "-pk")
            return Response(ActionUpdateSerializer(updates, many=True).data)
        if not permissions.can_update_action(request.user, found):
            raise PermissionDenied("You cannot update this action.")
        serializer = ActionUpdateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        try:
            update = action_add_update(
                action=found,
                text=data["text"],
                on=data.get("date"),
                new_status=data.get("new_status", ""),
                actor=request.user,
            )
        except DomainError as exc:
            raise domain_error(exc) from exc
        return Response(ActionUpdateSerializer(update).data, status=status.HTTP_201_CREATED)
