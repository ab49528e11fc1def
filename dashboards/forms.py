"""Forms for the performance dataset: indicators, values typed in by hand, the import upload
and deep dives. Forms parse and say what is missing; the rules are the services' and the
models' (a period start, a percentage at most 100), shown next to the field they are about."""

from __future__ import annotations

import datetime

from dateutil.relativedelta import relativedelta
from django import forms
from django.utils import timezone

from partnership.forms.learning import ThemesField, active_or_current, current_ids
from partnership.forms.organisation import PrioritiesField
from partnership.models import Agency, Subgroup, Theme
from partnership.widgets import GovukDateInput, govuk_formfield

from . import periods
from .models import DeepDive, Indicator, IndicatorValue, PriorityMeasure
from .services import dataset_import

YEARS_OFFERED = 5  # how far back the period list of a hand-entered value goes


class IndicatorForm(forms.ModelForm):
    unit = forms.ChoiceField(
        label="Unit", choices=Indicator.Unit.choices, widget=forms.RadioSelect,
        error_messages={"required": "Choose the unit the indicator is measured in"},
    )  # fmt: skip
    frequency = forms.ChoiceField(
        label="How often is it reported?", choices=Indicator.Frequency.choices, widget=forms.RadioSelect,
        error_messages={"required": "Choose how often the indicator is reported"},
    )  # fmt: skip
    higher_is_better = forms.TypedChoiceField(
        label="Which way is better?", choices=[("True", "Higher is better"), ("False", "Lower is better")],
        coerce=lambda v: v == "True", widget=forms.RadioSelect,
        error_messages={"required": "Choose whether a higher or a lower value is better"},
    )  # fmt: skip
    themes = ThemesField(help_text="Select all that apply: the dataset page can be filtered by theme.")
    priorities = PrioritiesField()

    class Meta:
        model = Indicator
        fields = ["code", "title", "description", "source_agency", "unit", "frequency", "higher_is_better",
                  "target", "themes", "priorities", "active"]  # fmt: skip
        labels = {"source_agency": "Source agency", "active": "Report this indicator"}
        help_texts = {
            "target": "The partnership's target, in the indicator's unit. Leave empty for no target: its RAG is then grey.",
            "active": "Untick to stop reporting it. Its values are kept.",
        }
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}
        error_messages = {
            "code": {"required": "Enter a code for the indicator"},
            "title": {"required": "Enter the indicator's title"},
            "target": {"invalid": "Enter the target as a number, for example 85 or 512.5"},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        current = [self.instance.source_agency_id] if self.instance.source_agency_id else []
        self.fields["source_agency"].queryset = active_or_current(Agency, current).order_by("name")
        self.fields["source_agency"].empty_label = "Partnership-wide"
        self.fields["themes"].queryset = active_or_current(Theme, current_ids(self.instance, "themes"))
        self.initial.setdefault("higher_is_better", str(self.instance.higher_is_better))
        self.fields["priorities"].offer(self.instance)


def period_choices(indicator: Indicator, current: datetime.date | None, today: datetime.date) -> list:
    """The periods of the last YEARS_OFFERED years, newest first, and the value's own period."""
    step = relativedelta(months=periods.MONTHS_IN[indicator.frequency])
    start = periods.period_start(today, indicator.frequency)
    oldest = start - relativedelta(years=YEARS_OFFERED)
    starts = []
    while start > oldest:
        starts.append(start)
        start -= step
    if current and current not in starts:
        starts.append(current)
        starts.sort(reverse=True)
    return [(s.isoformat(), periods.period_label(s, indicator.frequency)) for s in starts]


class IndicatorValueForm(forms.ModelForm):
    period_start = forms.TypedChoiceField(
        label="Period", coerce=datetime.date.fromisoformat,
        error_messages={"required": "Choose the period the value is for"},
    )  # fmt: skip

    class Meta:
        model = IndicatorValue
        fields = ["period_start", "value", "national", "statistical_neighbours", "note"]
        labels = {"national": "England", "statistical_neighbours": "Statistical neighbours"}
        help_texts = {
            "national": "The England figure for the same period, if published.",
            "statistical_neighbours": "The average of the partnership's statistical neighbours, if known.",
        }
        widgets = {"note": forms.Textarea(attrs={"rows": 3})}
        error_messages = {
            "value": {
                "required": "Enter the value",
                "invalid": "Enter the value as a number, for example 23.5",
            },
            "national": {"invalid": "Enter the England figure as a number, for example 23.5"},
            "statistical_neighbours": {"invalid": "Enter the statistical neighbours' figure as a number"},
        }

    def __init__(self, *args, indicator: Indicator, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.indicator = indicator
        unit = indicator.get_unit_display().lower()
        self.fields["value"].help_text = f"In the indicator's unit ({unit})."
        self.fields["period_start"].choices = period_choices(
            indicator, self.instance.period_start, timezone.localdate()
        )
        if self.instance.period_start:
            self.initial["period_start"] = self.instance.period_start.isoformat()


class ValuesImportForm(forms.Form):
    file = forms.FileField(
        label="Upload a file",
        help_text=f"A CSV (UTF-8) or Excel (.xlsx) file of up to {dataset_import.MAX_ROWS:,} values",
        error_messages={"required": "Select a CSV or Excel file to import"},
    )


class DeepDiveForm(forms.ModelForm):
    indicators = forms.ModelMultipleChoiceField(
        queryset=Indicator.objects.none(), required=False, widget=forms.CheckboxSelectMultiple,
        help_text="The indicators that prompted it, if any.",
    )  # fmt: skip
    themes = ThemesField()
    priorities = PrioritiesField()

    class Meta:
        model = DeepDive
        formfield_callback = govuk_formfield
        fields = ["title", "date", "subgroup", "indicators", "scope", "findings_summary", "themes"]
        labels = {"title": "Area chosen for scrutiny", "subgroup": "Subgroup that carried it out"}
        widgets = {
            "date": GovukDateInput(),
            "scope": forms.Textarea(attrs={"rows": 4}),
            "findings_summary": forms.Textarea(attrs={"rows": 8}),
        }
        error_messages = {
            "title": {"required": "Enter the area chosen for scrutiny"},
            "date": {
                "required": "Enter the date of the deep dive",
                "invalid": "Enter the date of the deep dive as a real date, for example 27/3/2026",
            },
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        current = [self.instance.subgroup_id] if self.instance.subgroup_id else []
        self.fields["subgroup"].queryset = active_or_current(Subgroup, current).order_by("name")
        self.fields["subgroup"].empty_label = "No subgroup"
        self.fields["subgroup"].help_text = "Its chair can add the findings and recommendations."
        chosen = current_ids(self.instance, "indicators")
        self.fields["indicators"].queryset = active_or_current(Indicator, chosen).order_by("code")
        self.fields["themes"].queryset = active_or_current(Theme, current_ids(self.instance, "themes"))
        # The priorities are the source of learning's (its anchor's), like every source's.
        source = self.instance.learning_source if self.instance.learning_source_id else None
        self.fields["priorities"].offer(source)
        if source is not None and not self.is_bound:
            self.initial["priorities"] = list(source.priorities.values_list("pk", flat=True))


class PriorityMeasureForm(forms.ModelForm):
    """How the partnership will know a priority is achieved: in words, and optionally an
    indicator of the dataset with a target value and the date it should be met by."""

    class Meta:
        model = PriorityMeasure
        formfield_callback = govuk_formfield
        fields = ["description", "indicator", "target", "target_date"]
        labels = {
            "description": "How we will know",
            "indicator": "Indicator from the performance dataset",
            "target": "Target value",
            "target_date": "To be met by",
        }
        help_texts = {
            "description": "For example, more children say they feel listened to at their child protection conference.",
            "indicator": "Optional. Its latest value is compared with the target.",
            "target": "In the indicator's unit. Leave empty to use the indicator's own target.",
            "target_date": "Optional. For example, 31 3 2027",
        }
        widgets = {"description": forms.Textarea(attrs={"rows": 3}), "target_date": GovukDateInput()}
        error_messages = {
            "description": {"required": "Enter how the partnership will know"},
            "target": {"invalid": "Enter the target as a number, for example 85 or 512.5"},
            "target_date": {"invalid": "Enter the date as a real date, for example 31/3/2027"},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        current = [self.instance.indicator_id] if self.instance.indicator_id else []
        self.fields["indicator"].queryset = Indicator.objects.filter(active=True) | Indicator.objects.filter(
            pk__in=current
        )
        self.fields["indicator"].empty_label = "No indicator"

    def clean(self):
        data = super().clean()
        if data.get("target") is not None and not data.get("indicator"):
            self.add_error("indicator", "Choose the indicator the target is for, or leave the target empty")
        return data
