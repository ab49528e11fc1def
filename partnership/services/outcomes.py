"""Writes to intended outcomes: record, change, delete; schedule their checks when the action
plan closes; record the check's result (partnership/models/outcomes.py).

The rules: an outcome measured on an indicator names the indicator and a target; an outcome
whose check is recorded stays on the record as it was (it is neither changed nor deleted); the
check is recorded once, with its evidence; a "not sustained" result opens a recurring finding
on the source with the themes of the findings the outcome answers. When a check falls due,
the daily reminder job (`send_outcome_check_reminders`, in `send_reminders`) emails the business
unit and the source's lead, once.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from .. import extensions, permissions
from ..emails import build_email
from ..home import uk_date
from ..models import (
    NOT_CLOSED_STATUSES,
    ActionPlan,
    CheckState,
    Finding,
    IntendedOutcome,
    MeasureKind,
    OutcomeResult,
    Theme,
)
from ..models.outcomes import DEFAULT_CHECK_MONTHS, number
from .chasers import add_months
from .guards import require, require_actor
from .history import delete_tracked, save_tracked
from .reminders import Outbox, Sent, claim_for

EDIT_OUTCOMES = "Only the business unit or the subgroup's chair can change this source's intended outcomes."
RECORDED = "This outcome's check is recorded: it stays on the record as it was."


def _check_indicator(outcome: IntendedOutcome) -> None:
    if outcome.measure_kind != MeasureKind.INDICATOR:
        outcome.indicator_code, outcome.indicator_label, outcome.target, outcome.baseline = "", "", None, None
        outcome.higher_is_better = True
        return
    require(bool(outcome.indicator_code), "Choose the indicator that will show it", field="indicator_code")
    require(outcome.target is not None, "Enter the target the indicator should reach", field="target")
    indicators = extensions.outcome_indicators()
    labels = dict(indicators.choices()) if indicators else {}
    if outcome.indicator_code in labels:
        outcome.indicator_label = labels[outcome.indicator_code]
    else:
        # An indicator retired since the outcome was set keeps its label; a new one must exist.
        require(
            bool(outcome.pk) and bool(outcome.indicator_label),
            "Choose one of the dataset's indicators",
            field="indicator_code",
        )


@transaction.atomic
def outcome_save(*, outcome: IntendedOutcome, findings=None, actor) -> IntendedOutcome:
    """Record or change an intended outcome of a source: what should change, how it will be
    measured (an indicator with its target and direction, a re-audit, a follow-up sample, a
    consultation) and when. A recorded check is final."""
    require_actor(actor, permissions.can_edit_outcomes, EDIT_OUTCOMES, outcome.source)
    if outcome.pk:
        require(not IntendedOutcome.objects.get(pk=outcome.pk).result, RECORDED)
    outcome.outcome = outcome.outcome.strip()
    require(bool(outcome.outcome), "Enter the outcome sought", field="outcome")
    _check_indicator(outcome)
    if findings is not None:
        findings = list(findings)
        require(
            all(f.source_id == outcome.source_id for f in findings),
            "An outcome can only answer findings of its own source.",
            field="findings",
        )
    save_tracked(outcome, actor=actor)
    if findings is not None:
        outcome.findings.set(findings)
    _schedule_if_closed(outcome)
    return outcome


@transaction.atomic
def outcome_delete(*, outcome: IntendedOutcome, actor) -> None:
    """Delete an intended outcome that has not been checked."""
    require_actor(actor, permissions.can_edit_outcomes, EDIT_OUTCOMES, outcome.source)
    outcome = IntendedOutcome.objects.select_for_update().get(pk=outcome.pk)
    require(not outcome.result, RECORDED)
    delete_tracked(outcome, actor=actor, reason="Deleted")


# --- scheduling the check when the plan closes ------------------------------------------------


def default_check_on(measure_kind: str, closed_on: date) -> date:
    """The check date of an outcome that has none: DEFAULT_CHECK_MONTHS after the plan closed
    (six months for an indicator, a follow-up sample or another way; a year for a re-audit or
    a consultation)."""
    return add_months(closed_on, DEFAULT_CHECK_MONTHS[MeasureKind(measure_kind)])


def plan_is_closed(plan: ActionPlan) -> bool:
    """A plan is closed when it has actions and none of them is open or awaiting sign-off."""
    actions = plan.actions.all()
    return actions.exists() and not actions.filter(status__in=NOT_CLOSED_STATUSES).exists()


def outcomes_schedule_after_close(plan: ActionPlan, *, today: date | None = None) -> list[IntendedOutcome]:
    """Closing a plan (its last open action completed or cancelled) schedules the "did it
    stick?" check of each of its source's outcomes not yet scheduled or checked: one with no
    check date gets `default_check_on`. The one place this happens: call it after an action
    closes. Nothing happens while any action is open. Returns the outcomes scheduled."""
    if not plan_is_closed(plan):
        return []
    today = today or timezone.localdate()
    scheduled = []
    for outcome in IntendedOutcome.objects.select_for_update().filter(
        source_id=plan.source_id, scheduled_on__isnull=True, result=""
    ):
        if outcome.check_on is None:
            outcome.check_on = default_check_on(outcome.measure_kind, today)
        outcome.scheduled_on = today
        outcome._change_reason = "Check scheduled: the action plan closed"
        outcome.save(update_fields=["check_on", "scheduled_on", "updated_at"])
        scheduled.append(outcome)
    return scheduled


def _schedule_if_closed(outcome: IntendedOutcome) -> None:
    """An outcome added after its plan closed is scheduled at once."""
    plan = ActionPlan.objects.filter(source_id=outcome.source_id).first()
    if plan is not None and outcome.scheduled_on is None:
        outcomes_schedule_after_close(plan)
        outcome.refresh_from_db()


# --- the check -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Suggestion:
    """What the dataset says at the check date, and the result it suggests."""

    reading: extensions.IndicatorReading
    result: str
    reason: str

    @property
    def result_label(self) -> str:
        return OutcomeResult(self.result).label


def suggest_result(outcome: IntendedOutcome, value: Decimal) -> tuple[str, str]:
    """(result, why) for an indicator's value against the outcome's target: at or beyond the
    target, sustained; short of it but better than the value when set (the baseline), partly;
    otherwise not sustained."""
    target, baseline = outcome.target, outcome.baseline
    better = (lambda a, b: a >= b) if outcome.higher_is_better else (lambda a, b: a <= b)
    if better(value, target):
        return OutcomeResult.SUSTAINED, f"{number(value)} meets the target of {number(target)}."
    if baseline is not None and better(value, baseline) and value != baseline:
        return (
            OutcomeResult.PARTLY,
            f"{number(value)} is short of the target of {number(target)}, "
            f"but better than {number(baseline)} when the outcome was set.",
        )
    return OutcomeResult.NOT_SUSTAINED, f"{number(value)} is short of the target of {number(target)}."


def outcome_suggestion(outcome: IntendedOutcome, on: date) -> Suggestion | None:
    """For an indicator measure, the dataset's value at `on` and the result it suggests."""
    indicators = extensions.outcome_indicators()
    if not outcome.is_indicator or indicators is None or outcome.target is None:
        return None
    reading = indicators.reading(outcome.indicator_code, on)
    if reading is None:
        return None
    result, reason = suggest_result(outcome, reading.value)
    return Suggestion(reading=reading, result=result, reason=reason)


