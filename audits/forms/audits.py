"""Forms for the audit programme, multi-agency and single-agency audits, and inspections.

Forms parse what was typed and say what is missing; the rules (who may record what, that an
auditor had no previous involvement, what "reported" needs) are the services' in
`audits/services/audits.py`, and a view puts a service's `DomainError` next to its field.
"""

from django import forms
from django.db.models import Q

from partnership import permissions as core
from partnership.forms.learning import ThemesField, active_or_current, current_ids
from partnership.forms.organisation import PrioritiesField
from partnership.models import Agency, Subgroup, Theme
from partnership.widgets import GovukDateField, GovukDateInput, govuk_formfield

from ..models import (
    AgencyAuditFinding,
    AuditProgramme,
    AuditStatus,
    Grade,
    Inspection,
    MultiAgencyAudit,
    SingleAgencyAudit,
)

DATE_HINT = "For example, 27 3 2026"


def _date_widget() -> GovukDateInput:
    return GovukDateInput()


def _date_errors(label: str, required: bool = True) -> dict:
    errors = {"invalid": f"Enter {label} as a real date, for example 27/3/2026"}
    if required:
        errors["required"] = f"Enter {label}"
    return errors


def _subgroups(current_id=None):
    return active_or_current(Subgroup, [current_id] if current_id else [])


def _agencies(current=()):
    return active_or_current(Agency, current).order_by("name")


