"""Filters of the audits app's lists: Section 11 rounds and agencies' returns across rounds;
multi-agency audits, single-agency audits and inspections."""

import django_filters

from partnership.models import Agency, Theme

from .models import (
    AuditStatus,
    Framework,
    Inspection,
    Inspectorate,
    MultiAgencyAudit,
    Return,
    ReturnStatus,
    Round,
    RoundStatus,
    SingleAgencyAudit,
)

# --- Section 11 -------------------------------------------------------------------------------


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


# --- audits and inspections ---------------------------------------------------------------------


def _years(queryset, field: str) -> list[tuple[int, str]]:
    years = {y for y in queryset.order_by().values_list(f"{field}__year", flat=True).distinct() if y}
    return [(y, str(y)) for y in sorted(years, reverse=True)]


class AuditFilter(django_filters.FilterSet):
    year = django_filters.ChoiceFilter(
        label="Year planned", field_name="planned_on__year", empty_label="Any year"
    )
    theme = django_filters.ModelChoiceFilter(
        label="Theme",
        field_name="themes",
        queryset=Theme.objects.all(),
        empty_label="Any theme",
        distinct=True,
    )
    status = django_filters.ChoiceFilter(
        label="Status", choices=AuditStatus.choices, empty_label="Any status"
    )

    class Meta:
        model = MultiAgencyAudit
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["year"].extra["choices"] = _years(self.queryset, "planned_on")


class SingleAuditFilter(django_filters.FilterSet):
    agency = django_filters.ModelChoiceFilter(
        label="Agency", queryset=Agency.objects.all(), empty_label="Any agency"
    )
    year = django_filters.ChoiceFilter(
        label="Year reported", field_name="reported_on__year", empty_label="Any year"
    )
    theme = django_filters.ModelChoiceFilter(
        label="Theme",
        field_name="themes",
        queryset=Theme.objects.all(),
        empty_label="Any theme",
        distinct=True,
    )

    class Meta:
        model = SingleAgencyAudit
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["year"].extra["choices"] = _years(self.queryset, "reported_on")
        # Only the agencies whose audits the person may see are offered.
        self.filters["agency"].queryset = Agency.objects.filter(
            pk__in=self.queryset.values("agency_id")
        ).order_by("name")


class InspectionFilter(django_filters.FilterSet):
    inspectorate = django_filters.ChoiceFilter(
        label="Inspectorate", choices=Inspectorate.choices, empty_label="Any inspectorate"
    )
    agency = django_filters.ModelChoiceFilter(
        label="Agency inspected",
        field_name="agencies",
        queryset=Agency.objects.all(),
        empty_label="Any agency",
        distinct=True,
    )
    year = django_filters.ChoiceFilter(
        label="Year started", field_name="started_on__year", empty_label="Any year"
    )

    class Meta:
        model = Inspection
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["year"].extra["choices"] = _years(self.queryset, "started_on")
        self.filters["agency"].queryset = Agency.objects.order_by("name")
