"""The GOV.UK date input: a date typed as day, month and year in three boxes.

Every date a person types goes through `GovukDateField` and its `GovukDateInput` widget (the
Design System's date input: a fieldset, a hint "For example, 27 3 2026" and three numeric
inputs). Model forms get them with `formfield_callback = govuk_formfield` in their Meta, filter
sets with `GovukDateFilter`.

The widget hands the field a `DateParts` string ("27/3/2026") that Django's own DateField parses,
so services, `clean()` methods and the date input formats are unchanged; the field turns a part
that is missing or wrong into the Design System's messages ("Date of the session must include a
month", "... must be a real date"). When none of the three parts was sent, the widget reads the
field's own name instead ("27/03/2026" or "2026-03-27"): links and bookmarks with a single date in
the query string (`?due_from=2026-01-01`) and API-style posts keep working.
"""

import calendar
import datetime

import django_filters
from django import forms
from django.db import models
from django.utils.text import capfirst

DATE_HINT = "For example, 27 3 2026"

# (name, label, width in characters): the Design System's order and widths.
PARTS = (("day", "Day", 2), ("month", "Month", 2), ("year", "Year", 4))

_MONTH_NAMES = {
    name.lower(): number
    for names in (calendar.month_name, calendar.month_abbr)
    for number, name in enumerate(names)
    if name
}


class DateParts(str):
    """What was typed in the three boxes, as "day/month/year" (what DateField parses), with the
    parts kept so the form shows them back as typed and can say which one is wrong."""

    def __new__(cls, day: str, month: str, year: str):
        value = super().__new__(cls, f"{day}/{_month_number(month) or month}/{year}")
        value.parts = (day, month, year)
        return value

    def missing(self) -> list[str]:
        """The names of the parts left empty ("day", "month", "year")."""
        return [name for (name, _, _), part in zip(PARTS, self.parts, strict=True) if not part]

    def wrong(self) -> list[str]:
        """The parts that cannot be part of a real date (empty ones excepted)."""
        day, month, year = self.parts
        number = _month_number(month)
        month_ok = number is not None and 1 <= number <= 12
        year_ok = year.isdigit() and len(year) == 4 and int(year) > 0
        day_ok = day.isdigit() and 1 <= int(day) <= 31
        if day_ok and month_ok and year_ok:
            day_ok = int(day) <= calendar.monthrange(int(year), number)[1]
        wrong = []
        if day and not day_ok:
            wrong.append("day")
        if month and not month_ok:
            wrong.append("month")
        if year and not year_ok:
            wrong.append("year")
        return wrong

    def problem_parts(self) -> list[str]:
        """The parts to highlight when the date is in error: the empty ones, else the wrong
        ones, else all three (a real date that another rule refused)."""
        return self.missing() or self.wrong() or [name for name, _, _ in PARTS]


def _month_number(month: str) -> int | None:
    if month.isdigit():
        return int(month)
    return _MONTH_NAMES.get(month.lower())


def _split(value) -> list:
    """A stored value (a date, or a date typed in one box) as [day, month, year]."""
    if isinstance(value, datetime.datetime):
        value = value.date()
    if isinstance(value, datetime.date):
        return [str(value.day), str(value.month), str(value.year)]
    if isinstance(value, DateParts):
        return list(value.parts)
    if isinstance(value, str) and value.strip():
        text = value.strip()
        for separator in "/-":
            pieces = text.split(separator)
            if len(pieces) == 3:
                return pieces[::-1] if len(pieces[0]) == 4 else pieces
        return [None, None, text]
    return [None, None, None]


