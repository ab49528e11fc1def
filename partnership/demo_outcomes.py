"""Demo intended outcomes: impact by design on a few sources, and the "did it stick?" loop.

- The online safety youth forum's plan (still open) has two intended outcomes, checked once the
  plan closes.
- A youth forum on going missing, whose plan closed eight months ago: a follow-up sample of
  return home interviews (six months on) was checked and found *not sustained*, which opened a
  recurring finding on the forum (so "Missing from home, care or education" shows a lesson that
  came back in the theme matrix); the outcome measured on the return home interviews indicator
  (MIS02, when the dataset has it) is due to be checked now: its page reads the dataset's value
  and suggests the result, and `send_reminders` emails the business unit.

Runs at DEMO_LINKS, after the dashboards' demo made the dataset. Idempotent: the forum is made
whole or skipped, and an outcome is added only when its source has none with the same text.
"""

from datetime import timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from . import extensions
from .models import (
    Action,
    ActionPlan,
    ActionStatus,
    Consultation,
    Evidence,
    Finding,
    IntendedOutcome,
    MeasureKind,
    OutcomeResult,
    Recommendation,
    Subgroup,
    Theme,
    User,
)
from .services import outcomes as services

BUSINESS_UNIT_EMAIL = "business.unit@northbrook-scp.example"
ONLINE_FORUM = "Youth forum: feeling safe online"
MISSING_FORUM = "Youth forum: going missing and coming home"
RHI_INDICATOR = "MIS02"  # Return home interviews offered within 72 hours (the dashboards' demo)

ONLINE_OUTCOMES = [
    (
        "Practitioners ask children about their online lives at every assessment, and write down "
        "what children say.",
        MeasureKind.REAUDIT,
        "Re-audit of 20 single assessments against the online safety questions; 16 or more should record them.",
    ),
    (
        "Young people say they would tell a trusted adult about something that happened online.",
        MeasureKind.CONSULTATION,
        "Ask the youth forum the same question again: at least half should say they would tell.",
    ),
]


def _outcome(source, text: str, kind: str, measure: str, **fields) -> IntendedOutcome | None:
    if IntendedOutcome.objects.filter(source=source, outcome=text).exists():
        return None
    outcome = IntendedOutcome(source=source, outcome=text, measure_kind=kind, measure=measure, **fields)
    return services.outcome_save(outcome=outcome, actor=None)


def _missing_forum(actor, today):
    """The forum, its finding, recommendation and a plan whose two actions closed 8 months ago."""
    subgroup = Subgroup.objects.filter(name="Quality and Performance").first() or Subgroup.objects.first()
    held = today - timedelta(days=640)
    forum = Consultation(
        title=MISSING_FORUM,
        date=held,
        method="youth_forum",
        group="Northbrook Youth Forum: 11 young people, some of whom had been missing",
        topic="What happens when you come home after going missing",
        what_they_said="Nobody asked us why we went. The interview came days later, from someone we did not know.",
        what_changed="Return home interviews are offered within 72 hours by Young Voices, who young people know.",
        subgroup=subgroup,
    )
    forum.save()
    themes = list(
        Theme.objects.filter(name__in=["Missing from home, care or education", "Voice of the child"])
    )
    finding = Finding.objects.create(
        source=forum.learning_source,
        title="Return home interviews came too late, from people young people did not know",
    )
    finding.themes.set(themes)
    recommendation = Recommendation.objects.create(
        source=forum.learning_source,
        reference="1",
        text="Offer every young person a return home interview within 72 hours, by someone they know.",
        to_partnership=True,
    )
    recommendation.findings.set([finding])
    start = held + timedelta(days=30)
    plan = ActionPlan.objects.create(source=forum.learning_source, title=f"Action plan: {MISSING_FORUM}",
                                     subgroup=subgroup, start_date=start)  # fmt: skip
    closed_on = today - timedelta(days=240)
    for description in (
        "Commission Young Voices to offer return home interviews within 72 hours.",
        "Tell the police missing person coordinator to pass every return to Young Voices the same day.",
    ):
        action = Action.objects.create(
            plan=plan, recommendation=recommendation, description=description, owner_agency=None,
            lead_name="Missing children coordinator", start_date=start, due_date=closed_on,
            status=ActionStatus.COMPLETE, impact="In place: the first quarter's figures showed 93% offered in time.",
            closed_on=closed_on,
        )  # fmt: skip
        Evidence.objects.create(action=action, description="Report to the subgroup",
                                link="https://intranet.northbrook-scp.example/reports/rhi", added_by=actor)  # fmt: skip
    return forum, finding, plan, closed_on


def _missing_outcomes(forum, finding, plan, closed_on, actor, today) -> None:
    source = forum.learning_source
    indicators = extensions.outcome_indicators()
    has_indicator = indicators is not None and RHI_INDICATOR in dict(indicators.choices())
    due_text = "Young people who come home after going missing are offered an interview within 72 hours."
    if has_indicator:
        due = _outcome(
            source, due_text, MeasureKind.INDICATOR, "The quarterly figure from Young Voices.",
            indicator_code=RHI_INDICATOR, target=Decimal("90"), higher_is_better=True, baseline=Decimal("71.3"),
        )  # fmt: skip
    else:
        due = _outcome(source, due_text, MeasureKind.OTHER, "Young Voices' quarterly figures: 90% or more.")
    checked = _outcome(
        source,
        "Interviews are done by someone the young person knows, and what they say reaches their plan.",
        MeasureKind.FOLLOW_UP_SAMPLE,
        "A sample of 10 return home interviews, read against each young person's plan.",
    )
    for outcome in (checked, due):
        if outcome is not None:
            outcome.findings.set([finding])
    # The plan closed 240 days ago, which scheduled both checks (saving an outcome of a closed
    # plan schedules it today, so the demo dates them back): the sample's six months on, the
    # indicator's falls due now.
    for outcome, check_on in ((due, today - timedelta(days=3)), (checked, closed_on + timedelta(days=182))):
        if outcome is not None:
            IntendedOutcome.objects.filter(pk=outcome.pk).update(scheduled_on=closed_on, check_on=check_on)
    if checked is not None:
        checked.refresh_from_db()
        services.outcome_check_record(
            outcome=checked,
            result=OutcomeResult.NOT_SUSTAINED,
            evidence="In the sample of 10, 7 interviews were done by a duty worker the young person had not "
            "met, and 6 plans said nothing of what the young person told them: the change depended on one "
            "Young Voices post, which was not replaced.",
            checked_on=checked.check_on,
            actor=actor,
        )


@transaction.atomic
def seed_outcomes(stdout=None) -> None:
    """Add the demo intended outcomes that are missing (see the module docstring)."""
    actor = User.objects.filter(email=BUSINESS_UNIT_EMAIL).first()
    today = timezone.localdate()
    online = Consultation.objects.filter(title=ONLINE_FORUM).first()
    made = 0
    if online is not None:
        for text, kind, measure in ONLINE_OUTCOMES:
            made += _outcome(online.learning_source, text, kind, measure) is not None
    if actor is not None and not Consultation.objects.filter(title=MISSING_FORUM).exists():
        forum, finding, plan, closed_on = _missing_forum(actor, today)
        _missing_outcomes(forum, finding, plan, closed_on, actor, today)
        made += 2
    if stdout and made:
        stdout.write(f"Demo intended outcomes: {made} added.")
