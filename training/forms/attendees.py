"""Forms for adding a person to a session, importing attendees and marking attendance."""

from django import forms

from ..services.attendee_import import MAX_ROWS
from .common import agencies

ATTENDED_CHOICES = [("yes", "Attended"), ("no", "Did not attend"), ("", "Not known yet")]


class AttendeeForm(forms.Form):
    name = forms.CharField(
        label="Full name", max_length=200, error_messages={"required": "Enter the person's name"}
    )
    email = forms.EmailField(
        label="Email address",
        help_text="Their work email: the evaluation and follow-up links are sent to it.",
        error_messages={
            "required": "Enter the person's email address",
            "invalid": "Enter an email address like name@example.org",
        },
    )
    agency = forms.ModelChoiceField(
        label="Agency", queryset=None, required=False, empty_label="Not a partner agency"
    )
    organisation = forms.CharField(
        label="Other organisation",
        max_length=200,
        required=False,
        help_text="If they are not from a partner agency, for example a nursery or a GP practice.",
    )
    job_role = forms.CharField(label="Job role", max_length=200, required=False)
    manager_name = forms.CharField(label="Line manager's name", max_length=200, required=False)
    manager_email = forms.EmailField(
        label="Line manager's email",
        required=False,
        help_text="For the three-month follow-up.",
        error_messages={"invalid": "Enter the line manager's email like name@example.org"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies()

    def clean(self):
        data = super().clean()
        if (
            not data.get("agency")
            and not (data.get("organisation") or "").strip()
            and "agency" not in self.errors
        ):
            self.add_error("agency", "Choose the person's agency, or enter their organisation")
        return data


class AttendeeImportForm(forms.Form):
    file = forms.FileField(
        label="Upload a file",
        help_text=f"A CSV (UTF-8) or Excel (.xlsx) file of up to {MAX_ROWS} people",
        error_messages={"required": "Select a CSV or Excel file to import"},
    )


class AttendanceForm(forms.Form):
    """One question per booked attendee: attended, did not attend, or not known yet."""

    hide_optional = True

    def __init__(self, *args, attendees, **kwargs):
        super().__init__(*args, **kwargs)
        self.attendees = list(attendees)
        for attendee in self.attendees:
            initial = "" if attendee.attended is None else ("yes" if attendee.attended else "no")
            self.fields[self.field_name(attendee)] = forms.ChoiceField(
                label=f"{attendee.name} ({attendee.organisation_name})",
                choices=ATTENDED_CHOICES,
                required=False,
                initial=initial,
                widget=forms.RadioSelect,
            )

    @staticmethod
    def field_name(attendee) -> str:
        return f"attendee_{attendee.pk}"

    def rows(self):
        """(attendee, bound field) for each person, for the table."""
        return [(attendee, self[self.field_name(attendee)]) for attendee in self.attendees]

    def marks(self) -> dict[int, bool | None]:
        values = {"yes": True, "no": False, "": None}
        return {a.pk: values[self.cleaned_data[self.field_name(a)]] for a in self.attendees}
