"""Forms for meetings: the meeting itself, its attendance (one row per agency), an agenda item,
a paper and a decision. Forms parse what was typed; the rules are the services'."""

import uuid
from collections import defaultdict

from django import forms
from django.db.models import Q

from partnership.models import ActionPlan, Agency, LearningSource, Recommendation, Subgroup, User
from partnership.models.actions import NOT_CLOSED_STATUSES
from partnership.widgets import GovukDateField, govuk_formfield

from .models import AttendanceStatus, Body, DecisionKind, Meeting, Paper


class MeetingForm(forms.ModelForm):
    """When and where a meeting is (or was), who meets, whether it was held, and its minutes."""

    class Meta:
        model = Meeting
        formfield_callback = govuk_formfield
        fields = ["body", "subgroup", "title", "date", "start_time", "place", "status", "minutes_summary"]
        labels = {
            "body": "Who meets",
            "subgroup": "Subgroup",
            "date": "Date",
            "start_time": "Start time",
            "place": "Where",
            "minutes_summary": "Summary of the minutes",
        }
        help_texts = {
            "subgroup": "Only for a subgroup's meeting.",
            "date": "For example, 14 1 2027",
            "start_time": "For example, 10:00",
            "place": "A room and building, or Online.",
        }
        widgets = {
            "body": forms.RadioSelect,
            "status": forms.RadioSelect,
            "start_time": forms.TimeInput(format="%H:%M", attrs={"class": "govuk-input--width-5"}),
            "minutes_summary": forms.Textarea(attrs={"rows": 6}),
        }
        error_messages = {
            "body": {"required": "Choose who meets"},
            "title": {"required": "Enter the meeting's title"},
            "date": {
                "required": "Enter the date",
                "invalid": "Enter the date as a real date, for example 14/1/2027",
            },
            "start_time": {"invalid": "Enter the start time like 10:00"},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        current = self.instance.subgroup_id
        self.fields["subgroup"].queryset = Subgroup.objects.filter(active=True) | Subgroup.objects.filter(
            pk=current
        )
        self.fields["subgroup"].empty_label = "Choose a subgroup"
        self.fields["body"].choices = Body.choices

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("body") == Body.SUBGROUP and not cleaned.get("subgroup"):
            self.add_error("subgroup", "Choose the subgroup that meets")
        return cleaned


STATUS_CHOICES = [("", "Not recorded"), *AttendanceStatus.choices]


class AttendanceForm(forms.Form):
    """One status, name and role per agency (`agencies`), prefilled from what is recorded."""

    def __init__(self, *args, agencies: list[Agency], recorded: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.agencies = agencies
        for agency in agencies:
            current = recorded.get(agency.pk)
            self.fields[f"status_{agency.pk}"] = forms.ChoiceField(
                label="Attendance", choices=STATUS_CHOICES, required=False,
                initial=current.status if current else "",
            )  # fmt: skip
            self.fields[f"name_{agency.pk}"] = forms.CharField(
                label="Representative's name", max_length=150, required=False,
                initial=current.representative if current else "",
            )  # fmt: skip
            self.fields[f"role_{agency.pk}"] = forms.CharField(
                label="Representative's role", max_length=150, required=False,
                initial=current.representative_role if current else "",
            )  # fmt: skip

    def groups(self):
        """(agency, its three bound fields), for the template."""
        return [
            (a, [self[f"status_{a.pk}"], self[f"name_{a.pk}"], self[f"role_{a.pk}"]]) for a in self.agencies
        ]

    def rows(self) -> list[dict]:
        data = self.cleaned_data
        return [
            {
                "agency": a,
                "status": data.get(f"status_{a.pk}", ""),
                "representative": data.get(f"name_{a.pk}", ""),
                "representative_role": data.get(f"role_{a.pk}", ""),
            }
            for a in self.agencies
        ]


class AgendaItemForm(forms.Form):
    title = forms.CharField(
        label="Item", max_length=255, error_messages={"required": "Enter the item's title"}
    )
    presenter = forms.CharField(label="Who presents", max_length=150, required=False)
    paper = forms.ModelChoiceField(label="Paper", queryset=Paper.objects.none(), required=False)
    decision_needed = forms.BooleanField(
        label='A decision is needed: list it under "Decisions needed" in the board pack', required=False
    )

    def __init__(self, *args, meeting: Meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["paper"].queryset = meeting.papers.all()
        self.fields["paper"].empty_label = "No paper"


class PaperForm(forms.Form):
    title = forms.CharField(
        label="Title", max_length=200, error_messages={"required": "Enter the paper's title"}
    )
    file = forms.FileField(label="File", error_messages={"required": "Choose the paper's file"})
    confidential = forms.BooleanField(
        label="Confidential: only for those who sit on the body, not for attending agency leads",
        required=False,
    )


class DecisionForm(forms.Form):
    """A decision. For an action agreed: the recommendation it answers, chosen under its open
    action plan (the plan follows), the owning agency, the lead and the due date. For a
    decision on a source: the source."""

    token = forms.UUIDField(widget=forms.HiddenInput)
    kind = forms.ChoiceField(
        label="What kind of decision", choices=DecisionKind.choices, widget=forms.RadioSelect,
        error_messages={"required": "Choose what kind of decision this is"},
    )  # fmt: skip
    text = forms.CharField(
        label="Decision", widget=forms.Textarea(attrs={"rows": 4}),
        help_text="For an action agreed, this is the action: make it SMART.",
        error_messages={"required": "Enter the decision"},
    )  # fmt: skip
    recommendation = forms.ChoiceField(
        label="Action plan and recommendation",
        required=False,
        help_text="For an action agreed: it goes on an open action plan, answering one of its recommendations.",
    )
    owner_agency = forms.ModelChoiceField(
        label="Owning agency", queryset=Agency.objects.none(), required=False,
        help_text="For an action agreed: the agency that answers for it.",
    )  # fmt: skip
    lead_user = forms.ModelChoiceField(label="Lead", queryset=User.objects.none(), required=False)
    lead_name = forms.CharField(label="Or the lead's name, if they do not use this service", required=False)
    due_date = GovukDateField(
        label="Due date", required=False, help_text="For an action agreed. For example, 31 3 2027",
        error_messages={"invalid": "Enter the due date as a real date, for example 31/3/2027"},
    )  # fmt: skip
    source = forms.ModelChoiceField(
        label="Source of learning",
        queryset=LearningSource.objects.none(),
        required=False,
        help_text="For a decision on a review, an audit, a deep dive or another source of learning.",
    )

    def __init__(self, *args, plans, sources, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["token"].initial = uuid.uuid4()
        still_open = ActionPlan.objects.filter(
            Q(actions__status__in=NOT_CLOSED_STATUSES) | Q(actions__isnull=True)
        )
        recommendations = (
            Recommendation.objects.filter(
                source__action_plan__in=plans.filter(pk__in=still_open.values("pk"))
            )
            .select_related("source__action_plan")
            .order_by("source__action_plan__title", "pk")
        )
        self.recommendations = {r.pk: r for r in recommendations}
        by_plan = defaultdict(list)  # the plan's title -> its recommendations, as the select's groups
        for r in self.recommendations.values():
            by_plan[r.source.action_plan.title].append((str(r.pk), f"{r.reference}. {r.text[:100]}"))
        self.fields["recommendation"].choices = [("", "Choose a plan's recommendation"), *by_plan.items()]
        self.fields["owner_agency"].queryset = Agency.objects.filter(active=True).order_by("name")
        self.fields["owner_agency"].empty_label = "The partnership"
        self.fields["lead_user"].queryset = User.objects.filter(is_active=True).order_by("full_name", "email")
        self.fields["lead_user"].empty_label = "Someone who does not use this service"
        self.fields["source"].queryset = sources
        self.fields["source"].empty_label = "Choose a source of learning"

    def clean_recommendation(self):
        value = self.cleaned_data["recommendation"]
        return self.recommendations[int(value)] if value else None

    def clean(self):
        cleaned = super().clean()
        recommendation = cleaned.get("recommendation")
        cleaned["plan"] = recommendation.source.action_plan if recommendation else None
        if cleaned.get("kind") == DecisionKind.ACTION:
            for name, message in (
                ("recommendation", "Choose the action plan and the recommendation the action answers"),
                ("due_date", "Enter the action's due date"),
            ):
                if not cleaned.get(name) and name not in self.errors:
                    self.add_error(name, message)
            if not cleaned.get("lead_user") and not cleaned.get("lead_name"):
                self.add_error(
                    "lead_user", "Choose the lead, or enter the name of a lead who does not use this service"
                )
        elif cleaned.get("kind") == DecisionKind.SOURCE and not cleaned.get("source"):
            self.add_error("source", "Choose the review, audit or other source of learning")
        return cleaned


class ScrutinyForm(forms.Form):
    """The deep dive a meeting scrutinises (for its board pack)."""

    scrutiny_source = forms.ModelChoiceField(
        label="Deep dive for scrutiny", queryset=LearningSource.objects.none(), required=False
    )

    def __init__(self, *args, sources, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["scrutiny_source"].queryset = sources
        self.fields["scrutiny_source"].empty_label = "None chosen"


class CirculateForm(forms.Form):
    """Who the pack goes to (checkboxes), and the form's one-time key against a double submit."""

    recipients = forms.ModelMultipleChoiceField(
        label="Send the pack to",
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose at least one person to send the pack to"},
    )
    token = forms.UUIDField(widget=forms.HiddenInput)

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["recipients"].queryset = people
        self.fields["recipients"].label_from_instance = lambda u: f"{u.full_name} ({u.email})"


class HighlightReportForm(forms.Form):
    """The words of a subgroup's highlight report; its figures are the product's, not typed."""

    went_well = forms.CharField(
        label="What went well", required=False, widget=forms.Textarea(attrs={"rows": 6}),
        help_text="What the subgroup achieved since its last report, and the difference it made.",
    )  # fmt: skip
    concerns = forms.CharField(
        label="Concerns and risks", required=False, widget=forms.Textarea(attrs={"rows": 6}),
        help_text="What is behind or worrying the subgroup, and what it is doing about it. Write None if there are none.",
    )  # fmt: skip
    support_needed = forms.CharField(
        label="Decisions or support needed from the executive", required=False,
        widget=forms.Textarea(attrs={"rows": 4}), help_text="Leave empty if the subgroup needs none.",
    )  # fmt: skip
