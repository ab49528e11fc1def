"""The GOV.UK date input (partnership/widgets.py) and the one way dates are displayed.

A date is typed as day, month and year in three numeric boxes inside a fieldset; what was typed
is shown back on error, with the Design System's messages and only the box at fault highlighted.
Every date field of every form and filter uses it. Dates read "9 December 2026" everywhere.
"""

import datetime
import importlib
import pkgutil
import re
from pathlib import Path

import django_filters
import pytest
from django import forms
from django.conf import settings
from django.template import Context, Template
from django.template.loader import render_to_string

from partnership.widgets import GovukDateField, GovukDateInput

APPS = ("partnership", "reviews", "audits", "training", "dashboards", "governance")


class DueForm(forms.Form):
    title = forms.CharField()
    due = GovukDateField(label="Due date")
    reviewed = GovukDateField(
        label="Reviewed on", required=False, error_messages={"required": "Enter the review date"}
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("due") and cleaned["due"].year < 2000:
            self.add_error("due", "The due date must be this century")
        return cleaned


def parts(day="", month="", year="", name="due"):
    return {f"{name}_day": day, f"{name}_month": month, f"{name}_year": year}


def inputs(html: str) -> dict:
    """Each date box rendered, by name: its attributes as a dict."""
    found = {}
    for tag in re.findall(r"<input [^>]*>", html):
        attrs = dict(re.findall(r'([\w-]+)="([^"]*)"', tag))
        found[attrs.get("name")] = attrs
    return found


def test_the_date_input_is_a_fieldset_of_three_numeric_boxes():
    html = str(DueForm(initial={"due": datetime.date(2026, 12, 9)}))

    assert re.search(
        r'<fieldset class="govuk-fieldset" role="group" aria-describedby="id_due-hint">\s*'
        r'<legend class="govuk-fieldset__legend govuk-fieldset__legend--s">Due date</legend>',
        html,
    )
    assert '<div id="id_due-hint" class="govuk-hint">For example, 27 3 2026</div>' in html
    assert '<div class="govuk-date-input" id="id_due">' in html
    boxes = inputs(html)
    for part, label, width, value in (
        ("day", "Day", 2, "9"),
        ("month", "Month", 2, "12"),
        ("year", "Year", 4, "2026"),
    ):
        box = boxes[f"due_{part}"]
        assert box["id"] == f"id_due_{part}"
        assert box["class"] == f"govuk-input govuk-date-input__input govuk-input--width-{width}"
        assert box["inputmode"] == "numeric" and box["type"] == "text"
        assert box["value"] == value
        assert (
            f'<label class="govuk-label govuk-date-input__label" for="id_due_{part}">{label}</label>' in html
        )
    # An optional date says so in its legend; no single text box is left.
    assert "Reviewed on (optional)</legend>" in html
    assert 'name="due"' not in html


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        (("9", "12", "2026"), datetime.date(2026, 12, 9)),
        (("09", "03", "2026"), datetime.date(2026, 3, 9)),
        ((" 1 ", "Dec", "2026"), datetime.date(2026, 12, 1)),
        (("29", "2", "2028"), datetime.date(2028, 2, 29)),
    ],
)
def test_a_real_date_is_read_from_its_three_parts(typed, expected):
    form = DueForm(data={"title": "Audit", **parts(*typed)})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["due"] == expected
    assert form.cleaned_data["reviewed"] is None


@pytest.mark.parametrize(
    ("typed", "message", "at_fault"),
    [
        (("9", "", "2026"), "Due date must include a month", ["month"]),
        (("", "", "2026"), "Due date must include a day and month", ["day", "month"]),
        (("9", "12", ""), "Due date must include a year", ["year"]),
        (("31", "2", "2026"), "Due date must be a real date", ["day"]),
        (("29", "2", "2026"), "Due date must be a real date", ["day"]),
        (("9", "13", "2026"), "Due date must be a real date", ["month"]),
        (("nine", "12", "2026"), "Due date must be a real date", ["day"]),
        (("9", "12", "twenty"), "Due date must be a real date", ["year"]),
        (("9", "12", "26"), "Year must include 4 numbers", ["year"]),
        (("1", "1", "1999"), "The due date must be this century", ["day", "month", "year"]),
    ],
)
def test_a_wrong_date_says_what_is_wrong_keeps_what_was_typed_and_highlights_the_box(
    typed, message, at_fault
):
    form = DueForm(data={"title": "Audit", **parts(*typed)})
    assert not form.is_valid()
    assert form.errors["due"] == [message]

    html = str(form)
    boxes = inputs(html)
    for part, value in zip(("day", "month", "year"), typed, strict=True):
        box = boxes[f"due_{part}"]
        assert box.get("value", "") == value.strip()  # kept as typed
        assert ("govuk-input--error" in box["class"]) is (part in at_fault), part
    assert 'class="govuk-form-group govuk-form-group--error"' in html
    assert f'<span class="govuk-visually-hidden">Error:</span> {message}</p>' in html
    # The error summary links to the first box at fault.
    summary = render_to_string("includes/error_summary.html", {"form": form})
    assert f'<a href="#id_due_{at_fault[0]}">{message}</a>' in summary


