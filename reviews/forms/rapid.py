"""Forms for serious incident notifications and the Rapid Review.

Forms parse what was typed; the services in reviews/services/rapid.py decide the rules (who may
record what, how many children, which outcome the criteria allow) and the views put a
service's refusal next to the field it is about. Children appear only by pseudonym.
"""

from django import forms
from django.db.models import Q

from partnership.models import Agency, Area, Subgroup, User
from partnership.widgets import GovukDateField, govuk_formfield

from ..models import (
    AbuseOrNeglect,
    AgeBand,
    AgencyRequest,
    ChronologyEntry,
    Decision,
    IncidentKind,
    Notification,
    PanelRole,
    Review,
)
from ..services.rapid import CRITERIA
from .reviews import lead_officers

PSEUDONYM_HINT = 'Use the pseudonym only, for example "Child Q". Never the child\'s name.'


def _agencies(current=()):
    """Active agencies, and any already chosen (so an edit keeps a deactivated one)."""
    return Agency.objects.filter(Q(active=True) | Q(pk__in=[a.pk for a in current])).order_by("name")


# --- notifications --------------------------------------------------------------------------


class NotificationForm(forms.ModelForm):
    class Meta:
        model = Notification
        formfield_callback = govuk_formfield
        fields = [
            "reference", "became_aware_on", "notified_on", "incident", "abuse_or_neglect",
            "summary", "area", "agencies",
        ]  # fmt: skip
        labels = {
            "became_aware_on": "Date the local authority became aware",
            "notified_on": "Date notified to the national Panel",
            "abuse_or_neglect": "Abuse or neglect",
        }
        help_texts = {
            "reference": "For example, SIN-2026-04.",
            "notified_on": "Leave blank if the Panel has not been notified yet. For example, 27 3 2026",
            "abuse_or_neglect": "A serious incident notification is made where abuse or neglect is known or suspected.",
            "agencies": "The agencies that were involved with the child or family. Each will be asked for a summary.",
        }
        widgets = {
            "incident": forms.RadioSelect,
            "abuse_or_neglect": forms.RadioSelect,
            "summary": forms.Textarea(attrs={"rows": 5}),
            "agencies": forms.CheckboxSelectMultiple,
        }
        error_messages = {
            "reference": {"required": "Enter the notification's reference"},
            "became_aware_on": {
                "required": "Enter the date the local authority became aware",
                "invalid": "Enter the date as day/month/year, for example 27/3/2026",
            },
            "notified_on": {"invalid": "Enter the date as day/month/year, for example 27/3/2026"},
            "incident": {"required": "Say whether the child died or was seriously harmed"},
            "abuse_or_neglect": {"required": "Say whether abuse or neglect is known or suspected"},
            "summary": {"required": "Summarise what happened, using pseudonyms only"},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["incident"].choices = IncidentKind.choices
        self.fields["abuse_or_neglect"].choices = AbuseOrNeglect.choices
        current_area = self.instance.area_id
        self.fields["area"].queryset = Area.objects.filter(Q(active=True) | Q(pk=current_area))
        self.fields["area"].empty_label = "The whole partnership"
        current = list(self.instance.agencies.all()) if self.instance.pk else []
        self.fields["agencies"].queryset = _agencies(current)


class ChildForm(forms.Form):
    """One of four fixed rows; a row left blank is ignored."""

    pseudonym = forms.CharField(max_length=40, required=False, help_text=PSEUDONYM_HINT)
    age_band = forms.ChoiceField(choices=[("", "Choose an age band"), *AgeBand.choices], required=False)
    looked_after = forms.BooleanField(label="Looked after at the time", required=False)

    hide_optional = True

    def clean(self):
        data = super().clean()
        if not data.get("pseudonym") and not data.get("age_band") and not data.get("looked_after"):
            return data  # a blank row
        if not data.get("pseudonym", "").strip():
            self.add_error("pseudonym", "Enter the child's pseudonym, or clear this row")
        if not data.get("age_band"):
            self.add_error("age_band", "Choose the child's age band")
        return data

    def child(self) -> dict | None:
        data = self.cleaned_data
        if not data.get("pseudonym", "").strip():
            return None
        return {
            "pseudonym": data["pseudonym"].strip(),
            "age_band": data["age_band"],
            "looked_after": data["looked_after"],
        }


ChildFormSet = forms.formset_factory(ChildForm, extra=4, max_num=4, absolute_max=4)


def child_formset(data=None, notification=None) -> forms.BaseFormSet:
    initial = []
    if notification is not None and notification.pk:
        initial = [
            {"pseudonym": c.pseudonym, "age_band": c.age_band, "looked_after": c.looked_after}
            for c in notification.children.all()
        ]
    return ChildFormSet(data, initial=initial, prefix="child")


# --- opening the Rapid Review ------------------------------------------------------------


class RapidReviewOpenForm(forms.Form):
    reference = forms.CharField(
        max_length=30, help_text="For example, RR-2026-03.", error_messages={"required": "Enter a reference"}
    )
    title = forms.CharField(
        label="Known as",
        max_length=200,
        help_text='Use the pseudonym only, for example "Child Q".',
        error_messages={"required": "Enter the pseudonym the review is known by"},
    )
    lead = forms.ModelChoiceField(
        queryset=User.objects.none(),
        label="Lead officer",
        help_text="The business unit officer who runs the Rapid Review.",
        empty_label="Choose a person",
        error_messages={"required": "Choose who leads the Rapid Review"},
    )
    subgroup = forms.ModelChoiceField(
        queryset=Subgroup.objects.none(),
        label="Overseeing subgroup",
        help_text="Its members can see the review's detail.",
        empty_label="Choose a subgroup",
        error_messages={"required": "Choose the subgroup that oversees the review"},
    )
    agencies = forms.ModelMultipleChoiceField(
        queryset=Agency.objects.none(),
        label="Agencies to ask for a summary",
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="Each agency's lead is emailed a link to answer in the service.",
    )
    due_on = GovukDateField(
        label="Date agencies must reply by",
        help_text="Usually five working days from today. For example, 27 3 2026",
        error_messages={
            "required": "Enter the date agencies must reply by",
            "invalid": "Enter the date as day/month/year, for example 27/3/2026",
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead"].queryset = lead_officers()
        self.fields["subgroup"].queryset = Subgroup.objects.filter(active=True)
        self.fields["agencies"].queryset = _agencies()


# --- agency summary requests ------------------------------------------------------------


class RequestAnswerForm(forms.ModelForm):
    class Meta:
        model = AgencyRequest
        formfield_callback = govuk_formfield
        fields = ["involvement", "analysis"]
        labels = {
            "involvement": "Your agency's involvement with the child and family",
            "analysis": "Your agency's analysis and learning",
        }
        help_texts = {
            "involvement": "What your agency knew and did, with dates. Use the pseudonyms only.",
            "analysis": "What went well, what could have been better, and what your agency has learnt.",
        }
        widgets = {
            "involvement": forms.Textarea(attrs={"rows": 10}),
            "analysis": forms.Textarea(attrs={"rows": 8}),
        }
        error_messages = {
            "involvement": {"required": "Describe your agency's involvement with the child and family"}
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["involvement"].required = True


class RequestAddForm(forms.Form):
    agency = forms.ModelChoiceField(
        queryset=Agency.objects.none(),
        empty_label="Choose an agency",
        error_messages={"required": "Choose the agency to ask"},
    )
    due_on = GovukDateField(
        label="Date the agency must reply by",
        error_messages={
            "required": "Enter the date the agency must reply by",
            "invalid": "Enter the date as day/month/year, for example 27/3/2026",
        },
    )
    questions = forms.CharField(
        label="What the panel wants to know",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Only if more than the usual summary. Use the pseudonyms only.",
    )

    def __init__(self, *args, review, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = _agencies().exclude(review_requests__review=review)


# --- chronology, panel, dates, decision -----------------------------------------------------


class ChronologyEntryForm(forms.ModelForm):
    class Meta:
        model = ChronologyEntry
        formfield_callback = govuk_formfield
        fields = ["date", "agency", "event", "source"]
        labels = {"event": "What happened"}
        help_texts = {"event": "Use the pseudonyms only."}
        widgets = {"event": forms.Textarea(attrs={"rows": 4})}
        error_messages = {
            "date": {
                "required": "Enter the date",
                "invalid": "Enter the date as day/month/year, for example 27/3/2026",
            },
            "agency": {"required": "Choose the agency"},
            "event": {"required": "Say what happened"},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = _agencies()
        self.fields["agency"].empty_label = "Choose an agency"


class PanelMemberForm(forms.Form):
    user = forms.ModelChoiceField(
        queryset=User.objects.filter(is_active=True).select_related("agency").order_by("full_name"),
        label="Person",
        empty_label="Choose a person",
        help_text="Panel members can see this review's detail.",
        error_messages={"required": "Choose the person to add"},
    )
    role = forms.ChoiceField(
        choices=PanelRole.choices,
        widget=forms.RadioSelect,
        initial=PanelRole.MEMBER,
        error_messages={"required": "Choose their role on the panel"},
    )


class PanelDatesForm(forms.ModelForm):
    class Meta:
        model = Review
        formfield_callback = govuk_formfield
        fields = ["panel_meeting_on", "sent_to_panel_on", "panel_reply_on", "panel_reply"]
        labels = {
            "panel_meeting_on": "Date of the panel meeting",
            "sent_to_panel_on": "Date the Rapid Review was sent to the national Panel",
            "panel_reply_on": "Date the national Panel replied",
            "panel_reply": "The Panel's reply",
        }
        help_texts = {"panel_reply": "What the national Panel said, in summary. Use the pseudonyms only."}
        widgets = {"panel_reply": forms.Textarea(attrs={"rows": 5})}
        _invalid = {"invalid": "Enter the date as day/month/year, for example 27/3/2026"}
        error_messages = {
            "panel_meeting_on": _invalid,
            "sent_to_panel_on": _invalid,
            "panel_reply_on": _invalid,
        }

    def clean(self):
        data = super().clean()
        sent, reply = data.get("sent_to_panel_on"), data.get("panel_reply_on")
        if reply and not sent:
            self.add_error("panel_reply_on", "Record when the Rapid Review was sent before the Panel's reply")
        elif reply and sent and reply < sent:
            self.add_error("panel_reply_on", "The Panel cannot reply before the Rapid Review was sent")
        if data.get("panel_reply", "").strip() and not reply:
            self.add_error("panel_reply_on", "Enter the date the national Panel replied")
        return data


class DecisionForm(forms.Form):
    criteria = forms.MultipleChoiceField(
        choices=CRITERIA,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label="Which criteria are met?",
        help_text="Tick each one that is met. Those left unticked are recorded as not met.",
    )
    considerations = forms.CharField(
        label="Other considerations",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="For example, whether the learning is already being taken forward elsewhere.",
    )
    decision = forms.ChoiceField(
        label="Outcome",
        choices=Decision.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the outcome"},
    )
    decision_rationale = forms.CharField(
        label="Rationale",
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="Explain the decision against the criteria. This is sent to the national Panel.",
        error_messages={"required": "Explain the decision against the criteria"},
    )
    decided_by = forms.CharField(
        label="Who decided",
        max_length=255,
        help_text="The safeguarding partners who made the decision, for example the three partners' leads.",
        error_messages={"required": "Say which safeguarding partners decided"},
    )
    decided_on = GovukDateField(
        label="Date of the decision",
        error_messages={
            "required": "Enter the date of the decision",
            "invalid": "Enter the date as day/month/year, for example 27/3/2026",
        },
    )


class FollowOnOpenForm(forms.Form):
    reference = forms.CharField(
        max_length=30,
        help_text="For example, LCSPR-2026-01.",
        error_messages={"required": "Enter a reference"},
    )
