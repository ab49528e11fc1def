"""CSV exports: a list as a spreadsheet, filtered the same way as the page it came from.

Cells that a spreadsheet would run as a formula are prefixed with an apostrophe, so that an
exported name such as "=HYPERLINK(…)" stays text (CSV injection).
"""

import csv
from collections.abc import Iterable

from django.http import HttpResponse

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value) -> str:
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def csv_response(*, filename: str, header: Iterable[str], rows: Iterable[Iterable]) -> HttpResponse:
    """An attachment named `filename` with a header row and one row per item of `rows`."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")  # a byte order mark, so that Excel reads the file as UTF-8
    writer = csv.writer(response)
    writer.writerow(header)
    for row in rows:
        writer.writerow([safe_cell(value) for value in row])
    return response
