"""The reporting years the annual report may be written for."""

from partnership.services.guards import require

FIRST_YEAR, LAST_YEAR = 2000, 2100


def check_year(year: int) -> int:
    require(
        FIRST_YEAR <= year <= LAST_YEAR,
        f"Enter a reporting year between {FIRST_YEAR} and {LAST_YEAR}.",
        field="year",
    )
    return year
