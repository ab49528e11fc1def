"""Bulk import of actions from CSV or Excel: every row or none, each problem with its line."""

import csv
import datetime
import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from partnership.models import Action
from partnership.services import DomainError
from partnership.services.action_import import ImportRefused, actions_import, parse_actions_file
from tests.factories import (
    ActionFactory,
    ActionPlanFactory,
    RecommendationFactory,
    UserFactory,
    csv_upload,
    xlsx_upload,
)

pytestmark = pytest.mark.django_db

HEADER = [
    "Recommendation",
    "Action",
    "How we will know it is done",
    "Owner agency",
    "Lead email",
    "Lead name",
    "Start date",
    "Due date",
]
GOOD_ROWS = [
    [
        "R1",
        "Brief all social workers on online harms",
        "90% briefed",
        "NCCS",
        "",
        "Jo Bloggs",
        "01/02/2026",
        "31/03/2026",
    ],
    [
        "r1",
        "Add online lives to the assessment form",
        "",
        "Eastmoor Health Trust",
        "SAM.MEMBER@example.org",
        "",
        "",
        "31/12/2026",
    ],
    [
        "R2",
        "Run a youth forum session on apps",
        "Forum report",
        "",
        "kim@example.org",
        "Kim Forum",
        "1/3/2026",
        "30/4/2026",
    ],
]


@pytest.fixture
def plan(world):
    plan = ActionPlanFactory(subgroup=world.subgroup, title="Online safety plan")
    RecommendationFactory(source=plan.source, reference="R1")
    RecommendationFactory(source=plan.source, reference="R2")
    return plan


def csv_file(rows, *, header=HEADER, bom=False, name="actions.csv"):
    return csv_upload(header, rows, name=name, bom=bom)


def xlsx_file(rows, *, header=HEADER, name="actions.xlsx"):
    return xlsx_upload(header, rows, name=name)


def import_url(plan):
    return reverse("partnership:plan-import", args=[plan.pk])


# --- a good file -----------------------------------------------------------------------------


