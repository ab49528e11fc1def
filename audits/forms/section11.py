"""Forms for Section 11 rounds and agencies' returns.

Forms parse what was typed and say what is missing; the rules (who may, when a return is
locked, what submission needs) are the services' in `audits/services/section11/`, and a view puts a
service's `DomainError` next to the field it names.
"""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils import timezone

from partnership.models import Agency, Subgroup, User
from partnership.widgets import GovukDateInput, govuk_formfield

from ..models import Framework, PlannedImprovement, Round

DEFAULT_ROUND_WEEKS = 8
ROUND_EVERY_YEARS = 2  # Section 11 self-assessment runs every two years
OVERSEEING_SUBGROUP = "Quality and Performance"


def _date_widget():
    return GovukDateInput()


def _date_errors(name: str) -> dict:
    return {
        "required": f"Enter the {name}",
        "invalid": f"Enter the {name} as a real date, for example 27/3/2026",
    }


class AgencyChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name} ({obj.get_sector_display()})"


def invitable_agencies(framework=None):
    """Active agencies a framework applies to (any active framework's when none is chosen yet)."""
    agencies = list(Agency.objects.filter(active=True).order_by("name"))
    frameworks = [framework] if framework else list(Framework.objects.filter(active=True))
    return [a.pk for a in agencies if any(f.applies_to(a) for f in frameworks)]


