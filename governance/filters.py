"""The meetings list's filters: who meets, the year, and upcoming or past."""

import django_filters
from django.db.models import Q
from django.utils import timezone

from partnership.models import Subgroup

from .models import Body, Meeting, MeetingStatus

WHEN_CHOICES = [("upcoming", "Upcoming"), ("past", "Past")]


class MeetingFilter(django_filters.FilterSet):
    body = django_filters.ChoiceFilter(
        label="Who meets", choices=[], method="filter_body", empty_label="Everyone"
    )
    year = django_filters.ChoiceFilter(
        label="Year", field_name="date__year", empty_label="Any year", choices=[]
    )
    when = django_filters.ChoiceFilter(
        label="When", choices=WHEN_CHOICES, method="filter_when", empty_label="Any time"
    )
    status = django_filters.ChoiceFilter(
        label="Status", choices=MeetingStatus.choices, empty_label="Any status"
    )

    class Meta:
        model = Meeting
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        years = self.queryset.order_by().values_list("date__year", flat=True).distinct()
        self.filters["year"].extra["choices"] = [(y, str(y)) for y in sorted(set(years), reverse=True)]
        subgroups = Subgroup.objects.filter(pk__in=self.queryset.order_by().values("subgroup_id")).order_by(
            "name"
        )
        self.filters["body"].extra["choices"] = [
            (Body.EXECUTIVE, "The executive"),
            (Body.BOARD, "The board"),
            *[(f"subgroup-{s.pk}", s.name) for s in subgroups],
        ]

    def filter_body(self, queryset, name, value):
        if value.startswith("subgroup-"):
            return queryset.filter(body=Body.SUBGROUP, subgroup_id=value.removeprefix("subgroup-"))
        return queryset.filter(body=value)

    def filter_when(self, queryset, name, value):
        upcoming = Q(date__gte=timezone.localdate())
        return queryset.filter(upcoming) if value == "upcoming" else queryset.exclude(upcoming)
