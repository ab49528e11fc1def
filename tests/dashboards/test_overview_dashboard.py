"""The partnership dashboard: statutory clocks, actions by RAG by subgroup, agency and source,
Section 11, training and red indicators, against hand counts; who may open it; and its query
count at two data sizes. `build` is shared with the home page tests."""

import datetime
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse

from audits.frameworks import PAN_LONDON_NAME
from audits.models import Framework, Round
from audits.services.section11 import rounds as round_services
from dashboards.models import Indicator, IndicatorValue
from dashboards.overview import figures
from partnership.models import ActionPlan, ActionStatus, LearningSource, SourceKind
from tests.queries import queries_for

from ..factories import ActionFactory, AgencyFactory, NotificationFactory, ReviewFactory, SubgroupFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 11, 30)  # a Monday


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(datetime.datetime(2026, 11, 30, 9, 0), tick=False):
        yield


def plan_for(kind, subgroup, title):
    source = LearningSource.objects.create(kind=kind, title=title, date=datetime.date(2026, 1, 5))
    return ActionPlan.objects.create(source=source, subgroup=subgroup, title=f"{title} plan",
                                     start_date=datetime.date(2026, 1, 5))  # fmt: skip


def action(plan, agency, due, status=ActionStatus.NOT_STARTED, **extra):
    return ActionFactory(plan=plan, recommendation__source=plan.source, owner_agency=agency, due_date=due,
                         status=status, start_date=datetime.date(2026, 1, 5), **extra)  # fmt: skip


def rapid_review(subgroup, aware, notified=None, **extra):
    notification = NotificationFactory(became_aware_on=aware, notified_on=notified)
    return ReviewFactory(subgroup=subgroup, notification=notification, opened_on=aware, **extra)


def build(world):
    """The hand-counted data set (today is Monday 30 November 2026; RAG amber = due within 30
    days with no update in 60 days).

    Actions (open unless said):
      a1 Learning and Improvement, audit, NCCS, due 1 Oct 2026: red (overdue)
      a2 Learning and Improvement, audit, EHT, due 30 Jun 2027: green
      a3 Learning and Improvement, audit, the partnership, due 3 Dec 2026, no update: amber
      a4 Training, case review, NCCS, off track, due 1 May 2027: red (not overdue)
      a5 Training, case review, NCCS, complete: not counted
    Reviews (Rapid Reviews):
      R1 Learning and Improvement: aware Mon 2 Nov, notified Tue 3 Nov (met). Rapid Review due
         3 Nov + 15 working days = Tue 24 Nov: overdue.
      R2 Training: aware Fri 27 Nov, not notified: notification due 27 Nov + 5 working days =
         Fri 4 Dec (this week); Rapid Review due 27 Nov + 15 working days = Fri 18 Dec.
      R3 closed: not counted.
    Indicators: CSC04 (lower is better, target 20) at 35: red; EH01 (target 20) at 19: green.
    Section 11: an open round due Wed 2 Dec with two returns not started.
    """
    li, training = world.subgroup, world.other_subgroup
    audit_plan = plan_for(SourceKind.AUDIT, li, "Neglect audit")
    review_plan = plan_for(SourceKind.CASE_REVIEW, training, "Child Q")
    acts = {
        "a1": action(audit_plan, world.agency, datetime.date(2026, 10, 1)),
        "a2": action(audit_plan, world.other_agency, datetime.date(2027, 6, 30)),
        "a3": action(audit_plan, None, datetime.date(2026, 12, 3)),
        "a4": action(review_plan, world.agency, datetime.date(2027, 5, 1), ActionStatus.OFF_TRACK),
        "a5": action(
            review_plan,
            world.agency,
            datetime.date(2026, 6, 30),
            ActionStatus.COMPLETE,
            impact="Done",
            closed_on=datetime.date(2026, 6, 1),
        ),
    }
    r1 = rapid_review(
        li, datetime.date(2026, 11, 2), datetime.date(2026, 11, 3), reference="RR-1", title="Child Q"
    )
    r2 = rapid_review(training, datetime.date(2026, 11, 27), reference="RR-2", title="Child R")
    rapid_review(li, datetime.date(2026, 10, 1), reference="RR-3", title="Child S", stage="closed")
    for code, value in (("CSC04", "35"), ("EH01", "19")):
        indicator = Indicator.objects.create(code=code, title=f"Indicator {code}", unit="percentage",
                                             higher_is_better=False, target=Decimal("20"), frequency="quarterly")  # fmt: skip
        IndicatorValue.objects.create(
            indicator=indicator, period_start=datetime.date(2026, 7, 1), value=Decimal(value)
        )
    round_ = Round(framework=Framework.objects.get(name=PAN_LONDON_NAME), title="Section 11 self-assessment 2026",
                   year=2026, opens_on=datetime.date(2026, 9, 1), due_on=datetime.date(2026, 12, 2),
                   subgroup=li)  # fmt: skip
    round_ = round_services.round_create(round_=round_, agencies=[world.agency, world.other_agency],
                                         actor=world.business_unit)  # fmt: skip
    Round.objects.filter(pk=round_.pk).update(status="open")
    return {"actions": acts, "r1": r1, "r2": r2, "round": round_}


