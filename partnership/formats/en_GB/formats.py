"""Dates as the GOV.UK Design System writes them, in lists and tables as on pages: 9 December
2026, never 09/12/2026 or 9 Dec 2026. Times in 24 hours after a comma: 9 December 2026, 14:30.
What is not set here (the input formats) is Django's en_GB."""

DATE_FORMAT = "j F Y"
SHORT_DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, H:i"
SHORT_DATETIME_FORMAT = "j F Y, H:i"
