"""Forms for case reviews: opening a review, its details at each stage, events, documents and
holding a DHR jointly with an LCSPR.

Forms parse what was typed and say what is missing; the rules of the statutory process (which
dates may not be in the future, what must be recorded before a stage is left, who may act) are
the services' in `reviews/services/reviews.py`, and a view puts a service's `DomainError`
next to the field it names. Children appear only by pseudonym: every free-text field says so.
"""

from django import forms
from django.db.models import Q

from partnership.models import Role, Subgroup, User
from partnership.uploads import ALLOWED_DESCRIPTION
from partnership.widgets import GovukDateInput, govuk_formfield

from ..models import Review, ReviewDocument, ReviewEvent, ReviewKind

DATE_FORMAT = "%d/%m/%Y"
PSEUDONYMS_ONLY = "Use pseudonyms only: never a child's or a family member's real name."


def _date_widget() -> GovukDateInput:
    return GovukDateInput()


def _invalid_date(label: str) -> str:
    return f"Enter {label} as a real date, for example 27/3/2026"


def lead_officers(current_id=None):
    """Who may lead a review: the business unit's officers (and whoever leads it now)."""
    officers = Q(is_active=True, role_assignments__role=Role.BUSINESS_UNIT)
    if current_id:
        officers |= Q(pk=current_id)
    return User.objects.filter(officers).distinct().order_by("full_name")


def _subgroups(current_id=None):
    active = Q(active=True)
    if current_id:
        active |= Q(pk=current_id)
    return Subgroup.objects.filter(active).order_by("name")


# --- opening a review ------------------------------------------------------------------------


class ReviewOpenForm(forms.ModelForm):
    """A review of any kind but a Rapid Review (those open from their notification)."""

    class Meta:
        model = Review
        formfield_callback = govuk_formfield
        fields = ["kind", "reference", "title", "subgroup", "lead", "opened_on", "summary", "notification"]
        labels = {
            "kind": "Kind of review",
            "reference": "Reference",
            "title": "Pseudonym",
            "subgroup": "Overseeing subgroup",
            "lead": "Lead officer",
            "opened_on": "Date opened",
            "summary": "Summary",
            "notification": "Serious incident notification",
        }
        help_texts = {
            "reference": "For example, LCSPR-2026-01 or DHR-2026-02.",
            "title": 'The pseudonym the review is known by, for example "Child Q". Never a real name.',
            "subgroup": "Usually the Practice Review subgroup: its members can read the review.",
            "lead": "The business unit officer who runs the review.",
            "opened_on": "For example, 27 3 2026",
            "summary": f"Why the review is being held, in a few sentences. {PSEUDONYMS_ONLY}",
            "notification": "If the review follows a serious incident notification.",
        }
        widgets = {"opened_on": _date_widget(), "summary": forms.Textarea(attrs={"rows": 4})}
        error_messages = {
            "kind": {"required": "Choose the kind of review"},
            "reference": {"required": "Enter the review's reference"},
            "title": {"required": "Enter the pseudonym the review is known by"},
            "subgroup": {"required": "Choose the subgroup that oversees the review"},
            "opened_on": {
                "required": "Enter the date the review opened",
                "invalid": _invalid_date("the date opened"),
            },
        }

    def __init__(self, *args, notifications=None, **kwargs):
        super().__init__(*args, **kwargs)
        kind = self.fields["kind"]
        kind.choices = [("", "Choose the kind of review")] + [
            (value, label) for value, label in ReviewKind.choices if value != ReviewKind.RAPID_REVIEW
        ]
        self.fields["subgroup"].queryset = _subgroups()
        self.fields["subgroup"].empty_label = "Choose a subgroup"
        self.fields["lead"].queryset = lead_officers()
        self.fields["lead"].empty_label = "Not yet chosen"
        notification = self.fields["notification"]
        notification.queryset = notifications if notifications is not None else notification.queryset.none()
        notification.empty_label = "None"
        notification.required = False


# --- a review's details, by kind -------------------------------------------------------------

