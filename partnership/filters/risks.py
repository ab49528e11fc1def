"""Filters for the list of risks flagged: agency, state and search (selector, then FilterSet).

The agency filter offers only the agencies of the flags the person may see (as the agency told
or the safeguarding partner), so the list never names an agency it would not show."""

import django_filters
from django.db.models import Q
from django.utils import timezone

from ..models import Agency
from ..models.responses import ResponseState

STATES = ResponseState.choices


class RiskFlagFilter(django_filters.FilterSet):
    agency = django_filters.ModelChoiceFilter(
        label="Agency", queryset=Agency.objects.all(), empty_label="Any agency", method="filter_agency"
    )
    state = django_filters.ChoiceFilter(
        label="State", choices=STATES, empty_label="Any", method="filter_state"
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        flags = self.queryset.order_by()
        shown = Q(pk__in=flags.values("agency")) | Q(pk__in=flags.values("partner"))
        self.filters["agency"].queryset = Agency.objects.filter(shown).order_by("name")

    def filter_agency(self, queryset, name, value):
        return queryset.filter(Q(agency=value) | Q(partner=value)) if value else queryset

    def filter_state(self, queryset, name, value):
        today = timezone.localdate()
        if value == ResponseState.RECEIVED:
            return queryset.filter(response_received_on__isnull=False)
        if value == ResponseState.OVERDUE:
            return queryset.filter(response_received_on__isnull=True, response_due_on__lt=today)
        if value == ResponseState.AWAITED:
            return queryset.filter(response_received_on__isnull=True, response_due_on__gte=today)
        return queryset
