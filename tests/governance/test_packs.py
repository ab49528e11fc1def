"""The board pack's figures, section by section, against hand counts on a small world; each
section's query count does not grow with the data."""

import datetime
from decimal import Decimal

import pytest
import time_machine
from dateutil.relativedelta import relativedelta
from django.conf import settings

from audits.models import Escalation
from governance import packs
from governance.models import Body
from partnership.models import ActionStatus, RiskFlag
from tests.audits.factories import PlannedImprovementFactory, make_round
from tests.dashboards.factories import DeepDiveFactory, IndicatorFactory, IndicatorValueFactory
from tests.factories import (
    ActionFactory,
    ActionPlanFactory,
    AgencyFactory,
    FindingFactory,
    NotificationFactory,
    PriorityFactory,
    RecommendationFactory,
    ReviewFactory,
)
from tests.governance.factories import AgendaItemFactory, HighlightReportFactory, MeetingFactory
from tests.queries import capturing

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 12, 1)
MONTHS = settings.REVIEW_CLOCKS["lcspr_report"]["months"]


def lcspr(decided_on, **fields):
    fields.setdefault("stage", "in_review")
    return ReviewFactory(kind="lcspr", decided_on=decided_on, notification=None, **fields)


def decided_for(due):
    return due - relativedelta(months=MONTHS)


def executive_meeting(**fields):
    return MeetingFactory(
        body=Body.EXECUTIVE, subgroup=None, title="Executive", date=datetime.date(2026, 12, 9), **fields
    )


@time_machine.travel(TODAY, tick=False)
def test_statutory_clocks_list_each_running_clock_with_its_state(world):
    lcspr(decided_for(datetime.date(2026, 11, 20)), reference="LCSPR-A", title="Child A")  # overdue
    lcspr(decided_for(datetime.date(2026, 12, 5)), reference="LCSPR-B", title="Child B")  # within 7 days
    lcspr(decided_for(datetime.date(2027, 3, 1)), reference="LCSPR-C", title="Child C")  # running
    lcspr(decided_for(datetime.date(2026, 11, 1)), reference="LCSPR-D", stage="closed")  # closed
    lcspr(
        decided_for(datetime.date(2026, 12, 20)),
        reference="LCSPR-E",
        final_report_on=datetime.date(2026, 11, 2),
    )  # met

    clocks = packs.statutory_clocks(world.business_unit, TODAY)

    assert [(r["reference"], r["pseudonym"], r["state"]) for r in clocks["rows"]] == [
        ("LCSPR-A", "Child A", "overdue"),
        ("LCSPR-B", "Child B", "due_soon"),
        ("LCSPR-C", "Child C", "running"),
    ]
    assert clocks["rows"][0]["due"] == datetime.date(2026, 11, 20)
    assert clocks["rows"][0]["clock"] == "LCSPR final report"
    assert (clocks["overdue"], clocks["due_soon"]) == (1, 1)


@time_machine.travel(TODAY, tick=False)
def test_overdue_actions_are_counted_per_owning_agency_worst_first(world):
    plan = ActionPlanFactory(title="Child A's plan")
    a, b = world.agency, world.other_agency
    ActionFactory(plan=plan, owner_agency=b, due_date=datetime.date(2026, 11, 1), description="B late")
    ActionFactory(plan=plan, owner_agency=a, due_date=datetime.date(2026, 11, 21), description="A late 10")
    ActionFactory(plan=plan, owner_agency=a, due_date=datetime.date(2026, 10, 2), description="A late 60")
    ActionFactory(plan=plan, owner_agency=a, due_date=datetime.date(2027, 1, 31))  # open, not due
    ActionFactory(
        plan=plan,
        owner_agency=a,
        due_date=datetime.date(2026, 9, 1),
        status=ActionStatus.CANCELLED,
        cancelled_reason="Superseded",
    )

    figures = packs.overdue_actions_by_agency(world.business_unit, TODAY)

    assert [(g["name"], g["open"], g["overdue"]) for g in figures["groups"]] == [
        (a.name, 3, 2),
        (b.name, 1, 1),
    ]
    assert [(x["description"], x["days_overdue"], x["plan"]) for x in figures["groups"][0]["actions"]] == [
        ("A late 60", 60, "Child A's plan"),
        ("A late 10", 10, "Child A's plan"),
    ]
    assert (figures["open"], figures["overdue"]) == (4, 3)


