"""Importing a session's attendees from CSV or Excel: every row or none, each problem with its
line, and importing the same file again adds nobody."""

import csv
import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from partnership.services import DomainError
from tests.factories import csv_upload, xlsx_upload
from training.models import Attendee
from training.services.attendee_import import ImportRefused, attendees_import, parse_attendees_file

from .factories import AttendeeFactory, SessionFactory, at

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]

HEADER = ["Name", "Email", "Agency", "Job role", "Line manager name", "Line manager email", "Attended"]


@pytest.fixture
def past(world):
    return SessionFactory(starts_at=at(-2), ends_at=at(-2, 12), capacity=10)


@pytest.fixture
def future(world):
    return SessionFactory(starts_at=at(5), ends_at=at(5, 12), capacity=10)


def good_rows():
    return [
        [
            "Ada Worker",
            "Ada.Worker@example.org",
            "NCCS",
            "Social worker",
            "Mo Manager",
            "mo@example.org",
            "Yes",
        ],
        ["Ben Nurse", "ben@example.org", "eastmoor health trust", "Health visitor", "", "", "no"],
        ["Cy Officer", "cy@example.org", "Northbrook Council Children's Services", "", "", "", ""],
    ]


def csv_file(rows, *, header=HEADER, bom=False, name="attendees.csv"):
    return csv_upload(header, rows, name=name, bom=bom)


def xlsx_file(rows, *, header=HEADER, name="attendees.xlsx"):
    return xlsx_upload(header, rows, name=name)


def errors_of(session, upload, actor) -> list[tuple[int, str]]:
    with pytest.raises(ImportRefused) as exc:
        attendees_import(session=session, upload=upload, actor=actor)
    return exc.value.errors


def test_a_good_csv_imports_every_row_with_attendance_and_history(world, past):
    result = attendees_import(session=past, upload=csv_file(good_rows(), bom=True), actor=world.business_unit)
    assert len(result.added) == 3 and not result.updated
    ada = Attendee.objects.get(session=past, email="ada.worker@example.org")
    assert (ada.name, ada.agency, ada.job_role, ada.manager_email) == (
        "Ada Worker", world.agency, "Social worker", "mo@example.org"
    )  # fmt: skip
    assert (ada.status, ada.source, ada.attended) == ("booked", "imported", True)
    assert ada.history.latest().history_user == world.business_unit
    ben = Attendee.objects.get(email="ben@example.org")
    assert ben.agency == world.other_agency and ben.no_show
    assert Attendee.objects.get(email="cy@example.org").attended is None
    assert result.message == "Attendees imported: 3 people added, 0 people updated"


def test_a_good_xlsx_imports_the_same(world, past):
    rows = good_rows()
    rows[0][6] = "YES"
    result = attendees_import(session=past, upload=xlsx_file(rows), actor=world.business_unit)
    assert len(result.added) == 3
    assert Attendee.objects.get(email="ada.worker@example.org").attended is True


def test_reimporting_the_same_file_adds_nobody_and_changes_nothing(world, past):
    attendees_import(session=past, upload=csv_file(good_rows()), actor=world.business_unit)
    history = sum(a.history.count() for a in Attendee.objects.all())
    result = attendees_import(session=past, upload=xlsx_file(good_rows()), actor=world.business_unit)
    assert (len(result.added), len(result.updated), result.unchanged) == (0, 0, 3)
    assert past.attendees.count() == 3
    assert sum(a.history.count() for a in Attendee.objects.all()) == history


def test_reimporting_updates_people_matched_by_email(world, past):
    booked_online = AttendeeFactory(
        session=past, email="ada.worker@example.org", name="Ada W", status="waiting", source="online"
    )
    rows = good_rows()
    rows[0][1] = "ADA.WORKER@EXAMPLE.ORG"
    result = attendees_import(session=past, upload=csv_file(rows), actor=world.business_unit)
    assert len(result.added) == 2 and result.updated == [booked_online]
    booked_online.refresh_from_db()
    assert (booked_online.name, booked_online.status, booked_online.source, booked_online.attended) == (
        "Ada Worker", "booked", "online", True
    )  # fmt: skip
    # An empty Attended cell keeps what was recorded.
    rows[0][6] = ""
    attendees_import(session=past, upload=csv_file(rows), actor=world.business_unit)
    booked_online.refresh_from_db()
    assert booked_online.attended is True


