"""The lists of action plans and actions: filters, sorting, pages, exports and query counts."""

import csv
import datetime
import io
from zoneinfo import ZoneInfo

import openpyxl
import pytest
import time_machine
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone

from partnership.models import Action, ActionPlan, ActionStatus, LearningSource, SentReminder
from partnership.services.chasers import CHASER_JOB, next_chaser_date, next_chaser_dates
from tests.factories import (
    ActionFactory,
    ActionPlanFactory,
    ActionUpdateFactory,
    FindingFactory,
    RecommendationFactory,
    ThemeFactory,
)
from tests.queries import queries_for

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 6, 1)


@pytest.fixture(autouse=True)
def frozen_today():
    with time_machine.travel(
        datetime.datetime(2026, 6, 1, 10, 0, tzinfo=ZoneInfo("Europe/London")), tick=False
    ):
        yield


def d(text):
    return datetime.datetime.strptime(text, "%d/%m/%Y").date()


@pytest.fixture
def data(world):
    """Two plans (a consultation in the chair's subgroup, an audit in the other) and five
    actions, one in each RAG state."""
    theme = ThemeFactory(name="Neglect in the home (test)")
    plan_a = ActionPlanFactory(subgroup=world.subgroup, title="Online safety plan")
    audit = LearningSource.objects.create(
        kind=LearningSource.Kind.AUDIT, title="Neglect audit", date=datetime.date(2026, 2, 1)
    )
    plan_b = ActionPlanFactory(subgroup=world.other_subgroup, source=audit, title="Neglect audit plan")
    themed = RecommendationFactory(source=audit, reference="N1")
    themed.themes.add(theme)
    actions = {
        "red": ActionFactory(
            plan=plan_a,
            description="Red overdue briefing",
            owner_agency=world.agency,
            due_date=d("01/05/2026"),
        ),
        "amber": ActionFactory(
            plan=plan_a,
            description="Amber due soon",
            owner_agency=world.other_agency,
            due_date=d("20/06/2026"),
        ),
        "green": ActionFactory(
            plan=plan_b,
            recommendation=themed,
            description="Green neglect toolkit",
            owner_agency=world.agency,
            due_date=d("01/12/2026"),
        ),
        "complete": ActionFactory(
            plan=plan_b,
            description="Complete training",
            owner_agency=world.other_agency,
            due_date=d("01/04/2026"),
            status=ActionStatus.COMPLETE,
            impact="Staff ask children about their online lives.",
        ),
        "cancelled": ActionFactory(
            plan=plan_b,
            description="Cancelled leaflet",
            owner_agency=None,
            due_date=d("01/03/2026"),
            status=ActionStatus.CANCELLED,
            cancelled_reason="Replaced by the toolkit.",
        ),
    }
    ActionUpdateFactory(action=actions["green"], date=d("20/05/2026"))
    return {"theme": theme, "plan_a": plan_a, "plan_b": plan_b, "audit": audit, **actions}


def listed(response) -> list[str]:
    assert response.status_code == 200
    return [a.description for a in response.context["actions"]]


def action_list(client, query=""):
    return client.get(reverse("partnership:action-list") + (f"?{query}" if query else ""))


# --- the actions list ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "query, expected",
    [
        ("source_type=audit", {"green", "complete", "cancelled"}),
        ("source_type=consultation", {"red", "amber"}),
        ("subgroup={other_subgroup}", {"green", "complete", "cancelled"}),
        ("agency={agency}", {"red", "green"}),
        ("status=complete", {"complete"}),
        ("status=not_started", {"red", "amber", "green"}),
        ("overdue=yes", {"red"}),
        ("overdue=no", {"amber", "green", "complete", "cancelled"}),
        ("theme={theme}", {"green"}),
        ("due_from=01/06/2026&due_to=30/06/2026", {"amber"}),
        ("due_from=1/12/2026", {"green"}),
        ("due_to=01/04/2026", {"complete", "cancelled"}),
        ("search=toolkit+green", {"green"}),
        ("search=online+safety", {"red", "amber"}),
        ("", {"red", "amber", "green", "complete", "cancelled"}),
    ],
)
def test_each_action_filter(world, data, client_for, query, expected):
    query = query.format(
        other_subgroup=world.other_subgroup.pk, agency=world.agency.pk, theme=data["theme"].pk
    )
    descriptions = listed(action_list(client_for(world.business_unit), query))
    assert set(descriptions) == {data[key].description for key in expected}


@pytest.mark.parametrize("rag", ["red", "amber", "green", "complete", "cancelled"])
def test_rag_filter_matches_the_derived_rag(world, data, client_for, rag):
    response = action_list(client_for(world.business_unit), f"rag={rag}")
    shown = list(response.context["actions"])
    assert [a.description for a in shown] == [data[rag].description]
    derived = Action.objects.with_rag(TODAY).get(pk=shown[0].pk).rag
    assert derived == rag
    assert rag.capitalize() in response.content.decode()


