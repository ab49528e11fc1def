"""The import engine in `partnership/spreadsheets.py`: headings matched loosely (case, spacing,
curly apostrophes and quotes, a "*" or "(required)" mark, aliases), required columns named when
missing, a row limit, blank rows skipped, line numbers as a spreadsheet shows them, CSV and XLSX
alike; and the three importers that use it."""

import datetime

import pytest

from dashboards.services import dataset_import
from partnership.services import action_import
from partnership.spreadsheets import (
    TableSpec,
    UnreadableFile,
    and_list,
    cell_date,
    cell_text,
    heading_key,
    read_import,
)
from tests.factories import csv_upload, xlsx_upload
from training.services import attendee_import

SPEC = TableSpec(
    columns=("Name", "Line manager's email", "Due date"),
    aliases={"manager's email": "Line manager's email", "due": "Due date"},
    required=("Name", ("Line manager's email", "Due date")),
    max_rows=2,
    too_many="Too many rows.",
    no_rows="No rows.",
)


def refused(upload, spec=SPEC) -> str:
    with pytest.raises(UnreadableFile) as caught:
        read_import(upload, spec)
    return caught.value.message


@pytest.mark.parametrize(
    ("heading", "column"),
    [
        ("Name", "Name"),
        ("  NAME  ", "Name"),
        ("Name*", "Name"),
        ("Name (required)", "Name"),
        ("Line manager's email", "Line manager's email"),
        ("Line manager\u2019s email", "Line manager's email"),
        ("line   MANAGER\u2018s email (optional)", "Line manager's email"),
        ("Manager\u2019s email", "Line manager's email"),
        ("due", "Due date"),
        ("Notes", ""),
        (None, ""),
    ],
)
def test_headings_are_matched_loosely(heading, column):
    assert SPEC.column_of(heading) == column


def test_curly_quotes_are_straightened():
    assert heading_key("\u201cQuoted\u201d  Heading") == '"quoted" heading'


@pytest.mark.parametrize("make", [csv_upload, xlsx_upload])
def test_rows_come_with_their_lines_and_blank_rows_are_skipped(make):
    columns, data = read_import(
        make(["Name", "Due", "Other"], [["A", "1/1/2026", "x"], ["", "", ""], ["B"]]), SPEC
    )
    assert columns == ["Name", "Due date", ""]
    assert [(line, cells[0]) for line, cells in data] == [(2, "A"), (4, "B")]


@pytest.mark.parametrize("make", [csv_upload, xlsx_upload])
def test_missing_required_columns_are_named(make):
    assert refused(make(["Other"], [["x"]])) == (
        "The file is missing the columns Name and Line manager's email or Due date. "
        "Use the headings from the template."
    )
    assert refused(make(["Name"], [["x"]])) == (
        "The file is missing the column Line manager's email or Due date. Use the headings from the template."
    )


@pytest.mark.parametrize("make", [csv_upload, xlsx_upload])
def test_the_row_limit_and_an_empty_file_are_refused(make):
    assert refused(make(["Name", "Due"], [["A"], ["B"], ["C"]])) == "Too many rows."
    assert refused(make(["Name", "Due"], [["", ""]])) == "No rows."
    assert refused(make(["", ""], [])).startswith("The file is empty.")


def test_a_file_over_the_size_limit_is_refused(settings):
    settings.MAX_UPLOAD_MB = 0
    assert refused(csv_upload(["Name"], [["A"]])) == "The file must be smaller than 0 MB."


def test_cells_as_text_and_dates():
    assert cell_text(3.0) == "3"
    assert cell_text(datetime.datetime(2026, 3, 31)) == "31/03/2026"
    assert cell_text("  x ") == "x"
    problems = []
    assert cell_date("31/3/2026", "Due", problems) == datetime.date(2026, 3, 31)
    assert cell_date("2026-03-31", "Due", problems) == datetime.date(2026, 3, 31)
    assert cell_date("", "Due", problems) is None
    assert problems == []
    assert cell_date("31/02/2026", "Due", problems) is None
    assert cell_date("soon", "Due", problems) is None
    assert problems == [
        "Due '31/02/2026' is not a real date",
        "Due 'soon' is not a date: use dd/mm/yyyy, for example 31/03/2026",
    ]


def test_and_list():
    assert and_list(["A"]) == "A"
    assert and_list(["A", "B"]) == "A and B"
    assert and_list(["A", "B", "C"]) == "A, B and C"


# --- each importer's headings, curly apostrophes included ------------------------------------

TABLES = {"actions": action_import.TABLE, "attendees": attendee_import.TABLE, "values": dataset_import.TABLE}


def _headings(table):
    """Every heading an importer knows (columns and aliases) with the column it names."""
    return [(column, column) for column in table.columns] + list(table.aliases.items())


@pytest.mark.parametrize("name", TABLES)
def test_every_importer_matches_headings_typed_any_way(name):
    table = TABLES[name]
    for heading, column in _headings(table):
        typed = "  " + heading.upper().replace("'", "\u2019").replace(" ", "   ") + " *"
        assert table.column_of(typed) == column, typed
        assert table.column_of(heading.replace("'", "\u2018") + " (required)") == column


def test_the_attendee_import_takes_curly_apostrophes():
    assert attendee_import.TABLE.column_of("Line manager\u2019s name") == "Line manager name"
    assert attendee_import.TABLE.column_of("Line manager\u2019s email") == "Line manager email"


@pytest.mark.parametrize("name", TABLES)
def test_a_curly_apostrophe_in_an_unknown_heading_is_ignored(name):
    assert TABLES[name].column_of("Someone\u2019s notes") == ""
