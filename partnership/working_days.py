"""Working days in England and Wales: weekdays that are not bank holidays.

Bank holidays (with substitute days when one falls at a weekend, and one-off days such as a
state funeral) come from the `holidays` package, so nothing here needs updating each year.
Statutory timescales for case reviews are counted with these functions.
"""

from datetime import date, timedelta
from functools import lru_cache

import holidays


@lru_cache(maxsize=64)
def _bank_holidays(year: int) -> frozenset[date]:
    return frozenset(holidays.country_holidays("GB", subdiv="ENG", years=year))


@lru_cache(maxsize=64)
def _bank_holiday_names(year: int) -> dict[date, str]:
    return dict(holidays.country_holidays("GB", subdiv="ENG", years=year))


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in _bank_holidays(day.year)


def bank_holiday_name(day: date) -> str:
    """The bank holiday's name ("Late Summer Bank Holiday", "Boxing Day (observed)"), or ""."""
    return _bank_holiday_names(day.year).get(day, "")


def add_working_days(start: date, days: int) -> date:
    """The date `days` working days after `start` (before it, for a negative number).

    `start` itself is day 0 and need not be a working day: five working days after Friday
    22 May 2026 is Monday 1 June 2026 (Monday 25 May is the Spring Bank Holiday).
    """
    step = 1 if days >= 0 else -1
    remaining = abs(days)
    day = start
    while remaining:
        day += timedelta(days=step)
        if is_working_day(day):
            remaining -= 1
    return day


def working_days_between(start: date, end: date) -> int:
    """Working days after `start` up to and including `end` (negative when `end` is earlier):
    the number N such that add_working_days(start, N) is `end` or the last working day before it."""
    if end == start:
        return 0
    if end < start:
        return -working_days_between(end, start)
    # Counted, not walked (an overdue clock spans years): every 7 days hold 5 weekdays, then
    # the days left over, less the bank holidays on weekdays in between.
    weeks, rest = divmod((end - start).days, 7)
    count = weeks * 5 + sum(1 for n in range(1, rest + 1) if (start.weekday() + n) % 7 < 5)
    for year in range(start.year, end.year + 1):
        count -= sum(1 for day in _bank_holidays(year) if start < day <= end and day.weekday() < 5)
    return count
