"""Forms for self-assessment frameworks: the framework, its standards, requirements and rating
scale. The rules (what is unique, what cannot be removed once answered) are the services' in
`audits/services/frameworks.py`; a view puts a service's refusal next to its field."""

from django import forms

from partnership.models.organisation import Sector

from ..models import Framework, RatingLevel, Requirement, Standard


class FrameworkForm(forms.ModelForm):
    sectors = forms.MultipleChoiceField(
        label="Kinds of agency it applies to",
        choices=Sector.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Only agencies of these sectors can be invited to its rounds. Choose none for every sector.",
    )

    class Meta:
        model = Framework
        fields = ["name", "description", "active"]
        labels = {"name": "Name", "description": "What it is for", "active": "New rounds can use it"}
        help_texts = {"name": "For example, Annual schools safeguarding audit."}
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}
        error_messages = {
            "name": {
                "required": "Enter the framework's name",
                "unique": "There is already a framework with that name",
            }
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["sectors"] = list(self.instance.sectors or [])


class StandardForm(forms.ModelForm):
    class Meta:
        model = Standard
        fields = ["number", "title", "guidance"]
        labels = {"number": "Number", "title": "Standard", "guidance": "Guidance"}
        help_texts = {"guidance": "What the standard means and what agencies should think about."}
        widgets = {"title": forms.Textarea(attrs={"rows": 2}), "guidance": forms.Textarea(attrs={"rows": 5})}
        error_messages = {
            "number": {
                "required": "Enter the standard's number",
                "invalid": "Enter the number as a whole number",
            },
            "title": {"required": "Enter the standard"},
        }

    def __init__(self, *args, framework, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.framework = framework
        if self.instance.pk is None and not self.is_bound:
            last = framework.standards.order_by("-number").values_list("number", flat=True).first() or 0
            self.initial.setdefault("number", last + 1)


class RequirementForm(forms.ModelForm):
    class Meta:
        model = Requirement
        fields = ["reference", "text", "guidance", "required", "order"]
        labels = {
            "reference": "Reference",
            "text": "Requirement",
            "guidance": "What good evidence looks like",
            "required": "A return cannot be submitted without an answer to it",
            "order": "Position under the standard",
        }
        help_texts = {"reference": "For example, 1.4.", "order": "Lower numbers come first."}
        widgets = {"text": forms.Textarea(attrs={"rows": 3}), "guidance": forms.Textarea(attrs={"rows": 3})}
        error_messages = {
            "reference": {"required": "Enter the reference"},
            "text": {"required": "Enter the requirement"},
            "order": {"required": "Enter the position", "invalid": "Enter the position as a whole number"},
        }

    def __init__(self, *args, standard, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.standard = standard
        if self.instance.pk is None and not self.is_bound:
            count = standard.requirements.count()
            self.initial.setdefault("reference", f"{standard.number}.{count + 1}")
            self.initial.setdefault("order", count + 1)
            self.initial.setdefault("required", True)


class RatingLevelForm(forms.ModelForm):
    class Meta:
        model = RatingLevel
        fields = ["label", "score", "description"]
        labels = {"label": "Label", "score": "Score", "description": "What it means"}
        help_texts = {
            "label": "For example, Fully met.",
            "score": "Higher is better: the heatmap and the change since the last round compare scores.",
        }
        error_messages = {
            "label": {"required": "Enter the label"},
            "score": {"required": "Enter the score", "invalid": "Enter the score as a whole number"},
        }

    def __init__(self, *args, framework, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.framework = framework
