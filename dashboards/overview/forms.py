"""The recurring themes filter: a range of partnership years and one source type."""

from __future__ import annotations

from django import forms
from django.utils import timezone

from partnership.models import SourceKind

from .. import periods
from .themes import ThemeFilters

YEARS_OFFERED = 10  # the year lists go back this many partnership years


def year_choices(today=None) -> list[tuple[str, str]]:
    current = periods.reporting_year(today or timezone.localdate())
    return [("", "Any year")] + [
        (str(y), periods.year_label(y)) for y in range(current, current - YEARS_OFFERED, -1)
    ]


class ThemeFilterForm(forms.Form):
    year_from = forms.TypedChoiceField(label="From", coerce=int, empty_value=None, required=False)
    year_to = forms.TypedChoiceField(label="To", coerce=int, empty_value=None, required=False)
    kind = forms.ChoiceField(
        label="Source of learning", required=False, choices=[("", "All sources"), *SourceKind.choices]
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        choices = year_choices()
        self.fields["year_from"].choices = choices
        self.fields["year_to"].choices = choices

    def clean(self):
        data = super().clean()
        low, high = data.get("year_from"), data.get("year_to")
        if low is not None and high is not None and low > high:
            self.add_error("year_to", "The last year must be the same as or after the first year")
        return data

    def filters(self) -> ThemeFilters:
        """The filters in force: none where the form is invalid (its errors are shown)."""
        if not self.is_valid():
            return ThemeFilters()
        data = self.cleaned_data
        return ThemeFilters(
            year_from=data.get("year_from"), year_to=data.get("year_to"), kind=data.get("kind") or ""
        )
