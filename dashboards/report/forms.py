"""The forms of the annual report's pages: one text box per section of the report ("Annual report
YEAR"), the contributions' request, writing and return, the partners' funding (a row per
contribution and per spending line), the links with the other boards, and the steps of the
publication trail (finalise, un-finalise, publish, record a sending)."""

from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.formats import date_format

from partnership.models import Agency
from partnership.widgets import GovukDateField, GovukDateInput

from .models import ReportGovernanceLinks, ReportSection
from .models.funding import MAX_DIGITS, PLACES

HINTS = {
    ReportSection.FOREWORD: "From the independent scrutineer or the partners: the year in a few paragraphs.",
    ReportSection.PARTNERSHIP: "How the partnership is organised, and how it worked on its priorities.",
    ReportSection.CASE_REVIEWS: "What the reviews taught us. No child's name, pseudonym or case detail.",
    ReportSection.NEXT_PRIORITIES: "What the partnership will focus on next year, and why.",
    ReportSection.GOVERNANCE: (
        "How the executive and the subgroups worked this year. The meetings, attendance and decisions are "
        "printed from the service; the links with the other boards are written on their own page."
    ),
    ReportSection.FUNDING: "How the arrangements were funded. The partners' contributions are entered on their own page.",
    ReportSection.GLOSSARY: "A sentence before the list of terms, if you want one.",
    ReportSection.REPORT_A_CONCERN: (
        "The partnership's contact details for the public: the children's services front door phone number and "
        'email, and the out-of-hours number. The report adds "If a child is in immediate danger, call 999." '
        "Left empty, the report prints the latest earlier year's."
    ),
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


# --- the partners' funding ---------------------------------------------------------------------

EXTRA_ROWS = 3  # blank rows under the lines entered: save, and three more are offered


class PoundsField(forms.DecimalField):
    """An amount in pounds and pence. "£12,500.50" is read as 12500.50: people type the pound
    sign and the thousands separator, so the field drops them rather than refusing them."""

    def __init__(self, *, required_message: str, **kwargs):
        super().__init__(
            max_digits=MAX_DIGITS,
            decimal_places=PLACES,
            min_value=Decimal(0),
            error_messages={
                "required": required_message,
                "invalid": "Enter the amount in pounds, for example 12500 or 12500.50",
                "min_value": "The amount must be £0 or more",
                "max_decimal_places": "Enter the amount to the nearest penny, for example 12500.50",
                "max_digits": "Enter an amount less than £10,000,000,000",
                "max_whole_digits": "Enter an amount less than £10,000,000,000",
            },
            widget=forms.TextInput(
                attrs={"inputmode": "decimal", "spellcheck": "false", "class": "govuk-input--width-10"}
            ),
            **kwargs,
        )

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip().replace("£", "").replace(",", "").replace(" ", "")
        return super().to_python(value)


class ContributionForm(forms.Form):
    line = forms.IntegerField(required=False, widget=forms.HiddenInput)
    agency = forms.ModelChoiceField(
        queryset=Agency.objects.none(),
        label="Partner agency",
        empty_label="Choose an agency",
        error_messages={"required": "Choose the partner agency that made this contribution"},
    )
    amount = PoundsField(label="Amount (£)", required_message="Enter the amount the agency contributed")
    note = forms.CharField(
        max_length=300, required=False, help_text="For example: includes £5,000 in kind (the training venue)."
    )

    hide_optional = True

    def __init__(self, *args, agencies=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies if agencies is not None else Agency.objects.none()


class SpendForm(forms.Form):
    line = forms.IntegerField(required=False, widget=forms.HiddenInput)
    heading = forms.CharField(
        label="Spent on",
        max_length=200,
        help_text="For example: business unit staff, the independent scrutineer, case reviews, training.",
        error_messages={"required": "Enter what the money was spent on"},
    )
    amount = PoundsField(label="Amount (£)", required_message="Enter the amount spent")


class FundingFormSet(forms.BaseFormSet):
    """Rows of one list; a row already saved may be ticked to be removed."""

    def add_fields(self, form, index):
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            form.fields["DELETE"].label = "Remove this line"

    def lines(self) -> list[dict]:
        """The rows to keep, as their cleaned data (blank rows and rows to remove left out)."""
        removed = self.deleted_forms
        return [f.cleaned_data for f in self.forms if f not in removed and f.cleaned_data]

    def removing(self) -> list[dict]:
        """The saved rows ticked to be removed (their initial values)."""
        return [f.initial for f in self.deleted_forms if f.initial.get("line")]


class ContributionFormSet(FundingFormSet):
    def clean(self):
        if any(self.errors):
            return
        seen = set()
        for form in self.forms:
            if form in self.deleted_forms or not form.cleaned_data:
                continue
            agency = form.cleaned_data.get("agency")
            if agency is not None and agency.pk in seen:
                form.add_error(
                    "agency",
                    f"{agency.name} is already on another line: enter each agency's contribution once, "
                    "and say what it was made of in the note",
                )
            elif agency is not None:
                seen.add(agency.pk)


def funding_formsets(data=None, *, funding=None, agencies=None):
    """(contributions, spending): the year's lines, then EXTRA_ROWS blank rows each."""
    contributions = [
        {"line": c.pk, "agency": c.agency_id, "amount": c.amount, "note": c.note}
        for c in (funding.contributions.all() if funding else [])
    ]
    spending = [
        {"line": s.pk, "heading": s.heading, "amount": s.amount}
        for s in (funding.spending.all() if funding else [])
    ]
    contribution_set = forms.formset_factory(
        ContributionForm,
        formset=ContributionFormSet,
        extra=EXTRA_ROWS,
        can_delete=True,
        can_delete_extra=False,
    )
    spend_set = forms.formset_factory(
        SpendForm, formset=FundingFormSet, extra=EXTRA_ROWS, can_delete=True, can_delete_extra=False
    )
    return (
        contribution_set(
            data, initial=contributions, prefix="contribution", form_kwargs={"agencies": agencies}
        ),
        spend_set(data, initial=spending, prefix="spend"),
    )


class GovernanceLinksForm(forms.Form):
    """The year's words on each link with the other boards; any may stay empty."""

    adults_board = forms.CharField(
        label="The Safeguarding Adults Board",
        required=False,
        max_length=MAX_LENGTH,
        help_text="Joint work on transitions, shared learning from reviews, joint training or meetings.",
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    community_safety = forms.CharField(
        label="The Community Safety Partnership",
        required=False,
        max_length=MAX_LENGTH,
        help_text="Domestic homicide reviews, exploitation, serious violence, the joint protocol.",
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    health_wellbeing = forms.CharField(
        label="The Health and Wellbeing Board",
        required=False,
        max_length=MAX_LENGTH,
        help_text="How the board heard this report and the joint strategic needs assessment.",
        widget=forms.Textarea(attrs={"rows": 5}),
    )

    hide_optional = True

    LINKS = ReportGovernanceLinks.LINKS


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
