"""Forms for peer challenge: setting up a session, recording challenge on one standard, and
recording the date the round's overview was reported.

Forms parse what was typed and say what is missing; who may do what, and which returns may be
challenged, are the services' rules (`audits/services/panel.py`).
"""

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format

from partnership.models import User
from partnership.widgets import GovukDateField, GovukDateInput, govuk_formfield
from partnership.working_days import bank_holiday_name

from .. import selectors
from ..models import ChallengeSession, RatingLevel, Return


class PanelMemberField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.full_name} ({obj.email})"


class SessionReturnField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.agency.name} ({obj.get_status_display().lower()})"


class SessionForm(forms.ModelForm):
    """A peer challenge session: when it meets, who sits on it and which returns it tests."""

    members = PanelMemberField(
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        label="Panel members",
        help_text="Lay members, peer challengers and the business unit. Members see only the returns assigned to this session.",
        error_messages={"required": "Choose at least one member of the panel"},
    )
    returns = SessionReturnField(
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label="Returns to challenge",
        help_text="Only submitted returns can be challenged.",
    )
    # Shown (as a checkbox) only when the date is a weekend or a bank holiday: see clean().
    confirm_date = forms.BooleanField(required=False, widget=forms.HiddenInput)

    class Meta:
        model = ChallengeSession
        formfield_callback = govuk_formfield
        fields = ["title", "date"]
        labels = {"title": "Title", "date": "Date of the session"}
        help_texts = {"title": "For example, Peer challenge panel A", "date": "For example, 10 12 2026"}
        widgets = {"date": GovukDateInput()}
        error_messages = {
            "title": {"required": "Enter the session's title"},
            "date": {
                "required": "Enter the date of the session",
                "invalid": "Enter the date as a real date, for example 10/12/2026",
            },
        }

    def __init__(self, *args, round_, **kwargs):
        super().__init__(*args, **kwargs)
        self.order_fields(["title", "date", "confirm_date"])
        self.instance.round = round_
        assigned = Return.objects.none().values("pk")
        # Those who may sit on a panel, and anyone already on this one (kept if their role ended).
        members = Q(pk__in=selectors.panel_member_candidates().values("pk"))
        if self.instance.pk:
            assigned = self.instance.returns.values("pk")
            self.fields["members"].initial = list(self.instance.members.values_list("pk", flat=True))
            self.fields["returns"].initial = [row["pk"] for row in assigned]
            members |= Q(pk__in=self.instance.members.values("pk"))
        self.fields["members"].queryset = User.objects.filter(members).order_by("full_name")
        # The round's submitted returns, and any already assigned (kept whatever their status).
        self.fields["returns"].queryset = (
            Return.objects.filter(round=round_)
            .filter(Q(status__in=selectors.CHALLENGEABLE) | Q(pk__in=assigned))
            .select_related("agency")
            .order_by("agency__name")
        )

    def clean(self):
        """A session on a Saturday, a Sunday or a bank holiday is probably a typing slip, but
        not always: the date is refused once with a warning and a checkbox to confirm it. A
        session whose date is not being changed is not asked again."""
        cleaned = super().clean()
        day = cleaned.get("date")
        if not day or "date" not in self.changed_data or cleaned.get("confirm_date"):
            return cleaned
        holiday = bank_holiday_name(day)
        if holiday:
            what, kind = f"a bank holiday ({holiday})", "a bank holiday"
        elif day.weekday() >= 5:
            what, kind = f"a {day:%A}", "a weekend"
        else:
            return cleaned
        self.add_error(
            "date",
            f"{date_format(day)} is {what}. Check the date, or confirm that the session is on {kind}.",
        )
        confirm = self.fields["confirm_date"]
        confirm.widget = forms.CheckboxInput()
        confirm.label = f"Yes, the session is on {day:%A} {date_format(day)}"
        return cleaned


class ChallengeForm(forms.Form):
    """The panel's challenge on one standard, the agency's response and the moderated rating."""

    challenge = forms.CharField(
        label="The panel's challenge",
        widget=forms.Textarea(attrs={"rows": 6}),
        required=False,
        help_text="What the panel asked and what it found in the evidence.",
    )
    agency_response = forms.CharField(
        label="The agency's response",
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
    )
    moderated_rating = forms.ModelChoiceField(
        queryset=RatingLevel.objects.none(),
        widget=forms.RadioSelect,
        required=False,
        empty_label="Not moderated yet",
        label="Moderated rating (optional)",
        help_text="The panel's rating for the standard. The agency's own self-rating is kept beside it.",
    )

    def __init__(self, *args, framework, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["moderated_rating"].queryset = framework.rating_levels.order_by("-score")

    def clean(self):
        data = super().clean()
        if not (data.get("challenge") or "").strip() and data.get("moderated_rating") is None:
            raise forms.ValidationError("Enter the panel's challenge or choose a moderated rating")
        return data


class OverviewReportedForm(forms.Form):
    reported_on = GovukDateField(
        label="Date the overview was reported",
        help_text="To the partnership board or the overseeing subgroup. For example, 14 3 2027",
        error_messages={
            "required": "Enter the date the overview was reported",
            "invalid": "Enter the date as a real date, for example 14/3/2027",
        },
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {"reported_on": timezone.localdate()})
        super().__init__(*args, **kwargs)
