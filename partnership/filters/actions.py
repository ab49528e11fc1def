"""Filters for the lists of action plans and actions (django-filter).

A list is "selector, then FilterSet": the selector decides what the person may see (an agency
lead's list already holds only their agency's actions), the filters only narrow it. The same
filters drive the CSV and Excel exports, so an export holds exactly what the page shows.
Filters that look across a relation (theme, agency) use a subquery, so that no row appears
twice and the plans' action counts stay right.
"""

import django_filters
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from .. import permissions
from ..models import (
    CLOSED_STATUSES,
    NOT_CLOSED_STATUSES,
    OPEN_STATUSES,
    Action,
    ActionPlan,
    ActionStatus,
    Agency,
    Finding,
    Rag,
    Recommendation,
    SourceKind,
    Subgroup,
    Theme,
)
from ..widgets import GovukDateFilter
from .base import search_words

DATE_HINT = "For example, 31 3 2026"


def _agencies(request):
    return Agency.objects.order_by("name")


def _subgroups(request):
    return Subgroup.objects.order_by("name")


def _themes(request):
    return Theme.objects.order_by("name")


class ActionFilter(django_filters.FilterSet):
    """The all-actions list: what each action is, whose it is, and how it is going."""

    search = django_filters.CharFilter(
        label="Search",
        method="filter_search",
        help_text="Words from the action, its plan or its lead",
    )
    source_type = django_filters.ChoiceFilter(
        label="Source type", field_name="plan__source__kind", choices=SourceKind.choices, empty_label="Any"
    )
    subgroup = django_filters.ModelChoiceFilter(
        label="Subgroup", field_name="plan__subgroup", queryset=_subgroups, empty_label="Any subgroup"
    )
    agency = django_filters.ModelChoiceFilter(
        label="Owner agency", field_name="owner_agency", queryset=_agencies, empty_label="Any agency"
    )
    status = django_filters.ChoiceFilter(
        label="Status", choices=ActionStatus.choices, empty_label="Any status"
    )
    rag = django_filters.ChoiceFilter(label="RAG", choices=Rag.choices, empty_label="Any RAG")
    overdue = django_filters.ChoiceFilter(
        label="Overdue",
        choices=[("yes", "Overdue only"), ("no", "Not overdue")],
        method="filter_overdue",
        empty_label="Overdue or not",
    )
    signoff = django_filters.ChoiceFilter(
        label="Sign-off",
        choices=[("mine", "Awaiting my sign-off")],
        method="filter_signoff",
        empty_label="Any",
        help_text="Actions reported done that you may accept or return",
    )
    theme = django_filters.ModelChoiceFilter(
        label="Theme", queryset=_themes, method="filter_theme", empty_label="Any theme"
    )
    due_from = GovukDateFilter(
        label="Due on or after", field_name="due_date", lookup_expr="gte", help_text=DATE_HINT
    )
    due_to = GovukDateFilter(
        label="Due on or before", field_name="due_date", lookup_expr="lte", help_text=DATE_HINT
    )

    class Meta:
        model = Action
        fields = []

    def __init__(self, *args, today=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today or timezone.localdate()

    def filter_search(self, queryset, name, value):
        return search_words(
            queryset,
            value,
            ("description", "success_measure", "plan__title", "lead_name", "lead_user__full_name"),
        )

    def filter_overdue(self, queryset, name, value):
        overdue = Q(status__in=OPEN_STATUSES, due_date__lt=self.today)
        return queryset.filter(overdue) if value == "yes" else queryset.exclude(overdue)

    def filter_signoff(self, queryset, name, value):
        """Actions awaiting sign-off by the person: every one for the business unit, those of
        the plans of the subgroups they chair for a chair, none for anyone else; never one they
        lead or reported done (another signs those off)."""
        user = getattr(self.request, "user", None)
        subgroups = permissions.signs_off_for(user)
        awaiting = queryset.filter(status=ActionStatus.AWAITING_SIGNOFF).exclude(
            permissions.own_actions_q(user)
        )
        return awaiting if subgroups is None else awaiting.filter(plan__subgroup_id__in=subgroups)

    def filter_theme(self, queryset, name, value: int):  # the theme's id in the URL (and API schema)
        tagged = Recommendation.themes.through.objects.filter(theme=value).values("recommendation_id")
        return queryset.filter(recommendation_id__in=tagged)


PLAN_STATUS_CHOICES = [
    ("open", "Open: at least one action not yet complete or cancelled"),
    ("closed", "Closed: every action complete or cancelled"),
    ("none", "No actions yet"),
]


class PlanFilter(django_filters.FilterSet):
    """The action plans list: where each plan's learning came from and how far it has got."""

    search = django_filters.CharFilter(label="Search plan titles", method="filter_search")
    source_type = django_filters.ChoiceFilter(
        label="Source type", field_name="source__kind", choices=SourceKind.choices, empty_label="Any"
    )
    subgroup = django_filters.ModelChoiceFilter(
        label="Subgroup", field_name="subgroup", queryset=_subgroups, empty_label="Any subgroup"
    )
    agency = django_filters.ModelChoiceFilter(
        label="Agency",
        queryset=_agencies,
        method="filter_agency",
        empty_label="Any agency",
        help_text="Plans with an action this agency owns",
    )
    status = django_filters.ChoiceFilter(
        label="Status", choices=PLAN_STATUS_CHOICES, method="filter_status", empty_label="Any status"
    )
    theme = django_filters.ModelChoiceFilter(
        label="Theme",
        queryset=_themes,
        method="filter_theme",
        empty_label="Any theme",
        help_text="From the source's findings and recommendations",
    )

    class Meta:
        model = ActionPlan
        fields = []

    def filter_search(self, queryset, name, value):
        return search_words(queryset, value, ("title",))

    def filter_agency(self, queryset, name, value: int):  # the agency's id in the URL (and API schema)
        return queryset.filter(Exists(Action.objects.filter(plan=OuterRef("pk"), owner_agency=value)))

    def filter_status(self, queryset, name, value):
        actions = Action.objects.filter(plan=OuterRef("pk"))
        # An action awaiting sign-off is not closed: its plan is still open.
        has_open = Exists(actions.filter(status__in=NOT_CLOSED_STATUSES))
        if value == "open":
            return queryset.filter(has_open)
        if value == "closed":
            return queryset.filter(Exists(actions.filter(status__in=CLOSED_STATUSES)), ~has_open)
        return queryset.filter(~Exists(actions))

    def filter_theme(self, queryset, name, value: int):  # the theme's id in the URL (and API schema)
        found = Finding.themes.through.objects.filter(theme=value).values("finding__source_id")
        recommended = Recommendation.themes.through.objects.filter(theme=value).values(
            "recommendation__source_id"
        )
        return queryset.filter(Q(source_id__in=found) | Q(source_id__in=recommended))
