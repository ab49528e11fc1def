"""How the record pages, exports and history read and show a value."""

import datetime
from collections.abc import Callable

from django.db import models
from django.utils import timezone
from django.utils.formats import date_format

# Spelled out rather than taken from the locale, whose en-GB formats abbreviate ("22 Nov").
UK_DATETIME = "j F Y, H:i"
UK_DATE = "j F Y"


def resolve(obj, accessor: str | Callable):
    """The value `accessor` names on `obj`: a callable, or a dotted path ("area.name") whose
    methods (such as "get_sector_display") are called."""
    if callable(accessor):
        return accessor(obj)
    value = obj
    for part in accessor.split("."):
        if value is None:
            return None
        value = getattr(value, part)
        if callable(value) and not isinstance(value, models.Manager):
            value = value()
    return value


def display(value) -> str:
    """A value as the pages and exports show it: dates in UK format, Yes or No for flags."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, datetime.datetime):
        return date_format(timezone.localtime(value), UK_DATETIME)
    if isinstance(value, datetime.date):
        return date_format(value, UK_DATE)
    return str(value)
