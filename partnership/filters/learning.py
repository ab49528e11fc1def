"""Filters for the lists of sources of learning that the core keeps (consultations with children).

As everywhere, a list is "selector, then FilterSet": the selector decides what the person may
see, the filters only narrow it.
"""

import django_filters

from ..models import Consultation, Subgroup, Theme
from .base import search_words


class ConsultationFilter(django_filters.FilterSet):
    search = django_filters.CharFilter(label="Search", method="filter_search")
    method = django_filters.ChoiceFilter(
        label="How they took part", choices=Consultation.Method.choices, empty_label="Any way"
    )
    year = django_filters.ChoiceFilter(
        label="Year", field_name="date__year", empty_label="Any year", choices=[]
    )
    theme = django_filters.ModelChoiceFilter(
        label="Theme",
        field_name="themes",
        queryset=Theme.objects.all(),
        empty_label="Any theme",
        distinct=True,
    )
    subgroup = django_filters.ModelChoiceFilter(
        label="Subgroup", queryset=Subgroup.objects.all(), empty_label="Any subgroup"
    )

    search_fields = ("title", "topic", "group", "what_they_said", "what_changed")

    class Meta:
        model = Consultation
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        years = self.queryset.order_by().values_list("date__year", flat=True).distinct()
        self.filters["year"].extra["choices"] = [(y, str(y)) for y in sorted(set(years), reverse=True)]

    def filter_search(self, queryset, name, value):
        """Every word must appear in one of the searched fields."""
        return search_words(queryset, value, self.search_fields)
