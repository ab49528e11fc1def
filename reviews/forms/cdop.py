"""Forms for child death review learning and learning from reviews published elsewhere.

Forms parse what was typed; the rules live in `reviews/services/cdop.py` (the figures of a
CDOP report must add up: the report form asks `check_cdop_figures` so its errors sit by their
fields before anything is saved). Counts are typed into text inputs with a numeric keyboard, as the GOV.UK
Design System advises instead of `type="number"`.
"""

from django import forms

from partnership import permissions as core
from partnership.forms.learning import ThemesField, active_or_current, current_ids
from partnership.models import Subgroup, Theme
from partnership.services import DomainError
from partnership.widgets import govuk_formfield

from .. import selectors
from ..models import CdopReferral, CdopReport, ExternalReview
from ..services.cdop import CDOP_CATEGORIES, check_cdop_figures

NUMBER_ATTRS = {"inputmode": "numeric", "spellcheck": "false", "autocomplete": "off"}
PSEUDONYM_HINT = 'Use the pseudonym only, for example "Child R".'
NO_CHILD_NAMED = "Do not include the child's name or anything else that could identify them."


def _number_input(width: int = 4) -> forms.TextInput:
    return forms.TextInput(attrs={**NUMBER_ATTRS, "class": f"govuk-input--width-{width}"})


def _whole_number_messages(what: str) -> dict:
    return {
        "required": f"Enter the number of {what}",
        "invalid": f"Enter the number of {what} as a whole number, for example 12",
        "min_value": f"The number of {what} cannot be less than 0",
    }


# --- the CDOP annual report -----------------------------------------------------------------


class CategoryCountsWidget(forms.MultiWidget):
    """One labelled numeric input per national category, inside the field's fieldset."""

    template_name = "reviews/cdop_categories_widget.html"

    def __init__(self, labels=CDOP_CATEGORIES, attrs=None):
        self.labels = tuple(labels)
        super().__init__([forms.TextInput(attrs=NUMBER_ATTRS) for _ in self.labels], attrs)

    def decompress(self, value):
        value = value or {}
        return [value.get(label, "") for label in self.labels]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        for subwidget, label in zip(context["widget"]["subwidgets"], self.labels, strict=True):
            subwidget["label"] = label
        return context


