"""Filters for the lists of case reviews, the clock board, the access log, serious incident
notifications and reviews published elsewhere (django-filter, or a form with `filter()`).

A list is "selector, then FilterSet": `selectors.reviews_visible_to` decides what the person
may see, the filters only narrow it. A review's clocks are computed (working days, bank
holidays), not stored, so the clock-state filter is applied in Python by the list view over the
filtered reviews (`ReviewFilter.clock_state`); every other filter is a query. Filters that look
across a relation (theme, agency) use a subquery, so that no review appears twice.
"""

import django_filters
from django import forms
from django.conf import settings
from django.db.models import Q

from partnership.models import Agency, Area, Finding, Recommendation, Theme, User
from partnership.widgets import GovukDateFilter, govuk_formfield

from .clocks import State
from .models import (
    ExternalReview,
    IncidentKind,
    Notification,
    Referral,
    ReferralRoute,
    Review,
    ReviewAccess,
    ReviewKind,
    ScreeningDecision,
    Stage,
)

DATE_HINT = "For example, 31 3 2026"
YES_NO = [("yes", "Yes"), ("no", "No")]

# The list's tabs: each kind that has its own heading, and "other" for the rest.
OTHER_KINDS = (ReviewKind.NATIONAL_CSPR, ReviewKind.AGENCY_REVIEW, ReviewKind.THEMATIC)
KIND_TABS = [
    ("", "All", "All case reviews"),
    (ReviewKind.RAPID_REVIEW, "Rapid Reviews", "Rapid Reviews"),
    (ReviewKind.LCSPR, "LCSPRs", "Local Child Safeguarding Practice Reviews"),
    (ReviewKind.DHR, "DHRs", "Domestic Homicide Reviews"),
    (ReviewKind.LEARNING_REVIEW, "Learning reviews", "Local learning reviews"),
    ("other", "Other", "Other reviews"),
]
KIND_CHOICES = [*ReviewKind.choices, ("other", "Other (national, agency and thematic reviews)")]

# Clock states of a review as a whole (see `review_clock_state`).
CLOCK_OVERDUE, CLOCK_RUNNING, CLOCK_MET, CLOCK_MISSED = "overdue", "running", "met", "missed"
CLOCK_STATE_CHOICES = [
    (CLOCK_OVERDUE, "A clock overdue"),
    (CLOCK_RUNNING, "Clocks running, none overdue"),
    (CLOCK_MET, "All clocks met"),
    (CLOCK_MISSED, "A clock missed"),
]


def review_clock_states(clocks, today) -> set[str]:
    """Which of the clock-state filter's choices a review with these clocks matches."""
    states = [clock.state(today) for clock in clocks]
    matches = set()
    if State.OVERDUE in states:
        matches.add(CLOCK_OVERDUE)
    elif State.RUNNING in states:
        matches.add(CLOCK_RUNNING)
    if states and all(state == State.MET for state in states):
        matches.add(CLOCK_MET)
    if State.MISSED in states:
        matches.add(CLOCK_MISSED)
    return matches


def _years(request=None):
    years = Review.objects.dates("opened_on", "year", order="DESC")
    return [(d.year, str(d.year)) for d in years]


def _agencies(request):
    return Agency.objects.order_by("name")


def _themes(request):
    return Theme.objects.order_by("name")


