"""Spreadsheets in and out: streamed CSV, Excel (.xlsx) workbooks, and reading either back.

Exports take typed values (dates stay dates) and each format writes them its own way: CSV as
UK dates (dd/mm/yyyy), Excel as real dates shown dd/mm/yyyy. Text that a spreadsheet would
run as a formula is kept as text in both (CSV injection): an apostrophe in CSV, a text cell in
Excel. Reading (`read_table`) checks a file's type from its content, never from its name.
"""

import csv
import datetime
import io
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

import magic
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
