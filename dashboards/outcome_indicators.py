"""The dataset's indicators for the core's intended outcomes (OUTCOME_INDICATORS).

An intended outcome measured on an indicator names it by its code; its "did it stick?" check
reads the indicator's value at the check date: the value of the latest period that had started
by then (a quarterly figure for July to September counts from 1 July). These are the
partnership's own aggregate figures (never a child), read by the product for the business unit
who records the check, so they are not scoped to a person here: the check's page is.
"""

from __future__ import annotations

import datetime

from django.conf import settings

from partnership import extensions as ext

from .models import Indicator, IndicatorValue


def indicator_choices() -> list[tuple[str, str]]:
    """(code, "CODE Title") of the active indicators, by code."""
    return [(i.code, str(i)) for i in Indicator.objects.filter(active=True).order_by("code")]


def indicator_reading(code: str, on: datetime.date) -> ext.IndicatorReading | None:
    value = (
        IndicatorValue.objects.select_related("indicator")
        .filter(indicator__code=code, period_start__lte=on)
        .order_by("-period_start")
        .first()
    )
    if value is None:
        return None
    return ext.IndicatorReading(
        code=code,
        label=str(value.indicator),
        value=value.value,
        period=value.period_label,
        url=settings.SITE_URL + value.get_absolute_url(),
    )


OUTCOME_INDICATORS = ext.OutcomeIndicators(choices=indicator_choices, reading=indicator_reading)