def test_a_good_csv_imports_every_row_with_history(world, plan, client_for):
    response = client_for(world.subgroup_chair).post(
        import_url(plan), {"file": csv_file(GOOD_ROWS)}, follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("partnership:plan-detail", args=[plan.pk])
    assert "3 actions imported" in response.content.decode()
    actions = {
        a.description: a for a in plan.actions.select_related("owner_agency", "lead_user", "recommendation")
    }
    assert len(actions) == 3
    first = actions["Brief all social workers on online harms"]
    assert (first.recommendation.reference, first.owner_agency, first.lead_name) == (
        "R1",
        world.agency,
        "Jo Bloggs",
    )
    assert (first.start_date, first.due_date, first.original_due_date) == (
        datetime.date(2026, 2, 1),
        datetime.date(2026, 3, 31),
        datetime.date(2026, 3, 31),
    )
    assert first.success_measure == "90% briefed"
    second = actions["Add online lives to the assessment form"]
    assert second.lead_user == world.subgroup_member  # matched by email, whatever its case
    assert second.owner_agency == world.other_agency
    third = actions["Run a youth forum session on apps"]
    assert third.owner_agency is None  # the partnership's own
    assert (third.lead_name, third.lead_email) == ("Kim Forum", "kim@example.org")
    for action in actions.values():
        assert action.status == Action.Status.NOT_STARTED
        created = action.history.earliest()
        assert created.history_type == "+"
        assert created.history_user == world.subgroup_chair


def test_a_good_xlsx_imports_every_row_with_date_cells(world, plan):
    rows = [
        ["R1", "Audit twelve cases for online harms", "Audit report", "NCCS", "", "Jo Bloggs",
         datetime.datetime(2026, 2, 1), datetime.datetime(2026, 6, 30)],
        [2, "Share the forum's findings", None, None, "sam.member@example.org", None, None, "31/12/2026"],
    ]  # fmt: skip
    RecommendationFactory(source=plan.source, reference="2")
    created = actions_import(plan=plan, upload=xlsx_file(rows), actor=world.business_unit)
    assert len(created) == 2
    audit = plan.actions.get(description="Audit twelve cases for online harms")
    assert audit.due_date == datetime.date(2026, 6, 30)
    shared = plan.actions.get(description="Share the forum's findings")
    assert shared.recommendation.reference == "2"
    assert shared.lead_user == world.subgroup_member
    assert all(a.history.earliest().history_user == world.business_unit for a in created)


def test_a_byte_order_mark_is_handled(world, plan):
    created = actions_import(plan=plan, upload=csv_file(GOOD_ROWS[:1], bom=True), actor=world.subgroup_chair)
    assert [a.description for a in created] == ["Brief all social workers on online harms"]


def test_headings_are_matched_loosely_and_blank_rows_skipped(world, plan):
    header = ["recommendation ", "ACTION", "Lead name", "Due date (required)"]
    rows = [["R1", "One", "Jo", "31/12/2026"], ["", "", "", ""], ["R2", "Two", "Jo", "31/12/2026"]]
    assert (
        len(actions_import(plan=plan, upload=csv_file(rows, header=header), actor=world.subgroup_chair)) == 2
    )


# --- bad rows ------------------------------------------------------------------------------


def test_one_bad_row_imports_nothing_and_names_its_line(world, plan, client_for):
    rows = [*GOOD_ROWS, ["R1", "A fourth action", "", "", "", "Jo Bloggs", "", "31/02/2026"]]
    response = client_for(world.subgroup_chair).post(import_url(plan), {"file": csv_file(rows)})
    assert response.status_code == 200
    assert plan.actions.count() == 0
    assert response.context["row_errors"] == [(5, "Due date '31/02/2026' is not a real date")]
    html = response.content.decode()
    assert "There is a problem" in html
    assert "Line 5: Due date &#x27;31/02/2026&#x27; is not a real date" in html
    assert "No actions were imported." in html


def test_every_bad_row_is_listed(world, plan):
    rows = [
        ["R9", "Unknown recommendation", "", "", "", "Jo", "", "31/12/2026"],
        ["R1", "", "", "", "", "Jo", "", "31/12/2026"],
        ["", "", "", "", "", "", "", ""],  # blank: skipped, but still counts as a line
        ["R1", "Unknown agency", "", "Nope", "", "Jo", "", "31/12/2026"],
        ["R1", "No lead", "", "", "", "", "", "31/12/2026"],
        ["R1", "Unknown email, no name", "", "", "nobody@example.org", "", "", "31/12/2026"],
        ["R1", "Not a date", "", "", "", "Jo", "soon", "next week"],
        ["R1", "Due before start", "", "", "", "Jo", "01/06/2026", "31/05/2026"],
        ["R1", "No due date", "", "", "", "Jo", "", ""],
        ["R1", "Bad email", "", "", "not-an-email", "Jo", "", "31/12/2026"],
    ]
    with pytest.raises(ImportRefused) as refused:
        actions_import(plan=plan, upload=csv_file(rows), actor=world.subgroup_chair)
    assert refused.value.errors == [
        (2, "Recommendation 'R9' is not one of this plan's recommendations"),
        (3, "Description is missing: say what will be done in the Action column"),
        (5, "Owner agency 'Nope' is not one of the partnership's agencies"),
        (6, "Lead is missing: enter the lead's email, or their name if they do not use this service"),
        (7, "Lead email 'nobody@example.org' is not a person who uses this service: add the lead's name too"),
        (8, "Start date 'soon' is not a date: use dd/mm/yyyy, for example 31/03/2026"),
        (8, "Due date 'next week' is not a date: use dd/mm/yyyy, for example 31/03/2026"),
        (9, "Due date 31/05/2026 is before the start date 01/06/2026"),
        (10, "Due date is missing"),
        (11, "Lead email: Enter a valid email address."),
    ]
    assert plan.actions.count() == 0


def test_parse_returns_rows_and_errors_without_saving(world, plan):
    rows, errors = parse_actions_file(
        csv_file([*GOOD_ROWS, ["R7", "x", "", "", "", "Jo", "", "31/12/2026"]]), plan
    )
    assert [r.line for r in rows] == [2, 3, 4]
    assert errors == [(5, "Recommendation 'R7' is not one of this plan's recommendations")]
    assert Action.objects.count() == 0


def test_an_action_already_in_the_plan_is_refused(world, plan):
    ActionFactory(plan=plan, recommendation=plan.source.recommendations.get(reference="R1"),
                  description="Brief all social workers on online harms")  # fmt: skip
    with pytest.raises(ImportRefused) as refused:
        actions_import(plan=plan, upload=csv_file(GOOD_ROWS), actor=world.subgroup_chair)
    assert refused.value.errors == [(2, "This action is already in the plan")]
    assert plan.actions.count() == 1


def test_importing_the_same_file_twice_adds_nothing_the_second_time(world, plan):
    actions_import(plan=plan, upload=csv_file(GOOD_ROWS), actor=world.subgroup_chair)
    with pytest.raises(ImportRefused) as refused:
        actions_import(plan=plan, upload=csv_file(GOOD_ROWS), actor=world.subgroup_chair)
    assert [line for line, _ in refused.value.errors] == [2, 3, 4]
    assert plan.actions.count() == 3


def test_a_row_repeated_in_the_file_is_refused(world, plan):
    rows = [
        GOOD_ROWS[0],
        ["R1", "brief all social workers  on online harms", "", "", "", "Jo", "", "31/12/2026"],
    ]
    with pytest.raises(ImportRefused) as refused:
        actions_import(plan=plan, upload=csv_file(rows), actor=world.subgroup_chair)
    assert refused.value.errors == [(3, "This action is the same as the one on line 2")]


# --- bad files -----------------------------------------------------------------------------


def refused_message(plan, upload, actor) -> str:
    with pytest.raises(DomainError) as refused:
        actions_import(plan=plan, upload=upload, actor=actor)
    assert not isinstance(refused.value, ImportRefused)
    assert refused.value.field == "file"
    return refused.value.message


@pytest.mark.parametrize(
    "name, content",
    [
        ("actions.csv", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n\x00\x00"),
        ("actions.csv", bytes.fromhex("89504e470d0a1a0a0000000d49484452") + b"\x00" * 64),
        ("actions.xlsx", b"PK\x03\x04 this is not really a workbook"),
    ],
)
def test_a_file_that_is_not_csv_or_xlsx_is_refused(world, plan, name, content):
    message = refused_message(plan, SimpleUploadedFile(name, content), world.subgroup_chair)
    assert message == "The selected file must be a CSV or an Excel (.xlsx) file."


def test_a_word_document_named_xlsx_is_refused(world, plan):
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<document/>")
    message = refused_message(
        plan, SimpleUploadedFile("actions.xlsx", buffer.getvalue()), world.subgroup_chair
    )
    assert "must be a CSV or an Excel" in message


def test_an_old_excel_file_is_refused_with_advice(world, plan):
    upload = SimpleUploadedFile("actions.xls", bytes.fromhex("d0cf11e0a1b11ae1") + b"\x00" * 512)
    assert "older Excel file (.xls)" in refused_message(plan, upload, world.subgroup_chair)


def test_a_csv_not_in_utf8_is_refused_with_advice(world, plan):
    upload = SimpleUploadedFile("actions.csv", "Recommendation,Action\nR1,Café visit\n".encode("cp1252"))
    assert "CSV UTF-8" in refused_message(plan, upload, world.subgroup_chair)


def test_an_empty_file_is_refused(world, plan):
    assert refused_message(plan, SimpleUploadedFile("a.csv", b""), world.subgroup_chair) == (
        "The selected file is empty."
    )
    only_header = csv_file([])
    assert "no actions" in refused_message(plan, only_header, world.subgroup_chair)


def test_missing_columns_are_named(world, plan):
    upload = csv_file([["Do a thing"]], header=["Action"])
    message = refused_message(plan, upload, world.subgroup_chair)
    assert message == (
        "The file is missing the columns Recommendation, Due date and Lead email or Lead name. "
        "Use the headings from the template."
    )


def test_more_than_a_thousand_rows_is_refused(world, plan):
    rows = [["R1", f"Action {n}", "", "", "", "Jo", "", "31/12/2026"] for n in range(1001)]
    assert "more than 1,000 actions" in refused_message(plan, csv_file(rows), world.subgroup_chair)
    assert plan.actions.count() == 0


def test_the_view_shows_a_file_problem_next_to_the_field(world, plan, client_for):
    response = client_for(world.subgroup_chair).post(
        import_url(plan), {"file": csv_file([], header=["Action"])}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "There is a problem" in html
    assert "The file is missing the columns" in html
    response = client_for(world.subgroup_chair).post(import_url(plan), {})
    assert "Select a CSV or Excel file to import" in response.content.decode()


# --- who may import ---------------------------------------------------------------------------


def test_who_may_import(world, plan, client_for):
    ActionFactory(plan=plan, owner_agency=world.agency, description="Existing action")
    post = lambda user: client_for(user).post(import_url(plan), {"file": csv_file(GOOD_ROWS[:1])})  # noqa: E731
    assert post(world.subgroup_member).status_code == 403
    assert post(world.agency_lead).status_code == 403  # sees the plan through its action, cannot import
    assert post(world.partnership_lead).status_code == 403  # reads everything, changes nothing
    assert post(world.other_agency_lead).status_code == 404
    assert plan.actions.count() == 1
    assert post(world.subgroup_chair).status_code == 302
    assert plan.actions.count() == 2
    with pytest.raises(DomainError):
        actions_import(plan=plan, upload=csv_file(GOOD_ROWS[1:2]), actor=world.subgroup_member)


def test_the_import_page_explains_the_columns(world, plan, client_for):
    html = client_for(world.subgroup_chair).get(import_url(plan)).content.decode()
    for column in HEADER:
        assert column in html
    assert "This plan's recommendations: R1, R2." in html
    assert reverse("partnership:plan-import-template", args=[plan.pk, "xlsx"]) in html
    assert reverse("partnership:plan-import-template", args=[plan.pk, "csv"]) in html


# --- templates ------------------------------------------------------------------------------


def template(client, plan, fmt):
    return client.get(reverse("partnership:plan-import-template", args=[plan.pk, fmt]))


def test_csv_template_has_the_header_and_an_example_row(world, plan, client_for):
    response = template(client_for(world.subgroup_chair), plan, "csv")
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == HEADER
    assert len(rows) == 2
    assert rows[1][0] == "R1"


def test_xlsx_template_lists_valid_values_and_imports_as_it_is(world, plan, client_for):
    plan.source.recommendations.get(reference="R1").agencies.add(world.other_agency)
    response = template(client_for(world.subgroup_chair), plan, "xlsx")
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    actions, valid = workbook.worksheets
    rows = list(actions.iter_rows(values_only=True))
    assert list(rows[0]) == HEADER
    assert rows[1][0] == "R1"
    assert rows[1][3] == "EHT"  # an agency the recommendation is addressed to
    assert isinstance(rows[1][7], datetime.datetime)
    values = list(valid.iter_rows(values_only=True))
    assert [r[0] for r in values[1:3]] == ["R1", "R2"]
    assert {world.agency.name, world.other_agency.name} <= {r[3] for r in values[1:]}
    # The template, filled in only with its example, is a file the import accepts.
    upload = SimpleUploadedFile("template.xlsx", response.content)
    assert len(actions_import(plan=plan, upload=upload, actor=world.subgroup_chair)) == 1


def test_template_in_another_format_is_not_found(world, plan, client_for):
    assert template(client_for(world.subgroup_chair), plan, "pdf").status_code == 404


def test_template_for_a_plan_without_recommendations(world, client_for):
    bare = ActionPlanFactory(subgroup=world.subgroup)
    response = template(client_for(world.subgroup_chair), bare, "csv")
    assert response.status_code == 200
    html = client_for(world.subgroup_chair).get(import_url(bare)).content.decode()
    assert "has no recommendations yet" in html


def test_a_lead_from_the_service_is_matched_even_with_a_name(world, plan):
    person = UserFactory(email="Lee.Lead@Example.org", full_name="Lee Lead")
    rows = [["R1", "Named and matched", "", "", "lee.lead@example.org", "L. Lead", "", "31/12/2026"]]
    [action] = actions_import(plan=plan, upload=csv_file(rows), actor=world.subgroup_chair)
    assert action.lead_user == person
    assert action.lead_name == ""
