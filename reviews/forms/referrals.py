"""Forms for referrals of cases for a learning review: referring one, and screening it.

Forms parse what was typed; the rules (who may refer by which route, what a screening must
record, the review a "learning review" decision opens) are in `reviews/services/referrals.py`,
and the view puts a service's refusal next to its field. The child is named by pseudonym only,
and every free-text field says so.
"""

from django import forms

from partnership.widgets import GovukDateField, govuk_formfield

from ..models import Referral, ReferralRoute, ScreeningDecision
from ..services.referrals import AGENCY_ROUTES, REFERRAL_CRITERIA, rapid_reviews_to_refer_from
from .reviews import _subgroups, lead_officers

PSEUDONYM_HINT = (
    'The pseudonym only, for example "Child S". Never the child\'s name, date of birth, address or school.'
)
PSEUDONYMS_ONLY = "Use pseudonyms only: never a child's or a family member's real name."


class ReferralForm(forms.ModelForm):
    """Refer a case. Agency staff choose among the agency routes; the business unit among all,
    with the agency and, for a Rapid Review's referral, the Rapid Review."""

    class Meta:
        model = Referral
        formfield_callback = govuk_formfield
        fields = [
            "route",
            "agency",
            "rapid_review",
            "referrer",
            "pseudonym",
            "circumstances",
            "why_criteria_met",
            "referred_on",
        ]
        labels = {
            "route": "Who is referring the case?",
            "agency": "Agency",
            "rapid_review": "Rapid Review",
            "referrer": "Referred by",
            "pseudonym": "Child's pseudonym",
            "circumstances": "Circumstances of the case",
            "why_criteria_met": "Why do you think it meets the criteria for a learning review?",
            "referred_on": "Date of the referral",
        }
        help_texts = {
            "agency": "The agency the referral comes from, if any.",
            "rapid_review": "Only for a referral from a Rapid Review that decided against an LCSPR.",
            "referrer": 'Your name and role, or the practitioner\'s, for example "Jo Smith, health visitor".',
            "pseudonym": PSEUDONYM_HINT,
            "circumstances": f"What happened and which agencies were involved. {PSEUDONYMS_ONLY}",
            "why_criteria_met": "What the partnership could learn about how agencies work together. "
            f"{PSEUDONYMS_ONLY}",
            "referred_on": "For example, 27 3 2026",
        }
        widgets = {
            "route": forms.RadioSelect,
            "circumstances": forms.Textarea(attrs={"rows": 6}),
            "why_criteria_met": forms.Textarea(attrs={"rows": 4}),
        }
        error_messages = {
            "route": {"required": "Choose who is referring the case"},
            "referrer": {"required": "Say who is referring the case"},
            "pseudonym": {"required": 'Enter the child\'s pseudonym, for example "Child S"'},
            "circumstances": {"required": "Describe the circumstances of the case"},
            "why_criteria_met": {"required": "Say why you think the case meets the criteria"},
            "referred_on": {
                "required": "Enter the date of the referral",
                "invalid": "Enter the date of the referral as a real date, for example 27 3 2026",
            },
        }

    def __init__(self, *args, user, business_unit: bool, **kwargs):
        super().__init__(*args, **kwargs)
        routes = ReferralRoute.choices if business_unit else [
            (value, label) for value, label in ReferralRoute.choices if value in AGENCY_ROUTES
        ]  # fmt: skip
        self.fields["route"].choices = routes
        self.fields["route"].widget = forms.RadioSelect(choices=routes)
        if business_unit:
            self.fields["agency"].empty_label = "No agency"
            self.fields["rapid_review"].queryset = rapid_reviews_to_refer_from(user).order_by("-opened_on")
            self.fields["rapid_review"].empty_label = "Not from a Rapid Review"
            self.fields["rapid_review"].label_from_instance = lambda r: f"{r.reference}: {r.title}"
        else:
            del self.fields["agency"]
            del self.fields["rapid_review"]


class ScreeningForm(forms.Form):
    """The business unit's screening: the checklist, the decision and its rationale, and for a
    learning review the review's reference and overseeing subgroup."""

    criteria = forms.MultipleChoiceField(
        choices=REFERRAL_CRITERIA,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label="Which criteria does the case meet?",
        help_text="Tick each one that is met. Those left unticked are recorded as not met. "
        "A child who died or was seriously harmed through known or suspected abuse or neglect "
        "is a serious incident: notify it and hold a Rapid Review.",
    )
    decision = forms.ChoiceField(
        label="Decision",
        choices=ScreeningDecision.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the decision"},
    )
    rationale = forms.CharField(
        label="Rationale",
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=f"Explain the decision against the criteria. For other learning activity, say which. "
        f"{PSEUDONYMS_ONLY}",
        error_messages={"required": "Explain the decision against the criteria"},
    )
    screened_on = GovukDateField(
        label="Date of the screening",
        help_text="For example, 27 3 2026",
        error_messages={
            "required": "Enter the date of the screening",
            "invalid": "Enter the date of the screening as a real date, for example 27 3 2026",
        },
    )
    reference = forms.CharField(
        label="Reference for the learning review",
        max_length=30,
        required=False,
        help_text="Only if the decision is a learning review. For example, LR-2026-02.",
    )
    subgroup = forms.ModelChoiceField(
        label="Overseeing subgroup",
        queryset=None,
        required=False,
        empty_label="Choose a subgroup",
        help_text="Only if the decision is a learning review.",
    )
    lead = forms.ModelChoiceField(
        label="Lead officer",
        queryset=None,
        required=False,
        empty_label="Not yet chosen",
        help_text="Only if the decision is a learning review.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["subgroup"].queryset = _subgroups()
        self.fields["lead"].queryset = lead_officers()

    def clean(self):
        data = super().clean()
        if data.get("decision") == ScreeningDecision.LEARNING_REVIEW:
            if not (data.get("reference") or "").strip():
                self.add_error("reference", "Enter a reference for the learning review")
            if not data.get("subgroup"):
                self.add_error("subgroup", "Choose the subgroup that will oversee the learning review")
        return data
