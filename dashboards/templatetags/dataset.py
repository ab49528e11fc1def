"""Template filters for the performance dataset: `{% load dataset %}`."""

from django import template

from ..charts.svg import fmt

register = template.Library()


@register.filter
def figure(value) -> str:
    """A figure as the dataset shows it: thousands separated, at most two decimals, no
    trailing zeros (22.90 shows as 22.9, 503.00 as 503)."""
    return "" if value is None or value == "" else fmt(value, 2)
