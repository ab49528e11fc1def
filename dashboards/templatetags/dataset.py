"""Template filters and tags for the performance dataset: `{% load dataset %}`."""

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from ..charts.svg import fmt

register = template.Library()


@register.filter
def figure(value) -> str:
    """A figure as the dataset shows it: thousands separated, at most two decimals, no
    trailing zeros (22.90 shows as 22.9, 503.00 as 503)."""
    return "" if value is None or value == "" else fmt(value, 2)


# The two pieces every dataset table repeats in each cell, as tags rather than includes: the
# dataset page shows hundreds of them, and a tag renders in a fraction of an include's time.
_NO_VALUE = mark_safe('<span class="app-secondary-text">No value</span>')
_RAG_TAGS = {
    "red": mark_safe('<strong class="govuk-tag govuk-tag--red app-rag-tag">Red</strong>'),
    "amber": mark_safe('<strong class="govuk-tag govuk-tag--yellow app-rag-tag">Amber</strong>'),
    "green": mark_safe('<strong class="govuk-tag govuk-tag--green app-rag-tag">Green</strong>'),
}
_NO_RAG = mark_safe(
    '<strong class="govuk-tag govuk-tag--grey app-rag-tag">No RAG'
    '<span class="govuk-visually-hidden">: no target or no value</span></strong>'
)


@register.simple_tag
def value_cell(number, unit="") -> str:
    """A value with its unit, or "No value": `{% value_cell value.value indicator.unit_suffix %}`."""
    if number is None:
        return _NO_VALUE
    return format_html("{}{}", figure(number), unit)


@register.simple_tag
def rag_tag(rag) -> str:
    """The RAG of a value against its target (dashboards/rag.py) as a GOV.UK tag: the word is
    always shown, the colour only repeats it. `{% rag_tag indicator.latest_rag %}`."""
    return _RAG_TAGS.get(rag, _NO_RAG)