class ReviewFilter(django_filters.FilterSet):
    """The case reviews list: what kind, how far it has got, its clocks, themes, year, agencies."""

    search = django_filters.CharFilter(
        label="Search", method="filter_search", help_text="Reference or pseudonym"
    )
    kind = django_filters.ChoiceFilter(
        label="Kind of review", choices=KIND_CHOICES, method="filter_kind", empty_label="Any kind"
    )
    stage = django_filters.ChoiceFilter(label="Stage", choices=Stage.choices, empty_label="Any stage")
    clock = django_filters.ChoiceFilter(
        label="Clocks",
        choices=CLOCK_STATE_CHOICES,
        method="filter_clock",
        empty_label="Any clock state",
    )
    theme = django_filters.ModelChoiceFilter(
        label="Theme",
        queryset=_themes,
        method="filter_theme",
        empty_label="Any theme",
        help_text="From the review's findings and recommendations",
    )
    year = django_filters.ChoiceFilter(
        label="Year opened", choices=_years, method="filter_year", empty_label="Any year"
    )
    agency = django_filters.ModelChoiceFilter(
        label="Agency involved",
        queryset=_agencies,
        method="filter_agency",
        empty_label="Any agency",
        help_text="Named in the serious incident notification",
    )

    class Meta:
        model = Review
        fields = []

    @property
    def clock_state(self) -> str:
        """The clock-state choice, which the view applies once the clocks are computed."""
        form = self.form
        return form.cleaned_data.get("clock") or "" if form.is_valid() else ""

    def filter_search(self, queryset, name, value):
        for word in value.split():
            queryset = queryset.filter(Q(reference__icontains=word) | Q(title__icontains=word))
        return queryset

    def filter_kind(self, queryset, name, value):
        if value == "other":
            return queryset.filter(kind__in=OTHER_KINDS)
        return queryset.filter(kind=value)

    def filter_clock(self, queryset, name, value):
        return queryset  # applied in Python by the view: clocks are computed, not stored

    def filter_year(self, queryset, name, value):
        return queryset.filter(opened_on__year=int(value))

    def filter_theme(self, queryset, name, value):
        found = Finding.themes.through.objects.filter(theme=value).values("finding__source_id")
        recommended = Recommendation.themes.through.objects.filter(theme=value).values(
            "recommendation__source_id"
        )
        return queryset.filter(Q(learning_source_id__in=found) | Q(learning_source_id__in=recommended))

    def filter_agency(self, queryset, name, value):
        involved = Notification.agencies.through.objects.filter(agency=value).values("notification_id")
        return queryset.filter(notification_id__in=involved)


def _clock_choices():
    return [(key, rule["name"]) for key, rule in settings.REVIEW_CLOCKS.items()]


