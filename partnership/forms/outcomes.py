"""Forms for a source's intended outcomes and for recording their "did it stick?" check.

The services (`services.outcomes`) decide the rules; these parse what was typed. The indicator
choices come from the OUTCOME_INDICATORS extension point (the performance dataset)."""

from django import forms

from .. import extensions
from ..models import Finding, IntendedOutcome, MeasureKind, OutcomeResult
from ..widgets import GovukDateField, GovukDateInput


class IntendedOutcomeForm(forms.ModelForm):
    measure_kind = forms.ChoiceField(
        label="How will you know it has changed?",
        choices=MeasureKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose how the outcome will be measured"},
    )
    indicator_code = forms.ChoiceField(
        label="Indicator",
        required=False,
        help_text="For an indicator measure: the figure in the performance dataset that should move.",
    )
    higher_is_better = forms.TypedChoiceField(
        label="Which way should the indicator move?",
        choices=[("True", "Up to the target or beyond"), ("False", "Down to the target or below")],
        coerce=lambda value: value == "True",
        widget=forms.RadioSelect,
        initial="True",
        required=False,
    )
    findings = forms.ModelMultipleChoiceField(
        label="Which findings does it answer?",
        queryset=Finding.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="If it is not sustained, the new finding takes their themes.",
    )

    class Meta:
        model = IntendedOutcome
        fields = [
            "outcome",
            "findings",
            "measure_kind",
            "measure",
            "indicator_code",
            "target",
            "higher_is_better",
            "baseline",
            "check_on",
        ]
        labels = {"target": "Target", "check_on": "When should it be checked?"}
        help_texts = {
            "target": "For an indicator measure: the value it should reach.",
            "check_on": "Leave empty and the check is set when the action plan closes: six months later "
            "for an indicator, a follow-up sample or another way; a year later for a re-audit or a consultation.",
        }
        widgets = {
            "outcome": forms.Textarea(attrs={"rows": 3}),
            "measure": forms.Textarea(attrs={"rows": 3}),
            "check_on": GovukDateInput(),
        }
        field_classes = {"check_on": GovukDateField}
        error_messages = {
            "outcome": {"required": "Enter the outcome sought"},
            "target": {"invalid": "Target must be a number"},
            "baseline": {"invalid": "Value when set must be a number"},
            "check_on": {"invalid": "Check date must be a real date"},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        indicators = extensions.outcome_indicators()
        choices = list(indicators.choices()) if indicators else []
        current = self.instance.indicator_code
        if current and current not in dict(choices):
            choices.append((current, self.instance.indicator_label or current))
        self.fields["indicator_code"].choices = [("", "Choose an indicator"), *choices]
        if not choices:
            kinds = [c for c in MeasureKind.choices if c[0] != MeasureKind.INDICATOR]
            self.fields["measure_kind"].choices = kinds
        self.fields["findings"].queryset = Finding.objects.filter(source_id=self.instance.source_id).order_by(
            "pk"
        )
        if self.instance.pk is not None:
            self.initial["higher_is_better"] = str(self.instance.higher_is_better)
        if not self.fields["findings"].queryset.exists():
            del self.fields["findings"]

    def clean_higher_is_better(self):
        value = self.cleaned_data.get("higher_is_better")
        return True if value in (None, "") else value


class OutcomeCheckForm(forms.Form):
    result = forms.ChoiceField(
        label="Did the change stick?",
        choices=OutcomeResult.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether the change was sustained"},
    )
    value = forms.DecimalField(
        label="The indicator's value at the check",
        required=False,
        max_digits=12,
        decimal_places=2,
        error_messages={"invalid": "The indicator's value must be a number"},
    )
    evidence = forms.CharField(
        label="What shows it?",
        help_text="The re-audit's, sample's or consultation's findings, or what the figures show. "
        "Name children only by their pseudonym.",
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": "Enter the evidence the result rests on"},
    )
    checked_on = GovukDateField(label="When was it checked?")

    def __init__(self, *args, outcome: IntendedOutcome, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["checked_on"].error_messages.update(
            required="Enter the date it was checked", invalid="Date it was checked must be a real date"
        )
        if not outcome.is_indicator:
            del self.fields["value"]
