"""Spreadsheets in and out: streamed CSV, Excel (.xlsx) workbooks, and reading either back.

Exports take typed values (dates stay dates) and each format writes them its own way: CSV as
UK dates (dd/mm/yyyy), Excel as real dates shown dd/mm/yyyy. Text that a spreadsheet would
run as a formula is kept as text in both (CSV injection): an apostrophe in CSV, a text cell in
Excel. Reading (`read_table`) checks a file's type from its content, never from its name.

Importing (`read_import`) is one engine for every "upload a file of rows" page: a `TableSpec`
names the columns (with the other headings people use for them), the required ones and a row
limit; the engine reads the header, matches headings whatever their case, spacing, curly
apostrophes or quotes and a "*" or "(required)" mark, refuses the file as a whole when it cannot
be used, and hands back the non-empty rows with their line numbers. Checking the rows, listing
every bad one and saving all or nothing stay with each importer.
"""

import csv
import datetime
import io
import re
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

import magic
from django.conf import settings
from django.http import HttpResponse, StreamingHttpResponse
from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from .exports import safe_cell

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
UK_DATE = "%d/%m/%Y"
EXCEL_DATE_FORMAT = "DD/MM/YYYY"


# --- writing -------------------------------------------------------------------------------


def text_value(value) -> str:
    """A value as a CSV cell shows it: UK dates, Yes/No, empty for None."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, datetime.datetime):
        return value.strftime(f"{UK_DATE} %H:%M")
    if isinstance(value, datetime.date):
        return value.strftime(UK_DATE)
    return str(value)


class _Echo:
    """A file-like object whose `write` hands back what it was given, for csv.writer."""

    def write(self, value):
        return value


def csv_streaming_response(*, filename: str, header: Sequence[str], rows: Iterable[Sequence]):
    """A CSV attachment written row by row as it is sent: pass `rows` from `.iterator()`, so
    that a large export never sits in memory."""
    writer = csv.writer(_Echo())

    def lines() -> Iterator[str]:
        yield "\ufeff"  # a byte order mark, so that Excel reads the file as UTF-8
        yield writer.writerow(header)
        for row in rows:
            yield writer.writerow([safe_cell(text_value(value)) for value in row])

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@dataclass
class Sheet:
    """One worksheet of a workbook to write: a title, a header row and the rows under it."""

    title: str
    header: Sequence[str]
    rows: Iterable[Sequence] = field(default_factory=list)
    widths: Sequence[int] = ()


def _cell(sheet, value, *, bold: bool = False):
    if isinstance(value, datetime.datetime):
        value = value.replace(tzinfo=None)
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
    cell = WriteOnlyCell(sheet, value=value)
    if cell.data_type in ("f", "e"):  # "=…" would run as a formula: keep it as text
        cell.data_type = "s"
    if isinstance(value, datetime.datetime):
        cell.number_format = f"{EXCEL_DATE_FORMAT} hh:mm"
    elif isinstance(value, datetime.date):
        cell.number_format = EXCEL_DATE_FORMAT
    if bold:
        cell.font = Font(bold=True)
    return cell


def workbook_bytes(sheets: Sequence[Sheet]) -> bytes:
    """An .xlsx file (a write-only workbook, so rows are not all held as cells): each sheet
    with its header row in bold and frozen, dates as real Excel dates."""
    workbook = Workbook(write_only=True)
    for spec in sheets:
        sheet = workbook.create_sheet(title=spec.title[:31])
        sheet.freeze_panes = "A2"
        for index, width in enumerate(spec.widths, start=1):
            sheet.column_dimensions[get_column_letter(index)].width = width
        sheet.append([_cell(sheet, title, bold=True) for title in spec.header])
        for row in spec.rows:
            sheet.append([_cell(sheet, value) for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xlsx_response(*, filename: str, sheets: Sequence[Sheet]) -> HttpResponse:
    response = HttpResponse(workbook_bytes(sheets), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


# --- reading -------------------------------------------------------------------------------


class UnreadableFile(Exception):
    """The file is not a spreadsheet we can read; `message` says why, for the person."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


OLE_SIGNATURE = bytes.fromhex("d0cf11e0a1b11ae1")
NOT_A_SPREADSHEET = "The selected file must be a CSV or an Excel (.xlsx) file."


def file_kind(upload) -> str:
    """ "csv" or "xlsx", read from the file's content; UnreadableFile for anything else."""
    upload.seek(0)
    head = upload.read(8192)
    upload.seek(0)
    if not head:
        raise UnreadableFile("The selected file is empty.")
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(upload) as archive:
                is_workbook = "xl/workbook.xml" in archive.namelist()
        except zipfile.BadZipFile:
            is_workbook = False
        finally:
            upload.seek(0)
        if is_workbook:
            return "xlsx"
        raise UnreadableFile(NOT_A_SPREADSHEET)
    if head.startswith(OLE_SIGNATURE):
        raise UnreadableFile(
            "The selected file is an older Excel file (.xls). Save it as an Excel workbook (.xlsx) "
            "or as CSV UTF-8, then upload it again."
        )
    detected = magic.from_buffer(head, mime=True)
    if b"\x00" in head or not (detected.startswith("text/") or detected == "application/csv"):
        raise UnreadableFile(NOT_A_SPREADSHEET)
    return "csv"


