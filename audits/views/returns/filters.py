"""Filters of the Section 11 lists: rounds, and agencies' returns across rounds."""

import django_filters

from partnership.models import Agency

from ...models import Framework, Return, ReturnStatus, Round, RoundStatus


class RoundFilter(django_filters.FilterSet):
    framework = django_filters.ModelChoiceFilter(
        label="Framework", queryset=Framework.objects.all(), empty_label="Any framework"
    )
    year = django_filters.ChoiceFilter(label="Year", empty_label="Any year")
    status = django_filters.ChoiceFilter(
        label="Status", choices=RoundStatus.choices, empty_label="Any status"
    )

    class Meta:
        model = Round
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        years = sorted(set(self.queryset.order_by().values_list("year", flat=True)), reverse=True)
        self.filters["year"].extra["choices"] = [(y, str(y)) for y in years]
        self.filters["framework"].queryset = Framework.objects.filter(
            pk__in=self.queryset.values("framework_id")
        ).order_by("name")


class ReturnFilter(django_filters.FilterSet):
    """Only the rounds and agencies of the returns the person may see are offered."""

    round = django_filters.ModelChoiceFilter(
        label="Round", queryset=Round.objects.all(), empty_label="Any round"
    )
    agency = django_filters.ModelChoiceFilter(
        label="Agency", queryset=Agency.objects.all(), empty_label="Any agency"
    )
    status = django_filters.ChoiceFilter(
        label="Status", choices=ReturnStatus.choices, empty_label="Any status"
    )

    class Meta:
        model = Return
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["round"].queryset = Round.objects.filter(
            pk__in=self.queryset.values("round_id")
        ).order_by("-year", "-pk")
        self.filters["agency"].queryset = Agency.objects.filter(
            pk__in=self.queryset.values("agency_id")
        ).order_by("name")
