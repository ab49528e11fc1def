"""The home page's figures when there is more than a page shows: a subgroup chair's plans, overdue
actions and next chaser, an agency lead's overdue actions, the business unit's most overdue
actions and partnership counts, a chair's audits and Section 11 rounds. The home page fetches only
the items it lists and counts the rest in the database (partnership/home.py): these tests count
by hand what it must still say."""

import datetime

import pytest
import time_machine
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from audits.models import MultiAgencyAudit, Round, RoundStatus
from partnership.home import collect_home_parts
from partnership.models import ActionPlan, ActionStatus, SentReminder
from partnership.selectors import actions_summary, home_for
from partnership.services.chasers import CHASER_JOB

from ..factories import ActionFactory, ActionPlanFactory, ActionUpdateFactory, AgencyFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 11, 30)  # a Monday; RAG amber: due within 30 days, no update in 60


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(datetime.datetime(2026, 11, 30, 9, 0), tick=False):
        yield


def parts(user, section):
    return {(p.key, p.heading): p for p in collect_home_parts(user, TODAY).get(section, [])}


def plan(world, title, start):
    return ActionPlanFactory(subgroup=world.subgroup, title=title, start_date=start)


def act(plan_, due, status=ActionStatus.NOT_STARTED, agency=None, **extra):
    return ActionFactory(plan=plan_, due_date=due, status=status, owner_agency=agency, **extra)


def chaser_sent(plan_, period):
    SentReminder.objects.create(job=CHASER_JOB, object_type=ContentType.objects.get_for_model(ActionPlan),
                                object_id=plan_.pk, period=period, recipient="chair@example.org",
                                sent_at=timezone.now())  # fmt: skip


def test_a_chair_sees_the_five_newest_plans_with_their_rag_and_how_many_more(world):
    """Eight plans: P1 to P7 start on 1 to 7 January, P8 also on 7 January (after P7 by id).
    Newest first, then by id: P7, P8, P6, P5, P4 shown; three more (P3, P2, P1)."""
    plans = {f"P{n}": plan(world, f"P{n}", datetime.date(2026, 1, n)) for n in range(1, 8)}
    plans["P8"] = plan(world, "P8", datetime.date(2026, 1, 7))
    p7 = plans["P7"]
    act(p7, datetime.date(2026, 10, 1))  # red: overdue
    act(p7, datetime.date(2027, 5, 1), ActionStatus.OFF_TRACK)  # red: off track
    act(p7, datetime.date(2026, 12, 10))  # amber: due within 30 days, never updated
    updated = act(p7, datetime.date(2026, 12, 10))  # green: updated ten days ago
    ActionUpdateFactory(action=updated, date=datetime.date(2026, 11, 20))
    act(p7, datetime.date(2027, 6, 30))  # green: not due soon
    act(
        p7,
        datetime.date(2026, 6, 30),
        ActionStatus.COMPLETE,
        impact="Done",
        closed_on=datetime.date(2026, 6, 1),
    )
    act(p7, datetime.date(2027, 6, 30), ActionStatus.CANCELLED, cancelled_reason="No longer needed")

    part = parts(world.subgroup_chair, "subgroup")[(world.subgroup.pk, "Action plans by RAG")]
    assert part.summary == "Your subgroup owns 8 action plans."
    assert [(i.label, i.detail) for i in part.items] == [
        ("P7", "2 red, 1 amber, 2 green, 1 complete"),
        ("P8", "0 red, 0 amber, 0 green, 0 complete"),
        ("P6", "0 red, 0 amber, 0 green, 0 complete"),
        ("P5", "0 red, 0 amber, 0 green, 0 complete"),
        ("P4", "0 red, 0 amber, 0 green, 0 complete"),
    ]
    assert part.items[0].url == p7.get_absolute_url()
    assert part.more == 3


