"""The form of the "Annual report YEAR" page: one text box per section of the report."""

from django import forms

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
