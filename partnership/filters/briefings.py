"""Filters for the list of learning briefings: theme, format, channel, year, status, search.

As everywhere, the list is "selector, then FilterSet": `selectors.briefings_visible_to` decides
what the person may read (drafts only for the business unit and the partnership leads), the
filters only narrow it. The status filter is offered only to those who can see drafts.
"""

import django_filters

from .. import permissions
from ..models import Briefing, BriefingChannel, Theme
from ..models.briefings import channel_field
from .base import search_words


class BriefingFilter(django_filters.FilterSet):
    search = django_filters.CharFilter(label="Search", method="filter_search")
    theme = django_filters.ModelChoiceFilter(
        label="Theme",
        field_name="themes",
        queryset=Theme.objects.all(),
        empty_label="Any theme",
        distinct=True,
    )
    format = django_filters.ChoiceFilter(
        label="Format", choices=Briefing.Format.choices, empty_label="Any format"
    )
    channel = django_filters.ChoiceFilter(
        label="Channel", choices=BriefingChannel.choices, empty_label="Any channel", method="filter_channel"
    )
    year = django_filters.ChoiceFilter(
        label="Year published", field_name="published_on__year", empty_label="Any year", choices=[]
    )
    status = django_filters.ChoiceFilter(
        label="Status", choices=Briefing.Status.choices, empty_label="Any status"
    )

    search_fields = (
        "title",
        "background",
        "why_it_matters",
        "what_we_found",
        "what_to_do",
        "questions_for_practice",
        "further_reading",
    )

    class Meta:
        model = Briefing
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        years = (
            self.queryset.exclude(published_on=None).order_by().values_list("published_on__year", flat=True)
        )
        self.filters["year"].extra["choices"] = [(y, str(y)) for y in sorted(set(years), reverse=True)]
        if self.request is None or not permissions.can_view_draft_briefings(self.request.user):
            del self.filters["status"]

    def filter_channel(self, queryset, name, value):
        return queryset.filter(**{channel_field(value): True})

    def filter_search(self, queryset, name, value):
        """Every word must appear in one of the searched fields."""
        return search_words(queryset, value, self.search_fields)