def _recurring_themes(outcome: IntendedOutcome):
    """The themes of the findings the outcome answers, or (when it names none) of the source's
    areas for improvement: what the lesson was about."""
    findings = outcome.findings.all()
    if not findings.exists():
        findings = Finding.objects.filter(
            source_id=outcome.source_id, kind=Finding.Kind.IMPROVEMENT, recurring=False
        )
    return Theme.objects.filter(findings__in=findings).distinct()


@transaction.atomic
def outcome_check_record(
    *, outcome: IntendedOutcome, result: str, evidence: str, checked_on: date, actor, value=None
) -> IntendedOutcome:
    """Record whether an outcome stuck, once, with the evidence (and, for an indicator, the
    value read). "Not sustained" opens a new area for improvement on the source, marked
    recurring and linked to the outcome, with the themes of what it answered."""
    outcome = IntendedOutcome.objects.select_for_update().select_related("source").get(pk=outcome.pk)
    require_actor(actor, permissions.can_edit_outcomes, EDIT_OUTCOMES, outcome.source)
    require(not outcome.result, f"This check is already recorded: {outcome.get_result_display().lower()}.")
    require(result in OutcomeResult.values, "Choose whether the change was sustained", field="result")
    require(bool(evidence.strip()), "Enter the evidence the result rests on", field="evidence")
    require(checked_on <= timezone.localdate(), "The check cannot be dated in the future", field="checked_on")
    if outcome.is_indicator:
        require(value is not None, "Enter the indicator's value at the check", field="value")
    outcome.result = result
    outcome.evidence = evidence.strip()
    outcome.checked_on = checked_on
    outcome.checked_by = actor
    outcome.result_value = value if outcome.is_indicator else None
    save_tracked(outcome, actor=actor, reason=f"Checked: {OutcomeResult(result).label.lower()}")
    if result == OutcomeResult.NOT_SUSTAINED:
        finding = Finding(
            source=outcome.source,
            kind=Finding.Kind.IMPROVEMENT,
            title=f"Not sustained: {outcome.outcome}"[:255],
            detail=outcome.evidence,
            recurring=True,
            outcome=outcome,
        )
        save_tracked(finding, actor=actor, reason="Opened: an intended outcome was not sustained")
        finding.themes.set(_recurring_themes(outcome))
    return outcome