def read_table(upload) -> Iterator[list]:
    """The rows of a CSV (UTF-8, with or without a byte order mark) or of an .xlsx file's first
    sheet, each a list of cell values: text for CSV; text, numbers or datetimes for Excel."""
    kind = file_kind(upload)
    if kind == "xlsx":
        return _xlsx_rows(upload)
    upload.seek(0)
    try:
        text = upload.read().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UnreadableFile(
            "The file is not saved as UTF-8. In Excel, save it as ‘CSV UTF-8 (comma delimited)’ "
            "and upload it again."
        ) from exc
    return _csv_rows(text)


def _csv_rows(text: str) -> Iterator[list]:
    try:
        yield from csv.reader(io.StringIO(text, newline=""))
    except csv.Error as exc:
        raise UnreadableFile(f"The file could not be read as CSV ({exc}).") from exc


def _xlsx_rows(upload) -> Iterator[list]:
    upload.seek(0)
    try:
        workbook = load_workbook(upload, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise UnreadableFile(
            "The Excel file could not be read. Check it opens, save it again and retry."
        ) from exc
    try:
        sheet = workbook.worksheets[0]
        for row in sheet.iter_rows(values_only=True):
            yield list(row)
    finally:
        workbook.close()


# --- importing -----------------------------------------------------------------------------

CURLY = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})
HEADING_MARK = re.compile(r"\s*\((required|optional)\)$")
UK_DATE_TEXT = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
ISO_DATE_TEXT = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[ T]00:00(?::00)?)?$")


def normalise(text: str) -> str:
    """Text compared as people mean it: runs of whitespace as one space, case ignored."""
    return " ".join(text.split()).casefold()


def heading_key(value) -> str:
    """A column heading as the engine compares it: normalised, curly apostrophes and quotes made
    straight, without a trailing "*" or "(required)"/"(optional)" mark."""
    text = normalise(str(value or "").translate(CURLY)).rstrip("*").strip()
    return HEADING_MARK.sub("", text)


def cell_text(value) -> str:
    """A cell as text: Excel numbers such as 3.0 become "3", Excel dates dd/mm/yyyy."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime):
        return f"{value:%d/%m/%Y}"
    return str(value).strip()


def cell_date(value, label: str, problems: list[str]) -> datetime.date | None:
    """A date from an Excel date cell or from dd/mm/yyyy text (yyyy-mm-dd is also accepted);
    None when empty, or with a reason added to `problems` when it is not a date."""
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = cell_text(value)
    if not text:
        return None
    match = UK_DATE_TEXT.match(text)
    if match:
        day, month, year = (int(part) for part in match.groups())
    else:
        match = ISO_DATE_TEXT.match(text)
        if not match:
            problems.append(f"{label} '{text}' is not a date: use dd/mm/yyyy, for example 31/03/2026")
            return None
        year, month, day = (int(part) for part in match.groups())
    try:
        return datetime.date(year, month, day)
    except ValueError:
        problems.append(f"{label} '{text}' is not a real date")
        return None


def and_list(items: list[str]) -> str:
    """ "A", "A and B", "A, B and C"."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


@dataclass(frozen=True)
class TableSpec:
    """What an import file must look like.

    `columns`: the template's headings. `aliases`: other headings people use, as `heading_key`
    gives them, mapped to a column. `required`: columns the header must have; an entry that is a
    tuple of columns is met by any one of them. `max_rows`: the most data rows accepted, with
    `too_many` the message when a file has more; `no_rows` the message for a file with none.
    """

    columns: tuple[str, ...]
    required: tuple[str | tuple[str, ...], ...]
    max_rows: int
    too_many: str
    no_rows: str
    aliases: dict[str, str] = field(default_factory=dict)

    def column_of(self, heading) -> str:
        """The column a heading names, or "" for a heading the import does not use."""
        key = heading_key(heading)
        for column in self.columns:
            if key == column.casefold():
                return column
        return self.aliases.get(key, "")


def read_import(upload, spec: TableSpec) -> tuple[list[str], list[tuple[int, list]]]:
    """(column of each cell position, [(line, cells)]) of an import file's non-empty data rows,
    numbered as a spreadsheet shows them (the header is line 1).

    UnreadableFile, with a message for the person, for a file larger than MAX_UPLOAD_MB, one
    that is not CSV or .xlsx, an empty file or header, missing required columns (named), more
    than `spec.max_rows` rows or no rows at all."""
    if upload.size > settings.MAX_UPLOAD_MB * 1024 * 1024:
        raise UnreadableFile(f"The file must be smaller than {settings.MAX_UPLOAD_MB} MB.")
    rows = read_table(upload)
    header = next(rows, None)
    if header is None or not any(cell_text(cell) for cell in header):
        raise UnreadableFile(
            "The file is empty. The first row must be the column headings from the template."
        )
    columns = [spec.column_of(cell) for cell in header]
    missing = []
    for required in spec.required:
        choices = required if isinstance(required, tuple) else (required,)
        if not any(choice in columns for choice in choices):
            missing.append(" or ".join(choices))
    if missing:
        raise UnreadableFile(
            f"The file is missing the column{'s' if len(missing) > 1 else ''} {and_list(missing)}. "
            "Use the headings from the template."
        )
    data = []
    for line, cells in enumerate(rows, start=2):
        if not any(cell_text(cell) for cell in cells):
            continue
        if len(data) == spec.max_rows:
            raise UnreadableFile(spec.too_many)
        data.append((line, cells))
    if not data:
        raise UnreadableFile(spec.no_rows)
    return columns, data
