"""Forms for the learning chain (findings, recommendations) and for consultations with children.

Forms parse and check what was typed; the services in `services.learning` and `services.voice`
decide the rules (who may change what, that a recommendation is addressed to someone, that a
reference is not used twice), and the view puts a service's `DomainError` next to its field.
Lists of choices offer active records only, plus whatever the record already has, so an old
record keeps a theme or agency that has since been retired.
"""

import re

from django import forms

from ..models import Agency, Consultation, Finding, Recommendation, Subgroup, Theme
from ..widgets import govuk_formfield
from .organisation import PrioritiesField


def active_or_current(model, current_ids):
    """Active records of `model`, and those in `current_ids` even if no longer active."""
    return model.objects.filter(active=True) | model.objects.filter(pk__in=list(current_ids))


def current_ids(instance, name: str) -> list:
    """The ids in the many-to-many `name` of a saved instance (none for a new one)."""
    if instance.pk is None:
        return []
    return list(getattr(instance, name).values_list("pk", flat=True))


class ThemesField(forms.ModelMultipleChoiceField):
    """The themes that tag a piece of learning, as GOV.UK checkboxes."""

    def __init__(self, **kwargs):
        kwargs.setdefault("queryset", Theme.objects.none())
        kwargs.setdefault("required", False)
        kwargs.setdefault("widget", forms.CheckboxSelectMultiple)
        kwargs.setdefault("help_text", "Select all that apply. Themes show when the same lesson recurs.")
        super().__init__(**kwargs)


