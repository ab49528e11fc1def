"""Forms for action plans and actions: starting a plan, adding actions, progress, evidence,
completion, cancellation and moving a due date.

Forms parse what was typed and say what is missing; the rules (who may, which status may
follow which, what completion needs) are the services' in `partnership/services/actions.py`,
and a view puts a service's `DomainError` next to the field it names.
"""

from django import forms
from django.utils import timezone

from ..models import Action, ActionPlan, ActionStatus, Agency, Subgroup, User
from ..widgets import GovukDateField, GovukDateInput, govuk_formfield
from .organisation import PrioritiesField

DATE_FORMAT = "%d/%m/%Y"


def _date_field(
    label: str, *, required_message: str, invalid_message: str, help_text: str
) -> forms.DateField:
    """A date typed as day, month and year (the GOV.UK date input)."""
    return GovukDateField(
        label=label,
        help_text=help_text,
        error_messages={"required": required_message, "invalid": invalid_message},
    )


def _date_widgets(*names: str) -> dict:
    return {name: GovukDateInput() for name in names}


class PlanForm(forms.ModelForm):
    """A source's action plan: its title, the subgroup that owns it and when its clock starts."""

    class Meta:
        model = ActionPlan
        formfield_callback = govuk_formfield
        fields = ["title", "subgroup", "start_date"]
        labels = {"subgroup": "Owning subgroup", "start_date": "Start date"}
        help_texts = {
            "subgroup": "Its chair is sent a chaser every six months while any action is open.",
            "start_date": "The six-monthly chasers count from this date. For example, 27 3 2026",
        }
        widgets = _date_widgets("start_date")
        error_messages = {
            "title": {"required": "Enter the plan's title"},
            "subgroup": {"required": "Choose the subgroup that owns the plan"},
            "start_date": {
                "required": "Enter the start date",
                "invalid": "Enter the start date as a real date, for example 27/3/2026",
            },
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        current = self.instance.subgroup_id if self.instance.pk else self.initial.get("subgroup")
        current = getattr(current, "pk", current)
        self.fields["subgroup"].queryset = Subgroup.objects.filter(active=True) | Subgroup.objects.filter(
            pk=current
        )
        self.fields["subgroup"].empty_label = "Choose a subgroup"


class ActionForm(forms.ModelForm):
    """A SMART action answering one of the plan's source's recommendations.

    The lead is someone who uses this service (chosen from the list) or, for someone who does
    not, a name and an email address.
    """

    priorities = PrioritiesField()

    class Meta:
        model = Action
        formfield_callback = govuk_formfield
        fields = [
            "recommendation",
            "description",
            "success_measure",
            "owner_agency",
            "lead_user",
            "lead_name",
            "lead_email",
            "start_date",
            "due_date",
            "priorities",
        ]
        labels = {
            "recommendation": "Recommendation it answers",
            "description": "What will be done",
            "success_measure": "How we will know it is done",
            "owner_agency": "Owning agency",
            "lead_user": "Lead",
            "lead_name": "Or the lead's name, if they do not use this service",
            "lead_email": "The lead's email address",
            "start_date": "Start date",
            "due_date": "Due date",
        }
        help_texts = {
            "description": "Make it SMART: specific, measurable, achievable, relevant and time-bound.",
            "success_measure": "The measurable change that shows it is done.",
            "owner_agency": "Leave empty for an action the partnership owns.",
            "lead_user": "Someone who uses this service.",
            "lead_email": "So they can be sent reminders.",
            "start_date": "For example, 27 3 2026",
            "due_date": "For example, 27 3 2027",
        }
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "success_measure": forms.Textarea(attrs={"rows": 3}),
            "lead_email": forms.EmailInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
            **_date_widgets("start_date", "due_date"),
        }
        error_messages = {
            "recommendation": {"required": "Choose the recommendation this action answers"},
            "description": {"required": "Enter what will be done"},
            "lead_email": {"invalid": "Enter an email address in the correct format, like name@example.org"},
            "start_date": {
                "required": "Enter the start date",
                "invalid": "Enter the start date as a real date, for example 27/3/2026",
            },
            "due_date": {
                "required": "Enter the due date",
                "invalid": "Enter the due date as a real date, for example 27/3/2027",
            },
        }

    def __init__(self, *args, plan: ActionPlan, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.plan = plan
        self.fields["recommendation"].queryset = plan.source.recommendations.order_by("pk")
        self.fields["recommendation"].empty_label = "Choose a recommendation"
        self.fields["owner_agency"].queryset = Agency.objects.filter(active=True).order_by("name")
        self.fields["owner_agency"].empty_label = "The partnership"
        self.fields["lead_user"].queryset = User.objects.filter(is_active=True).order_by("full_name", "email")
        self.fields["lead_user"].empty_label = "Someone who does not use this service"
        self.fields["start_date"].initial = timezone.localdate()
        self.fields["priorities"].offer(self.instance)

    def clean(self):
        cleaned = super().clean()
        start, due = cleaned.get("start_date"), cleaned.get("due_date")
        if start and due and due < start:
            self.add_error("due_date", "The due date must be on or after the start date")
        lead_user, name, email = (cleaned.get(f) for f in ("lead_user", "lead_name", "lead_email"))
        if lead_user and (name or email):
            self.add_error("lead_name", "Choose a lead from the list or enter a name and email, not both")
        elif not lead_user and name and not email and "lead_email" not in self.errors:
            self.add_error("lead_email", "Enter the lead's email address")
        elif not lead_user and not name and "lead_name" not in self.errors:
            self.add_error(
                "lead_user", "Choose the lead, or enter the name of a lead who does not use this service"
            )
        return cleaned


class ActionUpdateForm(forms.Form):
    """A dated note of progress, optionally moving the action on track or off track."""

    date = _date_field(
        "Date of the update",
        required_message="Enter the date of the update",
        invalid_message="Enter the date of the update as a real date, for example 27/3/2026",
        help_text="For example, 27 3 2026",
    )
    text = forms.CharField(
        label="Progress made",
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="What has been done since the last update, and what comes next.",
        error_messages={"required": "Enter the progress made"},
    )
    new_status = forms.ChoiceField(
        label="Is the action on track?",
        required=False,
        widget=forms.RadioSelect,
        choices=[
            ("", "No change"),
            (ActionStatus.ON_TRACK, "On track"),
            (ActionStatus.OFF_TRACK, "Off track"),
        ],
    )

    hide_optional = True

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["date"].initial = timezone.localdate()


class EvidenceForm(forms.Form):
    """Evidence that an action was done: a file, or a link to where it is kept."""

    description = forms.CharField(
        label="What this evidence shows",
        max_length=255,
        error_messages={"required": "Describe what this evidence shows"},
    )
    file = forms.FileField(
        label="Upload a file",
        required=False,
        help_text="A PDF, Word, Excel, OpenDocument, image or plain text file.",
        error_messages={"invalid": "The selected file could not be read. Choose it again"},
    )
    link = forms.URLField(
        label="Or a link to it",
        required=False,
        max_length=500,
        assume_scheme="https",
        help_text="For example, a page on your intranet or a shared folder.",
        error_messages={
            "invalid": "Enter a link in the correct format, like https://intranet.example.org/page"
        },
    )

    hide_optional = True

    def __init__(self, *args, max_upload_mb: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[
            "file"
        ].help_text = (
            f"A PDF, Word, Excel, OpenDocument, image or plain text file, smaller than {max_upload_mb} MB."
        )

    def clean(self):
        cleaned = super().clean()
        has_file, has_link = bool(cleaned.get("file")), bool(cleaned.get("link"))
        if has_file and has_link:
            self.add_error("file", "Choose a file or enter a link, not both")
        elif not has_file and not has_link and "link" not in self.errors and "file" not in self.errors:
            self.add_error("file", "Choose a file or enter a link")
        return cleaned


class CompleteForm(forms.Form):
    impact = forms.CharField(
        label="What changed for children, families or practice",
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="The impact statement: what is different now this action is done, and how you know.",
        error_messages={"required": "Enter what changed for children, families or practice"},
    )


class AcceptForm(forms.Form):
    """Accepting an action at sign-off: a confirmation, nothing to type."""


class ReturnForm(forms.Form):
    """Returning an action at sign-off: the reason, which its owner reads on the action."""

    reason = forms.CharField(
        label="Why are you returning this action?",
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Say what is still needed before it can be accepted. The action's owner sees this.",
        error_messages={"required": "Enter why the action is being returned"},
    )


class CancelForm(forms.Form):
    reason = forms.CharField(
        label="Why is this action being cancelled?",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Enter why the action is cancelled"},
    )


class DueDateForm(forms.Form):
    due_date = _date_field(
        "New due date",
        required_message="Enter the new due date",
        invalid_message="Enter the new due date as a real date, for example 27/3/2027",
        help_text="For example, 27 3 2027",
    )
    reason = forms.CharField(
        label="Why is the due date moving?",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Enter why the due date is moving"},
    )