@time_machine.travel(TODAY, tick=False)
def test_overdue_actions_are_counted_per_priority_worst_first_unlinked_last(world):
    neglect = PriorityFactory(title="Neglect", year=2026)
    exploitation = PriorityFactory(title="Exploitation", year=2026)
    PriorityFactory(title="Voice of the child", year=2026)  # no open action: not listed
    plan = ActionPlanFactory(title="Child A's plan")
    late_both = ActionFactory(plan=plan, due_date=datetime.date(2026, 11, 1), description="Late for both")
    late_both.priorities.set([neglect, exploitation])
    ActionFactory(plan=plan, due_date=datetime.date(2026, 11, 21), description="Neglect late").priorities.set(
        [neglect]
    )
    ActionFactory(plan=plan, due_date=datetime.date(2027, 1, 31)).priorities.set([exploitation])  # not due
    ActionFactory(plan=plan, due_date=datetime.date(2027, 1, 31)).priorities.set([exploitation])  # not due
    ActionFactory(plan=plan, due_date=datetime.date(2026, 10, 2), description="Unlinked late")
    ActionFactory(
        plan=plan, due_date=datetime.date(2026, 9, 1), status=ActionStatus.CANCELLED, cancelled_reason="Gone"
    ).priorities.set([neglect])

    figures = packs.overdue_actions_by_priority(world.business_unit, TODAY)

    # Neglect: 2 open, 2 overdue; Exploitation: 3 open, 1 overdue; unlinked: 1 open, 1 overdue.
    assert [(g["name"], g["open"], g["overdue"]) for g in figures["groups"]] == [
        ("Neglect (2026/27)", 2, 2),
        ("Exploitation (2026/27)", 3, 1),
        ("Not linked to a priority", 1, 1),
    ]
    assert [(x["description"], x["days_overdue"]) for x in figures["groups"][0]["actions"]] == [
        ("Late for both", 30),
        ("Neglect late", 10),
    ]
    assert [x["description"] for x in figures["groups"][1]["actions"]] == ["Late for both"]
    # Each action once in the totals: 5 open (the cancelled one is not), 3 overdue.
    assert (figures["open"], figures["overdue"]) == (5, 3)


@time_machine.travel(TODAY, tick=False)
def test_section11_gives_returns_by_status_and_the_escalation_letters(world):
    round_ = make_round(world, open_it=True)
    round_.overview_reported_on = datetime.date(2026, 5, 1)
    round_.save()
    ours = round_.returns.get(agency=world.agency)
    Escalation.objects.create(
        agency_return=ours,
        addressee="Director",
        sent_to="director@example.org",
        subject="Outstanding improvements",
        letter="Dear Director",
        outstanding=2,
        written_on=datetime.date(2026, 11, 1),
        sent_at=datetime.datetime(2026, 11, 1, 9, tzinfo=datetime.UTC),
        response_due_on=datetime.date(2026, 11, 29),
    )

    theirs = round_.returns.get(agency=world.other_agency)
    open_action = ActionFactory(owner_agency=world.other_agency, due_date=datetime.date(2027, 3, 31))
    done_action = ActionFactory(
        owner_agency=world.agency, status=ActionStatus.CANCELLED, cancelled_reason="Superseded"
    )
    PlannedImprovementFactory(agency_return=theirs, action=open_action, description="Train ward staff")
    PlannedImprovementFactory(agency_return=theirs, action=None, description="Not yet an action")
    PlannedImprovementFactory(agency_return=ours, action=done_action, description="Done already")

    figures = packs.section11(world.business_unit, TODAY)

    assert [(row["agency"], row["count"]) for row in figures["outstanding"]] == [(world.other_agency.name, 1)]
    assert [i.description for i in figures["outstanding"][0]["items"]] == ["Train ward staff"]
    assert figures["outstanding_total"] == 1
    assert figures["round"] == round_
    assert figures["returns"] == 2
    assert sum(count for _label, count in figures["statuses"]) == 2
    assert [(x["agency"], x["outstanding"], x["state"]) for x in figures["letters"]] == [
        (world.agency.name, 0, "overdue")
    ]
    needed = packs.decisions_needed(world.business_unit, executive_meeting(), TODAY)
    assert [x["agency"] for x in needed["letters"]] == [world.agency.name]


