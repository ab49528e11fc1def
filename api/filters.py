"""Filters for the API lists whose pages have no FilterSet of their own (Section 11 returns,
case reviews, indicator values). The other lists use their pages' FilterSets unchanged. As on
the pages, a filter only narrows what the selector already allows."""

import django_filters

from audits.models import Return, ReturnStatus, Round
from dashboards.models import Indicator, IndicatorValue
from partnership.models import Agency
from reviews.models import Review, ReviewKind, Stage
from training.filters import CourseFilter


class ReturnFilter(django_filters.FilterSet):
    round = django_filters.ModelChoiceFilter(queryset=Round.objects.all())
    agency = django_filters.ModelChoiceFilter(queryset=Agency.objects.all())
    status = django_filters.ChoiceFilter(choices=ReturnStatus.choices)

    class Meta:
        model = Return
        fields = []


class ReviewFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(choices=ReviewKind.choices)
    stage = django_filters.ChoiceFilter(choices=Stage.choices)
    opened_from = django_filters.DateFilter(field_name="opened_on", lookup_expr="gte")
    opened_to = django_filters.DateFilter(field_name="opened_on", lookup_expr="lte")

    class Meta:
        model = Review
        fields = []


class IndicatorValueFilter(django_filters.FilterSet):
    indicator = django_filters.ModelChoiceFilter(queryset=Indicator.objects.all())
    period_from = django_filters.DateFilter(field_name="period_start", lookup_expr="gte")
    period_to = django_filters.DateFilter(field_name="period_start", lookup_expr="lte")

    class Meta:
        model = IndicatorValue
        fields = []


class ApiCourseFilter(CourseFilter):
    """The courses page's filters, with `format` (the course's format) renamed `course_format`:
    in the API, `?format=` chooses JSON or CSV."""

    class Meta(CourseFilter.Meta):
        pass


ApiCourseFilter.base_filters["course_format"] = ApiCourseFilter.base_filters.pop("format")