# --- the reminder job: checks due -------------------------------------------------------------

CHECK_DUE_JOB = "outcome-check-due"


def _check_recipients(outcome: IntendedOutcome) -> list[str]:
    """The business unit's mailbox, who runs the checks, and the source's lead (a review's lead)."""
    emails = {settings.BUSINESS_UNIT_EMAIL}
    concrete = outcome.source.concrete
    lead = concrete.source_lead() if concrete is not None else None
    if lead is not None and lead.email:
        emails.add(lead.email)
    return sorted(emails)


def due_checks(today: date):
    """The scheduled checks whose date has come and whose result is not recorded."""
    return (
        IntendedOutcome.objects.filter(result="", scheduled_on__isnull=False, check_on__lte=today)
        .select_related("source", "source__subgroup")
        .order_by("check_on", "pk")
    )


def send_outcome_check_reminders(*, today: date, dry_run: bool = False) -> list[Sent]:
    """When an outcome's check falls due (its plan closed and its check date has come), the
    business unit and the source's lead are each emailed once: what the outcome was, how it is
    measured, the date, and the link to record the result. Sweeps every due check not yet
    emailed (a missed run catches up); the reminder is keyed on the check date, so a check moved
    to a new date is reminded again on that date. Safe to run twice, or twice at once."""
    outbox = Outbox("Outcome check reminders", dry_run=dry_run)
    for outcome in due_checks(today):
        for recipient in _check_recipients(outcome):
            claimed, items = claim_for(
                CHECK_DUE_JOB, [(outcome, outcome.check_on)], recipient, dry_run=dry_run
            )
            if not items:
                continue
            message = build_email(
                to=[recipient],
                template_prefix="partnership/outcome_check_due",
                context={
                    "outcome": outcome,
                    "source": outcome.source,
                    "overdue": outcome.check_state(today) == CheckState.OVERDUE,
                    "url": settings.SITE_URL + reverse("partnership:outcome-check", args=[outcome.pk]),
                },
            )
            summary = f"{outcome.source.title}: check due {uk_date(outcome.check_on)}"
            outbox.send(CHECK_DUE_JOB, claimed, message, summary)
    return outbox.finish()