def test_section11_is_none_before_any_round_opens(world):
    assert packs.section11(world.business_unit, TODAY) is None


@time_machine.travel(TODAY, tick=False)
def test_red_indicators_come_with_their_quarters_and_trend(world):
    worsening = IndicatorFactory(code="A1", target=Decimal("80"), higher_is_better=True)
    IndicatorValueFactory(indicator=worsening, period_start=datetime.date(2026, 4, 1), value=Decimal("75"))
    IndicatorValueFactory(indicator=worsening, period_start=datetime.date(2026, 7, 1), value=Decimal("70"))
    improving = IndicatorFactory(code="A2", target=Decimal("10"), higher_is_better=False)
    IndicatorValueFactory(indicator=improving, period_start=datetime.date(2026, 4, 1), value=Decimal("30"))
    IndicatorValueFactory(indicator=improving, period_start=datetime.date(2026, 7, 1), value=Decimal("20"))
    green = IndicatorFactory(code="A3", target=Decimal("80"))
    IndicatorValueFactory(indicator=green, period_start=datetime.date(2026, 7, 1), value=Decimal("95"))

    figures = packs.red_indicators(world.business_unit, TODAY)

    assert [(r["code"], r["latest"], r["trend"]) for r in figures["rows"]] == [
        ("A1", Decimal("70"), "Worsening"),
        ("A2", Decimal("20"), "Improving"),
    ]
    assert figures["rows"][0]["values"][-2:] == [Decimal("75"), Decimal("70")]


@time_machine.travel(TODAY, tick=False)
def test_the_deep_dive_chosen_brings_its_findings_recommendations_and_plan(world):
    source = DeepDiveFactory(title="Neglect in under-fives").learning_source
    FindingFactory(source=source, title="Health visitors do not see the child alone")
    FindingFactory(source=source, title="Chronologies are missing")
    recommendation = RecommendationFactory(source=source, reference="R1", text="Use the neglect toolkit")
    plan = ActionPlanFactory(source=source, title="Neglect plan")
    ActionFactory(plan=plan, recommendation=recommendation, due_date=datetime.date(2026, 11, 1))  # overdue
    ActionFactory(
        plan=plan,
        recommendation=recommendation,
        due_date=datetime.date(2027, 2, 1),
        status=ActionStatus.ON_TRACK,
    )
    meeting = executive_meeting(scrutiny_source=source)

    figures = packs.deep_dive(world.business_unit, meeting, TODAY)

    assert figures["source"] == source
    assert [f.title for f in figures["findings"]] == [
        "Health visitors do not see the child alone",
        "Chronologies are missing",
    ]
    assert [r.reference for r in figures["recommendations"]] == ["R1"]
    statuses = dict(figures["plan"]["statuses"])
    assert statuses["Not started"] == 1 and statuses["On track"] == 1
    assert (figures["plan"]["total"], figures["plan"]["overdue"]) == (2, 1)
    assert packs.deep_dive(world.business_unit, executive_meeting(), TODAY) is None


