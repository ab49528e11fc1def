"""Forms for the partnership's organisation and people.

Forms parse and check what was typed; the services decide the rules (who may change what,
which role needs which scope) and a view puts a service's `DomainError` next to its field.
Emails are compared case-insensitively because they are stored lowercase.
"""

from django import forms
from django.db.models import Q

from ..models import Agency, Area, Priority, PriorityAssessment, ProgressRating, Role, Subgroup, Theme, User
from ..widgets import GovukDateInput, govuk_formfield


class AreaForm(forms.ModelForm):
    class Meta:
        model = Area
        fields = ["name"]
        error_messages = {"name": {"required": "Enter the area's name"}}


class AgencyForm(forms.ModelForm):
    class Meta:
        model = Agency
        fields = [
            "name", "short_name", "sector", "partner_status", "area",
            "senior_manager_name", "senior_manager_role", "senior_manager_email",
        ]  # fmt: skip
        labels = {
            "partner_status": "Statutory partner or relevant agency",
            "senior_manager_name": "Senior manager's name",
            "senior_manager_role": "Senior manager's role",
            "senior_manager_email": "Senior manager's email address",
        }
        help_texts = {"short_name": "How the agency is known day to day, for example NCCS."}
        error_messages = {
            "name": {"required": "Enter the agency's name"},
            "sector": {"required": "Choose the agency's sector"},
            "senior_manager_email": {
                "invalid": "Enter the senior manager's email address in the correct format, like name@example.org"
            },
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Inactive areas cannot be chosen, except the one the agency already has.
        current = self.instance.area_id
        self.fields["area"].queryset = Area.objects.filter(active=True) | Area.objects.filter(pk=current)
        self.fields["area"].empty_label = "The whole partnership"
        self.fields["sector"].choices = [("", "Choose a sector"), *Agency.Sector.choices]


class SubgroupForm(forms.ModelForm):
    class Meta:
        model = Subgroup
        fields = ["name", "remit", "terms_of_reference"]
        widgets = {
            "remit": forms.Textarea(attrs={"rows": 3}),
            "terms_of_reference": forms.Textarea(attrs={"rows": 8}),
        }
        error_messages = {
            "name": {"required": "Enter the subgroup's name"},
            "remit": {"required": "Enter the subgroup's remit"},
        }


class PriorityForm(forms.ModelForm):
    """A priority and its plan: what the partnership wants to achieve, and one owner (a subgroup
    or a partner agency)."""

    class Meta:
        model = Priority
        fields = ["year", "title", "description", "outcome", "owner_subgroup", "owner_agency"]
        labels = {
            "year": "Reporting year starts in",
            "outcome": "What the partnership wants to achieve",
            "owner_subgroup": "Owning subgroup",
            "owner_agency": "Or the owning partner agency",
        }
        help_texts = {
            "owner_subgroup": "Choose a subgroup or a partner agency, not both.",
        }
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "outcome": forms.Textarea(attrs={"rows": 4}),
        }
        error_messages = {
            "year": {"required": "Enter the year the reporting year starts in, for example 2026"},
            "title": {"required": "Enter the priority's title"},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        instance = self.instance
        self.fields["owner_subgroup"].queryset = Subgroup.objects.filter(
            Q(active=True) | Q(pk=instance.owner_subgroup_id)
        )
        self.fields["owner_subgroup"].empty_label = "Choose a subgroup"
        self.fields["owner_agency"].queryset = Agency.objects.filter(
            Q(active=True) | Q(pk=instance.owner_agency_id)
        )
        self.fields["owner_agency"].empty_label = "Choose an agency"

    def clean(self):
        data = super().clean()
        subgroup, agency = data.get("owner_subgroup"), data.get("owner_agency")
        if subgroup and agency:
            self.add_error("owner_agency", "Choose a subgroup or a partner agency as the owner, not both")
        elif not subgroup and not agency and "owner_subgroup" not in self.errors:
            self.add_error("owner_subgroup", "Choose the subgroup or partner agency that owns this priority")
        return data


class PrioritiesField(forms.ModelMultipleChoiceField):
    """The partnership priorities a record serves, as GOV.UK checkboxes: the active priorities,
    the latest year first, and any the record already has."""

    def __init__(self, **kwargs):
        kwargs.setdefault("queryset", Priority.objects.none())
        kwargs.setdefault("required", False)
        kwargs.setdefault("label", "Priorities it serves")
        kwargs.setdefault("widget", forms.CheckboxSelectMultiple)
        kwargs.setdefault(
            "help_text", "Select all that apply. The priority's page shows everything that serves it."
        )
        super().__init__(**kwargs)

    def label_from_instance(self, obj):
        return f"{obj.title} ({obj.reporting_year})"

    def offer(self, instance, name: str = "priorities") -> None:
        """Offer the active priorities and those `instance` already links to."""
        current = (
            list(getattr(instance, name).values_list("pk", flat=True))
            if instance is not None and instance.pk
            else []
        )
        self.queryset = Priority.objects.filter(Q(active=True) | Q(pk__in=current)).order_by("-year", "title")


class PriorityAssessmentForm(forms.ModelForm):
    """A judgement of progress on a priority, with its evidence."""

    rating = forms.ChoiceField(
        label="How is progress on this priority?",
        choices=ProgressRating.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose how progress on this priority is going"},
    )

    class Meta:
        model = PriorityAssessment
        formfield_callback = govuk_formfield
        fields = ["date", "rating", "evidence"]
        labels = {"date": "Date of the assessment", "evidence": "Evidence"}
        help_texts = {
            "date": "For example, 27 3 2027",
            "evidence": "What shows this: measures met or missed, actions done or overdue, what changed for children.",
        }
        widgets = {"date": GovukDateInput(), "evidence": forms.Textarea(attrs={"rows": 6})}
        error_messages = {
            "date": {
                "required": "Enter the date of the assessment",
                "invalid": "Enter the date of the assessment as a real date, for example 27/3/2027",
            },
            "evidence": {"required": "Enter the evidence for this rating"},
        }


class BusinessPlanStartForm(forms.Form):
    """Which year's business plan to start, and the subgroup that will own its action plan."""

    year = forms.TypedChoiceField(
        label="Reporting year",
        coerce=int,
        choices=(),
        error_messages={"required": "Choose the reporting year"},
    )
    subgroup = forms.ModelChoiceField(
        label="Subgroup that owns the business plan's actions",
        queryset=Subgroup.objects.filter(active=True),
        empty_label="Choose a subgroup",
        help_text="Its chair is sent a chaser every six months while any action is open.",
        error_messages={"required": "Choose the subgroup that owns the business plan's actions"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        years = (
            Priority.objects.filter(active=True).order_by("-year").values_list("year", flat=True).distinct()
        )
        self.fields["year"].choices = [(y, f"{y}/{str(y + 1)[-2:]}") for y in years]


class ThemeForm(forms.ModelForm):
    class Meta:
        model = Theme
        fields = ["name", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}
        error_messages = {"name": {"required": "Enter the theme's name"}}


class PersonForm(forms.ModelForm):
    """A person's details, as the business unit edits them."""

    class Meta:
        model = User
        fields = ["email", "full_name", "job_title", "agency"]
        labels = {"full_name": "Full name"}
        widgets = {"email": forms.EmailInput(attrs={"autocomplete": "off", "spellcheck": "false"})}
        error_messages = {
            "email": {
                "required": "Enter their email address",
                "invalid": "Enter an email address in the correct format, like name@example.org",
            },
            "full_name": {"required": "Enter their full name"},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        current = self.instance.agency_id
        self.fields["agency"].queryset = Agency.objects.filter(active=True) | Agency.objects.filter(
            pk=current
        )
        self.fields[
            "agency"
        ].help_text = "Leave empty for someone who works for no partner agency, such as a lay member."
        self.fields["agency"].empty_label = "No agency"

    def clean_email(self):
        email = User.objects.normalize_email(self.cleaned_data["email"])
        taken = User.objects.filter(email__iexact=email).exclude(pk=self.instance.pk)
        if taken.exists():
            raise forms.ValidationError("A person with this email address already exists.")
        return email


def role_choices(blank_label: str | None = None) -> list:
    choices = list(Role.choices)
    return [("", blank_label), *choices] if blank_label else choices


class PersonInviteForm(PersonForm):
    """Invite a new person: their details and, optionally, their first role."""

    role = forms.ChoiceField(
        label="First role",
        required=False,
        choices=role_choices("No role yet"),
        help_text="You can add more roles after inviting them. An agency lead leads the agency chosen above.",
    )
    subgroup = forms.ModelChoiceField(
        label="Subgroup",
        required=False,
        queryset=Subgroup.objects.filter(active=True),
        empty_label="No subgroup",
        help_text="Only for a subgroup chair or member.",
    )

    class Meta(PersonForm.Meta):
        pass


class RoleAssignForm(forms.Form):
    """Give a person a role; the subgroup or agency it is scoped to depends on the role."""

    role = forms.ChoiceField(
        choices=role_choices("Choose a role"), error_messages={"required": "Choose a role"}
    )
    subgroup = forms.ModelChoiceField(
        required=False,
        queryset=Subgroup.objects.filter(active=True),
        empty_label="No subgroup",
        help_text="Only for a subgroup chair or member.",
    )
    agency = forms.ModelChoiceField(
        required=False,
        queryset=Agency.objects.filter(active=True),
        empty_label="No agency",
        help_text="Only for an agency lead.",
    )

    def __init__(self, *args, person=None, **kwargs):
        super().__init__(*args, **kwargs)
        if person is not None and person.agency_id and not self.is_bound:
            self.fields["agency"].initial = person.agency_id


class SubgroupSeatForm(forms.Form):
    """Seat a person on a subgroup as its chair or as a member."""

    person = forms.ModelChoiceField(
        queryset=User.objects.filter(is_active=True).select_related("agency"),
        empty_label="Choose a person",
        error_messages={"required": "Choose the person to add"},
    )
    role = forms.ChoiceField(
        label="As",
        error_messages={"required": "Choose whether they are the chair or a member"},
        choices=[(Role.SUBGROUP_CHAIR.value, "Chair"), (Role.SUBGROUP_MEMBER.value, "Member")],
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].label_from_instance = lambda p: f"{p.full_name} ({p.agency or 'no agency'})"