class ProgrammeForm(forms.ModelForm):
    class Meta:
        model = AuditProgramme
        fields = ["year", "subgroup", "notes"]
        labels = {"year": "Year the programme starts", "subgroup": "Overseeing subgroup", "notes": "Notes"}
        help_texts = {"year": "The partnership year from April: 2026 means April 2026 to March 2027."}
        widgets = {"notes": forms.Textarea(attrs={"rows": 4})}
        error_messages = {
            "year": {"required": "Enter the year", "unique": "There is already a programme for that year"},
            "subgroup": {"required": "Choose the subgroup that oversees the programme"},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["subgroup"].queryset = _subgroups(self.instance.subgroup_id)
        if self.instance.pk is None and not self.is_bound:
            self.initial.setdefault(
                "subgroup", Subgroup.objects.filter(name="Learning and Improvement").first()
            )


class AuditForm(forms.ModelForm):
    themes = ThemesField(
        help_text="For example neglect, exploitation, domestic abuse or early help. Select all that apply."
    )
    priorities = PrioritiesField()

    class Meta:
        model = MultiAgencyAudit
        formfield_callback = govuk_formfield
        fields = ["title", "programme", "repeats", "themes", "priorities", "subgroup", "planned_on"]
        labels = {
            "programme": "Audit programme",
            "repeats": "The audit it repeats (optional)",
            "subgroup": "Overseeing subgroup",
            "planned_on": "Planned date",
        }
        help_texts = {
            "title": "For example, Multi-agency audit: neglect of adolescents.",
            "repeats": "A re-audit of an earlier audit, to see whether improvements have stuck. It takes "
            "the earlier audit's lines of enquiry and agencies if it has none yet, and its overview "
            "shows before and after side by side.",
            "planned_on": "When the agencies audit their cases. " + DATE_HINT,
        }
        widgets = {"planned_on": _date_widget()}
        error_messages = {
            "title": {"required": "Enter the audit's title"},
            "subgroup": {"required": "Choose the subgroup that oversees the audit"},
            "planned_on": _date_errors("the planned date"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["themes"].queryset = active_or_current(Theme, current_ids(self.instance, "themes"))
        self.fields["subgroup"].queryset = _subgroups(self.instance.subgroup_id)
        self.fields["priorities"].offer(self.instance)
        self.fields["programme"].empty_label = "Not part of a programme"
        repeats = self.fields["repeats"]
        repeats.queryset = repeatable_audits(self.instance)
        repeats.empty_label = "Not a re-audit"
        repeats.label_from_instance = lambda a: f"{a.title} (planned {a.planned_on.day} {a.planned_on:%B %Y})"
        if self.instance.pk is None and not self.is_bound:
            self.initial.setdefault(
                "subgroup", Subgroup.objects.filter(name="Learning and Improvement").first()
            )
            self.initial.setdefault("programme", AuditProgramme.objects.order_by("-year").first())


def repeatable_audits(audit: MultiAgencyAudit):
    """The audits a re-audit may repeat: those whose overview is reported (and the one it
    already repeats), never itself."""
    current = Q(pk=audit.repeats_id) if audit.repeats_id else Q(pk__in=[])
    return (
        MultiAgencyAudit.objects.filter(Q(status=AuditStatus.REPORTED) | current)
        .exclude(pk=audit.pk)
        .order_by("-planned_on", "title")
    )


class LineOfEnquiryForm(forms.Form):
    text = forms.CharField(
        label="Line of enquiry",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="About the quality of practice, multi-agency working or outcomes for children. "
        "For example: How well did agencies hear the child's voice?",
        error_messages={"required": "Enter the line of enquiry"},
    )


class ParticipantForm(forms.Form):
    agency = forms.ModelChoiceField(
        label="Agency", queryset=Agency.objects.none(), error_messages={"required": "Choose the agency"}
    )
    auditor = forms.CharField(
        label="Auditor",
        max_length=150,
        help_text="The practitioner or manager who will audit the agency's work on the cases.",
        error_messages={"required": "Enter the auditor's name"},
    )
    no_previous_involvement = forms.BooleanField(
        label="The auditor had no previous involvement in the cases audited",
        required=False,
    )

    def __init__(self, *args, audit, **kwargs):
        super().__init__(*args, **kwargs)
        taking_part = audit.participants.values_list("agency_id", flat=True)
        self.fields["agency"].queryset = _agencies().exclude(pk__in=list(taking_part))


class AuditorForm(forms.Form):
    """Changing a participating agency's auditor (the agency itself stays)."""

    auditor = forms.CharField(
        label="Auditor",
        max_length=150,
        help_text="The practitioner or manager who will audit the agency's work on the cases.",
        error_messages={"required": "Enter the auditor's name"},
    )
    no_previous_involvement = forms.BooleanField(
        label="The auditor had no previous involvement in the cases audited",
        required=False,
    )


class AuditCaseForm(forms.Form):
    pseudonym = forms.CharField(
        label="Pseudonym",
        max_length=40,
        help_text='Pseudonyms only, for example "Child A" or "Family B". Never a name, initials, '
        "date of birth or address.",
        error_messages={"required": "Enter a pseudonym"},
    )
    notes = forms.CharField(
        label="Why this case is in the sample",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For example: open to early help and police in the last 12 months. Nothing that could identify a child.",
    )


class AgencyFindingForm(forms.ModelForm):
    """The agencies offered are those the person may record for; an agency chosen outside them
    is refused by the view (403), not quietly by the form."""

    class Meta:
        model = AgencyAuditFinding
        fields = ["agency", "line_of_enquiry", "grade", "finding"]
        labels = {"finding": "What the agency found"}
        help_texts = {
            "finding": "What the audit of the agency's own work found. Refer to cases by pseudonym only."
        }
        widgets = {"grade": forms.RadioSelect, "finding": forms.Textarea(attrs={"rows": 6})}
        error_messages = {
            "agency": {"required": "Choose the agency"},
            "line_of_enquiry": {"required": "Choose the line of enquiry"},
            "grade": {"required": "Choose a grade"},
            "finding": {"required": "Enter what the agency found"},
        }

    def __init__(self, *args, audit, user, **kwargs):
        super().__init__(*args, **kwargs)
        participants = Agency.objects.filter(pk__in=audit.participants.values("agency_id")).order_by("name")
        self.fields["agency"].queryset = participants
        if not core.is_business_unit(user):
            mine = participants.filter(pk__in=core.roles_of(user).lead_of)
            self.fields["agency"].choices = [("", "---------")] + [(a.pk, str(a)) for a in mine]
        self.fields["line_of_enquiry"].queryset = audit.lines_of_enquiry.all()
        self.fields["line_of_enquiry"].label_from_instance = lambda loe: f"{loe.number}. {loe.text}"
        self.fields["grade"].choices = Grade.choices


class WorkshopForm(forms.Form):
    workshop_on = GovukDateField(
        label="Date of the workshop",
        help_text=DATE_HINT,
        widget=_date_widget(),
        error_messages=_date_errors("the date of the workshop"),
    )
    workshop_attendees = forms.CharField(
        label="Who took part",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Roles and agencies, for example: auditors from each agency, the Designated Nurse.",
    )
    workshop_notes = forms.CharField(
        label="Notes of the discussion and challenge",
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
    )


class OverviewForm(forms.Form):
    strengths = forms.CharField(label="Strengths", required=False, widget=forms.Textarea(attrs={"rows": 5}))
    areas_for_improvement = forms.CharField(
        label="Areas for improvement", required=False, widget=forms.Textarea(attrs={"rows": 5})
    )
    childrens_views = forms.CharField(
        label="Views of children and families",
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="What children and families told the audit. Nothing that could identify them.",
    )
    reported_on = GovukDateField(
        label="Date the overview was reported",
        required=False,
        help_text="To the partnership or its subgroup. " + DATE_HINT,
        widget=_date_widget(),
        error_messages=_date_errors("the date reported", required=False),
    )
    status = forms.ChoiceField(label="Status", choices=AuditStatus.choices, widget=forms.RadioSelect)


class SingleAgencyAuditForm(forms.ModelForm):
    themes = ThemesField()

    class Meta:
        model = SingleAgencyAudit
        formfield_callback = govuk_formfield
        fields = ["agency", "title", "scope", "summary", "themes", "reported_on", "subgroup"]
        labels = {"reported_on": "Date reported", "subgroup": "Overseeing subgroup"}
        help_texts = {
            "scope": "What was audited, how many cases and over what period.",
            "summary": "What the audit found. Refer to cases by pseudonym only.",
            "reported_on": "When it was reported to the partnership. " + DATE_HINT,
        }
        widgets = {
            "scope": forms.Textarea(attrs={"rows": 4}),
            "summary": forms.Textarea(attrs={"rows": 6}),
            "reported_on": _date_widget(),
        }
        error_messages = {
            "agency": {"required": "Choose the agency"},
            "title": {"required": "Enter the audit's title"},
            "scope": {"required": "Enter the scope of the audit"},
            "summary": {"required": "Enter a summary of the findings"},
            "reported_on": _date_errors("the date reported"),
            "subgroup": {"required": "Choose the overseeing subgroup"},
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        current = [self.instance.agency_id] if self.instance.agency_id else []
        agencies = _agencies(current)
        if not core.is_business_unit(user):
            agencies = agencies.filter(pk__in=core.roles_of(user).lead_of)
        self.fields["agency"].queryset = agencies
        self.fields["themes"].queryset = active_or_current(Theme, current_ids(self.instance, "themes"))
        self.fields["subgroup"].queryset = _subgroups(self.instance.subgroup_id)
        if self.instance.pk is None and not self.is_bound:
            self.initial.setdefault(
                "subgroup", Subgroup.objects.filter(name="Quality and Performance").first()
            )
            if len(agencies) == 1:
                self.initial.setdefault("agency", agencies[0])


class InspectionForm(forms.ModelForm):
    report_url = forms.URLField(
        label="Report address",
        required=False,
        assume_scheme="https",
        help_text="The published report's address, for example on the Ofsted website.",
        error_messages={"invalid": "Enter the report address as a web address, starting https://"},
    )
    report_upload = forms.FileField(
        label="Upload the report",
        required=False,
        help_text="A PDF or Word file. Leave empty to keep the report already uploaded.",
    )

    class Meta:
        model = Inspection
        formfield_callback = govuk_formfield
        fields = [
            "inspectorate",
            "title",
            "agencies",
            "started_on",
            "ended_on",
            "published_on",
            "judgement",
            "report_url",
            "subgroup",
        ]
        labels = {
            "agencies": "Agencies inspected",
            "started_on": "Start date",
            "ended_on": "End date",
            "published_on": "Publication date",
            "subgroup": "Subgroup that monitors the action plan",
        }
        help_texts = {
            "started_on": DATE_HINT,
            "ended_on": DATE_HINT,
            "published_on": "When the report was published. " + DATE_HINT,
        }
        widgets = {
            "inspectorate": forms.RadioSelect,
            "agencies": forms.CheckboxSelectMultiple,
            "started_on": _date_widget(),
            "ended_on": _date_widget(),
            "published_on": _date_widget(),
        }
        error_messages = {
            "inspectorate": {"required": "Choose the inspectorate"},
            "title": {"required": "Enter the inspection's title"},
            "agencies": {"required": "Choose the agencies inspected"},
            "started_on": _date_errors("the start date"),
            "ended_on": _date_errors("the end date", required=False),
            "published_on": _date_errors("the publication date", required=False),
            "subgroup": {"required": "Choose the subgroup that monitors the action plan"},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agencies"].queryset = _agencies(current_ids(self.instance, "agencies"))
        self.fields["subgroup"].queryset = _subgroups(self.instance.subgroup_id)
        if self.instance.pk is None and not self.is_bound:
            self.initial.setdefault(
                "subgroup", Subgroup.objects.filter(name="Quality and Performance").first()
            )
