"""Filters for the lists of the partnership's organisation and people (django-filter).

A list view is "selector, then FilterSet": the selector decides what the person may see, the
filters only narrow it. Every list shows active records unless asked for inactive ones (the
machinery is in `base.py`).
"""

import django_filters
from django.db.models import OuterRef, Subquery

from ..models import (
    Agency,
    Area,
    Priority,
    PriorityAssessment,
    ProgressRating,
    Role,
    RoleAssignment,
    Subgroup,
    Theme,
    User,
)
from .base import RecordFilter, SearchFilter


class AreaFilter(RecordFilter):
    class Meta:
        model = Area
        fields = []


class AgencyFilter(SearchFilter):
    search_fields = ("name", "short_name")

    sector = django_filters.ChoiceFilter(choices=Agency.Sector.choices, empty_label="Any sector")
    partner_status = django_filters.ChoiceFilter(
        label="Statutory partner or relevant agency", choices=Agency.PartnerStatus.choices, empty_label="Any"
    )
    area = django_filters.ModelChoiceFilter(queryset=Area.objects.all(), empty_label="Any area")

    class Meta:
        model = Agency
        fields = []


class SubgroupFilter(SearchFilter):
    search_fields = ("name", "remit")

    class Meta:
        model = Subgroup
        fields = []


class ThemeFilter(SearchFilter):
    search_fields = ("name", "description")

    class Meta:
        model = Theme
        fields = []


NOT_ASSESSED = "not_assessed"


class PriorityFilter(RecordFilter):
    year = django_filters.ChoiceFilter(label="Reporting year", empty_label="Any year")
    progress = django_filters.ChoiceFilter(
        label="Progress",
        choices=[*ProgressRating.choices, (NOT_ASSESSED, "Not assessed")],
        empty_label="Any progress",
        method="filter_progress",
    )

    class Meta:
        model = Priority
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        years = Priority.objects.order_by("-year").values_list("year", flat=True).distinct()
        self.filters["year"].extra["choices"] = [(y, f"{y}/{str(y + 1)[-2:]}") for y in years]

    def filter_progress(self, queryset, name, value):
        """By the rating of each priority's latest progress assessment."""
        latest = PriorityAssessment.objects.filter(priority=OuterRef("pk")).order_by("-date", "-pk")
        queryset = queryset.annotate(_latest_rating=Subquery(latest.values("rating")[:1]))
        if value == NOT_ASSESSED:
            return queryset.filter(_latest_rating__isnull=True)
        return queryset.filter(_latest_rating=value)


class PersonFilter(SearchFilter):
    active_field = "is_active"
    search_fields = ("full_name", "email")

    agency = django_filters.ModelChoiceFilter(queryset=Agency.objects.all(), empty_label="Any agency")
    role = django_filters.ChoiceFilter(choices=Role.choices, empty_label="Any role", method="filter_role")

    class Meta:
        model = User
        fields = []

    def filter_role(self, queryset, name, value):
        return queryset.filter(pk__in=RoleAssignment.objects.filter(role=value).values("user_id"))