def test_a_chair_sees_the_five_most_overdue_actions_and_the_count_of_all(world):
    """Seven open actions overdue (due 1 to 7 October), one cancelled and one complete overdue
    (not counted), one due next year (not overdue): 7 overdue, the 1 to 5 October ones listed."""
    p = plan(world, "Neglect plan", datetime.date(2026, 1, 5))
    for day in (7, 3, 1, 6, 2, 5, 4):
        act(p, datetime.date(2026, 10, day), agency=world.agency if day == 1 else None)
    act(p, datetime.date(2026, 9, 1), ActionStatus.CANCELLED, cancelled_reason="Merged")
    act(
        p,
        datetime.date(2026, 9, 1),
        ActionStatus.COMPLETE,
        impact="Done",
        closed_on=datetime.date(2026, 8, 1),
    )
    act(p, datetime.date(2027, 1, 1))

    part = parts(world.subgroup_chair, "subgroup")[(world.subgroup.pk, "Overdue actions")]
    assert part.summary == "7 actions overdue on your subgroup's plans."
    assert [i.detail for i in part.items] == [
        f"{world.agency.display_name}, due 1 October 2026",
        "The partnership, due 2 October 2026",
        "The partnership, due 3 October 2026",
        "The partnership, due 4 October 2026",
        "The partnership, due 5 October 2026",
    ]
    assert all(i.overdue for i in part.items)
    assert part.more == 2


def test_a_chairs_next_chaser_is_the_earliest_of_the_plans_with_an_open_action(world):
    """Chasers every six months from the start. A (2 Jan) and B (7 Jan) have open actions: their
    first chasers, 2 July and 7 July 2026, are due and unsent. C (1 Jan) has only a complete
    action: never chased, although its date would be the earliest."""
    a = plan(world, "A plan", datetime.date(2026, 1, 2))
    b = plan(world, "B plan", datetime.date(2026, 1, 7))
    c = plan(world, "C plan", datetime.date(2026, 1, 1))
    act(a, datetime.date(2027, 3, 1))
    act(b, datetime.date(2027, 3, 1), ActionStatus.ON_TRACK)
    act(
        c,
        datetime.date(2026, 6, 30),
        ActionStatus.COMPLETE,
        impact="Done",
        closed_on=datetime.date(2026, 6, 1),
    )

    def summary():
        return parts(world.subgroup_chair, "subgroup")[(world.subgroup.pk, "Next chaser")].summary

    assert summary() == "Your next six-monthly chaser is due on 2 July 2026, for A plan."
    # A's July chaser sent: A's next is 2 January 2027; B's 7 July 2026 is still unsent.
    chaser_sent(a, datetime.date(2026, 7, 2))
    assert summary() == "Your next six-monthly chaser is due on 7 July 2026, for B plan."
    # B's sent too: A on 2 January 2027 comes before B on 7 January 2027.
    chaser_sent(b, datetime.date(2026, 7, 7))
    assert summary() == "Your next six-monthly chaser is due on 2 January 2027, for A plan."


def test_an_agency_lead_sees_every_overdue_action_counted_and_the_five_most_overdue(world):
    """World.agency owns seven open actions overdue (due 1 to 7 September) and one complete one;
    another agency owns one overdue action: 7 open, all red, 7 overdue, five listed."""
    for day in range(7, 0, -1):
        ActionFactory(owner_agency=world.agency, due_date=datetime.date(2026, 9, day))
    ActionFactory(owner_agency=world.agency, due_date=datetime.date(2026, 8, 1), status=ActionStatus.COMPLETE,
                  impact="Done", closed_on=datetime.date(2026, 8, 1))  # fmt: skip
    ActionFactory(owner_agency=AgencyFactory(), due_date=datetime.date(2026, 8, 1))

    part = parts(world.agency_lead, "agency")[(world.agency.pk, "Your agency's actions")]
    assert part.summary == "7 open actions: 7 red, 0 amber, 0 green; 7 overdue."
    assert [i.detail.rsplit("due ", 1)[1] for i in part.items] == [
        f"{day} September 2026" for day in range(1, 6)
    ]
    assert part.more == 2