class ClockBoardFilterForm(forms.Form):
    """The clock board's filters: which statutory clock, and running or overdue."""

    hide_optional = True

    clock = forms.ChoiceField(label="Clock", required=False)
    state = forms.ChoiceField(
        label="State",
        required=False,
        choices=[("", "Running or overdue"), (State.RUNNING, "Running"), (State.OVERDUE, "Overdue")],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["clock"].choices = [("", "Any clock"), *_clock_choices()]

    def apply(self, pairs, today):
        """The (review, clock) pairs that match the chosen clock and state."""
        if not self.is_valid():
            return pairs
        key, state = self.cleaned_data["clock"], self.cleaned_data["state"]
        return [
            (review, clock)
            for review, clock in pairs
            if (not key or clock.key == key) and (not state or clock.state(today) == state)
        ]


class AccessLogFilter(django_filters.FilterSet):
    """The access log: which review, who, and when."""

    review = django_filters.ModelChoiceFilter(
        label="Review",
        queryset=lambda request: Review.objects.order_by("reference"),
        empty_label="Any review",
    )
    user = django_filters.ModelChoiceFilter(
        label="Person",
        queryset=lambda request: User.objects.filter(pk__in=ReviewAccess.objects.values("user_id")).order_by(
            "full_name"
        ),
        empty_label="Anyone",
    )
    date_from = GovukDateFilter(label="From", field_name="at", lookup_expr="date__gte", help_text=DATE_HINT)
    date_to = GovukDateFilter(label="To", field_name="at", lookup_expr="date__lte", help_text=DATE_HINT)

    class Meta:
        model = ReviewAccess
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["review"].field.label_from_instance = lambda r: f"{r.reference}: {r.title}"


class NotificationFilterForm(forms.Form):
    """The notification list's filters; everything optional."""

    year = forms.TypedChoiceField(label="Year became aware", coerce=int, required=False)
    incident = forms.ChoiceField(label="What happened", required=False)
    area = forms.ModelChoiceField(queryset=Area.objects.all(), required=False, empty_label="All areas")
    has_rapid_review = forms.ChoiceField(label="Has a Rapid Review", required=False)

    def __init__(self, *args, years=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [("", "All years"), *((y, str(y)) for y in years)]
        self.fields["incident"].choices = [("", "Deaths and serious harm"), *IncidentKind.choices]
        self.fields["has_rapid_review"].choices = [("", "Either"), *YES_NO]

    def filter(self, queryset):
        if not self.is_valid():
            return queryset
        data = self.cleaned_data
        if data.get("year"):
            queryset = queryset.filter(became_aware_on__year=data["year"])
        if data.get("incident"):
            queryset = queryset.filter(incident=data["incident"])
        if data.get("area"):
            queryset = queryset.filter(area=data["area"])
        if data.get("has_rapid_review"):
            has = Q(reviews__kind=Review.Kind.RAPID_REVIEW)
            rapid = Notification.objects.filter(has).values("pk")
            queryset = (
                queryset.filter(pk__in=rapid)
                if data["has_rapid_review"] == "yes"
                else queryset.exclude(pk__in=rapid)
            )
        return queryset


class ExternalReviewFilter(django_filters.FilterSet):
    """The list of reviews published elsewhere: by theme, year published and words."""

    search = django_filters.CharFilter(
        label="Search", method="filter_search", help_text="Words from the title, publisher or learning"
    )
    theme = django_filters.ModelChoiceFilter(
        label="Theme", field_name="themes", queryset=Theme.objects.order_by("name"), empty_label="Any theme",
        distinct=True,
    )  # fmt: skip
    year = django_filters.ChoiceFilter(
        label="Year published", field_name="published_on__year", empty_label="Any year", choices=[]
    )

    search_fields = ("title", "published_by", "summary")

    class Meta:
        model = ExternalReview
        formfield_callback = govuk_formfield
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        years = self.queryset.order_by().values_list("published_on__year", flat=True).distinct()
        self.filters["year"].extra["choices"] = [(y, str(y)) for y in sorted(set(years), reverse=True)]

    def filter_search(self, queryset, name, value):
        """Every word must appear in one of the searched fields."""
        for word in value.split():
            match = Q()
            for field in self.search_fields:
                match |= Q(**{f"{field}__icontains": word})
            queryset = queryset.filter(match)
        return queryset


AWAITING = "awaiting"
REFERRAL_STATUS_CHOICES = [(AWAITING, "Awaiting screening"), *ScreeningDecision.choices]


class ReferralFilter(django_filters.FilterSet):
    """The referrals for a learning review: by status, who referred, agency, year and words."""

    status = django_filters.ChoiceFilter(
        label="Status", choices=REFERRAL_STATUS_CHOICES, method="filter_status", empty_label="Any status"
    )
    route = django_filters.ChoiceFilter(
        label="Who referred", choices=ReferralRoute.choices, empty_label="Anyone"
    )
    agency = django_filters.ModelChoiceFilter(label="Agency", queryset=_agencies, empty_label="Any agency")
    year = django_filters.ChoiceFilter(
        label="Year referred", field_name="referred_on__year", empty_label="Any year", choices=[]
    )
    search = django_filters.CharFilter(
        label="Search", method="filter_search", help_text="Pseudonym or who referred"
    )

    class Meta:
        model = Referral
        formfield_callback = govuk_formfield
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        years = self.queryset.order_by().values_list("referred_on__year", flat=True).distinct()
        self.filters["year"].extra["choices"] = [(y, str(y)) for y in sorted(set(years), reverse=True)]

    def filter_status(self, queryset, name, value):
        return queryset.filter(decision="" if value == AWAITING else value)

    def filter_search(self, queryset, name, value):
        for word in value.split():
            queryset = queryset.filter(Q(pseudonym__icontains=word) | Q(referrer__icontains=word))
        return queryset