def test_filters_combine_with_sort_and_pagination(world, data, client_for, settings):
    settings.PAGE_SIZE = 2
    for n in range(3):
        ActionFactory(
            plan=data["plan_a"],
            description=f"Extra {n}",
            owner_agency=world.agency,
            due_date=d(f"0{n + 1}/10/2026"),
        )
    client = client_for(world.business_unit)
    query = f"agency={world.agency.pk}&sort=-due"
    page1 = listed(action_list(client, query))
    page2 = listed(action_list(client, query + "&page=2"))
    page3 = listed(action_list(client, query + "&page=3"))
    assert page1 == ["Green neglect toolkit", "Extra 2"]
    assert page2 == ["Extra 1", "Extra 0"]
    assert page3 == ["Red overdue briefing"]
    html = action_list(client, query + "&page=2").content.decode()
    # Page links and export links keep the filters and the order.
    assert f"agency={world.agency.pk}&amp;sort=-due&amp;page=3" in html
    assert f"/actions/export.csv?agency={world.agency.pk}&amp;sort=-due" in html


@pytest.mark.parametrize(
    "sort, first",
    [
        ("rag", "red"),
        ("-rag", "cancelled"),
        ("due", "cancelled"),
        ("-due", "green"),
        ("description", "amber"),
        ("status", "red"),
        ("updated", "green"),
        ("owner", "amber"),  # Eastmoor before Northbrook
        ("-owner", "red"),  # Northbrook first; the partnership's own actions (no agency) last
    ],
)
def test_action_list_sorts(world, data, client_for, sort, first):
    assert listed(action_list(client_for(world.business_unit), f"sort={sort}"))[0] == data[first].description


def test_overdue_is_said_in_words(world, data, client_for):
    html = action_list(client_for(world.business_unit), "overdue=yes").content.decode()
    assert "Overdue by 31 days" in html


def test_due_between_refuses_a_date_that_is_not_real(world, data, client_for):
    response = action_list(client_for(world.business_unit), "due_from=31/02/2026")
    assert response.status_code == 200
    assert response.context["filterset"].form.errors["due_from"]
    assert len(listed(response)) == 5  # the bad filter is shown as an error, not applied


def test_headings_by_role(world, data, client_for):
    assert action_list(client_for(world.business_unit)).context["heading"] == "All actions"
    assert action_list(client_for(world.partnership_lead)).context["heading"] == "All actions"
    assert action_list(client_for(world.subgroup_chair)).context["heading"] == "Your subgroups' actions"
    assert action_list(client_for(world.subgroup_member)).context["heading"] == "Your subgroups' actions"
    assert action_list(client_for(world.agency_lead)).context["heading"] == "Your agency's actions"


def test_each_role_sees_only_their_actions(world, data, client_for):
    assert set(listed(action_list(client_for(world.agency_lead)))) == {
        data["red"].description,
        data["green"].description,
    }
    assert set(listed(action_list(client_for(world.subgroup_member)))) == {
        data["red"].description,
        data["amber"].description,
    }
    assert listed(action_list(client_for(world.lay_member))) == []


def test_empty_states(world, data, client_for):
    html = action_list(client_for(world.business_unit), "search=nothing+like+this").content.decode()
    assert "No actions match these filters." in html
    assert "Clear filters" in html
    html = action_list(client_for(world.lay_member)).content.decode()
    assert "There are no actions for you to see yet." in html
    html = (
        client_for(world.business_unit).get(reverse("partnership:plan-list") + "?search=zzz").content.decode()
    )
    assert "No action plans match these filters." in html
    html = client_for(world.lay_member).get(reverse("partnership:plan-list")).content.decode()
    assert "There are no action plans for you to see yet." in html


# --- exports -----------------------------------------------------------------------------


def csv_rows(response) -> list[list[str]]:
    assert response.streaming is True
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:])))


def xlsx_rows(response) -> list[tuple]:
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    return list(workbook.worksheets[0].iter_rows(values_only=True)), workbook


def test_actions_csv_streams_every_column_with_uk_dates(world, data, client_for):
    response = client_for(world.business_unit).get(reverse("partnership:action-export-csv") + "?sort=due")
    assert 'filename="actions-2026-06-01.csv"' in response["Content-Disposition"]
    rows = csv_rows(response)
    assert rows[0] == [
        "Reference ID",
        "Plan",
        "Source type",
        "Source",
        "Recommendation",
        "Description",
        "How we will know it is done",
        "Owner agency",
        "Lead",
        "Lead email",
        "Start date",
        "Original due date",
        "Due date",
        "Status",
        "RAG",
        "Last update",
        "Impact",
    ]
    assert len(rows) == 6
    cancelled = rows[1]
    assert cancelled[0] == str(data["cancelled"].pk)
    assert cancelled[2] == "Audit"
    assert cancelled[7] == "The partnership"
    assert cancelled[12] == "01/03/2026"
    assert cancelled[14] == "Cancelled"
    green = next(r for r in rows if r[5] == "Green neglect toolkit")
    assert green[4] == "N1"
    assert green[15] == "20/05/2026"
    assert green[14] == "Green"