def test_one_bad_row_imports_nothing_and_names_its_line(world, past):
    rows = good_rows()
    rows[1][2] = "Westshire Police"
    assert errors_of(past, csv_file(rows), world.business_unit) == [
        (3, "Agency 'Westshire Police' is not one of the partnership's agencies: use its name or short name "
         "as listed in the template"),
    ]  # fmt: skip
    assert not Attendee.objects.exists()


def test_every_problem_of_every_row_is_listed(world, past):
    rows = [
        ["", "not-an-email", "", "", "", "boss@", "maybe"],
        ["Ben Nurse", "ben@example.org", "EHT", "", "", "", ""],
        [],  # blank rows are skipped but keep their line numbers
        ["Ben Again", "BEN@example.org", "EHT", "", "", "", ""],
        ["Di", "", "NCCS", "x" * 201, "", "", ""],
    ]
    assert errors_of(past, csv_file(rows), world.business_unit) == [
        (2, "Name is missing"),
        (2, "Email 'not-an-email' is not a valid email address"),
        (2, "Agency is missing: enter the agency's name or short name"),
        (2, "Line manager email 'boss@' is not a valid email address"),
        (2, "Attended 'maybe' must be Yes, No or empty"),
        (5, "Email ben@example.org is the same as on line 3"),
        (6, "Email is missing"),
        (6, "Job role must be 200 characters or fewer"),
    ]
    assert not Attendee.objects.exists()


def test_attendance_cannot_be_imported_before_the_session(world, future):
    errors = errors_of(future, csv_file(good_rows()), world.business_unit)
    assert errors == [
        (2, "Attended must be empty: the session has not started yet"),
        (3, "Attended must be empty: the session has not started yet"),
    ]
    rows = [[*row[:6], ""] for row in good_rows()]
    assert len(attendees_import(session=future, upload=csv_file(rows), actor=world.business_unit).added) == 3


def test_parse_checks_without_saving(world, past):
    rows, errors = parse_attendees_file(csv_file(good_rows()), past)
    assert [row.line for row in rows] == [2, 3, 4] and errors == []
    assert not Attendee.objects.exists()


def test_headings_are_matched_loosely(world, past):
    header = ["Full name", "EMAIL ADDRESS", "Organisation", "Job title", "Line manager's name", "Manager email",
              "Attendance", "Notes"]  # fmt: skip
    rows = [[*row, "ignored"] for row in good_rows()]
    assert (
        len(
            attendees_import(
                session=past, upload=csv_file(rows, header=header), actor=world.business_unit
            ).added
        )
        == 3
    )


def test_the_import_never_overfills_the_session(world, past):
    past.capacity = 3
    past.save()
    AttendeeFactory(session=past, email="someone@example.org")
    AttendeeFactory(session=past, email="cy@example.org")  # in the file: not counted twice
    AttendeeFactory(session=past, email="gone@example.org", status="cancelled")
    with pytest.raises(DomainError) as exc:
        attendees_import(session=past, upload=csv_file(good_rows()), actor=world.business_unit)
    assert "4 people would hold places, but the session has 3" in exc.value.message
    assert past.attendees.count() == 3
    past.capacity = 4
    past.save()
    result = attendees_import(session=past, upload=csv_file(good_rows()), actor=world.business_unit)
    assert (len(result.added), len(result.updated)) == (2, 1)


