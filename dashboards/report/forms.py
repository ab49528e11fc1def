"""The forms of the annual report: one text box per section of the report, and the steps of
its publication trail (finalise, un-finalise, publish, record a sending)."""

from django import forms
from django.utils import timezone
from django.utils.formats import date_format

from partnership.widgets import GovukDateField

from .models import ReportSection

HINTS = {
    ReportSection.FOREWORD: "From the independent scrutineer or the partners: the year in a few paragraphs.",
    ReportSection.PARTNERSHIP: "How the partnership is organised, and how it worked on its priorities.",
    ReportSection.CASE_REVIEWS: "What the reviews taught us. No child's name, pseudonym or case detail.",
    ReportSection.NEXT_PRIORITIES: "What the partnership will focus on next year, and why.",
}
MAX_LENGTH = 20000


class NarrativesForm(forms.Form):
    """A text per section, prefilled with what was written before; every box may stay empty."""

    def __init__(self, *args, texts: dict[str, str] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        texts = texts or {}
        for section in ReportSection:
            self.fields[section.value] = forms.CharField(
                label=section.label,
                required=False,
                max_length=MAX_LENGTH,
                initial=texts.get(section.value, ""),
                help_text=HINTS.get(
                    section, "The context and what the figures mean: they are printed after it."
                ),
                widget=forms.Textarea(attrs={"rows": 5}),
            )


# --- the publication trail (services/publication.py) -----------------------------------------


class FinaliseForm(forms.Form):
    """Which ready version is the year's final report."""

    version = forms.ModelChoiceField(
        queryset=None,
        label="Which version is the final report?",
        help_text="The year's sections can no longer be changed once it is finalised.",
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={"required": "Select the version that is the final report"},
    )

    def __init__(self, *args, versions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"].queryset = versions
        self.fields["version"].label_from_instance = lambda v: (
            f"Produced on {date_format(timezone.localtime(v.requested_at), 'j F Y, H:i')}"
            f" ({v.page_count} pages)"
        )


class UnfinaliseForm(forms.Form):
    reason = forms.CharField(
        label="Why is the report being un-finalised?",
        help_text="For example, the executive asked for a change to the foreword. It is kept in the report's history.",
        max_length=90,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter why the report is being un-finalised"},
    )


class PublishForm(forms.Form):
    url = forms.URLField(
        label="Where is the report published?",
        help_text="The full address of the report on the partnership's website, starting https://",
        max_length=500,
        assume_scheme="https",
        error_messages={
            "required": "Enter the address where the report is published",
            "invalid": "Enter the address in the right format, like https://www.example.org/annual-report",
        },
    )
    published_on = GovukDateField(
        label="When was it published?",
        help_text="For example, 30 9 2026",
        error_messages={"required": "Enter the date the report was published"},
    )


class SubmissionForm(forms.Form):
    sent_on = GovukDateField(
        label="When was it sent?",
        help_text="For example, 3 10 2026",
        error_messages={"required": "Enter the date the report was sent"},
    )
    how = forms.CharField(
        label="How was it sent?",
        help_text="For example, by email to the address the guidance gives, or through an online form.",
        max_length=200,
        error_messages={"required": "Enter how the report was sent"},
    )
