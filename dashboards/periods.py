"""Reporting periods of the performance dataset: months, quarters and years of the partnership.

The partnership's year starts in `settings.REPORTING_YEAR_START_MONTH` (April by default), so
Q1 of 2026/27 is April to June 2026 and Q4 is January to March 2027. A value is stored against
the first day of its period; these functions find that day, check it, and name the period the
way a partnership's reports do ("Q2 2026/27", "July 2026", "2026/27").
"""

from __future__ import annotations

import datetime

from dateutil.relativedelta import relativedelta
from django.conf import settings

MONTHLY, QUARTERLY, ANNUAL = "monthly", "quarterly", "annual"
MONTHS_IN = {MONTHLY: 1, QUARTERLY: 3, ANNUAL: 12}


def start_month() -> int:
    return settings.REPORTING_YEAR_START_MONTH


def reporting_year(day: datetime.date) -> int:
    """The calendar year the reporting year holding `day` starts in."""
    return day.year if day.month >= start_month() else day.year - 1


def year_label(year: int) -> str:
    """ "2026/27" for a year starting in April; plain "2026" when the year starts in January."""
    return str(year) if start_month() == 1 else f"{year}/{str(year + 1)[-2:]}"


def year_start(year: int) -> datetime.date:
    return datetime.date(year, start_month(), 1)


def period_start(day: datetime.date, frequency: str) -> datetime.date:
    """The first day of the `frequency` period that holds `day`."""
    if frequency == MONTHLY:
        return day.replace(day=1)
    start = year_start(reporting_year(day))
    if frequency == ANNUAL:
        return start
    months = (day.year - start.year) * 12 + day.month - start.month
    return start + relativedelta(months=months - months % 3)


def is_period_start(day: datetime.date, frequency: str) -> bool:
    return period_start(day, frequency) == day


def period_end(start: datetime.date, frequency: str) -> datetime.date:
    """The last day of the period that starts on `start`."""
    return start + relativedelta(months=MONTHS_IN[frequency]) - datetime.timedelta(days=1)


def period_label(start: datetime.date, frequency: str) -> str:
    """How reports name the period: "Q2 2026/27", "July 2026" or "2026/27"."""
    if frequency == MONTHLY:
        return f"{start:%B %Y}"
    year = reporting_year(start)
    if frequency == ANNUAL:
        return year_label(year)
    months = (start.year - year) * 12 + start.month - start_month()
    return f"Q{months // 3 + 1} {year_label(year)}"


def describe_start(frequency: str) -> str:
    """What a period start looks like, for hints and error messages."""
    first = year_start(2026)
    if frequency == MONTHLY:
        return "the first day of a month, for example 01/07/2026"
    if frequency == ANNUAL:
        return f"the first day of the partnership's year, for example {first:%d/%m/%Y}"
    quarters = ", ".join(f"{first + relativedelta(months=3 * i):%-d %B}" for i in range(4))
    return f"the first day of a quarter ({quarters}), for example {first + relativedelta(months=3):%d/%m/%Y}"


def quarters_ending(last: datetime.date, count: int) -> list[datetime.date]:
    """The starts of `count` quarters, oldest first, the last being the quarter holding `last`."""
    end = period_start(last, QUARTERLY)
    return [end - relativedelta(months=3 * i) for i in range(count - 1, -1, -1)]
