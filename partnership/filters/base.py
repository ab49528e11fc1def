"""What the core's filters share: a search over several fields, and lists of records that
show active ones unless asked for the rest.
"""

import django_filters
from django.db.models import Q
from django.http import QueryDict


def search_words(queryset, value: str, fields: tuple[str, ...]):
    """Narrow `queryset` so that every word of `value` appears in one of `fields`."""
    for word in value.split():
        match = Q()
        for name in fields:
            match |= Q(**{f"{name}__icontains": word})
        queryset = queryset.filter(match)
    return queryset


STATUS_CHOICES = [
    ("active", "Active only"),
    ("inactive", "Inactive only"),
    ("all", "Active and inactive"),
]


class RecordFilter(django_filters.FilterSet):
    """What every list's filters share: active records by default, with a way to see the rest.

    `active_field` names the model's flag (people have `is_active`, other records `active`).
    The status filter is always shown last.
    """

    active_field = "active"

    status = django_filters.ChoiceFilter(
        label="Show", choices=STATUS_CHOICES, method="filter_status", empty_label=None
    )

    def __init__(self, data=None, *args, **kwargs):
        data = data.copy() if data is not None else QueryDict(mutable=True)
        if data.get("status") not in dict(STATUS_CHOICES):
            data["status"] = "active"
        super().__init__(data, *args, **kwargs)
        self.filters["status"] = self.filters.pop("status")

    def filter_status(self, queryset, name, value):
        if value == "all":
            return queryset
        return queryset.filter(**{self.active_field: value == "active"})


class SearchFilter(RecordFilter):
    """A record filter with a search box over `search_fields`; every word must match."""

    search_fields: tuple[str, ...] = ("name",)

    search = django_filters.CharFilter(label="Search", method="filter_search")

    def filter_search(self, queryset, name, value):
        return search_words(queryset, value, self.search_fields)
