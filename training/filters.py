"""Filters of the training lists (the public upcoming sessions and the impact examples among
them). They only narrow what the selector already allows: an agency
lead's attendance list starts from their own agency's attendees, so no filter can widen it."""

import datetime

import django_filters
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from partnership.models import Agency, Subgroup, Theme

from .models import (
    Attendee,
    Course,
    CourseFormat,
    CoverageReturn,
    FollowUp,
    Level,
    Need,
    NeedPriority,
    Programme,
    Provider,
    Respondent,
    Session,
    SessionStatus,
    programme_year_of,
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
        years.add(programme_year_of())
        self.filters["year"].extra["choices"] = [(y, year_label(y)) for y in sorted(years, reverse=True)]
        self.filters["agency"].queryset = Agency.objects.filter(
            Q(pk__in=self.queryset.values("agency_id"))
        ).order_by("name")


def _months(today: datetime.date, count: int = 12) -> list[tuple[str, str]]:
    months, year, month = [], today.year, today.month
    for _ in range(count):
        first = datetime.date(year, month, 1)
        months.append((f"{year}-{month:02d}", f"{first:%B %Y}"))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


class UpcomingSessionFilter(django_filters.FilterSet):
    """Filters of the public list: level, theme and month."""

    level = django_filters.ChoiceFilter(
        label="Level", field_name="course__level", choices=Level.choices, empty_label="Any level"
    )
    theme = django_filters.ModelChoiceFilter(
        label="Theme",
        field_name="course__themes",
        queryset=Theme.objects.none(),
        empty_label="Any theme",
        distinct=True,
    )
    month = django_filters.ChoiceFilter(label="Month", method="filter_month", empty_label="Any month")

    class Meta:
        model = Session
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["month"].extra["choices"] = _months(timezone.localdate())
        self.filters["theme"].queryset = (
            Theme.objects.filter(courses__sessions__in=self.queryset.values("pk")).distinct().order_by("name")
        )

    def filter_month(self, queryset, name, value):
        year, month = (int(part) for part in value.split("-"))
        return queryset.filter(starts_at__year=year, starts_at__month=month)


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