ABOUT = ("About the review", ("title", "lead", "summary"))
TERMS = "Terms of reference"
REVIEWER = ("Reviewer", ("reviewer_name", "reviewer_organisation"))
FAMILY = ("Family involvement", ("family_involvement", "family_involvement_notes"))
PUBLICATION = (
    "Publication",
    (
        "publication_decision",
        "publication_reasons",
        "planned_publication_on",
        "sent_to_panel_and_sos_on",
        "published_on",
        "publication_url",
        "delay_reasons",
    ),
)
LCSPR_REVIEWER = (
    "Reviewer",
    ("reviewer_name", "reviewer_organisation", "reviewer_appointed_on", "reviewer_rationale"),
)
NOTIFICATIONS = ("Decision notified", ("decision_notified_to_panel_on", "decision_notified_to_ofsted_on"))
LCSPR_PUBLICATION = (
    "Publication",
    (*PUBLICATION[1], "published_until", "partnership_response", "response_published_on"),
)
K = ReviewKind

# The fieldsets each kind of review records, in the order of its stages.
FIELDSETS = {
    K.RAPID_REVIEW: [ABOUT],
    K.LCSPR: [
        ABOUT,
        (TERMS, ("decided_on", "terms_of_reference", "scope_from", "scope_to", "methodology")),
        NOTIFICATIONS,
        LCSPR_REVIEWER,
        FAMILY,
        ("Reports", ("draft_report_on", "final_report_on")),
        LCSPR_PUBLICATION,
    ],
    K.DHR: [
        ABOUT,
        (TERMS, ("decided_on", "terms_of_reference", "scope_from", "scope_to", "methodology")),
        REVIEWER,
        FAMILY,
        ("Reports", ("draft_report_on", "final_report_on")),
        ("Publication", tuple(f for f in PUBLICATION[1] if f != "sent_to_panel_and_sos_on")),
    ],
    K.NATIONAL_CSPR: [
        ABOUT,
        (TERMS, ("terms_of_reference", "scope_from", "scope_to")),
        REVIEWER,
        ("Reports", ("final_report_on",)),
        ("Publication", tuple(f for f in PUBLICATION[1] if f != "sent_to_panel_and_sos_on")),
    ],
    K.LEARNING_REVIEW: [
        ABOUT,
        (TERMS, ("terms_of_reference", "scope_from", "scope_to", "methodology")),
        REVIEWER,
        FAMILY,
        ("Reports", ("final_report_on", "delay_reasons")),
    ],
    K.AGENCY_REVIEW: [
        ABOUT,
        (TERMS, ("terms_of_reference", "scope_from", "scope_to")),
        REVIEWER,
        ("Reports", ("final_report_on", "delay_reasons")),
    ],
    K.THEMATIC: [
        ABOUT,
        (TERMS, ("terms_of_reference", "scope_from", "scope_to", "methodology")),
        REVIEWER,
        ("Reports", ("final_report_on", "delay_reasons")),
    ],
}

DETAIL_LABELS = {
    "title": "Pseudonym",
    "lead": "Lead officer",
    "summary": "Summary",
    "decided_on": "Date it was decided to hold the review",
    "terms_of_reference": "Terms of reference",
    "scope_from": "Scope period starts",
    "scope_to": "Scope period ends",
    "methodology": "Methodology",
    "reviewer_name": "Independent reviewer",
    "reviewer_organisation": "Reviewer's organisation",
    "family_involvement": "Family involvement",
    "family_involvement_notes": "About the family's involvement",
    "draft_report_on": "Draft report received",
    "final_report_on": "Final report received",
    "publication_decision": "Publication decision",
    "publication_reasons": "Reasons for the publication decision",
    "planned_publication_on": "Planned publication date",
    "sent_to_panel_and_sos_on": "Final report sent to the Panel and the Secretary of State",
    "published_on": "Publication date",
    "publication_url": "Publication address",
    "delay_reasons": "Reasons for any delay",
    "reviewer_appointed_on": "Reviewer appointed",
    "reviewer_rationale": "Why the reviewer was chosen",
    "decision_notified_to_panel_on": "Decision notified to the national Panel",
    "decision_notified_to_ofsted_on": "Decision notified to Ofsted",
    "published_until": "Kept published until (check date)",
    "partnership_response": "The partnership's published response to the findings",
    "response_published_on": "Response published",
}

