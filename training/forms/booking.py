"""Forms of the public booking pages and the manager's approve/decline page (the upcoming
sessions list's filter is `filters.UpcomingSessionFilter`). The rules themselves live in
training/services/booking.py; these forms only ask the questions and say clearly what is
missing."""

from django import forms

from partnership.models import Agency

from ..models import Session

OTHER = "other"


class BookingForm(forms.Form):
    """A practitioner's details. The agency is one of the active partner agencies, or "Other
    organisation" with its name. The line manager is required when the course needs approval."""

    name = forms.CharField(label="Full name", max_length=200)
    email = forms.EmailField(
        label="Work email address",
        max_length=254,
        help_text="We will send your confirmation and a link to cancel your place here.",
    )
    agency = forms.ChoiceField(label="Organisation you work for")
    organisation = forms.CharField(
        label="Name of your organisation",
        max_length=200,
        required=False,
        help_text='Only if you chose "Other organisation".',
    )
    job_role = forms.CharField(label="Job role", max_length=200, help_text="For example, health visitor.")
    manager_name = forms.CharField(label="Line manager's name", max_length=200, required=False)
    manager_email = forms.EmailField(label="Line manager's email address", max_length=254, required=False)

    def __init__(self, *args, session: Session, **kwargs):
        super().__init__(*args, **kwargs)
        self.session = session
        agencies = Agency.objects.active().order_by("name").values_list("pk", "name")
        self.fields["agency"].choices = [
            ("", "Choose your organisation"),
            *[(str(pk), name) for pk, name in agencies],
            (OTHER, "Other organisation"),
        ]
        if session.course.requires_manager_approval:
            for name in ("manager_name", "manager_email"):
                self.fields[name].required = True
            self.fields[
                "manager_email"
            ].help_text = "This course needs your line manager's approval: we will email them a link to approve your place."
        else:
            self.fields[
                "manager_email"
            ].help_text = "Three months after the course we may ask your line manager what has changed in your practice."
        self.fields["name"].error_messages["required"] = "Enter your full name"
        self.fields["email"].error_messages.update(
            required="Enter your work email address",
            invalid="Enter an email address in the correct format, like name@example.org",
        )
        self.fields["agency"].error_messages.update(
            required='Choose the organisation you work for, or "Other organisation"',
            invalid_choice='Choose the organisation you work for, or "Other organisation"',
        )
        self.fields["job_role"].error_messages["required"] = "Enter your job role"
        self.fields["manager_name"].error_messages["required"] = (
            "Enter your line manager's name: this course needs their approval"
        )
        self.fields["manager_email"].error_messages.update(
            required="Enter your line manager's email address: this course needs their approval",
            invalid="Enter your line manager's email address in the correct format, like name@example.org",
        )

    def clean(self):
        cleaned = super().clean()
        choice = cleaned.get("agency")
        if choice == OTHER:
            cleaned["agency_obj"] = None
            if not cleaned.get("organisation", "").strip():
                self.add_error("organisation", "Enter the name of your organisation")
        elif choice:
            cleaned["agency_obj"] = Agency.objects.active().filter(pk=choice).first()
            if cleaned["agency_obj"] is None:
                self.add_error("agency", 'Choose the organisation you work for, or "Other organisation"')
        return cleaned

    def service_kwargs(self) -> dict:
        c = self.cleaned_data
        return {
            "name": c["name"],
            "email": c["email"],
            "agency": c.get("agency_obj"),
            "organisation": c.get("organisation", ""),
            "job_role": c["job_role"],
            "manager_name": c.get("manager_name", ""),
            "manager_email": c.get("manager_email", ""),
        }


class DecisionForm(forms.Form):
    """The line manager's decision on a place."""

    decision = forms.ChoiceField(
        label="Do you approve this place?",
        choices=[("approve", "Yes, approve the place"), ("decline", "No, decline the place")],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether you approve the place"},
    )
    reason = forms.CharField(
        label="Reason for declining",
        required=False,
        max_length=300,
        help_text="Optional. We will pass it on to your colleague.",
    )
