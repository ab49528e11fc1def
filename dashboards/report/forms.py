"""The forms of the annual report: one text box per section of the report (the "Annual report
YEAR" page), and the contributions' request, writing and return."""

from django import forms

from partnership.widgets import GovukDateField, GovukDateInput

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


# --- contributions (models/contributions.py) ----------------------------------------------------


class ContributionRequestForm(forms.Form):
    """What the business unit asks for (the scrutineer's assessment, a subgroup's section or an
    agency's contribution), of whom, and by when."""

    what = forms.ChoiceField(
        label="What do you want to request?",
        error_messages={"required": "Choose what you want to request"},
    )
    author = forms.ModelChoiceField(
        label="Who should write it?",
        queryset=None,
        required=False,
        empty_label="The subgroup's chair or the agency's safeguarding lead",
        help_text="Leave this for a subgroup's section or an agency's contribution to ask its chair or "
        "lead. Choose the independent scrutineer for their assessment.",
    )
    due_on = GovukDateField(
        label="Due date",
        widget=GovukDateInput(),
        help_text="For example, 30 4 2026",
        error_messages={
            "required": "Enter the date the contribution is due",
            "invalid": "Enter the due date as a real date, for example 30/4/2026",
        },
    )

    def __init__(self, *args, subgroups, agencies, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.subgroups = {str(s.pk): s for s in subgroups}
        self.agencies = {str(a.pk): a for a in agencies}
        self.fields["what"].choices = [
            ("", "Choose"),
            ("scrutineer", "The independent scrutineer's assessment"),
            ("Subgroups' sections", [(f"subgroup-{pk}", s.name) for pk, s in self.subgroups.items()]),
            ("Agencies' contributions", [(f"agency-{pk}", a.name) for pk, a in self.agencies.items()]),
        ]
        self.fields["author"].queryset = people
        self.fields["author"].label_from_instance = lambda user: (
            f"{user.full_name} ({user.email})" if user.full_name else user.email
        )

    def request_kwargs(self) -> dict:
        """The service's arguments: kind, subgroup or agency, author and due date."""
        kind, _, pk = self.cleaned_data["what"].partition("-")
        return {
            "kind": kind,
            "subgroup": self.subgroups.get(pk) if kind == "subgroup" else None,
            "agency": self.agencies.get(pk) if kind == "agency" else None,
            "author": self.cleaned_data["author"],
            "due_on": self.cleaned_data["due_on"],
        }


class ContributionWriteForm(forms.Form):
    text = forms.CharField(
        label="Your contribution",
        required=False,
        max_length=30000,
        help_text="Write for the public: no child's name, pseudonym or case detail. Save it as a draft "
        "as often as you like; submit it when it is ready for the business unit to approve.",
        widget=forms.Textarea(attrs={"rows": 20}),
    )


class ContributionReturnForm(forms.Form):
    reason = forms.CharField(
        label="What should the author change?",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Say what the author should change"},
    )
