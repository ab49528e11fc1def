"""CSV output for every list of the API (`?format=csv` or `Accept: text/csv`).

Each row is flattened: a nested object's fields become `parent.field` columns, a list of plain
values one cell joined with "; ", a list of objects one cell of JSON. Dates stay ISO 8601
(2026-11-30), as in the JSON, so Power BI and Excel read them without guessing the locale.

Text that a spreadsheet would run as a formula (starting with = + - @, a tab or a carriage
return) gets a leading apostrophe, by the same rule as the pages' exports (`safe_cell`), so that
a title such as "=HYPERLINK(…)" stays text (CSV injection). Numbers and booleans are written as
they are: they cannot run, and reporting tools keep them as numbers.
"""

import csv
import io
import json

from rest_framework.renderers import BaseRenderer

from partnership.exports import safe_cell


def flatten(row: dict, prefix: str = "") -> dict:
    flat = {}
    for key, value in row.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            flat.update(flatten(value, f"{name}."))
        elif isinstance(value, list):
            if any(isinstance(item, dict | list) for item in value):
                flat[name] = json.dumps(value, default=str)
            else:
                flat[name] = "; ".join("" if item is None else str(item) for item in value)
        else:
            flat[name] = value
    return flat


def csv_lines(rows, header: list[str] | None = None):
    """CSV text, a line at a time, for an iterable of flattened rows. The header is the first
    row's columns unless given."""
    buffer = io.StringIO()
    writer = None
    for row in rows:
        if writer is None:
            writer = csv.DictWriter(buffer, fieldnames=header or list(row), extrasaction="ignore")
            writer.writeheader()
        writer.writerow({key: _cell(value) for key, value in row.items()})
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate(0)
    if writer is None and header:
        csv.writer(buffer).writerow(header)
        yield buffer.getvalue()


def _cell(value):
    """A flattened value as the CSV writes it: text made safe to open in a spreadsheet."""
    if value is None:
        return ""
    return safe_cell(value) if isinstance(value, str) else value


class CsvRenderer(BaseRenderer):
    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if data is None:
            return b""
        if isinstance(data, dict) and isinstance(data.get("results"), list):
            data = data["results"]
        rows = data if isinstance(data, list) else [data]
        text = "".join(csv_lines(flatten(r) if isinstance(r, dict) else {"value": r} for r in rows))
        if not text:  # no rows: the header alone, so that the answer is still a CSV table
            text = ",".join(_columns(renderer_context)) + "\r\n"
        return text.encode()


def _columns(renderer_context) -> list[str]:
    view = (renderer_context or {}).get("view")
    try:
        return list(view.get_serializer_class()().fields)
    except (AttributeError, AssertionError, TypeError):  # no serializer: no columns
        return []
