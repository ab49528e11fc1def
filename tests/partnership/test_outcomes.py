"""Impact by design: a source's intended outcomes, the check its plan's closing schedules, and
recording whether the change stuck (a "not sustained" result opens a recurring finding)."""

import csv
import datetime
import io

import pytest
import time_machine
from django.urls import reverse

from partnership.models import ActionStatus, Finding, IntendedOutcome, LearningSource, OutcomeResult
from partnership.services import DomainError
from partnership.services import actions as action_services
from partnership.services import outcomes as services

from ..factories import (
    ActionFactory,
    ActionPlanFactory,
    EvidenceFactory,
    FindingFactory,
    IntendedOutcomeFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db

CLOSED_ON = datetime.date(2026, 12, 6)


@pytest.fixture
def source(world):
    return LearningSource.objects.create(
        kind=LearningSource.Kind.DEEP_DIVE, title="Deep dive: neglect referrals", date=datetime.date(2026, 2, 1),
        subgroup=world.subgroup,
    )  # fmt: skip


@pytest.fixture
def plan(world, source):
    return ActionPlanFactory(source=source, subgroup=world.subgroup)


def outcome_form(**overrides):
    data = {"outcome": "Referrals for neglect name the child's lived experience.", "measure_kind": "reaudit",
            "measure": "Re-audit of 20 referrals.", "higher_is_better": "True"}  # fmt: skip
    data.update(overrides)
    return data


# --- recording intended outcomes -------------------------------------------------------------


def test_the_business_unit_records_an_outcome_and_the_source_and_plan_pages_show_it(
    client_for, world, source, plan
):
    client = client_for(world.business_unit)
    response = client.post(
        reverse("partnership:outcome-create", args=[source.pk]),
        outcome_form(check_on_day="1", check_on_month="6", check_on_year="2027"),
    )
    assert response.status_code == 302
    outcome = IntendedOutcome.objects.get()
    assert outcome.source == source and outcome.check_on == datetime.date(2027, 6, 1)
    assert outcome.scheduled_on is None  # the plan is still open
    page = client.get(reverse("partnership:plan-detail", args=[plan.pk])).content.decode()
    assert "Intended outcomes" in page and "name the child&#x27;s lived experience" in page
    assert "1 June 2027" in page and "scheduled when the action plan closes" in page
    source_page = client.get(reverse("partnership:source-detail", args=[source.pk])).content.decode()
    assert "name the child&#x27;s lived experience" in source_page


def test_an_indicator_measure_needs_its_indicator_and_target(world, source):
    outcome = IntendedOutcome(source=source, outcome="Fewer re-referrals", measure_kind="indicator")
    with pytest.raises(DomainError, match="Choose the indicator"):
        services.outcome_save(outcome=outcome, actor=world.business_unit)
    outcome.indicator_code = "CSC02"
    with pytest.raises(DomainError, match="Enter the target"):
        services.outcome_save(outcome=outcome, actor=world.business_unit)
    assert not IntendedOutcome.objects.exists()


def test_the_form_keeps_what_was_typed(client_for, world, source):
    response = client_for(world.subgroup_chair).post(
        reverse("partnership:outcome-create", args=[source.pk]),
        outcome_form(outcome="", measure="Kept as typed"),
    )
    page = response.content.decode()
    assert response.status_code == 200 and "Enter the outcome sought" in page and "Kept as typed" in page


def test_an_agency_lead_may_not_record_outcomes(client_for, world, source):
    response = client_for(world.agency_lead).post(
        reverse("partnership:outcome-create", args=[source.pk]), outcome_form()
    )
    assert response.status_code == 403 and not IntendedOutcome.objects.exists()
    with pytest.raises(DomainError):
        services.outcome_save(outcome=IntendedOutcome(source=source, outcome="x", measure_kind="other"),
                              actor=world.agency_lead)  # fmt: skip


def test_deleting_asks_first_and_a_checked_outcome_stays(client_for, world, source):
    outcome = IntendedOutcomeFactory(source=source)
    client = client_for(world.business_unit)
    url = reverse("partnership:outcome-delete", args=[outcome.pk])
    confirm = client.get(url)
    assert confirm.status_code == 200 and "Delete this intended outcome?" in confirm.content.decode()
    assert IntendedOutcome.objects.filter(pk=outcome.pk).exists()
    client.post(url)
    assert not IntendedOutcome.objects.filter(pk=outcome.pk).exists()

    checked = IntendedOutcomeFactory(source=source)
    services.outcome_check_record(
        outcome=checked, result=OutcomeResult.SUSTAINED, evidence="Re-audit: 18 of 20.",
        checked_on=datetime.date.today(), actor=world.business_unit,
    )  # fmt: skip
    client.post(reverse("partnership:outcome-delete", args=[checked.pk]))
    assert IntendedOutcome.objects.filter(pk=checked.pk).exists()
    with pytest.raises(DomainError, match="stays on the record"):
        services.outcome_save(outcome=IntendedOutcome.objects.get(pk=checked.pk), actor=world.business_unit)


# --- closing the plan schedules the check ----------------------------------------------------


def _complete(action, actor, signer):
    """Report the action done and accept it at sign-off (by another: nobody signs off what they
    reported done): only then is it closed."""
    EvidenceFactory(action=action, added_by=actor)
    action_services.action_complete(action=action, impact="Audit shows the change.", actor=actor)
    return action_services.action_accept(action=action, actor=signer)


def test_closing_the_plan_schedules_each_check_at_its_date_or_the_measures_default(world, source, plan):
    first = ActionFactory(plan=plan)
    second = ActionFactory(plan=plan)
    dated = IntendedOutcomeFactory(source=source, check_on=datetime.date(2027, 3, 1))
    reaudit = IntendedOutcomeFactory(source=source, measure_kind=IntendedOutcome.Measure.REAUDIT)
    sample = IntendedOutcomeFactory(source=source, measure_kind=IntendedOutcome.Measure.FOLLOW_UP_SAMPLE)
    with time_machine.travel(CLOSED_ON, tick=False):
        _complete(first, world.business_unit, world.subgroup_chair)
        # One action is still open: nothing is scheduled.
        assert not IntendedOutcome.objects.filter(scheduled_on__isnull=False).exists()
        action_services.action_cancel(
            action=second, reason="Overtaken by the new protocol.", actor=world.business_unit
        )
    for outcome in (dated, reaudit, sample):
        outcome.refresh_from_db()
        assert outcome.scheduled_on == CLOSED_ON
    assert dated.check_on == datetime.date(2027, 3, 1)  # its own date is kept
    assert reaudit.check_on == datetime.date(2027, 12, 6)  # a year for a re-audit
    assert sample.check_on == datetime.date(2027, 6, 6)  # six months for a follow-up sample
    assert dated.check_state(datetime.date(2027, 3, 1)).value == "due"
    assert dated.check_state(datetime.date(2027, 2, 28)).value == "scheduled"
    assert dated.check_state(datetime.date(2027, 4, 1)).value == "overdue"


def test_an_outcome_added_after_the_plan_closed_is_scheduled_at_once(world, source, plan):
    ActionFactory(plan=plan, status=ActionStatus.CANCELLED, cancelled_reason="Not needed")
    with time_machine.travel(CLOSED_ON, tick=False):
        outcome = services.outcome_save(
            outcome=IntendedOutcome(source=source, outcome="Fewer repeat referrals", measure_kind="other"),
            actor=world.business_unit,
        )
    assert outcome.scheduled_on == CLOSED_ON and outcome.check_on == datetime.date(2027, 6, 6)


# --- recording the check ---------------------------------------------------------------------


def test_not_sustained_opens_a_recurring_finding_with_the_themes_of_what_it_answered(
    client_for, world, source
):
    neglect, curiosity, other = (
        ThemeFactory(name="Neglect (test)"),
        ThemeFactory(name="Curiosity (test)"),
        ThemeFactory(),
    )
    answered = FindingFactory(source=source, title="Referrals missed the child's lived experience")
    answered.themes.set([neglect, curiosity])
    FindingFactory(source=source, title="Unrelated").themes.set([other])
    outcome = IntendedOutcomeFactory(source=source)
    outcome.findings.set([answered])
    client = client_for(world.subgroup_chair)
    url = reverse("partnership:outcome-check", args=[outcome.pk])
    assert client.get(url).status_code == 200
    today = datetime.date.today()
    data = {"result": "not_sustained", "evidence": "Re-audit: 7 of 20 referrals name it.",
            "checked_on_day": today.day, "checked_on_month": today.month, "checked_on_year": today.year}  # fmt: skip
    response = client.post(url, data)
    assert response.status_code == 302
    outcome.refresh_from_db()
    assert outcome.result == OutcomeResult.NOT_SUSTAINED and outcome.checked_by == world.subgroup_chair
    recurring = Finding.objects.get(recurring=True)
    assert recurring.source == source and recurring.outcome == outcome
    assert recurring.kind == Finding.Kind.IMPROVEMENT
    assert set(recurring.themes.all()) == {neglect, curiosity}
    # Posted again (a double submit): refused, no second finding.
    again = client.post(url, data)
    assert again.status_code == 200 and "already recorded" in again.content.decode()
    assert Finding.objects.filter(recurring=True).count() == 1


def test_sustained_opens_no_finding_and_evidence_is_required(client_for, world, source):
    outcome = IntendedOutcomeFactory(source=source)
    client = client_for(world.business_unit)
    url = reverse("partnership:outcome-check", args=[outcome.pk])
    today = datetime.date.today()
    dated = {"checked_on_day": today.day, "checked_on_month": today.month, "checked_on_year": today.year}
    missing = client.post(url, {"result": "sustained", **dated})
    assert "Enter the evidence the result rests on" in missing.content.decode()
    client.post(url, {"result": "sustained", "evidence": "18 of 20.", **dated})
    outcome.refresh_from_db()
    assert outcome.result == OutcomeResult.SUSTAINED and not Finding.objects.filter(recurring=True).exists()


def test_the_suggestion_against_the_target():
    up = IntendedOutcome(target=80, baseline=60, higher_is_better=True)
    assert services.suggest_result(up, 85)[0] == OutcomeResult.SUSTAINED
    assert services.suggest_result(up, 80)[0] == OutcomeResult.SUSTAINED
    assert services.suggest_result(up, 70)[0] == OutcomeResult.PARTLY
    assert services.suggest_result(up, 55)[0] == OutcomeResult.NOT_SUSTAINED
    down = IntendedOutcome(target=20, baseline=None, higher_is_better=False)
    assert services.suggest_result(down, 18)[0] == OutcomeResult.SUSTAINED
    assert services.suggest_result(down, 25)[0] == OutcomeResult.NOT_SUSTAINED


# --- the list of checks ----------------------------------------------------------------------


def test_the_list_of_checks_filters_and_exports(client_for, world, source):
    today = datetime.date.today()
    due = IntendedOutcomeFactory(source=source, outcome="Due one", check_on=today, scheduled_on=today)
    IntendedOutcomeFactory(source=source, outcome="Later one", check_on=today + datetime.timedelta(days=40),
                           scheduled_on=today)  # fmt: skip
    IntendedOutcomeFactory(source=source, outcome="Overdue one", check_on=today - datetime.timedelta(days=60),
                           scheduled_on=today - datetime.timedelta(days=90))  # fmt: skip
    IntendedOutcomeFactory(source=source, outcome="Not scheduled", check_on=today)
    client = client_for(world.business_unit)
    url = reverse("partnership:outcome-check-list")
    page = client.get(url).content.decode()
    assert "Due one" in page and "Later one" in page and "Overdue one" in page
    assert "Not scheduled" not in page
    filtered = client.get(url, {"state": "due_or_overdue"}).content.decode()
    assert "Due one" in filtered and "Overdue one" in filtered and "Later one" not in filtered
    export = client.get(reverse("partnership:outcome-check-export"), {"state": "due"})
    rows = list(csv.reader(io.StringIO(export.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["Source", "Subgroup", "Outcome sought"]
    assert [r[2] for r in rows[1:]] == ["Due one"] and rows[1][5] == "Due"
    assert due.check_state(today).value == "due"
    assert client_for(world.subgroup_chair).get(url).status_code == 403
