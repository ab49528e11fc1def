"""Forms for programmes, courses, learning outcomes and sessions."""

import datetime

from django import forms
from django.db.models import Q
from django.utils import timezone

from partnership import selectors as core_selectors
from partnership.forms.learning import ThemesField, active_or_current, current_ids
from partnership.forms.organisation import PrioritiesField
from partnership.models import Finding, Priority, Subgroup, Theme
from partnership.widgets import GovukDateField

from ..models import Course, Programme, Session
from .common import DATE_HINT, agencies, date_errors, date_widget


class ProgrammeForm(forms.ModelForm):
    priorities = forms.ModelMultipleChoiceField(
        label="Partnership priorities it supports",
        queryset=Priority.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Select all that apply.",
    )

    class Meta:
        model = Programme
        fields = ["year", "title", "summary", "subgroup", "priorities"]
        labels = {"year": "Year the programme starts", "subgroup": "Overseeing subgroup"}
        help_texts = {"title": "For example, Multi-agency safeguarding training 2026/27."}
        widgets = {"summary": forms.Textarea(attrs={"rows": 4}), "year": forms.NumberInput()}
        error_messages = {
            "year": {
                "required": "Enter the year the programme starts",
                "unique": "There is already a programme for that year",
            },
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["subgroup"].queryset = active_or_current(Subgroup, [self.instance.subgroup_id])
        self.fields["subgroup"].empty_label = "No subgroup"
        self.fields["priorities"].queryset = active_or_current(
            Priority, current_ids(self.instance, "priorities")
        ).order_by("-year", "title")
        if self.instance.pk is None and not self.is_bound:
            self.initial.setdefault("subgroup", Subgroup.objects.filter(name="Training").first())


class FindingsField(forms.ModelMultipleChoiceField):
    """The findings a course answers, as checkboxes labelled by their source ("Rapid Review:
    Child R: Neglect was not recognised"), offered from the findings the person may see."""

    def __init__(self, **kwargs):
        kwargs.setdefault("queryset", Finding.objects.none())
        kwargs.setdefault("required", False)
        kwargs.setdefault("widget", forms.CheckboxSelectMultiple)
        kwargs.setdefault("label", "Findings it answers")
        kwargs.setdefault(
            "help_text",
            "The areas for improvement found by reviews, audits and other learning that this course "
            "helps put right. The training analysis then shows who attended from the agencies named "
            "in the recommendations, and what changed three months on. Select all that apply.",
        )
        super().__init__(**kwargs)

    def label_from_instance(self, obj) -> str:
        return f"{obj.source.title}: {obj.title}"

    def offer(self, user, course) -> None:
        """Areas for improvement the person may see, and whatever the course answers already
        that they may see (a strength linked before stays offered, so saving keeps it)."""
        current = current_ids(course, "findings")
        visible = core_selectors.findings_visible_to(user).prefetch_related(None)
        self.queryset = (
            visible.filter(Q(kind=Finding.Kind.IMPROVEMENT) | Q(pk__in=current))
            .select_related("source")
            .order_by("source__title", "source_id", "pk")
        )


class CourseForm(forms.ModelForm):
    themes = ThemesField(help_text="What the course is about. Select all that apply.")
    priorities = PrioritiesField()
    findings = FindingsField()
    provider = forms.ChoiceField(
        label="Who provides it",
        choices=Course._meta.get_field("provider").choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose who provides the course"},
    )
    multi_agency = forms.TypedChoiceField(
        label="Who is it for",
        choices=[
            ("True", "Staff of several agencies together (multi-agency)"),
            ("False", "One agency's staff (single-agency)"),
        ],
        coerce=lambda value: value == "True",
        widget=forms.RadioSelect,
        error_messages={"required": "Choose who the course is for"},
    )

    class Meta:
        model = Course
        fields = [
            "programme", "title", "description", "level", "format", "multi_agency", "provider",
            "provider_agency", "provider_name", "themes", "priorities", "findings", "requires_manager_approval",
            "follow_up_sample_percent", "bookable",
        ]  # fmt: skip
        labels = {
            "provider_agency": "Partner agency providing it",
            "provider_name": "Commissioned trainer",
            "bookable": "Show it on the public booking page",
        }
        help_texts = {
            "provider_agency": "If a partner agency provides it.",
            "provider_name": "If a commissioned trainer provides it: the trainer or company.",
            "follow_up_sample_percent": "Asked three months on, with their line managers. 100 asks everyone.",
        }
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "level": forms.RadioSelect,
            "follow_up_sample_percent": forms.NumberInput(attrs={"class": "govuk-input--width-3"}),
        }
        error_messages = {
            "programme": {"required": "Choose the programme"},
            "title": {"required": "Enter the course's title"},
            "level": {"required": "Choose the level"},
            "format": {"required": "Choose the format"},
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["themes"].queryset = active_or_current(Theme, current_ids(self.instance, "themes"))
        self.fields["priorities"].offer(self.instance)
        self.fields["findings"].offer(user, self.instance)
        self.fields["provider_agency"].queryset = agencies([self.instance.provider_agency_id])
        self.fields["provider_agency"].empty_label = "Choose an agency"
        self.fields["programme"].empty_label = "Choose a programme"
        self.fields["level"].choices = [c for c in self.fields["level"].choices if c[0] != ""]
        if self.instance.pk is not None or self.is_bound:
            return
        self.initial.setdefault("multi_agency", "True")
        # model_to_dict gave a new course programme=None: setdefault would keep that.
        self.initial["programme"] = (
            self.initial.get("programme") or Programme.objects.order_by("-year").first()
        )


class OutcomeForm(forms.Form):
    text = forms.CharField(
        label="Learning outcome",
        max_length=300,
        help_text="What a participant will be able to do, for example: Recognise the signs of cumulative neglect.",
        error_messages={"required": "Enter the learning outcome"},
    )


class SessionForm(forms.ModelForm):
    date = GovukDateField(
        label="Date", widget=date_widget(), help_text=DATE_HINT, error_messages=date_errors("the date")
    )
    start_time = forms.TimeField(
        label="Start time",
        help_text="For example, 9:30 or 14:00",
        widget=forms.TimeInput(format="%H:%M", attrs={"class": "govuk-input--width-5"}),
        error_messages={
            "required": "Enter the start time",
            "invalid": "Enter the start time like 9:30 or 14:00",
        },
    )
    end_time = forms.TimeField(
        label="End time",
        help_text="For example, 12:30 or 16:00",
        widget=forms.TimeInput(format="%H:%M", attrs={"class": "govuk-input--width-5"}),
        error_messages={
            "required": "Enter the end time",
            "invalid": "Enter the end time like 12:30 or 16:00",
        },
    )

    class Meta:
        model = Session
        fields = ["online", "venue", "capacity", "trainer"]
        labels = {"online": "The session is online", "capacity": "Places", "venue": "Venue or how to join"}
        help_texts = {
            "venue": "The address, or for an online session the platform and how the link will be sent.",
            "capacity": "How many people can attend. When it is full, people can join the waiting list.",
            "trainer": "The trainer's name, as participants will see it.",
        }
        widgets = {
            "venue": forms.Textarea(attrs={"rows": 3}),
            "capacity": forms.NumberInput(attrs={"class": "govuk-input--width-3"}),
        }
        error_messages = {
            "capacity": {"required": "Enter the number of places", "min_value": "Enter at least 1 place"}
        }

    field_order = ["date", "start_time", "end_time", "online", "venue", "capacity", "trainer"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.starts_at and not self.is_bound:
            starts = timezone.localtime(self.instance.starts_at)
            self.initial.update(date=starts.date(), start_time=starts.time())
            if self.instance.ends_at:
                self.initial["end_time"] = timezone.localtime(self.instance.ends_at).time()

    def clean(self):
        data = super().clean()
        day, start, end = data.get("date"), data.get("start_time"), data.get("end_time")
        if day and start and end:
            if end <= start:
                self.add_error("end_time", "The end time must be after the start time")
            self.instance.starts_at = timezone.make_aware(datetime.datetime.combine(day, start))
            self.instance.ends_at = timezone.make_aware(datetime.datetime.combine(day, end))
        return data


class SessionCancelForm(forms.Form):
    reason = forms.CharField(
        label="Why is it cancelled?",
        required=False,
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Included in the email to everyone on the list, for example: The trainer is unwell.",
    )
