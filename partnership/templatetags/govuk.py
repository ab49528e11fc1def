"""Template tags for GOV.UK Design System markup: form fields, pagination and sortable tables.

Load with `{% load govuk %}`. The tags keep the rest of the query string (filters, sort) when
they change one parameter, so paging through a filtered list keeps its filters.
"""

from django import forms, template
from django.forms.widgets import Input
from django.http import QueryDict

from partnership.widgets import DATE_HINT as DATE_INPUT_HINT
from partnership.widgets import PARTS as DATE_PARTS
from partnership.widgets import DateParts, GovukDateInput

register = template.Library()

# What GOV.UK component renders a widget, by widget class (checked in order: subclasses first).
_WIDGET_KINDS = (
    (forms.HiddenInput, "hidden"),
    (forms.MultipleHiddenInput, "hidden"),
    (forms.CheckboxSelectMultiple, "checkboxes"),
    (forms.RadioSelect, "radios"),
    (forms.CheckboxInput, "checkbox"),
    (forms.Textarea, "textarea"),
    (forms.SelectMultiple, "select"),
    (forms.Select, "select"),
    (forms.ClearableFileInput, "file"),
    (forms.FileInput, "file"),
    (GovukDateInput, "date"),
    (forms.MultiWidget, "multi"),
    (Input, "input"),
)

# The CSS class each kind of widget gets, and its modifier when the field has an error.
_WIDGET_CLASSES = {
    "input": "govuk-input",
    "textarea": "govuk-textarea",
    "select": "govuk-select",
    "file": "govuk-file-upload",
    "multi": "govuk-input",
}

DATE_HINT = "For example, 27/3/2026"


def widget_kind(bound_field) -> str:
    """The GOV.UK component for this field's widget: input, select, radios, checkbox…"""
    widget = bound_field.field.widget
    for widget_class, kind in _WIDGET_KINDS:
        if isinstance(widget, widget_class):
            return kind
    return "input"


def hint_text(bound_field) -> str:
    """The field's help text, or an example date for a date field that has none."""
    if bound_field.help_text:
        return bound_field.help_text
    if widget_kind(bound_field) == "date":
        return DATE_INPUT_HINT
    if isinstance(bound_field.field, forms.DateField) and not isinstance(
        bound_field.field, forms.DateTimeField
    ):
        return DATE_HINT
    return ""


def field_anchor(bound_field) -> str:
    """The id an error summary links to: the input itself, or the first option of a group."""
    auto_id = bound_field.auto_id
    if not auto_id:
        return ""
    if widget_kind(bound_field) in ("radios", "checkboxes"):
        return f"{auto_id}_0"
    if widget_kind(bound_field) == "multi":
        return f"{auto_id}_0"
    if widget_kind(bound_field) == "date":
        # The first box at fault: "must include a month" links to the month.
        value = bound_field.value() if bound_field.form.is_bound else None
        parts = value.problem_parts() if isinstance(value, DateParts) else [DATE_PARTS[0][0]]
        return f"{auto_id}_{parts[0]}"
    return auto_id


@register.simple_tag
def govuk_field(bound_field) -> dict:
    """Everything the field template needs, as `{% govuk_field field as govuk %}`."""
    auto_id = bound_field.auto_id or ""
    hint = hint_text(bound_field)
    errors = bound_field.errors
    kind = widget_kind(bound_field)
    described_by = []
    hint_id = f"{auto_id}-hint" if auto_id else ""
    error_id = f"{auto_id}-error" if auto_id else ""
    if hint and hint_id:
        described_by.append(hint_id)
    if errors and error_id:
        described_by.append(error_id)
    return {
        "kind": kind,
        "hint": hint,
        "hint_id": hint_id,
        "error_id": error_id,
        "described_by": " ".join(described_by),
        "anchor": field_anchor(bound_field),
        "is_date": isinstance(bound_field.field, forms.DateField),
        "optional": shows_optional(bound_field),
    }


def shows_optional(bound_field) -> bool:
    """Whether the label says "(optional)": GOV.UK marks the optional questions, not the
    required ones. A form of only optional fields (a filter form) marks none, and so does a
    form with `hide_optional = True`."""
    form = bound_field.form
    if bound_field.field.required or getattr(form, "hide_optional", False):
        return False
    return any(field.required for field in form.fields.values())


@register.simple_tag
def govuk_widget(bound_field, described_by="", extra_classes=""):
    """Render the field's widget with its GOV.UK class, error modifier and aria-describedby."""
    kind = widget_kind(bound_field)
    widget = bound_field.field.widget
    attrs = {}
    base = _WIDGET_CLASSES.get(kind)
    classes = [widget.attrs.get("class", "")]
    if base:
        classes.append(base)
        if bound_field.errors:
            classes.append(f"{base}--error")
        if kind == "input" and isinstance(bound_field.field, forms.DateField):
            classes.append("govuk-input--width-10")
    elif kind == "checkbox":
        classes.append("govuk-checkboxes__input")
    if extra_classes:
        classes.append(extra_classes)
    attrs["class"] = " ".join(c for c in classes if c)
    if described_by:
        attrs["aria-describedby"] = described_by
    if (
        kind == "input"
        and isinstance(bound_field.field, forms.DateField)
        and "autocomplete" not in widget.attrs
    ):
        attrs["autocomplete"] = "off"
    return bound_field.as_widget(attrs=attrs)


@register.filter
def govuk_anchor(bound_field) -> str:
    """`{{ field|govuk_anchor }}`: the id the error summary should link to."""
    return field_anchor(bound_field)


def _query_with(query: QueryDict, changes: dict) -> str:
    query = query.copy()
    for key, value in changes.items():
        if value is None or value == "":
            query.pop(key, None)
        elif isinstance(value, (list, tuple)):
            query.setlist(key, [str(v) for v in value])
        else:
            query[key] = str(value)
    encoded = query.urlencode()
    return f"?{encoded}" if encoded else "?"


@register.simple_tag
def query_replace(request, **changes) -> str:
    """`{% query_replace request page=3 %}`: this page's query string with `page` set to 3.

    Every other parameter (filters, sort) is kept; a value of None or "" removes the
    parameter. The result starts with "?" and is auto-escaped when output in a template.
    """
    return _query_with(request.GET, changes)


@register.simple_tag
def page_items(page_obj, on_each_side=1, on_ends=1) -> list:
    """The page numbers to show around the current page, with None where pages are elided."""
    paginator = page_obj.paginator
    items = []
    for number in paginator.get_elided_page_range(
        page_obj.number, on_each_side=on_each_side, on_ends=on_ends
    ):
        items.append(None if number == paginator.ELLIPSIS else number)
    return items


@register.inclusion_tag("includes/sort_header.html")
def sort_link(request, field: str, label: str, param: str = "sort", numeric: bool = False, current=None):
    """`{% sort_link request "name" "Name" %}`: a sortable table header cell.

    Renders a whole `<th>` with `aria-sort` and a link that sorts by `field` ascending, or
    descending when the list is already sorted ascending by it (`?sort=-name`). Paging is reset
    because a new order starts at page one; every other parameter is kept. `param` names the
    query parameter (default "sort"); `numeric` right-aligns the header of a numeric column;
    `current` is the order in force when the view applies a default (`current=sort`).
    """
    if current is None:
        current = request.GET.get(param, "")
    if current == field:
        state, next_value = "ascending", f"-{field}"
    elif current == f"-{field}":
        state, next_value = "descending", field
    else:
        state, next_value = "none", field
    return {
        "label": label,
        "state": state,
        "href": _query_with(request.GET, {param: next_value, "page": None}),
        "numeric": numeric,
    }
