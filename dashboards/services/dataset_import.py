"""Import of indicator values from a CSV or Excel (.xlsx) file: every row, or none.

The same pattern as the import of actions (`partnership/services/action_import.py`): the whole
file is checked before anything is saved; every problem is listed with the line it is on (as a
spreadsheet shows it, the header being line 1) and a plain reason; only a file with no problem
is imported, in one transaction, each value through the same checks as a value typed in by
hand and with history naming the person who imported it.

A row for an indicator and period that already has a value updates that value, so importing a
corrected file again changes figures rather than doubling them. Two rows of one file for the
same indicator and period are refused (which one is right?).

Refused outright, before any row is read: a file that is not CSV or .xlsx (judged by its
content), an empty file, a file larger than MAX_UPLOAD_MB, a header without the required
columns (they are named), and more than MAX_ROWS rows.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.db import IntegrityError, transaction

from partnership.services import DomainError
from partnership.services.guards import require
from partnership.services.history import save_tracked
from partnership.spreadsheets import TableSpec, UnreadableFile, cell_date, cell_text, read_import

from .. import periods
from ..models import Indicator, IndicatorValue, Unit
from ..permissions import can_manage_dataset

MAX_ROWS = 5000
LARGEST = Decimal("9999999999.99")

CODE = "Indicator code"
PERIOD = "Period start"
VALUE = "Value"
NATIONAL = "England"
NEIGHBOURS = "Statistical neighbours"
NOTE = "Note"
COLUMNS = (CODE, PERIOD, VALUE, NATIONAL, NEIGHBOURS, NOTE)
REQUIRED = (CODE, PERIOD, VALUE)
COLUMN_HELP = (
    (CODE, True, "The indicator's code as the dataset lists it, for example CSC01."),
    (PERIOD, True, "The first day of the period, as dd/mm/yyyy (or yyyy-mm-dd): 01/07/2026 for Q2 2026/27."),
    (VALUE, True, "The figure: a count, a percentage (0 to 100, without the % sign) or a rate per 10,000."),
    (NATIONAL, False, "The England figure for the same period, if published."),
    (NEIGHBOURS, False, "The average of the statistical neighbours for the same period, if known."),
    (NOTE, False, "Anything a reader should know about the figure."),
)
ALIASES = {
    "code": CODE,
    "indicator": CODE,
    "period": PERIOD,
    "period start date": PERIOD,
    "national": NATIONAL,
    "national average": NATIONAL,
    "england average": NATIONAL,
    "statistical neighbour": NEIGHBOURS,
    "statistical neighbour average": NEIGHBOURS,
    "stat neighbours": NEIGHBOURS,
    "notes": NOTE,
    "comment": NOTE,
}

TABLE = TableSpec(
    columns=COLUMNS,
    aliases=ALIASES,
    required=REQUIRED,
    max_rows=MAX_ROWS,
    too_many=f"The file has more than {MAX_ROWS:,} rows. Split it into files of {MAX_ROWS:,} rows or fewer.",
    no_rows="The file has no values under its column headings.",
)


class ImportRefused(DomainError):
    """Rows of the file have problems: `errors` lists each (line, reason); nothing was saved."""

    def __init__(self, errors: list[tuple[int, str]]):
        count = len(errors)
        super().__init__(
            f"No values were imported. The file has {count} problem{'s' if count != 1 else ''} "
            "to fix: correct the file and upload it again.",
            field="file",
        )
        self.errors = errors


@dataclass
class ImportRow:
    line: int
    indicator: Indicator
    period_start: datetime.date
    fields: dict


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0

    def __str__(self):
        parts = []
        if self.created:
            parts.append(f"{self.created} value{'s' if self.created != 1 else ''} added")
        if self.updated:
            parts.append(f"{self.updated} value{'s' if self.updated != 1 else ''} updated")
        return " and ".join(parts) or "Nothing to import"


def _number(value, label: str, indicator: Indicator | None, problems: list[str]) -> Decimal | None:
    """A figure from a number cell or text ("1,234", "23.5", "23.5%"), to two decimals."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        problems.append(f"{label} '{value}' is not a number")
        return None
    text = str(value).strip().replace(",", "")
    if isinstance(value, float):
        text = repr(value)
    text = text.removesuffix("%").strip()
    try:
        number = Decimal(text)
    except InvalidOperation:
        problems.append(f"{label} '{cell_text(value)}' is not a number")
        return None
    if not number.is_finite():
        problems.append(f"{label} '{cell_text(value)}' is not a number")
        return None
    number = number.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    if number < 0:
        problems.append(f"{label} cannot be negative ({cell_text(value)})")
    elif number > LARGEST:
        problems.append(f"{label} {cell_text(value)} is too large")
    elif indicator is not None and indicator.unit == Unit.PERCENTAGE and number > 100:
        problems.append(f"{label} {cell_text(value)} is a percentage over 100")
    return number


