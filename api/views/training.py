"""Training: courses and sessions for those who may open training (those who oversee it and
agency leads; others get a 403, as on the pages), and the programme year's figures from
`training.analysis.summary.training_summary`, which limits an agency lead to their own agency's staff."""

from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.exceptions import PermissionDenied

from training import permissions, selectors
from training.filters import SessionFilter
from training.models import Course, Level, Session, programme_year_of
from training.selectors import training_summary

from ..filters import ApiCourseFilter
from ..serializers.training import GROUPS, CourseSerializer, FiguresRowSerializer, SessionSerializer
from .base import CsvListMixin, ScopedReadOnlyViewSet


class CourseViewSet(ScopedReadOnlyViewSet):
    """Training courses of every programme year."""

    queryset = Course.objects.none()
    serializer_class = CourseSerializer
    gate = staticmethod(permissions.can_view_training)
    filter_backends = [DjangoFilterBackend]
    filterset_class = ApiCourseFilter
    csv_name = "training-courses"

    def scoped_queryset(self):
        return selectors.courses_visible_to(self.request.user).order_by("-programme__year", "title", "pk")


class SessionViewSet(ScopedReadOnlyViewSet):
    """Training sessions, with the places taken and the waiting list."""

    queryset = Session.objects.none()
    serializer_class = SessionSerializer
    gate = staticmethod(permissions.can_view_training)
    filter_backends = [DjangoFilterBackend]
    filterset_class = SessionFilter
    csv_name = "training-sessions"

    def scoped_queryset(self):
        return selectors.sessions_visible_to(self.request.user).order_by("starts_at", "pk")


class FiguresQuery(serializers.Serializer):
    year = serializers.IntegerField(required=False, min_value=2000, max_value=2100)
    group = serializers.ChoiceField(choices=GROUPS, required=False)
    course = serializers.IntegerField(required=False, min_value=1, max_value=2**31 - 1)
    level = serializers.ChoiceField(choices=Level.choices, required=False)
    agency = serializers.IntegerField(required=False, min_value=1, max_value=2**31 - 1)


@extend_schema(
    parameters=[
        OpenApiParameter(
            "year",
            OpenApiTypes.INT,
            description="Programme year: 2026 is April 2026 to March 2027. Default: the current one.",
        ),
        OpenApiParameter("group", OpenApiTypes.STR, enum=list(GROUPS), description="Only these lines."),
        OpenApiParameter("course", OpenApiTypes.INT, description="Only this course."),
        OpenApiParameter("level", OpenApiTypes.INT, enum=list(Level.values), description="Only this level."),
        OpenApiParameter("agency", OpenApiTypes.INT, description="Only this agency's staff."),
    ]
)
class TrainingFiguresViewSet(CsvListMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    """A programme year's training figures: the year overall, then by course, level and agency
    (Kirkpatrick: attendance, evaluations, confidence, three-month follow-ups, impact examples)."""

    queryset = Course.objects.none()
    serializer_class = FiguresRowSerializer
    csv_name = "training-figures"

    def list(self, request, *args, **kwargs):
        if not permissions.can_view_training(request.user):
            raise PermissionDenied("You do not have access to training.")
        query = FiguresQuery(data=request.query_params)
        query.is_valid(raise_exception=True)
        q = query.validated_data
        year = q.get("year") or programme_year_of()
        summary = training_summary(
            year, user=request.user, course=q.get("course"), level=q.get("level"), agency=q.get("agency")
        )
        rows = [
            {
                "group": "overall",
                "key": None,
                "label": "All training",
                "level": None,
                **summary.overall.as_dict(),
            }
        ]
        for group, lines in (
            ("course", summary.by_course),
            ("level", summary.by_level),
            ("agency", summary.by_agency),
        ):
            rows.extend({"group": group, **line.as_dict()} for line in lines)
        if group := q.get("group"):
            rows = [r for r in rows if r["group"] == group]
        for row in rows:
            row["year"] = year
            if row["group"] == "level":
                row["level"] = row["key"]
        if self.is_csv():
            return self.csv_response(rows)
        page = self.paginate_queryset(rows)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)