def test_an_empty_date_uses_the_forms_own_message_or_enter_the_label():
    form = DueForm(data={"title": "Audit", **parts(), **parts("", "12", "", name="reviewed")})
    assert not form.is_valid()
    assert form.errors["due"] == ["Enter the due date"]
    assert form.errors["reviewed"] == ["Reviewed on must include a day and year"]

    class Required(forms.Form):
        reviewed = GovukDateField(label="Reviewed on", error_messages={"required": "Enter the review date"})

    assert Required(data=parts(name="reviewed")).errors["reviewed"] == ["Enter the review date"]


@pytest.mark.parametrize("typed", ["09/12/2026", "2026-12-09", "9/12/2026"])
def test_a_date_posted_under_the_fields_own_name_is_still_read(typed):
    """Links with ?due_from=2026-01-01 and posts from scripts send one value, not three."""
    form = DueForm(data={"title": "Audit", "due": typed})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["due"] == datetime.date(2026, 12, 9)
    # Shown back in the three boxes.
    boxes = inputs(str(form))
    assert [boxes[f"due_{p}"]["value"].lstrip("0") for p in ("day", "month", "year")] == ["9", "12", "2026"]


def _project_classes(base):
    for app in APPS:
        package = importlib.import_module(app)
        for module in pkgutil.walk_packages(package.__path__, f"{app}."):
            if ".migrations" not in module.name and ".settings" not in module.name:
                importlib.import_module(module.name)
    seen, stack = [], [base]
    while stack:
        for cls in stack.pop().__subclasses__():
            stack.append(cls)
            if cls.__module__.split(".")[0] in APPS:
                seen.append(cls)
    return seen


def _is_date_field(field) -> bool:
    return isinstance(field, forms.DateField) and not isinstance(field, forms.DateTimeField)


def test_every_date_field_of_every_form_and_list_filter_is_a_govuk_date_input():
    plain = []
    forms_with_dates = 0
    for form_class in _project_classes(forms.BaseForm):
        for name, field in getattr(form_class, "base_fields", {}).items():
            if _is_date_field(field):
                forms_with_dates += 1
                if not (isinstance(field, GovukDateField) and isinstance(field.widget, GovukDateInput)):
                    plain.append(f"{form_class.__module__}.{form_class.__name__}.{name}")
    for filterset in _project_classes(django_filters.FilterSet):
        for name, date_filter in filterset.base_filters.items():
            if issubclass(date_filter.field_class, forms.DateField) and not issubclass(
                date_filter.field_class, GovukDateField
            ):
                plain.append(f"{filterset.__module__}.{filterset.__name__}.{name}")
    assert forms_with_dates > 40
    assert plain == []


def test_dates_display_as_9_december_2026_whatever_the_filter_asks():
    day = datetime.date(2026, 12, 9)
    at = datetime.datetime(2026, 12, 9, 14, 30)
    rendered = Template(
        '{{ day }}|{{ day|date }}|{{ day|date:"SHORT_DATE_FORMAT" }}|{{ at|date:"DATETIME_FORMAT" }}'
        '|{{ at|date:"SHORT_DATETIME_FORMAT" }}'
    ).render(Context({"day": day, "at": at}))
    assert (
        rendered
        == "9 December 2026|9 December 2026|9 December 2026|9 December 2026, 14:30|9 December 2026, 14:30"
    )


def test_no_template_prints_a_date_as_numbers_or_an_abbreviated_month():
    offending = []
    for template in Path(settings.BASE_DIR, "templates").rglob("*.*"):
        for number, line in enumerate(template.read_text().splitlines(), 1):
            if re.search(r"""\|date:["'](d/m/Y|j M Y|d M Y)""", line):
                offending.append(f"{template.name}:{number}")
    assert offending == []