DETAIL_HINTS = {
    "title": 'The pseudonym the review is known by, for example "Child Q". Never a real name.',
    "summary": PSEUDONYMS_ONLY,
    "decided_on": "The statutory clock for the final report starts here. For example, 27 3 2026",
    "terms_of_reference": f"What the review will look at and the questions it will answer. {PSEUDONYMS_ONLY}",
    "scope_from": "For example, 1 4 2025",
    "scope_to": "For example, 31 3 2026",
    "reviewer_name": "The independent reviewer's name.",
    "family_involvement_notes": f"How the family were invited and took part, or why not. {PSEUDONYMS_ONLY}",
    "draft_report_on": "The date the draft report was received. For example, 27 3 2026",
    "final_report_on": "The date the final report was received. For example, 27 3 2026",
    "publication_reasons": "Why the partners decided to publish in full, publish a summary or not publish.",
    "planned_publication_on": "The report must reach the Panel and the Secretary of State at least "
    "7 working days before. For example, 27 3 2026",
    "sent_to_panel_and_sos_on": "For example, 27 3 2026",
    "published_on": "For example, 27 3 2026",
    "publication_url": "The web address where the report is published, starting https://",
    "delay_reasons": "If a statutory timescale was or will be missed, why.",
    "reviewer_appointed_on": "For example, 27 3 2026",
    "reviewer_rationale": "Their experience and independence: the Panel is told this with their name.",
    "decision_notified_to_panel_on": "The date the Panel was told of the decision to hold the LCSPR. "
    "For example, 27 3 2026",
    "decision_notified_to_ofsted_on": "For example, 27 3 2026",
    "published_until": "The report stays published for at least 12 months. Leave empty for 12 months "
    "after publication. For example, 27 3 2028",
    "partnership_response": "What the safeguarding partners will do about each finding.",
    "response_published_on": "For example, 27 3 2026",
}

DATE_FIELDS = {
    "decided_on",
    "scope_from",
    "scope_to",
    "draft_report_on",
    "final_report_on",
    "planned_publication_on",
    "sent_to_panel_and_sos_on",
    "published_on",
    "reviewer_appointed_on",
    "decision_notified_to_panel_on",
    "decision_notified_to_ofsted_on",
    "published_until",
    "response_published_on",
}
TEXT_AREAS = {
    "summary": 3,
    "terms_of_reference": 6,
    "family_involvement_notes": 3,
    "publication_reasons": 3,
    "delay_reasons": 3,
    "reviewer_rationale": 3,
    "partnership_response": 5,
}


def fieldsets_for(review: Review) -> list[tuple[str, tuple[str, ...]]]:
    """The fieldsets a review of this kind records. An LCSPR opened from a Rapid Review takes
    its decision date from it, so it does not ask for its own."""
    result = []
    for legend, names in FIELDSETS[review.kind]:
        if review.rapid_review_id:
            names = tuple(n for n in names if n != "decided_on")
        result.append((legend, names))
    return result