class FindingForm(forms.ModelForm):
    kind = forms.ChoiceField(
        label="Is this a strength or an area for improvement?",
        choices=Finding.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether this is a strength or an area for improvement"},
    )
    themes = ThemesField()
    priorities = PrioritiesField()

    class Meta:
        model = Finding
        fields = ["kind", "title", "detail", "themes", "priorities"]
        labels = {"title": "Finding", "detail": "What was found"}
        help_texts = {
            "title": "One sentence, for example: Practitioners rarely asked children about their online lives.",
            "detail": "The evidence behind it. Do not include anything that could identify a child.",
        }
        widgets = {"detail": forms.Textarea(attrs={"rows": 6})}
        error_messages = {"title": {"required": "Enter the finding"}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["themes"].queryset = active_or_current(Theme, current_ids(self.instance, "themes"))
        self.fields["priorities"].offer(self.instance)


def next_reference(source) -> str:
    """The reference to suggest for a source's next recommendation: one more than the highest
    number used so far, keeping its prefix ("R3" is followed by "R4"), or "1" for the first."""
    best = None
    for reference in Recommendation.objects.filter(source=source).values_list("reference", flat=True):
        match = re.fullmatch(r"(.*?)(\d+)", reference.strip())
        if match and (best is None or int(match[2]) > best[1]):
            best = (match[1], int(match[2]))
    return "1" if best is None else f"{best[0]}{best[1] + 1}"


class RecommendationForm(forms.ModelForm):
    """Whether it is addressed to anyone is the service's rule, shown next to the agencies."""

    # Agencies are needed unless it is addressed to the partnership: "(optional)" would mislead.
    hide_optional = True

    agencies = forms.ModelMultipleChoiceField(
        label="Addressed to agencies",
        queryset=Agency.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Choose the agencies it is for, the partnership as a whole, or both. "
        "Each agency's lead will see the recommendations addressed to their agency.",
    )
    themes = ThemesField()
    findings = forms.ModelMultipleChoiceField(
        label="Findings it answers",
        queryset=Finding.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Recommendation
        fields = ["reference", "text", "to_partnership", "agencies", "themes", "findings"]
        labels = {"text": "Recommendation", "to_partnership": "Addressed to the partnership as a whole"}
        help_texts = {
            "reference": "For example, 1 or R3. Each recommendation of this source needs its own.",
            "text": "What should change, and who should change it.",
            "to_partnership": "",
        }
        widgets = {
            "reference": forms.TextInput(attrs={"class": "govuk-input--width-5", "spellcheck": "false"}),
            "text": forms.Textarea(attrs={"rows": 5}),
        }
        error_messages = {
            "reference": {"required": "Enter a reference, for example 1 or R3"},
            "text": {"required": "Enter the recommendation"},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        source = self.instance.source
        if self.instance.pk is None and not self.is_bound and not self.initial.get("reference"):
            self.initial["reference"] = next_reference(source)
        self.fields["agencies"].queryset = active_or_current(
            Agency, current_ids(self.instance, "agencies")
        ).order_by("name")
        self.fields["themes"].queryset = active_or_current(Theme, current_ids(self.instance, "themes"))
        self.fields["findings"].queryset = Finding.objects.filter(source=source).order_by("pk")
        self.fields["findings"].label_from_instance = lambda f: f"{f.title} ({f.get_kind_display().lower()})"
        if not self.fields["findings"].queryset.exists():
            self.fields["findings"].help_text = "This source has no findings yet. You can link them later."


NO_CHILD_NAMED = "Do not include anything that could identify a child."


class ConsultationForm(forms.ModelForm):
    method = forms.ChoiceField(
        label="How children and young people took part",
        choices=Consultation.Method.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose how children and young people took part"},
    )
    themes = ThemesField()
    priorities = PrioritiesField()

    class Meta:
        model = Consultation
        formfield_callback = govuk_formfield
        fields = [
            "title",
            "date",
            "method",
            "group",
            "topic",
            "what_they_said",
            "what_changed",
            "subgroup",
            "themes",
        ]
        labels = {
            "date": "Date of the consultation",
            "what_they_said": "What children and young people said",
            "what_changed": "What changed as a result (you said, we did)",
            "subgroup": "Subgroup that oversees the learning",
        }
        help_texts = {
            "title": "For example, Youth forum: feeling safe online.",
            "group": "For example, Northbrook Youth Forum, 14 young people aged 13 to 17. " + NO_CHILD_NAMED,
            "what_they_said": "In their words where you can. " + NO_CHILD_NAMED,
            "what_changed": "What the partnership did in response. You can add this later. " + NO_CHILD_NAMED,
        }
        widgets = {
            "what_they_said": forms.Textarea(attrs={"rows": 8}),
            "what_changed": forms.Textarea(attrs={"rows": 6}),
        }
        error_messages = {
            "title": {"required": "Enter a title for the consultation"},
            "date": {
                "required": "Enter the date of the consultation",
                "invalid": "Enter the date of the consultation as a real date, for example 27/3/2026",
            },
            "group": {"required": "Enter who took part"},
            "topic": {"required": "Enter the topic"},
            "what_they_said": {"required": "Enter what children and young people said"},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        current = [self.instance.subgroup_id] if self.instance.subgroup_id else []
        self.fields["subgroup"].queryset = active_or_current(Subgroup, current).order_by("name")
        self.fields["subgroup"].empty_label = "No subgroup"
        self.fields["subgroup"].help_text = "Its chair can add the findings and recommendations."
        self.fields["themes"].queryset = active_or_current(Theme, current_ids(self.instance, "themes"))
        # The priorities are the source of learning's (its anchor's), like every source's.
        source = self.instance.learning_source if self.instance.learning_source_id else None
        self.fields["priorities"].offer(source)
        if source is not None and not self.is_bound:
            self.initial["priorities"] = list(source.priorities.values_list("pk", flat=True))


class SourcePrioritiesForm(forms.Form):
    """The partnership priorities a source of learning serves (any kind of source: a review, an
    inspection, a single-agency audit…), as the learning panel changes them."""

    priorities = PrioritiesField(label="Priorities this source of learning serves")

    def __init__(self, *args, source, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["priorities"].offer(source)
        if not self.is_bound:
            self.initial["priorities"] = list(source.priorities.values_list("pk", flat=True))
