"""Template filter for the annual report's link: `{% if request.user|can_view_annual_report %}`."""

from django import template

from ..report.permissions import can_view_report

register = template.Library()


@register.filter
def can_view_annual_report(user) -> bool:
    return can_view_report(user)
