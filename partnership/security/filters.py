"""Filters for the security log (django-filter): what happened, to whom, and when.

The same filters drive the CSV export, so a download holds exactly what the page lists.
"""

import django_filters
from django.contrib.auth import get_user_model
from django.db.models import Q

from ..models import SecurityEvent, SecurityEventKind
from ..widgets import GovukDateFilter

DATE_HINT = "For example, 31 3 2026"


def _people(request):
    return get_user_model().objects.order_by("full_name", "email")


class SecurityEventFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(
        label="What happened", choices=SecurityEventKind.choices, empty_label="Anything"
    )
    person = django_filters.ModelChoiceFilter(label="Person", queryset=_people, empty_label="Anyone")
    search = django_filters.CharFilter(
        label="Search",
        method="filter_search",
        help_text="An email address tried, an IP address, or words from the page or detail",
    )
    date_from = GovukDateFilter(
        label="On or after", field_name="at", lookup_expr="date__gte", help_text=DATE_HINT
    )
    date_to = GovukDateFilter(
        label="On or before", field_name="at", lookup_expr="date__lte", help_text=DATE_HINT
    )

    class Meta:
        model = SecurityEvent
        fields = []

    def filter_search(self, queryset, name, value):
        for word in value.split():
            queryset = queryset.filter(
                Q(email__icontains=word)
                | Q(ip_address__startswith=word)
                | Q(path__icontains=word)
                | Q(detail__icontains=word)
            )
        return queryset