def test_exports_follow_the_filters(world, data, client_for):
    client = client_for(world.business_unit)
    rows = csv_rows(client.get(reverse("partnership:action-export-csv") + "?rag=red"))
    assert [r[5] for r in rows[1:]] == ["Red overdue briefing"]
    rows, _ = xlsx_rows(
        client.get(reverse("partnership:action-export-xlsx") + f"?agency={world.agency.pk}&sort=due")
    )
    assert [r[5] for r in rows[1:]] == ["Red overdue briefing", "Green neglect toolkit"]
    rows = csv_rows(client.get(reverse("partnership:plan-export-csv") + "?source_type=audit"))
    assert [r[0] for r in rows[1:]] == ["Neglect audit plan"]


def test_actions_xlsx_has_bold_header_and_real_dates(world, data, client_for):
    response = client_for(world.business_unit).get(reverse("partnership:action-export-xlsx") + "?sort=due")
    rows, workbook = xlsx_rows(response)
    assert len(rows) == 6
    sheet = workbook.worksheets[0]
    assert sheet["A1"].font.b is True
    assert sheet["A1"].value == "Reference ID"
    due = sheet.cell(row=2, column=13)
    assert isinstance(due.value, datetime.datetime) and due.value.date() == d("01/03/2026")
    assert due.number_format == "DD/MM/YYYY"


def test_a_formula_in_a_description_stays_text(world, data, client_for):
    ActionFactory(plan=data["plan_a"], description='=HYPERLINK("http://example.org")')
    client = client_for(world.business_unit)
    rows = csv_rows(client.get(reverse("partnership:action-export-csv") + "?search=HYPERLINK"))
    assert rows[1][5].startswith("'=")
    response = client.get(reverse("partnership:action-export-xlsx") + "?search=HYPERLINK")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).worksheets[0]
    assert sheet["F2"].data_type == "s"


def test_agency_lead_exports_hold_only_their_agencys_actions(world, data, client_for):
    client = client_for(world.agency_lead)
    expected = {"Red overdue briefing", "Green neglect toolkit"}
    assert {r[5] for r in csv_rows(client.get(reverse("partnership:action-export-csv")))[1:]} == expected
    rows, _ = xlsx_rows(client.get(reverse("partnership:action-export-xlsx")))
    assert {r[5] for r in rows[1:]} == expected


def test_plans_exports(world, data, client_for):
    client = client_for(world.business_unit)
    rows = csv_rows(client.get(reverse("partnership:plan-export-csv") + "?sort=title"))
    assert rows[0][:5] == ["Plan", "Source type", "Source", "Subgroup", "Start date"]
    audit_plan = rows[1]
    assert audit_plan[0] == "Neglect audit plan"
    assert audit_plan[4] == "05/01/2026"
    assert audit_plan[5:10] == ["3", "1", "33", "1", "0"]
    assert audit_plan[10] == "05/07/2026"
    rows, _ = xlsx_rows(client.get(reverse("partnership:plan-export-xlsx") + "?sort=title"))
    assert [r[0] for r in rows[1:]] == ["Neglect audit plan", "Online safety plan"]


# --- the plans list ------------------------------------------------------------------------


def plan_titles(response) -> list[str]:
    assert response.status_code == 200
    return [row.plan.title for row in response.context["rows"]]


@pytest.mark.parametrize(
    "query, expected",
    [
        ("source_type=audit", {"Neglect audit plan"}),
        ("source_type=consultation", {"Online safety plan", "Empty plan"}),
        ("subgroup={subgroup}", {"Online safety plan"}),
        ("agency={agency}", {"Online safety plan", "Neglect audit plan"}),
        ("agency={other_agency}", {"Online safety plan", "Neglect audit plan"}),
        ("status=open", {"Online safety plan", "Neglect audit plan"}),
        ("status=closed", set()),
        ("status=none", {"Empty plan"}),
        ("theme={theme}", {"Neglect audit plan"}),
        ("search=online", {"Online safety plan"}),
    ],
)
def test_each_plan_filter(world, data, client_for, query, expected):
    ActionPlanFactory(subgroup=world.other_subgroup, title="Empty plan")
    query = query.format(
        subgroup=world.subgroup.pk,
        agency=world.agency.pk,
        other_agency=world.other_agency.pk,
        theme=data["theme"].pk,
    )
    titles = plan_titles(client_for(world.business_unit).get(reverse("partnership:plan-list") + f"?{query}"))
    assert set(titles) == expected