@pytest.mark.parametrize(
    "upload, message",
    [
        (SimpleUploadedFile("a.csv", b""), "The selected file is empty."),
        (SimpleUploadedFile("a.pdf", b"%PDF-1.4 binary\x00\x01"), "must be a CSV or an Excel (.xlsx) file"),
        (SimpleUploadedFile("a.xls", bytes.fromhex("d0cf11e0a1b11ae1") + b"\x00" * 100), "older Excel file"),
        (
            SimpleUploadedFile("a.csv", "Name,Email,Agency\nZoë,z@example.org,NCCS\n".encode("latin-1")),
            "UTF-8",
        ),
        (SimpleUploadedFile("a.csv", b"Name,Email\nAda,a@example.org\n"), "missing the column Agency"),
        (SimpleUploadedFile("a.csv", b"Job role\nSW\n"), "missing the columns Name, Email and Agency"),
        (SimpleUploadedFile("a.csv", b"Name,Email,Agency\n,,\n"), "no people under its column headings"),
    ],
)
def test_file_problems_are_refused_before_any_row(world, past, upload, message):
    with pytest.raises(DomainError) as exc:
        attendees_import(session=past, upload=upload, actor=world.business_unit)
    assert message in exc.value.message and exc.value.field == "file"


def test_too_many_rows_is_refused(world, past):
    rows = [[f"P{n}", f"p{n}@example.org", "NCCS", "", "", "", ""] for n in range(501)]
    with pytest.raises(DomainError) as exc:
        attendees_import(session=past, upload=csv_file(rows), actor=world.business_unit)
    assert "more than 500 people" in exc.value.message


def test_a_cancelled_session_takes_no_import(world, past):
    past.status = "cancelled"
    past.save()
    with pytest.raises(DomainError) as exc:
        attendees_import(session=past, upload=csv_file(good_rows()), actor=world.business_unit)
    assert "cancelled" in exc.value.message


def test_only_the_business_unit_imports(world, past):
    with pytest.raises(DomainError):
        attendees_import(session=past, upload=csv_file(good_rows()), actor=world.subgroup_chair)


# --- the pages ------------------------------------------------------------------------------


def import_url(session):
    return reverse("training:attendee-import", args=[session.pk])


def test_the_page_imports_and_goes_back_to_the_session(world, past, client_for):
    client = client_for(world.business_unit)
    page = client.get(import_url(past))
    assert page.status_code == 200
    assert b"Line manager email" in page.content and b"template.xlsx" in page.content
    response = client.post(import_url(past), {"file": csv_file(good_rows())})
    assert response.status_code == 302 and response["Location"] == past.get_absolute_url()
    assert past.attendees.count() == 3


def test_the_page_lists_row_errors_with_their_lines(world, past, client_for):
    rows = good_rows()
    rows[2][2] = "Nowhere"
    response = client_for(world.business_unit).post(import_url(past), {"file": csv_file(rows)})
    assert response.status_code == 200
    text = response.content.decode()
    assert "No attendees were imported. The file has 1 problem to fix" in text
    assert "Line 4: Agency &#x27;Nowhere&#x27; is not one of the partnership&#x27;s agencies" in text
    assert not Attendee.objects.exists()


def test_the_page_shows_a_file_problem_next_to_the_field(world, past, client_for):
    response = client_for(world.business_unit).post(
        import_url(past), {"file": SimpleUploadedFile("a.csv", b"Name\nAda\n")}
    )
    assert response.status_code == 200
    assert b"missing the columns Email and Agency" in response.content
    assert b"govuk-file-upload--error" in response.content


def template(client, session, fmt):
    return client.get(reverse("training:attendee-import-template", args=[session.pk, fmt]))


def test_the_csv_template_has_the_header_and_an_example(world, past, client_for):
    response = template(client_for(world.business_unit), past, "csv")
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    lines = list(csv.reader(io.StringIO(text)))
    assert lines[0] == HEADER and len(lines) == 2


def test_the_xlsx_template_lists_agencies_and_imports_once_the_example_is_replaced(world, past, client_for):
    response = template(client_for(world.business_unit), past, "xlsx")
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    assert [c.value for c in workbook.worksheets[0][1]] == HEADER
    agencies = [row[0].value for row in workbook.worksheets[1].iter_rows(min_row=2)]
    assert "Northbrook Council Children's Services" in agencies
    # The example row imports as it is: the template is valid.
    upload = SimpleUploadedFile("t.xlsx", response.content)
    assert len(attendees_import(session=past, upload=upload, actor=world.business_unit).added) == 1


def test_a_template_in_another_format_is_not_found(world, past, client_for):
    assert template(client_for(world.business_unit), past, "pdf").status_code == 404