class RoundForm(forms.ModelForm):
    """A new round: its framework, dates, overseeing subgroup and the agencies invited."""

    agencies = AgencyChoiceField(
        label="Invited agencies",
        queryset=Agency.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text="Each gets a return to complete. Only agencies the framework applies to can be invited.",
        error_messages={"required": "Choose at least one agency to invite"},
    )

    class Meta:
        model = Round
        formfield_callback = govuk_formfield
        fields = ["framework", "title", "year", "opens_on", "due_on", "subgroup"]
        labels = {"opens_on": "Opening date", "due_on": "Due date", "subgroup": "Overseeing subgroup"}
        help_texts = {
            "opens_on": "Agency leads are emailed when you open the round. For example, 1 9 2026",
            "due_on": f"Leave blank for {DEFAULT_ROUND_WEEKS} weeks after the opening date.",
            "year": f"Rounds run every {ROUND_EVERY_YEARS} years: the year suggested is {ROUND_EVERY_YEARS} years after the last round.",
        }
        widgets = {"opens_on": _date_widget(), "due_on": _date_widget()}
        error_messages = {
            "framework": {"required": "Choose the framework"},
            "title": {"required": "Enter the round's title"},
            "year": {"required": "Enter the year", "invalid": "Enter the year as a number, like 2026"},
            "opens_on": _date_errors("opening date"),
            "due_on": _date_errors("due date"),
            "subgroup": {"required": "Choose the subgroup that oversees the round"},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["framework"].queryset = Framework.objects.filter(active=True)
        self.fields["framework"].empty_label = "Choose a framework"
        self.fields["subgroup"].queryset = Subgroup.objects.filter(active=True)
        self.fields["due_on"].required = False
        self.fields["agencies"].queryset = Agency.objects.filter(pk__in=invitable_agencies()).order_by("name")
        if not self.is_bound:
            frameworks = list(self.fields["framework"].queryset[:2])
            if len(frameworks) == 1:
                self.initial.setdefault("framework", frameworks[0].pk)
            latest = Round.objects.order_by("-year", "-pk").first()
            year = latest.year + ROUND_EVERY_YEARS if latest else timezone.localdate().year
            self.initial.setdefault("year", year)
            self.initial.setdefault("title", f"Section 11 self-assessment {year}")
            overseeing = Subgroup.objects.filter(active=True, name__iexact=OVERSEEING_SUBGROUP).first()
            if overseeing:
                self.initial.setdefault("subgroup", overseeing.pk)

    def clean(self):
        cleaned = super().clean()
        opens_on = cleaned.get("opens_on")
        if opens_on and not cleaned.get("due_on") and "due_on" not in self.errors:
            cleaned["due_on"] = opens_on + datetime.timedelta(weeks=DEFAULT_ROUND_WEEKS)
            self.instance.due_on = cleaned["due_on"]
        if opens_on and cleaned.get("due_on") and cleaned["due_on"] <= opens_on:
            self.add_error("due_on", "The due date must be after the opening date")
        framework = cleaned.get("framework")
        if framework and cleaned.get("agencies"):
            outside = [a.name for a in cleaned["agencies"] if not framework.applies_to(a)]
            if outside:
                self.add_error("agencies", f"The framework does not apply to {', '.join(outside)}")
        return cleaned


class InviteForm(forms.Form):
    agencies = AgencyChoiceField(
        label="Agencies to invite",
        queryset=Agency.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose at least one agency to invite"},
    )

    def __init__(self, *args, round_, **kwargs):
        super().__init__(*args, **kwargs)
        invited = round_.returns.values("agency_id")
        pks = invitable_agencies(round_.framework)
        self.fields["agencies"].queryset = (
            Agency.objects.filter(pk__in=pks).exclude(pk__in=invited).order_by("name")
        )


def _valid_links(value: str) -> str:
    check = URLValidator(schemes=["http", "https"])
    for line in value.splitlines():
        if line.strip():
            try:
                check(line.strip())
            except ValidationError:
                raise ValidationError(
                    f"Enter each link on its own line, starting https://, for example "
                    f"https://intranet.example.org/policy (not “{line.strip()[:60]}”)"
                ) from None
    return value


class AnswerForm(forms.Form):
    """One requirement's answer, prefixed by the requirement so a standard's page has many."""

    rating = forms.ModelChoiceField(
        label="Rating",
        queryset=None,
        widget=forms.RadioSelect,
        required=False,
        empty_label=None,
        error_messages={"invalid_choice": "Choose a rating from the scale"},
    )
    evidence = forms.CharField(
        label="Evidence",
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="What shows the requirement is met: policies, audits, training figures, what children say.",
    )
    links = forms.CharField(
        label="Links to evidence",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="One a line, for example https://intranet.example.org/safeguarding-policy",
    )
    improvement = forms.CharField(
        label="Areas for improvement", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, requirement, framework, rating_required=False, improvement_levels=(), **kwargs):
        kwargs.setdefault("prefix", f"r{requirement.pk}")
        super().__init__(*args, **kwargs)
        self.requirement = requirement
        self.rating_required = rating_required
        # Ratings that call for an area for improvement (services.needs_improvement_levels):
        # asked for when the person moves on, never when they save a draft.
        self.improvement_levels = set(improvement_levels)
        self.fields["rating"].queryset = framework.rating_levels.all()
        self.fields["rating"].label = f"Rating for {requirement.reference}"
        self.fields["evidence"].label = f"Evidence for {requirement.reference}"

    def clean_links(self):
        return _valid_links(self.cleaned_data["links"])

    def clean(self):
        cleaned = super().clean()
        if (
            self.rating_required
            and self.requirement.required
            and not cleaned.get("rating")
            and "rating" not in self.errors
        ):
            self.add_error("rating", f"Choose a rating for {self.requirement.reference}")
        rating = cleaned.get("rating")
        if (
            self.rating_required
            and rating is not None
            and rating.pk in self.improvement_levels
            and not cleaned.get("improvement", "").strip()
            and "improvement" not in self.errors
        ):
            self.add_error(
                "improvement",
                f"Describe the area for improvement for {self.requirement.reference}: it is rated {rating.label}",
            )
        return cleaned

    @property
    def is_empty(self) -> bool:
        data = self.cleaned_data
        return not data.get("rating") and not any(
            data.get(f, "").strip() for f in ("evidence", "links", "improvement")
        )


class AnswerFileForm(forms.Form):
    description = forms.CharField(label="What this file shows", max_length=255, required=False)
    file = forms.FileField(
        label="Upload a file",
        error_messages={
            "required": "Choose a file to upload",
            "invalid": "The selected file could not be read. Choose it again",
        },
    )

    def __init__(self, *args, max_upload_mb: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[
            "file"
        ].help_text = (
            f"A PDF, Word, Excel, OpenDocument, image or plain text file, smaller than {max_upload_mb} MB."
        )


class SendBackForm(forms.Form):
    comments = forms.CharField(
        label="What the agency needs to change",
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="The agency's lead is emailed this, and it is shown at the top of their return.",
        error_messages={"required": "Say what the agency needs to change"},
    )


class ImprovementForm(forms.ModelForm):
    class Meta:
        model = PlannedImprovement
        formfield_callback = govuk_formfield
        fields = ["standard", "description", "due_on", "lead_name"]
        labels = {
            "standard": "Standard it addresses",
            "description": "What your agency will do",
            "due_on": "Timescale",
            "lead_name": "Who will lead it",
        }
        help_texts = {
            "due_on": "The date it will be done by. For example, 30 6 2027",
            "lead_name": "A name or a role, for example Named nurse for safeguarding.",
        }
        widgets = {"due_on": _date_widget(), "description": forms.Textarea(attrs={"rows": 4})}
        error_messages = {
            "description": {"required": "Describe the improvement"},
            "due_on": _date_errors("timescale"),
        }

    def __init__(self, *args, agency_return, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.agency_return = agency_return
        self.fields["standard"].queryset = agency_return.round.framework.standards.all()
        self.fields["standard"].required = False
        self.fields["standard"].empty_label = "Not one standard in particular"


class ContributorForm(forms.Form):
    person = forms.ModelChoiceField(
        label="Colleague",
        queryset=User.objects.none(),
        empty_label="Choose a colleague",
        help_text="They can complete the return with you, but not submit changes once it is submitted.",
        error_messages={"required": "Choose a colleague"},
    )

    def __init__(self, *args, agency_return, **kwargs):
        super().__init__(*args, **kwargs)
        already = agency_return.contributors.values("pk")
        self.fields["person"].queryset = (
            User.objects.filter(agency=agency_return.agency, is_active=True)
            .exclude(pk__in=already)
            .order_by("full_name")
        )