def _table(upload) -> tuple[list[str], list[tuple[int, list]]]:
    """(column of each cell position, [(line, cells)]) of the file's non-empty data rows."""
    try:
        return read_import(upload, TABLE)
    except UnreadableFile as exc:
        raise DomainError(exc.message, field="file") from exc


def parse_values_file(upload) -> tuple[list[ImportRow], list[tuple[int, str]]]:
    """Read and check every row: (rows ready to save, errors as (line, reason) pairs)."""
    columns, data = _table(upload)
    indicators = {i.code.casefold(): i for i in Indicator.objects.all()}
    rows, errors, seen = [], [], {}
    for line, cells in data:
        record = {}
        for column, cell in zip(columns, cells, strict=False):
            if column and column not in record:
                record[column] = cell
        problems: list[str] = []
        code = cell_text(record.get(CODE))
        indicator = indicators.get(code.casefold()) if code else None
        if not code:
            problems.append("Indicator code is missing")
        elif indicator is None:
            problems.append(f"Indicator code '{code}' is not in the dataset")
        start = cell_date(record.get(PERIOD), "Period start", problems)
        if start is None and not cell_text(record.get(PERIOD)):
            problems.append("Period start is missing")
        elif (
            start is not None
            and indicator is not None
            and not periods.is_period_start(start, indicator.frequency)
        ):
            problems.append(
                f"Period start {start:%d/%m/%Y} is not the start of a period of this {indicator.get_frequency_display().lower()} "
                f"indicator: enter {periods.describe_start(indicator.frequency)}"
            )
        value = _number(record.get(VALUE), VALUE, indicator, problems)
        if value is None and not cell_text(record.get(VALUE)):
            problems.append("Value is missing")
        national = _number(record.get(NATIONAL), NATIONAL, indicator, problems)
        neighbours = _number(record.get(NEIGHBOURS), NEIGHBOURS, indicator, problems)
        if indicator is not None and start is not None:
            key = (indicator.pk, start)
            if key in seen:
                problems.append(f"This row is for the same indicator and period as line {seen[key]}")
            else:
                seen[key] = line
        if problems:
            errors.extend((line, problem) for problem in problems)
            continue
        fields = {"value": value, "national": national, "statistical_neighbours": neighbours,
                  "note": cell_text(record.get(NOTE))}  # fmt: skip
        rows.append(ImportRow(line, indicator, start, fields))
    return rows, errors


def indicator_values_import(*, upload, actor) -> ImportResult:
    """Import every row of the file, or none (see the module docstring). Raises DomainError for
    a problem with the file or the person, ImportRefused (listing each row's problems) for
    problems in its rows; returns how many values were added and updated."""
    require(can_manage_dataset(actor), "Only the business unit can import the performance dataset.")
    rows, errors = parse_values_file(upload)
    if errors:
        raise ImportRefused(errors)
    result = ImportResult()
    try:
        with transaction.atomic():
            existing = {
                (v.indicator_id, v.period_start): v
                for v in IndicatorValue.objects.select_for_update().filter(
                    indicator__in={r.indicator.pk for r in rows},
                    period_start__in={r.period_start for r in rows},
                )
            }
            for row in rows:
                value = existing.get((row.indicator.pk, row.period_start))
                is_new = value is None
                if is_new:
                    value = IndicatorValue(indicator=row.indicator, period_start=row.period_start)
                elif all(getattr(value, name) == new for name, new in row.fields.items()):
                    continue  # unchanged: no history row for nothing
                for name, new in row.fields.items():
                    setattr(value, name, new)
                try:
                    save_tracked(value, actor=actor, reason="Imported")
                except DomainError as exc:  # a rule the checks above missed
                    raise ImportRefused([(row.line, exc.message)]) from exc
                if is_new:
                    result.created += 1
                else:
                    result.updated += 1
    except IntegrityError as exc:
        raise DomainError(
            "Someone else added values for the same periods while this file was imported. Upload it again.",
            field="file",
        ) from exc
    return result
