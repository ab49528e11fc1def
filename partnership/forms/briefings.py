"""Forms for learning briefings: writing or changing one, and publishing it.

The findings chooser offers only the findings the author may see
(`selectors.findings_visible_to`), as checkboxes grouped by the source they came from; it
works without JavaScript. The rules (who may, what publishing needs) are the services' in
`partnership/services/briefings.py`; a view puts a service's `DomainError` next to its field.
"""

from django import forms

from .. import selectors
from ..models import Briefing, BriefingChannel, Theme
from ..widgets import GovukDateField, GovukDateInput, govuk_formfield
from .learning import NO_CHILD_NAMED, ThemesField, active_or_current, current_ids
from .organisation import PrioritiesField


class BriefingForm(forms.ModelForm):
    """A briefing's title, format, audience, six sections, channels, findings and themes; a
    published briefing's date too (to correct it)."""

    format = forms.ChoiceField(
        label="Format",
        choices=Briefing.Format.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the format of the briefing"},
    )
    audience = forms.ChoiceField(
        label="Who is it for?",
        choices=Briefing.Audience.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose who the briefing is for"},
    )
    channels = forms.MultipleChoiceField(
        label="How will it go out?",
        choices=BriefingChannel.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Select all that apply. You need at least one to publish it.",
    )
    findings = forms.ModelMultipleChoiceField(
        label="Findings it disseminates",
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Select all that apply, grouped by the source of learning they came from.",
    )
    themes = ThemesField()
    priorities = PrioritiesField()

    class Meta:
        model = Briefing
        formfield_callback = govuk_formfield
        fields = [
            "title",
            "format",
            "audience",
            "background",
            "why_it_matters",
            "what_we_found",
            "what_to_do",
            "questions_for_practice",
            "further_reading",
            "channels",
            "findings",
            "themes",
            "priorities",
            "published_on",
        ]
        labels = {
            "what_to_do": "What to do",
            "questions_for_practice": "Questions for practice",
            "published_on": "Date published",
        }
        help_texts = {
            "title": "For example, Child P: recognising cumulative neglect.",
            "what_we_found": "The learning: the key messages. " + NO_CHILD_NAMED,
            "background": "What happened, or what was looked at, in brief. " + NO_CHILD_NAMED,
        }
        widgets = {
            **{
                name: forms.Textarea(attrs={"rows": 5})
                for name in (
                    "background",
                    "why_it_matters",
                    "what_we_found",
                    "what_to_do",
                    "questions_for_practice",
                    "further_reading",
                )
            },
            "published_on": GovukDateInput(),
        }
        error_messages = {
            "title": {"required": "Enter a title for the briefing"},
            "published_on": {
                "invalid": "Enter the date it was published as a real date, for example 27/3/2026"
            },
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.is_draft:
            del self.fields["published_on"]  # set when it is published
        else:
            self.fields["published_on"].required = True
            self.fields["published_on"].error_messages["required"] = "Enter the date it was published"
        if self.instance.pk is not None and not self.is_bound:
            self.initial["channels"] = [c.value for c in self.instance.channels]
        findings = selectors.findings_visible_to(user).select_related("source")
        self.fields["findings"].queryset = findings.order_by("-source__date", "source__title", "pk")
        self.fields["findings"].label_from_instance = lambda f: f"{f.title} ({f.get_kind_display().lower()})"
        self.fields["themes"].queryset = active_or_current(Theme, current_ids(self.instance, "themes"))
        self.fields["priorities"].offer(self.instance)

    def finding_groups(self) -> list[dict]:
        """The findings checkboxes grouped by source, for the template: [{"source", "options"}]."""
        groups: dict[int, dict] = {}
        for option in self["findings"].subwidgets:
            finding = option.data["value"].instance
            group = groups.setdefault(finding.source_id, {"source": finding.source, "options": []})
            group["options"].append(option)
        return list(groups.values())


class BriefingPublishForm(forms.Form):
    """The publisher's confirmation, and the date it went out (today if left blank)."""

    no_child_identified = forms.BooleanField(
        label="I have checked that nothing in this briefing could identify a child or their family",
        error_messages={"required": "Confirm that nothing in the briefing could identify a child"},
    )
    published_on = GovukDateField(
        label="Date published",
        required=False,
        help_text="Leave blank for today. For example, 27 3 2026",
        error_messages={"invalid": "Enter the date it was published as a real date, for example 27/3/2026"},
    )