def grow(world, n, start=0):
    """n more subgroups, agencies, plans, actions, reviews and indicators (numbered from start)."""
    for i in range(start, start + n):
        subgroup, agency = SubgroupFactory(name=f"Subgroup {i}"), AgencyFactory(name=f"Agency {i}")
        plan = plan_for(SourceKind.INSPECTION, subgroup, f"Inspection {i}")
        action(plan, agency, datetime.date(2026, 11, 1))
        action(plan, world.agency, datetime.date(2026, 12, 5))
        rapid_review(world.subgroup, datetime.date(2026, 11, 20), reference=f"RR-X{i}")
        indicator = Indicator.objects.create(code=f"X{i}", title=f"Extra {i}", unit="count", higher_is_better=True,
                                             target=Decimal("10"), frequency="quarterly")  # fmt: skip
        IndicatorValue.objects.create(
            indicator=indicator, period_start=datetime.date(2026, 7, 1), value=Decimal("1")
        )


def chart_rows(chart):
    return {row[0]: row[1:] for row in chart.rows}  # [red, amber, green, total]


def test_figures_for_the_business_unit_match_the_hand_counts(world):
    build(world)
    data = figures.partnership_dashboard(world.business_unit, TODAY)
    clocks = data["clocks"]
    # Running clocks: R1 rapid review (overdue) + R2 notification + R2 rapid review = 3;
    # due within a week: R2 notification (4 Dec) = 1; overdue: R1 = 1. R3 is closed.
    assert (clocks["running"], clocks["due_this_week"], clocks["overdue"]) == (3, 1, 1)
    assert [(c.review.reference, c.clock.due) for c in clocks["reviews"]] == [
        ("RR-1", datetime.date(2026, 11, 24)), ("RR-2", datetime.date(2026, 12, 4))
    ]  # fmt: skip
    actions = data["actions"]
    # Open: a1 red, a2 green, a3 amber, a4 red = 4: 2 red, 1 amber, 1 green; overdue a1 = 1.
    assert (actions["total"], actions["red"], actions["amber"], actions["green"], actions["overdue"]) == (
        4,
        2,
        1,
        1,
        1,
    )
    by = {item["key"]: chart_rows(item["chart"]) for item in actions["charts"]}
    assert by["subgroup"] == {
        "Learning and Improvement": ["1", "1", "1", "3"],
        "Training": ["1", "0", "0", "1"],
    }
    assert by["agency"] == {
        "Eastmoor Health Trust": ["0", "0", "1", "1"],
        "Northbrook Council Children's Services": ["2", "0", "0", "2"],  # a1 + a4
        "The partnership": ["0", "1", "0", "1"],
    }
    assert by["source"] == {"Audit": ["1", "1", "1", "3"], "Case review": ["1", "0", "0", "1"]}
    section11 = data["section11"]
    assert section11["can_view_overview"] and section11["returns"] == 2
    assert section11["statuses"] == [("Not started", 2)]
    assert len(section11["summary"]) == 8  # the eight Pan London standards, none rated yet
    assert data["training"] is not None and data["training"]["figures"].attended == 0
    assert [i.code for i in data["red_indicators"]] == ["CSC04"]


def test_a_subgroup_member_sees_their_subgroups_part_only(world):
    build(world)
    data = figures.partnership_dashboard(world.subgroup_member, TODAY)
    # Reviews of their subgroup: R1 only (1 running clock, overdue).
    assert (data["clocks"]["running"], data["clocks"]["overdue"]) == (1, 1)
    # Actions of their subgroup's plans: a1 red, a2 green, a3 amber.
    assert (data["actions"]["total"], data["actions"]["red"], data["actions"]["overdue"]) == (3, 1, 1)
    # The round is overseen by their subgroup: they see its overview; training is not theirs.
    assert data["section11"]["can_view_overview"]
    assert data["training"] is None


@pytest.mark.parametrize(
    "role,status",
    [("business_unit", 200), ("partnership_lead", 200), ("subgroup_chair", 200), ("subgroup_member", 200),
     ("agency_lead", 403), ("other_agency_lead", 403), ("lay_member", 403), ("peer_challenger", 403),
     ("no_role", 403)],
)  # fmt: skip
def test_who_may_open_the_dashboard_and_see_it_in_the_navigation(world, client_for, role, status):
    build(world)
    response = client_for(world.person(role)).get(reverse("dashboards:partnership"))
    assert response.status_code == status
    home = client_for(world.person(role)).get(reverse("partnership:home"))
    labels = [item["label"] for item in home.context["nav_items"]]
    assert ("Dashboard" in labels) == (status == 200)


def test_the_page_shows_the_figures_with_charts_and_tables(world, client_for):
    build(world)
    body = client_for(world.business_unit).get(reverse("dashboards:partnership")).content.decode()
    assert "3 clocks running on 2 open reviews" in body
    assert "Overdue by 4 working days" in body  # RR-1: due Tue 24 Nov; Wed 25 to Mon 30 Nov
    assert body.count('role="img"') >= 5  # three RAG charts, Section 11, training
    assert "Open actions by RAG, by subgroup" in body and "Show the figures as a table" in body
    assert "Indicator CSC04" in body and "Indicator EH01" not in body


@pytest.mark.parametrize("role", ["business_unit", "subgroup_chair"])
def test_query_count_is_constant_at_two_data_sizes(world, client_for, role):
    build(world)
    client = client_for(world.person(role))
    url = reverse("dashboards:partnership")
    client.get(url)

    small = queries_for(client, url)
    grow(world, 2)
    middle = queries_for(client, url)
    grow(world, 6, start=2)
    assert queries_for(client, url) == middle == small
