"""Working days in England and Wales, across Christmas, Easter and substitute bank holidays."""

from datetime import date

import pytest

from partnership.working_days import add_working_days, is_working_day, working_days_between


@pytest.mark.parametrize(
    "day, working",
    [
        (date(2026, 12, 24), True),  # Thursday, Christmas Eve is a working day
        (date(2026, 12, 25), False),  # Christmas Day
        (date(2026, 12, 28), False),  # Boxing Day falls on Saturday: Monday is the substitute
        (date(2026, 12, 29), True),
        (date(2027, 12, 27), False),  # Christmas Day on a Saturday: substitute Monday
        (date(2027, 12, 28), False),  # Boxing Day on a Sunday: substitute Tuesday
        (date(2026, 4, 3), False),  # Good Friday
        (date(2026, 4, 6), False),  # Easter Monday
        (date(2022, 9, 19), False),  # a one-off bank holiday (state funeral)
        (date(2026, 11, 21), False),  # Saturday
    ],
)
def test_working_days_know_the_bank_holidays(day, working):
    assert is_working_day(day) is working


@pytest.mark.parametrize(
    "start, days, expected",
    [
        (date(2026, 12, 18), 5, date(2026, 12, 29)),  # over Christmas and the substitute Boxing Day
        (date(2026, 12, 22), 15, date(2027, 1, 15)),  # a Rapid Review started before Christmas
        (date(2026, 4, 1), 5, date(2026, 4, 10)),  # over Easter
        (date(2026, 5, 22), 5, date(2026, 6, 1)),  # over the Spring Bank Holiday, from a Friday
        (date(2026, 11, 21), 1, date(2026, 11, 23)),  # from a Saturday
        (date(2027, 1, 8), -7, date(2026, 12, 29)),  # counting back over Christmas and New Year
        (date(2026, 6, 1), 0, date(2026, 6, 1)),
    ],
)
def test_add_working_days(start, days, expected):
    assert add_working_days(start, days) == expected


def test_working_days_between_is_the_inverse_of_adding():
    start = date(2026, 12, 18)
    for n in range(-25, 26):
        end = add_working_days(start, n)
        assert working_days_between(start, end) == n
    assert working_days_between(date(2026, 12, 24), date(2026, 12, 28)) == 0  # nothing but holidays
