"""Filters for the performance dataset's lists (django-filter). As everywhere, a list is
"selector, then FilterSet": the selector decides what the person may see, filters narrow it."""

import django_filters
from django.db.models import Q

from partnership.models import Agency, Subgroup, Theme

from .models import DeepDive, Indicator
from .rag import DatasetRag
from .selectors import with_latest

SHOW_CHOICES = [
    ("active", "Reported indicators"),
    ("inactive", "No longer reported"),
    ("all", "All indicators"),
]


class IndicatorFilter(django_filters.FilterSet):
    search = django_filters.CharFilter(label="Search", method="filter_search")
    theme = django_filters.ModelChoiceFilter(
        label="Theme",
        field_name="themes",
        queryset=Theme.objects.all(),
        empty_label="Any theme",
        distinct=True,
    )
    source_agency = django_filters.ModelChoiceFilter(
        label="Source agency", queryset=Agency.objects.all(), empty_label="Any agency"
    )
    frequency = django_filters.ChoiceFilter(
        label="Frequency", choices=Indicator.Frequency.choices, empty_label="Any frequency"
    )
    rag = django_filters.ChoiceFilter(
        label="Latest RAG", choices=DatasetRag.choices, empty_label="Any RAG", method="filter_rag"
    )
    show = django_filters.ChoiceFilter(
        label="Show", choices=SHOW_CHOICES, empty_label=None, method="filter_show"
    )

    class Meta:
        model = Indicator
        fields = []

    def __init__(self, data=None, *args, **kwargs):
        if data is not None and data.get("show") not in dict(SHOW_CHOICES):
            data = data.copy()
            data["show"] = "active"
        super().__init__(data, *args, **kwargs)

    def filter_search(self, queryset, name, value):
        for word in value.split():
            queryset = queryset.filter(Q(code__icontains=word) | Q(title__icontains=word))
        return queryset

    def filter_show(self, queryset, name, value):
        return queryset if value == "all" else queryset.filter(active=value == "active")

    def filter_rag(self, queryset, name, value):
        """The RAG of each indicator's latest value is worked out by the one rule in `rag.py`,
        for the indicators still in the list (two queries, whatever their number)."""
        keep = [i.pk for i in with_latest(queryset.order_by()) if i.latest_rag == value]
        return queryset.filter(pk__in=keep)


class DatasetFilter(django_filters.FilterSet):
    theme = django_filters.ModelChoiceFilter(
        label="Theme",
        field_name="themes",
        queryset=Theme.objects.all(),
        empty_label="Any theme",
        distinct=True,
    )

    class Meta:
        model = Indicator
        fields = []


class DeepDiveFilter(django_filters.FilterSet):
    search = django_filters.CharFilter(label="Search", method="filter_search")
    subgroup = django_filters.ModelChoiceFilter(
        label="Subgroup", queryset=Subgroup.objects.all(), empty_label="Any subgroup"
    )
    theme = django_filters.ModelChoiceFilter(
        label="Theme",
        field_name="themes",
        queryset=Theme.objects.all(),
        empty_label="Any theme",
        distinct=True,
    )

    class Meta:
        model = DeepDive
        fields = []

    def filter_search(self, queryset, name, value):
        for word in value.split():
            queryset = queryset.filter(
                Q(title__icontains=word) | Q(scope__icontains=word) | Q(findings_summary__icontains=word)
            )
        return queryset
