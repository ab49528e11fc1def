"""Forms of the analysis pages: the overview's filters and the impact analysis's details.

The filter form offers only what the person may choose: a programme year that exists, that
year's courses, the three levels and the agencies whose figures they may see. The impact
analysis form parses what was typed; its rules are `services.analysis`'s.
"""

from django import forms

from partnership.models import Agency
from partnership.widgets import GovukDateInput, govuk_formfield

from ..analysis.summary import agencies_in_view
from ..models import Course, ImpactAnalysis, Level, Programme

DATE_HINT = "For example, 27 3 2027"


class AnalysisFilterForm(forms.Form):
    """?year=&course=&level=&agency= for the overview and its export. Invalid choices are
    reported and left out; the year falls back to the one the view chose."""

    year = forms.TypedChoiceField(label="Programme year", coerce=int, required=False)
    course = forms.ModelChoiceField(
        label="Course", queryset=Course.objects.none(), required=False, empty_label="All courses"
    )
    level = forms.TypedChoiceField(
        label="Level", coerce=int, required=False, choices=[("", "All levels"), *Level.choices]
    )
    agency = forms.ModelChoiceField(
        label="Agency", queryset=Agency.objects.none(), required=False, empty_label="All agencies"
    )

    def __init__(self, data, *, user, years: list[int], year: int, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["year"].choices = [(y, Programme(year=y).year_label) for y in years]
        self.fields["year"].initial = year
        self.fields["course"].queryset = Course.objects.filter(programme__year=year).order_by(
            "level", "title"
        )
        self.fields["course"].error_messages["invalid_choice"] = "Choose a course from this year's programme"
        visible = agencies_in_view(user)
        agencies = Agency.objects.order_by("name")
        self.fields["agency"].queryset = agencies if visible is None else agencies.filter(pk__in=visible)
        if visible is not None and len(visible) <= 1:
            self.fields["agency"].empty_label = "Your agency"

    def value(self, name: str):
        """A filter's value when it was valid, else None (no filter)."""
        if not self.is_bound or (not self.is_valid() and name in self.errors):
            return None
        return self.cleaned_data.get(name) or None


class ImpactAnalysisForm(forms.ModelForm):
    class Meta:
        model = ImpactAnalysis
        formfield_callback = govuk_formfield
        fields = ["programme", "title", "reported_on", "summary"]
        labels = {
            "programme": "Programme year analysed",
            "title": "Title",
            "reported_on": "Date reported",
            "summary": "Summary",
        }
        help_texts = {
            "title": "For example, Impact of the 2026/27 multi-agency training programme.",
            "reported_on": "When the analysis was reported to the Training subgroup. " + DATE_HINT,
            "summary": "What the evaluations and three-month follow-ups show. Add findings and "
            "recommendations on the analysis's page.",
        }
        widgets = {
            "programme": forms.Select,
            "reported_on": GovukDateInput(),
            "summary": forms.Textarea(attrs={"rows": 8}),
        }
        error_messages = {
            "programme": {"required": "Choose the programme year analysed"},
            "title": {"required": "Enter the analysis's title"},
            "reported_on": {
                "required": "Enter the date reported",
                "invalid": "Enter the date reported as a real date, for example 27/3/2027",
            },
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = Programme.objects.order_by("-year")
        self.fields["programme"].label_from_instance = lambda p: f"{p.year_label}: {p}"