@time_machine.travel(TODAY, tick=False)
def test_decisions_needed_gather_flagged_items_rapid_reviews_and_overdue_responses(world):
    meeting = executive_meeting()
    AgendaItemFactory(meeting=meeting, number=1, title="Minutes")
    AgendaItemFactory(meeting=meeting, number=2, title="Approve the business plan", decision_needed=True)
    notification = NotificationFactory(
        became_aware_on=datetime.date(2026, 11, 2), notified_on=datetime.date(2026, 11, 3)
    )
    ReviewFactory(
        reference="RR-1", title="Child R", stage="panel", notification=notification,
        sent_to_panel_on=datetime.date(2026, 11, 20),
    )  # fmt: skip
    ReviewFactory(
        reference="RR-2", decision="no_further", stage="decided", decided_on=datetime.date(2026, 11, 25)
    )
    source = DeepDiveFactory().learning_source
    partner = AgencyFactory(name="Police")
    for risk, due, responded in (
        ("Late", datetime.date(2026, 11, 20), False),
        ("Answered", datetime.date(2026, 11, 20), True),
        ("Not yet due", datetime.date(2026, 12, 10), False),
    ):
        RiskFlag.objects.create(
            source=source, agency=world.agency, partner=partner, risk=risk, response_due_on=due,
            raised_by=world.business_unit, raised_on=datetime.date(2026, 11, 6),
            response_received_on=datetime.date(2026, 11, 19) if responded else None,
            response="We have acted." if responded else "",
        )  # fmt: skip

    needed = packs.decisions_needed(world.business_unit, meeting, TODAY)

    assert [item.title for item in needed["agenda"]] == ["Approve the business plan"]
    assert [r["reference"] for r in needed["rapid_reviews"]] == ["RR-1"]
    assert [r["risk"] for r in needed["risks"]] == ["Late"]
    assert needed["total"] == 3


def _queries(call) -> int:
    with capturing() as ctx:
        call()
    return len(ctx.captured_queries)


def _grow(world, n, agency_return):
    plan = ActionPlanFactory()
    for i in range(n):
        PlannedImprovementFactory(agency_return=agency_return, action=ActionFactory(plan=plan))
        ActionFactory(
            plan=plan, owner_agency=AgencyFactory(), due_date=datetime.date(2026, 10, 1)
        ).priorities.add(PriorityFactory())
        lcspr(decided_for(datetime.date(2026, 12, 3)), reference=f"LCSPR-{n}-{i}")
        indicator = IndicatorFactory()
        IndicatorValueFactory(indicator=indicator, period_start=datetime.date(2026, 7, 1), value=Decimal("1"))


@time_machine.travel(TODAY, tick=False)
def test_each_sections_query_count_does_not_grow_with_the_data(world):
    meeting = executive_meeting(scrutiny_source=DeepDiveFactory().learning_source)
    user = world.business_unit
    round_ = make_round(world, open_it=True)
    round_.overview_reported_on = datetime.date(2026, 5, 1)
    round_.save()
    agency_return = round_.returns.first()
    calls = {
        "section 11": lambda: packs.section11(user, TODAY),
        "clocks": lambda: packs.statutory_clocks(user, TODAY),
        "actions": lambda: packs.overdue_actions_by_agency(user, TODAY),
        "actions by priority": lambda: packs.overdue_actions_by_priority(user, TODAY),
        "indicators": lambda: packs.red_indicators(user, TODAY),
        "deep dive": lambda: packs.deep_dive(user, meeting, TODAY),
        "decisions": lambda: packs.decisions_needed(user, meeting, TODAY),
        "highlights": lambda: packs.highlight_reports(user, meeting),
    }
    _grow(world, 2, agency_return)
    HighlightReportFactory.create_batch(2, meeting=meeting, submitted=True)
    for call in calls.values():  # the person's roles are read once, then remembered
        call()
    small = {name: _queries(call) for name, call in calls.items()}
    _grow(world, 6, agency_return)
    HighlightReportFactory.create_batch(6, meeting=meeting, submitted=True)
    HighlightReportFactory.create_batch(2, meeting=meeting)
    large = {name: _queries(call) for name, call in calls.items()}
    assert small == large
