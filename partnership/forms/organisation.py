"""Forms for the partnership's organisation and people.

Forms parse and check what was typed; the services decide the rules (who may change what,
which role needs which scope) and a view puts a service's `DomainError` next to its field.
Emails are compared case-insensitively because they are stored lowercase.
"""

from django import forms

from ..models import Agency, Area, Priority, Role, Subgroup, Theme, User


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
    class Meta:
        model = Priority
        fields = ["year", "title", "description"]
        labels = {"year": "Reporting year starts in"}
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}
        error_messages = {
            "year": {"required": "Enter the year the reporting year starts in, for example 2026"},
            "title": {"required": "Enter the priority's title"},
        }


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
