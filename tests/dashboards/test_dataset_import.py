"""Import of the dataset's values from CSV or Excel: every row or none, each problem with its
line and reason, and a re-import updates values rather than doubling them."""

import csv
import datetime
import io
from decimal import Decimal

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from dashboards.models import Indicator, IndicatorValue
from dashboards.services.dataset_import import ImportRefused, indicator_values_import
from partnership.services import DomainError
from tests.factories import csv_upload, xlsx_upload

from .factories import IndicatorFactory, IndicatorValueFactory

pytestmark = pytest.mark.django_db

HEADER = ["Indicator code", "Period start", "Value", "England", "Statistical neighbours", "Note"]


def csv_file(rows, header=HEADER, name="values.csv"):
    return csv_upload(header, rows, name=name)


def xlsx_file(rows, header=HEADER):
    return xlsx_upload(header, rows, name="values.xlsx")


@pytest.fixture
def dataset(db):
    return {
        "pct": IndicatorFactory(code="CSC02", unit=Indicator.Unit.PERCENTAGE),
        "rate": IndicatorFactory(code="CSC01", unit=Indicator.Unit.RATE, frequency="quarterly"),
        "month": IndicatorFactory(code="MIS01", unit=Indicator.Unit.COUNT, frequency="monthly"),
    }


def test_a_good_file_imports_every_row(world, dataset):
    upload = csv_file([
        ["CSC02", "01/04/2026", "21.5", "22.4", "21.1", "Provisional"],
        ["csc01", "2026-07-01", "1,234.5", "", "", ""],
        ["MIS01", "1/11/2026", "131", "", "", ""],
    ])  # fmt: skip
    result = indicator_values_import(upload=upload, actor=world.business_unit)
    assert (result.created, result.updated) == (3, 0)
    value = IndicatorValue.objects.get(indicator=dataset["pct"])
    assert (value.period_start, value.value, value.national, value.statistical_neighbours, value.note) == (
        datetime.date(2026, 4, 1), Decimal("21.5"), Decimal("22.4"), Decimal("21.1"), "Provisional",
    )  # fmt: skip
    assert IndicatorValue.objects.get(indicator=dataset["rate"]).value == Decimal("1234.5")
    assert value.history.get().history_user == world.business_unit


def test_bad_rows_are_listed_with_line_and_reason_and_nothing_is_imported(world, dataset):
    upload = csv_file([
        ["CSC02", "01/04/2026", "21.5", "", "", ""],  # line 2: good
        ["XYZ99", "01/04/2026", "3", "", "", ""],  # 3: unknown code
        ["CSC02", "31/02/2026", "3", "", "", ""],  # 4: not a real date
        ["CSC02", "next quarter", "3", "", "", ""],  # 5: not a date
        ["CSC02", "01/07/2026", "about 3", "", "", ""],  # 6: bad number
        ["CSC02", "01/04/2026", "22", "", "", ""],  # 7: same indicator and period as line 2
        ["CSC02", "01/10/2026", "101", "", "", ""],  # 8: percentage over 100
        ["CSC01", "01/05/2026", "3", "", "", ""],  # 9: not a quarter's start
        ["CSC01", "01/10/2026", "-3", "", "", ""],  # 10: negative
        ["CSC01", "01/01/2027", "", "", "", ""],  # 11: no value
    ])  # fmt: skip
    with pytest.raises(ImportRefused) as refused:
        indicator_values_import(upload=upload, actor=world.business_unit)
    errors = refused.value.errors
    assert [line for line, _reason in errors] == [3, 4, 5, 6, 7, 8, 9, 10, 11]
    reasons = dict(errors)
    assert reasons[3] == "Indicator code 'XYZ99' is not in the dataset"
    assert "'31/02/2026' is not a real date" in reasons[4]
    assert "'next quarter' is not a date" in reasons[5]
    assert reasons[6] == "Value 'about 3' is not a number"
    assert reasons[7] == "This row is for the same indicator and period as line 2"
    assert reasons[8] == "Value 101 is a percentage over 100"
    assert "is not the start of a period" in reasons[9] and "01/07/2026" in reasons[9]
    assert "cannot be negative" in reasons[10]
    assert reasons[11] == "Value is missing"
    assert not IndicatorValue.objects.exists()


def test_reimporting_updates_values_rather_than_duplicating(world, dataset):
    existing = IndicatorValueFactory(
        indicator=dataset["pct"], period_start=datetime.date(2026, 4, 1), value=20
    )
    rows = [["CSC02", "01/04/2026", "21.5", "22.4", "", "Revised"], ["CSC02", "01/07/2026", "19", "", "", ""]]
    result = indicator_values_import(upload=csv_file(rows), actor=world.business_unit)
    assert (result.created, result.updated) == (1, 1)
    existing.refresh_from_db()
    assert (existing.value, existing.national, existing.note) == (Decimal("21.5"), Decimal("22.4"), "Revised")
    # The same file again changes nothing and adds nothing.
    again = indicator_values_import(upload=csv_file(rows), actor=world.business_unit)
    assert (again.created, again.updated) == (0, 0)
    assert IndicatorValue.objects.count() == 2


def test_excel_files_with_real_dates_and_numbers(world, dataset):
    upload = xlsx_file([["CSC02", datetime.datetime(2026, 4, 1), 21.5, 22.4, None, None]])
    indicator_values_import(upload=upload, actor=world.business_unit)
    assert IndicatorValue.objects.get().value == Decimal("21.5")


def test_file_problems_are_refused_before_any_row(world, dataset):
    with pytest.raises(DomainError, match="missing the columns Period start and Value"):
        indicator_values_import(
            upload=csv_file([["CSC02"]], header=["Indicator code"]), actor=world.business_unit
        )
    with pytest.raises(DomainError, match="no values"):
        indicator_values_import(upload=csv_file([]), actor=world.business_unit)
    with pytest.raises(DomainError, match="CSV or an Excel"):
        indicator_values_import(
            upload=SimpleUploadedFile("x.csv", b"%PDF-1.4\x00\x01binary"), actor=world.business_unit
        )


def test_only_the_business_unit_imports(world, dataset):
    with pytest.raises(DomainError):
        indicator_values_import(upload=csv_file([["CSC02", "01/04/2026", "1"]]), actor=world.partnership_lead)


def test_the_import_page_lists_each_problem_and_keeps_the_dataset_unchanged(world, client_for, dataset):
    client = client_for(world.business_unit)
    url = reverse("dashboards:value-import")
    upload = csv_file([["CSC02", "01/04/2026", "21.5"], ["NOPE", "01/04/2026", "3"]])
    response = client.post(url, {"file": upload})
    assert response.status_code == 200
    page = response.content.decode()
    assert "No values were imported" in page
    assert "Line 3: Indicator code &#x27;NOPE&#x27; is not in the dataset" in page
    assert not IndicatorValue.objects.exists()
    response = client.post(url, {"file": csv_file([["CSC02", "01/04/2026", "21.5"]])})
    assert response.status_code == 302 and response["Location"] == reverse("dashboards:dataset")
    assert IndicatorValue.objects.count() == 1


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_template_downloads_have_the_columns(world, client_for, dataset, fmt):
    response = client_for(world.business_unit).get(reverse("dashboards:value-import-template", args=[fmt]))
    assert response.status_code == 200
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if fmt == "csv":
        header = next(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    else:
        workbook = openpyxl.load_workbook(io.BytesIO(content))
        header = [c.value for c in workbook.worksheets[0][1]]
        assert [c.value for c in workbook.worksheets[1]["A"]][1:] == ["CSC01", "CSC02", "MIS01"]
    assert header == HEADER
