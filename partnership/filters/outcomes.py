"""Filters for the list of "did it stick?" checks: state, measure, subgroup and source kind
(selector, then FilterSet: `selectors.outcome_checks_visible_to` decides what is listed)."""

from datetime import timedelta

import django_filters
from django.db.models import Q
from django.utils import timezone

from ..models import CheckState, MeasureKind, SourceKind, Subgroup
from ..models.outcomes import overdue_days

STATES = [
    ("due_or_overdue", "Due or overdue"),
    (CheckState.DUE, CheckState.DUE.label),
    (CheckState.OVERDUE, CheckState.OVERDUE.label),
    (CheckState.SCHEDULED, "Scheduled, not yet due"),
    (CheckState.RECORDED, CheckState.RECORDED.label),
]


def state_q(value: str, today) -> Q:
    """The database form of `IntendedOutcome.check_state` for one state of the filter."""
    late = today - timedelta(days=overdue_days())
    pending = Q(result="", scheduled_on__isnull=False, check_on__isnull=False)
    return {
        "due_or_overdue": pending & Q(check_on__lte=today),
        CheckState.DUE: pending & Q(check_on__lte=today, check_on__gte=late),
        CheckState.OVERDUE: pending & Q(check_on__lt=late),
        CheckState.SCHEDULED: pending & Q(check_on__gt=today),
        CheckState.RECORDED: ~Q(result=""),
    }.get(value, Q())


class OutcomeCheckFilter(django_filters.FilterSet):
    state = django_filters.ChoiceFilter(
        label="State", choices=STATES, empty_label="Any", method="filter_state"
    )
    measure_kind = django_filters.ChoiceFilter(
        label="Measure", choices=MeasureKind.choices, empty_label="Any measure"
    )
    subgroup = django_filters.ModelChoiceFilter(
        label="Subgroup",
        field_name="source__subgroup",
        queryset=Subgroup.objects.all(),
        empty_label="Any subgroup",
    )
    kind = django_filters.ChoiceFilter(
        label="Source", field_name="source__kind", choices=SourceKind.choices, empty_label="Any source"
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["subgroup"].queryset = Subgroup.objects.filter(
            pk__in=self.queryset.order_by().values("source__subgroup")
        ).order_by("name")

    def filter_state(self, queryset, name, value):
        return queryset.filter(state_q(value, timezone.localdate())) if value else queryset
