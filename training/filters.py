"""Filters of the training lists. They only narrow what the selector already allows: an agency
lead's attendance list starts from their own agency's attendees, so no filter can widen it."""

import django_filters
from django.db.models import Q
from django.utils import timezone

from partnership.models import Agency, Subgroup, Theme

from .models import (
    Attendee,
    Course,
    CourseFormat,
    CoverageReturn,
    Level,
    Need,
    NeedPriority,
    Programme,
    Provider,
    Session,
    SessionStatus,
    year_label,
)


def programme_years() -> list[tuple[int, str]]:
    return [(y, year_label(y)) for y in Programme.objects.order_by("-year").values_list("year", flat=True)]


class ProgrammeFilter(django_filters.FilterSet):
    subgroup = django_filters.ModelChoiceFilter(
        label="Overseeing subgroup", queryset=Subgroup.objects.order_by("name"), empty_label="Any subgroup"
    )

    class Meta:
        model = Programme
        fields = []


class CourseFilter(django_filters.FilterSet):
    year = django_filters.ChoiceFilter(
        label="Programme year", field_name="programme__year", empty_label="Any year"
    )
    level = django_filters.ChoiceFilter(label="Level", choices=Level.choices, empty_label="Any level")
    format = django_filters.ChoiceFilter(
        label="Format", choices=CourseFormat.choices, empty_label="Any format"
    )
    theme = django_filters.ModelChoiceFilter(
        label="Theme", field_name="themes", queryset=Theme.objects.order_by("name"), empty_label="Any theme",
        distinct=True,
    )  # fmt: skip
    provider = django_filters.ChoiceFilter(
        label="Provider", choices=Provider.choices, empty_label="Any provider"
    )

    class Meta:
        model = Course
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["year"].extra["choices"] = programme_years()


WHEN_CHOICES = [("upcoming", "Upcoming"), ("past", "Past")]


class SessionFilter(django_filters.FilterSet):
    when = django_filters.ChoiceFilter(
        label="When", choices=WHEN_CHOICES, method="filter_when", empty_label="Any time"
    )
    course = django_filters.ModelChoiceFilter(
        label="Course", queryset=Course.objects.none(), empty_label="Any course"
    )
    level = django_filters.ChoiceFilter(
        label="Level", field_name="course__level", choices=Level.choices, empty_label="Any level"
    )
    year = django_filters.ChoiceFilter(
        label="Programme year", field_name="course__programme__year", empty_label="Any year"
    )
    status = django_filters.ChoiceFilter(
        label="Status", choices=SessionStatus.choices, empty_label="Any status"
    )

    class Meta:
        model = Session
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["year"].extra["choices"] = programme_years()
        self.filters["course"].queryset = Course.objects.select_related("programme").order_by(
            "-programme__year", "title"
        )

    def filter_when(self, queryset, name, value):
        now = timezone.now()
        if value == "upcoming":
            return queryset.filter(ends_at__gte=now)
        if value == "past":
            return queryset.filter(ends_at__lt=now)
        return queryset


class AttendanceFilter(django_filters.FilterSet):
    """Filters of attendance by agency (a filter on the attendees counted)."""

    year = django_filters.ChoiceFilter(
        label="Programme year", field_name="session__course__programme__year", empty_label="Any year"
    )
    course = django_filters.ModelChoiceFilter(
        label="Course", field_name="session__course", queryset=Course.objects.none(), empty_label="Any course"
    )
    level = django_filters.ChoiceFilter(
        label="Level", field_name="session__course__level", choices=Level.choices, empty_label="Any level"
    )

    class Meta:
        model = Attendee
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["year"].extra["choices"] = programme_years()
        self.filters["course"].queryset = Course.objects.select_related("programme").order_by(
            "-programme__year", "title"
        )


class NeedFilter(django_filters.FilterSet):
    agency = django_filters.ModelChoiceFilter(
        label="Agency", queryset=Agency.objects.none(), empty_label="Any agency"
    )
    level = django_filters.ChoiceFilter(label="Level", choices=Level.choices, empty_label="Any level")
    priority = django_filters.ChoiceFilter(
        label="Priority", choices=NeedPriority.choices, empty_label="Any priority"
    )
    theme = django_filters.ModelChoiceFilter(
        label="Theme", field_name="themes", queryset=Theme.objects.order_by("name"), empty_label="Any theme",
        distinct=True,
    )  # fmt: skip

    class Meta:
        model = Need
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Only the agencies whose needs the person may see are offered.
        self.filters["agency"].queryset = Agency.objects.filter(
            pk__in=self.queryset.values("agency_id")
        ).order_by("name")


class CoverageFilter(django_filters.FilterSet):
    year = django_filters.ChoiceFilter(label="Year", empty_label="Any year")
    level = django_filters.ChoiceFilter(label="Level", choices=Level.choices, empty_label="Any level")
    agency = django_filters.ModelChoiceFilter(
        label="Agency", queryset=Agency.objects.none(), empty_label="Any agency"
    )

    class Meta:
        model = CoverageReturn
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        years = set(self.queryset.order_by().values_list("year", flat=True).distinct())
        years.add(current_year())
        self.filters["year"].extra["choices"] = [(y, year_label(y)) for y in sorted(years, reverse=True)]
        self.filters["agency"].queryset = Agency.objects.filter(
            Q(pk__in=self.queryset.values("agency_id"))
        ).order_by("name")


def current_year(today=None) -> int:
    """The partnership year today falls in (it starts in REPORTING_YEAR_START_MONTH)."""
    from django.conf import settings

    today = today or timezone.localdate()
    return today.year if today.month >= settings.REPORTING_YEAR_START_MONTH else today.year - 1