class ReviewDetailsForm(forms.ModelForm):
    """A review's details: only the fields its kind uses, grouped in GOV.UK fieldsets."""

    publication_url = forms.URLField(
        required=False,
        max_length=200,
        assume_scheme="https",
        error_messages={
            "invalid": "Enter the publication address as a web address, like https://example.org/report"
        },
    )

    class Meta:
        model = Review
        formfield_callback = govuk_formfield
        fields = [name for _legend, names in FIELDSETS[K.LCSPR] for name in names]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        review = self.instance
        self.fieldset_names = fieldsets_for(review)
        wanted = {name for _legend, names in self.fieldset_names for name in names}
        for name in list(self.fields):
            if name not in wanted:
                del self.fields[name]
        for name, field in self.fields.items():
            field.label = DETAIL_LABELS.get(name, field.label)
            field.help_text = DETAIL_HINTS.get(name, "")
            if name in DATE_FIELDS:
                field.widget = _date_widget()
                field.error_messages["invalid"] = _invalid_date(f"the {field.label.lower()}")
            elif name in TEXT_AREAS:
                field.widget = forms.Textarea(attrs={"rows": TEXT_AREAS[name]})
        if "title" in self.fields:
            self.fields["title"].error_messages["required"] = "Enter the pseudonym the review is known by"
        if "lead" in self.fields:
            self.fields["lead"].queryset = lead_officers(review.lead_id)
            self.fields["lead"].empty_label = "Not yet chosen"
        if "methodology" in self.fields:
            self.fields["methodology"].choices = [
                ("", "Not yet chosen"),
                *self.fields["methodology"].choices[1:],
            ]
        if "publication_decision" in self.fields:
            self.fields["publication_decision"].choices = [
                ("", "Not yet decided"),
                *self.fields["publication_decision"].choices[1:],
            ]
        if "family_involvement" in self.fields:
            self.fields["family_involvement"].widget = forms.RadioSelect(
                choices=self.fields["family_involvement"].choices
            )
        if "decided_on" in self.fields:
            self.fields["decided_on"].label = (
                "Date the Community Safety Partnership decided to hold the DHR"
                if review.kind == K.DHR
                else "Date the safeguarding partners decided to hold the review"
            )

    def fieldsets(self):
        """[(legend, [bound fields])] for the template."""
        return [
            (legend, [self[name] for name in names if name in self.fields])
            for legend, names in self.fieldset_names
        ]


# --- events, documents, joint reviews -------------------------------------------------------


class ReviewEventForm(forms.ModelForm):
    class Meta:
        model = ReviewEvent
        formfield_callback = govuk_formfield
        fields = ["kind", "date", "title", "notes"]
        labels = {"kind": "What kind of event", "date": "Date", "title": "Title", "notes": "Notes"}
        help_texts = {
            "date": "For example, 27 3 2026",
            "title": "For example, Practitioner learning event with health visitors.",
            "notes": f"Who took part and what came of it. {PSEUDONYMS_ONLY}",
        }
        widgets = {
            "kind": forms.RadioSelect,
            "date": _date_widget(),
            "notes": forms.Textarea(attrs={"rows": 4}),
        }
        error_messages = {
            "kind": {"required": "Choose what kind of event it is"},
            "date": {"required": "Enter the date of the event", "invalid": _invalid_date("the date")},
            "title": {"required": "Enter a title for the event"},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = ReviewEvent.Kind.choices


class DocumentUploadForm(forms.Form):
    kind = forms.ChoiceField(
        label="What the document is",
        choices=[("", "Choose what the document is"), *ReviewDocument.Kind.choices],
        error_messages={"required": "Choose what the document is"},
    )
    description = forms.CharField(
        label="Description",
        max_length=255,
        required=False,
        help_text=f"For example, the version or who wrote it. {PSEUDONYMS_ONLY}",
    )
    file = forms.FileField(
        label="Upload a file",
        help_text=f"It must be {ALLOWED_DESCRIPTION}. It is stored privately: only those who may read "
        "this review can download it, and every download is logged.",
        error_messages={"required": "Select a file", "empty": "The selected file is empty."},
    )


class JointReviewForm(forms.Form):
    """Choose the LCSPR a DHR is held jointly with."""

    joint_with = forms.ModelChoiceField(
        label="LCSPR to hold this DHR jointly with",
        queryset=Review.objects.none(),
        empty_label="Choose an LCSPR",
        help_text="The two reviews share one panel and one action plan: the LCSPR's.",
        error_messages={"required": "Choose the LCSPR", "invalid_choice": "Choose one of the LCSPRs listed"},
    )

    def __init__(self, *args, lcsprs=None, **kwargs):
        super().__init__(*args, **kwargs)
        if lcsprs is not None:
            self.fields["joint_with"].queryset = lcsprs
        self.fields["joint_with"].label_from_instance = lambda r: f"{r.reference}: {r.title}"