class CategoryCountsField(forms.MultiValueField):
    """Deaths reviewed by national category, as {category: count} without the empty ones."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(
            fields=[forms.CharField(required=False) for _ in CDOP_CATEGORIES],
            require_all_fields=False,
            widget=CategoryCountsWidget(attrs={"class": "govuk-input--width-3"}),
            **kwargs,
        )

    def compress(self, data_list):
        counts, wrong = {}, []
        for label, raw in zip(CDOP_CATEGORIES, data_list or [""] * len(CDOP_CATEGORIES), strict=True):
            raw = (raw or "").strip()
            if not raw:
                continue
            if not raw.isdigit():
                wrong.append(label)
                continue
            if int(raw):
                counts[label] = int(raw)
        if wrong:
            raise forms.ValidationError(
                "Enter the deaths for "
                + ", ".join(f"“{label}”" for label in wrong)
                + " as a whole number, for example 3, or leave it empty for none"
            )
        return counts


class CdopReportForm(forms.ModelForm):
    categories = CategoryCountsField(
        label="Deaths reviewed by category",
        help_text="The national categories. Leave a category empty if no death was in it. "
        "They must add up to the deaths reviewed.",
    )

    class Meta:
        model = CdopReport
        formfield_callback = govuk_formfield
        fields = [
            "year",
            "deaths_reviewed",
            "modifiable_deaths",
            "categories",
            "summary",
            "published_on",
            "subgroup",
        ]
        labels = {
            "year": "Reporting year",
            "deaths_reviewed": "Deaths reviewed",
            "modifiable_deaths": "Deaths with modifiable factors",
            "summary": "Summary of the report",
            "published_on": "Date published",
            "subgroup": "Subgroup",
        }
        help_texts = {
            "year": "The year it starts in: 2025 means April 2025 to March 2026.",
            "deaths_reviewed": "Deaths the panel completed its review of in the year.",
            "modifiable_deaths": "Deaths where the panel identified modifiable factors. "
            "No more than the deaths reviewed.",
            "summary": "What the report says about themes and modifiable factors. " + NO_CHILD_NAMED,
            "published_on": "Leave empty until it is published. For example, 27 3 2026",
        }
        widgets = {
            "year": _number_input(4),
            "deaths_reviewed": _number_input(4),
            "modifiable_deaths": _number_input(4),
            "summary": forms.Textarea(attrs={"rows": 6}),
        }
        error_messages = {
            "year": {
                "required": "Enter the year the reporting year starts in, for example 2025",
                "invalid": "Enter the year as four digits, for example 2025",
                "unique": "There is already a report for this year",
            },
            "deaths_reviewed": _whole_number_messages("deaths reviewed"),
            "modifiable_deaths": _whole_number_messages("deaths with modifiable factors"),
            "published_on": {"invalid": "Enter the date published as a real date, for example 27/3/2026"},
            "subgroup": {"required": "Choose the subgroup the report belongs to"},
        }

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        current = [self.instance.subgroup_id] if self.instance.subgroup_id else []
        subgroups = active_or_current(Subgroup, current)
        if user is not None and not core.is_business_unit(user):
            # A chair records reports for the subgroup they chair (the panel), nothing else.
            subgroups = subgroups.filter(pk__in=core.roles_of(user).chair_of)
        self.fields["subgroup"].queryset = subgroups.order_by("name")
        self.fields["subgroup"].empty_label = "Choose a subgroup"
        self.fields["subgroup"].help_text = (
            "Usually the Child Death Overview Panel. Its chair can change the report and add its "
            "findings and recommendations."
        )

    def clean(self):
        cleaned = super().clean()
        reviewed, modifiable = cleaned.get("deaths_reviewed"), cleaned.get("modifiable_deaths")
        if reviewed is None or modifiable is None or "categories" in self.errors:
            return cleaned
        try:
            cleaned["categories"] = check_cdop_figures(reviewed, modifiable, cleaned.get("categories"))
        except DomainError as exc:
            self.add_error(exc.field if exc.field in self.fields else None, exc.message)
        return cleaned


# --- referrals ------------------------------------------------------------------------------


class CdopReferralForm(forms.ModelForm):
    referred_for = forms.ChoiceField(
        label="What is the case referred for?",
        choices=CdopReferral.ReferredFor.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what the case is referred for"},
    )

    class Meta:
        model = CdopReferral
        formfield_callback = govuk_formfield
        fields = ["referred_on", "pseudonym", "referred_for", "reason"]
        labels = {
            "referred_on": "Date referred",
            "pseudonym": "Child's pseudonym",
            "reason": "Why the case is referred",
        }
        help_texts = {
            "pseudonym": PSEUDONYM_HINT,
            "reason": "What the panel found that may need a review by the Practice Review subgroup. "
            + NO_CHILD_NAMED,
        }
        widgets = {
            "pseudonym": forms.TextInput(attrs={"class": "govuk-input--width-10", "spellcheck": "false"}),
            "reason": forms.Textarea(attrs={"rows": 6}),
        }
        error_messages = {
            "referred_on": {
                "required": "Enter the date the case was referred",
                "invalid": "Enter the date referred as a real date, for example 27/3/2026",
            },
            "pseudonym": {"required": 'Enter the child\'s pseudonym, for example "Child R"'},
            "reason": {"required": "Enter why the case is referred"},
        }


class ReferralLinkForm(forms.Form):
    review = forms.ModelChoiceField(
        label="Review opened in response",
        queryset=None,
        empty_label="Choose a review",
        error_messages={"required": "Choose the review opened in response to the referral"},
    )

    def __init__(self, *args, user, referral=None, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["review"]
        field.queryset = selectors.reviews_visible_to(user).order_by("-opened_on", "reference")
        field.label_from_instance = lambda r: f"{r.reference}: {r.title} ({r.get_kind_display()})"
        field.help_text = "The Rapid Review or learning review the Practice Review subgroup opened."
        if referral is not None and referral.review_id and not self.is_bound:
            self.initial["review"] = referral.review_id


# --- learning from reviews published elsewhere ------------------------------------------------


class ExternalReviewForm(forms.ModelForm):
    url = forms.URLField(
        label="Web address",
        required=False,
        max_length=200,
        assume_scheme="https",
        widget=forms.URLInput(attrs={"spellcheck": "false"}),
        help_text="Where it is published, for example https://www.example.gov.uk/review.pdf",
        error_messages={
            "invalid": "Enter a web address in the correct format, like https://www.example.gov.uk/review"
        },
    )
    themes = ThemesField()

    class Meta:
        model = ExternalReview
        formfield_callback = govuk_formfield
        fields = ["title", "published_by", "published_on", "url", "summary", "themes", "subgroup"]
        labels = {
            "title": "Title of the review",
            "published_by": "Published by",
            "published_on": "Date published",
            "summary": "What we can learn from it",
            "subgroup": "Subgroup that takes the learning forward",
        }
        help_texts = {
            "title": "For example, Child Safeguarding Practice Review: Child J (Westshire SCP).",
            "summary": "What it found that matters here, and how we might check or use it "
            "(an audit, training, a briefing).",
        }
        widgets = {"summary": forms.Textarea(attrs={"rows": 8})}
        error_messages = {
            "title": {"required": "Enter the title of the review"},
            "published_by": {"required": "Enter who published it"},
            "published_on": {
                "required": "Enter the date it was published",
                "invalid": "Enter the date published as a real date, for example 27/3/2026",
            },
            "summary": {"required": "Enter what we can learn from it"},
            "subgroup": {"required": "Choose the subgroup that takes the learning forward"},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        current = [self.instance.subgroup_id] if self.instance.subgroup_id else []
        self.fields["subgroup"].queryset = active_or_current(Subgroup, current).order_by("name")
        self.fields["subgroup"].empty_label = "Choose a subgroup"
        self.fields["subgroup"].help_text = "Its chair can add the findings and recommendations."
        self.fields["themes"].queryset = active_or_current(Theme, current_ids(self.instance, "themes"))