def test_the_business_unit_sees_the_five_most_overdue_actions_and_the_week(world):
    """Six open actions overdue (due 1 to 6 October), one due on 2 December (this week), one
    complete and overdue: the five most overdue in order; the week's part lists the same five
    first (overdue first), one more overdue and one due this week not listed."""
    actions = [ActionFactory(due_date=datetime.date(2026, 10, day)) for day in (6, 5, 4, 3, 2, 1)]
    ActionFactory(due_date=datetime.date(2026, 12, 2))
    ActionFactory(due_date=datetime.date(2026, 9, 1), status=ActionStatus.COMPLETE, impact="Done",
                  closed_on=datetime.date(2026, 9, 1))  # fmt: skip

    summary = actions_summary(world.business_unit, TODAY)
    assert (summary["total"], summary["red"], summary["green"]) == (7, 6, 0)
    assert [a.pk for a in summary["overdue"]] == [a.pk for a in reversed(actions)][:5]
    week = parts(world.business_unit, "week")[(None, "Actions")]
    assert week.summary == "1 action due by 7 December 2026; 6 overdue."
    assert [i.url for i in week.items] == [a.get_absolute_url() for a in reversed(actions)][:5]
    assert week.more == 2


def test_the_business_units_partnership_counts(world):
    """Counted in one query: active agencies, people, subgroups and themes, invitations waiting."""
    from partnership.models import Agency, Invitation, Subgroup, Theme, User

    AgencyFactory(name="Closed agency", active=False)
    counts = home_for(world.business_unit)["counts"]
    assert counts == {
        "agencies": Agency.objects.filter(active=True).count(),
        "people": User.objects.filter(is_active=True).count(),
        "subgroups": Subgroup.objects.filter(active=True).count(),
        "themes": Theme.objects.filter(active=True).count(),
    }
    assert counts["agencies"] == 2  # the world's two agencies; the closed one is not counted
    assert (
        home_for(world.business_unit)["pending_invitations"]
        == Invitation.objects.filter(accepted_at__isnull=True, revoked_at__isnull=True).count()
    )


def test_a_chairs_audits_and_rounds_rounds_first_newest_year_first_then_audits_latest_first(world):
    from audits.frameworks import PAN_LONDON_NAME
    from audits.models import Framework

    framework = Framework.objects.get(name=PAN_LONDON_NAME)
    for year, status in ((2024, RoundStatus.OPEN), (2026, RoundStatus.DRAFT), (2022, RoundStatus.REPORTED)):
        Round.objects.create(framework=framework, title=f"Round {year}", year=year, status=status,
                             opens_on=datetime.date(year, 9, 1), due_on=datetime.date(year, 12, 2),
                             subgroup=world.subgroup)  # fmt: skip
    for title, planned in (
        ("Audit May", datetime.date(2026, 5, 1)),
        ("Audit June", datetime.date(2026, 6, 1)),
    ):
        MultiAgencyAudit.objects.create(title=title, subgroup=world.subgroup, planned_on=planned)
    MultiAgencyAudit.objects.create(title="Audit reported", subgroup=world.subgroup,
                                    planned_on=datetime.date(2026, 7, 1), status="reported")  # fmt: skip
    MultiAgencyAudit.objects.create(title="Another subgroup's", subgroup=world.other_subgroup,
                                    planned_on=datetime.date(2026, 7, 1))  # fmt: skip

    part = parts(world.subgroup_chair, "subgroup")[(world.subgroup.pk, "Audits and Section 11")]
    assert part.summary == "4 audits and Section 11 rounds in your subgroup's remit not yet reported."
    assert [i.label for i in part.items] == ["Round 2026", "Round 2024", "Audit June", "Audit May"]
    assert part.items[1].detail == "Section 11, open for returns"
    assert part.items[2].detail.startswith("multi-agency audit, ")
    assert part.items[2].url == MultiAgencyAudit.objects.get(title="Audit June").get_absolute_url()


def test_add_months_is_relativedelta_for_every_day_of_four_years():
    """The home page's chaser dates use `add_months` for speed: it must agree with relativedelta
    on every day (month ends, 29 February) for every interval the chasers use."""
    from dateutil.relativedelta import relativedelta

    from partnership.services.chasers import add_months

    day = datetime.date(2024, 1, 1)
    while day < datetime.date(2028, 1, 1):
        for months in (1, 6, 12, 18, 30):
            assert add_months(day, months) == day + relativedelta(months=months), (day, months)
        day += datetime.timedelta(days=1)