class GovukDateInput(forms.MultiWidget):
    """Three numeric inputs named `<name>_day`, `<name>_month` and `<name>_year`, with ids
    `<id>_day`…, in a `govuk-date-input` (the fieldset and legend are the field template's).
    When the field is in error only the parts at fault are highlighted, or all three."""

    template_name = "forms/govuk/date_input.html"

    def __init__(self, attrs=None):
        widgets = {name: forms.TextInput(attrs={"inputmode": "numeric"}) for name, _, _ in PARTS}
        super().__init__(widgets, attrs)

    def decompress(self, value):
        return _split(value)

    def get_context(self, name, value, attrs):
        has_error = bool((attrs or {}).get("aria-invalid")) or bool(self.attrs.get("aria-invalid"))
        context = super().get_context(name, value, attrs)
        widget = context["widget"]
        id_ = widget["attrs"].get("id")
        bad = value.problem_parts() if isinstance(value, DateParts) else [n for n, _, _ in PARTS]
        for sub, (part, label, width) in zip(widget["subwidgets"], PARTS, strict=True):
            if id_:
                sub["attrs"]["id"] = f"{id_}_{part}"
            sub["part_label"] = label
            sub["width"] = width
            sub["error"] = has_error and part in bad
        widget["has_error"] = has_error
        return context

    def id_for_label(self, id_):
        # The legend names the group; each box has its own label.
        return ""

    def value_from_datadict(self, data, files, name):
        names = [f"{name}_{part}" for part, _, _ in PARTS]
        if not any(n in data for n in names):
            return data.get(name)
        day, month, year = (str(data.get(n) or "").strip() for n in names)
        if not (day or month or year):
            return ""
        return DateParts(day, month, year)

    def value_omitted_from_data(self, data, files, name):
        return name not in data and super().value_omitted_from_data(data, files, name)


class GovukDateField(forms.DateField):
    """A date typed in a GOV.UK date input, with the Design System's error messages.

    A form's own "required" message is kept (they say "Enter the date …"); without one the
    field says "Enter the <label>". A date typed in one box (the fallback) is parsed as before
    and refused with the form's own "invalid" message.
    """

    widget = GovukDateInput
    default_error_messages = {
        "incomplete": "%(label)s must include a %(missing)s",
        "not_real": "%(label)s must be a real date",
        "year_digits": "Year must include 4 numbers",
    }

    def __init__(self, *, error_messages=None, **kwargs):
        super().__init__(error_messages=error_messages, **kwargs)
        if not (error_messages or {}).get("required"):
            self.error_messages["required"] = f"Enter {_with_the(self._label_text())}"

    def _label_text(self) -> str:
        return str(self.label) if self.label else "Date"

    def to_python(self, value):
        if isinstance(value, DateParts):
            label = capfirst(self._label_text())
            missing = value.missing()
            if missing:
                raise forms.ValidationError(
                    self.error_messages["incomplete"],
                    code="incomplete",
                    params={"label": label, "missing": " and ".join(missing)},
                )
            wrong = value.wrong()
            if wrong == ["year"] and value.parts[2].isdigit():
                raise forms.ValidationError(self.error_messages["year_digits"], code="year_digits")
            if wrong:
                raise forms.ValidationError(
                    self.error_messages["not_real"], code="not_real", params={"label": label}
                )
            day, month, year = value.parts
            try:
                return datetime.date(int(year), _month_number(month), int(day))
            except ValueError:
                raise forms.ValidationError(
                    self.error_messages["not_real"], code="not_real", params={"label": label}
                ) from None
        return super().to_python(value)


def _with_the(label: str) -> str:
    """The label after "Enter": "Due date" gives "the due date"."""
    text = label[:1].lower() + label[1:]
    return text if text.startswith("the ") else f"the {text}"


def govuk_formfield(db_field, **kwargs):
    """A model form's `formfield_callback`: every date field (not date-and-time) becomes a
    GOV.UK date input, whatever widget the form's Meta names; other fields are as Django makes
    them."""
    if isinstance(db_field, models.DateField) and not isinstance(db_field, models.DateTimeField):
        kwargs["form_class"] = GovukDateField
        kwargs["widget"] = GovukDateInput
    return db_field.formfield(**kwargs)


class GovukDateFilter(django_filters.DateFilter):
    """A list's date filter typed as day, month and year (a GET form keeps `?due_from=2026-01-01`
    links working through the widget's fallback)."""

    field_class = GovukDateField
