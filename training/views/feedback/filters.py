"""Filters of the impact examples list: programme year, course, theme, respondent, tagged."""

import django_filters
from django.db.models import Exists, OuterRef, Q

from partnership.models import Theme

from ...models import Course, FollowUp, Respondent, year_label

TAGGED = [("yes", "Tagged"), ("no", "Not tagged yet")]


def tagged_q() -> Q:
    """An example is tagged once it has a theme, an action or a finding."""
    has_theme = Exists(FollowUp.themes.through.objects.filter(followup_id=OuterRef("pk")))
    return Q(has_theme) | Q(action__isnull=False) | Q(finding__isnull=False)


class ImpactExampleFilter(django_filters.FilterSet):
    year = django_filters.ChoiceFilter(
        label="Programme year",
        field_name="attendee__session__course__programme__year",
        empty_label="Any year",
    )
    course = django_filters.ModelChoiceFilter(
        label="Course", field_name="attendee__session__course", queryset=Course.objects.none(),
        empty_label="Any course",
    )  # fmt: skip
    theme = django_filters.ModelChoiceFilter(
        label="Theme",
        field_name="themes",
        queryset=Theme.objects.all(),
        empty_label="Any theme",
        distinct=True,
    )
    respondent = django_filters.ChoiceFilter(
        label="Who answered", choices=Respondent.choices, empty_label="Participants and managers"
    )
    tagged = django_filters.ChoiceFilter(
        label="Tagged", choices=TAGGED, method="filter_tagged", empty_label="Tagged or not"
    )

    class Meta:
        model = FollowUp
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        base = self.queryset.order_by()
        years = sorted(
            set(base.values_list("attendee__session__course__programme__year", flat=True)), reverse=True
        )
        self.filters["year"].extra["choices"] = [(y, year_label(y)) for y in years]
        self.filters["course"].queryset = Course.objects.filter(
            pk__in=base.values("attendee__session__course_id")
        ).order_by("title")

    def filter_tagged(self, queryset, name, value):
        if value == "yes":
            return queryset.filter(tagged_q())
        if value == "no":
            return queryset.exclude(tagged_q())
        return queryset