def test_plan_status_closed_and_theme_from_findings(world, data, client_for):
    closed = ActionPlanFactory(subgroup=world.subgroup, title="Closed plan")
    ActionFactory(plan=closed, status=ActionStatus.COMPLETE, impact="Done.")
    theme = ThemeFactory(name="Exploitation online (test)")
    FindingFactory(source=closed.source).themes.add(theme)
    client = client_for(world.business_unit)
    assert plan_titles(client.get(reverse("partnership:plan-list") + "?status=closed")) == ["Closed plan"]
    assert plan_titles(client.get(reverse("partnership:plan-list") + f"?theme={theme.pk}")) == ["Closed plan"]
    row = client.get(reverse("partnership:plan-list") + "?status=closed").context["rows"][0]
    assert row.next_chaser is None  # nothing open: no more chasers


def test_plan_list_columns_and_sorting(world, data, client_for, settings):
    settings.PAGE_SIZE = 1
    client = client_for(world.business_unit)
    response = client.get(reverse("partnership:plan-list") + "?sort=-overdue")
    assert plan_titles(response) == ["Online safety plan"]
    row = response.context["rows"][0]
    assert (row.plan.actions_total, row.plan.actions_overdue, row.percent_complete) == (2, 1, 0)
    assert plan_titles(client.get(reverse("partnership:plan-list") + "?sort=-overdue&page=2")) == [
        "Neglect audit plan"
    ]
    assert plan_titles(client.get(reverse("partnership:plan-list") + "?sort=-complete")) == [
        "Neglect audit plan"
    ]
    html = response.content.decode()
    assert "0 of 2 actions complete (0%)" in html
    assert reverse("partnership:plan-detail", args=[data["plan_a"].pk]) in html


def test_agency_lead_sees_plans_with_their_agencys_actions(world, data, client_for):
    other = ActionPlanFactory(subgroup=world.other_subgroup, title="Not theirs")
    ActionFactory(plan=other, owner_agency=world.other_agency)
    titles = plan_titles(client_for(world.agency_lead).get(reverse("partnership:plan-list")))
    assert set(titles) == {"Online safety plan", "Neglect audit plan"}


def test_next_chaser_dates_match_the_single_plan_rule(world):
    plans = [
        ActionPlanFactory(start_date=d("05/01/2026")),
        ActionPlanFactory(start_date=d("01/11/2025")),
        ActionPlanFactory(start_date=d("01/06/2025")),
    ]
    plan_type = ContentType.objects.get_for_model(ActionPlan)
    SentReminder.objects.create(
        job=CHASER_JOB,
        object_type=plan_type,
        object_id=plans[2].pk,
        period=d("01/12/2025"),
        recipient="chair@example.org",
        sent_at=timezone.now(),
    )
    bulk = next_chaser_dates(plans, TODAY)
    assert bulk == {plan.pk: next_chaser_date(plan, TODAY) for plan in plans}
    assert bulk[plans[0].pk] == d("05/07/2026")
    assert bulk[plans[1].pk] == d("01/05/2026")  # due and not yet sent
    assert bulk[plans[2].pk] == d("01/06/2026")


# --- query counts ---------------------------------------------------------------------------

COUNTED_URLS = [
    ("partnership:action-list", "?sort=rag&rag=red"),
    ("partnership:action-list", ""),
    ("partnership:action-export-csv", ""),
    ("partnership:action-export-xlsx", "?overdue=no"),
    ("partnership:plan-list", ""),
    ("partnership:plan-list", "?status=open&sort=complete"),
    ("partnership:plan-export-csv", ""),
    ("partnership:plan-export-xlsx", ""),
]


def add_actions(world, count):
    for n in range(count):
        plan = ActionPlanFactory(subgroup=world.subgroup)
        action = ActionFactory(
            plan=plan,
            owner_agency=world.agency if n % 2 else world.other_agency,
            lead_user=world.subgroup_member if n % 3 else None,
            due_date=d("01/05/2026") if n % 2 else d("01/09/2026"),
        )
        ActionUpdateFactory(action=action, date=d("01/05/2026"))


@pytest.mark.parametrize("url_name, query", COUNTED_URLS)
@pytest.mark.parametrize("role", ["business_unit", "agency_lead", "subgroup_chair"])
def test_lists_and_exports_keep_a_constant_number_of_queries(world, client_for, url_name, query, role):
    client = client_for(world.person(role))
    url = reverse(url_name) + query
    add_actions(world, 3)
    client.get(url)  # warm caches (content types, session) so both counts are like for like
    small = queries_for(client, url)
    add_actions(world, 27)
    assert queries_for(client, url) == small
