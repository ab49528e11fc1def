"""The demo's previous reporting year, completed for the annual report's deeper sections: the
year's priorities assessed at its end and measured against the dataset, the learning review's
recommendations answered by actions (one done, one still open), "did it stick?" checks
recorded during the year on the audit, the inspection and the learning review, and the year's
actions linked to the priorities their words name.

Runs last (stage DEMO_LAST), after the priorities, the dataset and the previous year's sources
exist. Idempotent: a priority that has an assessment or a measure keeps them, the review's plan
is made once (found by its source), and an outcome is added only to a source with none.
Writes go through the services, acting as the demo business unit.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from ... import periods

BUSINESS_UNIT = "business.unit@northbrook-scp.example"

# Priority title -> (rating, evidence): the judgement recorded at the end of the previous year.
ASSESSMENTS = {
    "Hearing the voice of the child": (
        "on_track",
        "Assessments with the child seen rose above the target, and every consultation this year says what "
        "changed as a result.",
    ),
    "Neglect and cumulative harm": (
        "some_progress",
        "The graded care profile is agreed and used by children's social care, but rarely by other agencies; "
        "second child protection plans stayed above the target.",
    ),
    "Exploitation and harm outside the home": (
        "little_progress",
        "Return home interviews were still late in one episode in five, and the exploitation screening tool "
        "was not agreed by the year's end. The executive has asked for a plan by June.",
    ),
}

# Priority title -> measures (description, indicator code, target).
MEASURES = {
    "Hearing the voice of the child": [
        ("Assessments are completed on time, with the child seen", "CSC08", "80")
    ],
    "Neglect and cumulative harm": [("Fewer children need a second child protection plan", "CSC04", "20")],
    "Exploitation and harm outside the home": [
        ("Every missing episode is followed by a return home interview", "MIS02", "90"),
        ("Young people at risk of exploitation are screened with one tool across agencies", None, None),
    ],
}

LEARNING_REVIEW = "DEMO-LLR-00"
REVIEW_PLAN = "Learning review DEMO-LLR-00: action plan"
# (recommendation reference, action, owner agency, days before the year's end it was due, its
# impact when complete, or "" while open).
REVIEW_ACTIONS = [
    ("1", "Send every domestic abuse call-out involving a pregnant woman to the maternity safeguarding inbox.",
     "Police", 40, "Maternity services now hear of 46 of 48 call-outs within a day, against none before."),
    ("2", "Add the unborn or newborn baby to the domestic abuse assessment template.", "NBC", -60, ""),
]  # fmt: skip

# (source title or reference, outcome, result, evidence, days before the year's end it was checked).
# None is "not sustained": the demo's one lesson that came back is the current year's
# (partnership/demo_outcomes.py), and a result recorded here would open a finding after the
# priorities' links are made.
OUTCOMES = [
    ("Multi-agency audit: domestic abuse and the unborn baby",
     "Maternity services know of domestic abuse in pregnancy before the booking appointment.", "sustained",
     "A follow-up sample of 15 cases found maternity services knew in 14.", 15),
    ("Joint targeted area inspection: children at risk of criminal exploitation",
     "Exploitation meetings use what young people say in return home interviews.", "partly",
     "Return home interview themes were discussed at 7 of 12 meetings sampled.", 10),
    (LEARNING_REVIEW,
     "Every assessment after domestic abuse in pregnancy considers the unborn baby.", "sustained",
     "A sample of 10 assessments found the unborn baby considered in 9.", 5),
]  # fmt: skip


def seed(stdout=None) -> None:
    from partnership.models import User

    bu = User.objects.filter(email=BUSINESS_UNIT).first()
    if bu is None:
        return
    today = timezone.localdate()
    year = periods.reporting_year(today) - 1
    year_end = periods.year_start(year + 1) - datetime.timedelta(days=1)
    with transaction.atomic():
        made = [
            _assessments(year, year_end, today, bu),
            _measures(year, bu),
            _review_actions(year_end, bu),
            _outcomes(year_end, bu),
            _link_actions(year, bu),
        ]
    if stdout and any(made):
        stdout.write(
            f"Demo annual report, previous year's impact: {made[0]} assessments, {made[1]} measures, "
            f"{made[2]} review actions, {made[3]} outcome checks, {made[4]} actions linked to its priorities."
        )


def _assessments(year: int, year_end: datetime.date, today: datetime.date, bu) -> int:
    from partnership.models import Priority, PriorityAssessment
    from partnership.services.priorities import priority_assess

    made = 0
    for title, (rating, evidence) in ASSESSMENTS.items():
        priority = Priority.objects.filter(year=year, title=title).first()
        if priority is None or PriorityAssessment.objects.filter(priority=priority).exists():
            continue
        # Judged at the end-of-year review, a fortnight after the year's end (or today, if sooner).
        on = min(year_end + datetime.timedelta(days=14), today)
        priority_assess(priority=priority, rating=rating, evidence=evidence, on=on, actor=bu)
        made += 1
    return made


def _measures(year: int, bu) -> int:
    from partnership.models import Priority

    from ...models import Indicator, PriorityMeasure
    from ...services.priorities import priority_measure_save

    made = 0
    for priority in Priority.objects.filter(year=year).order_by("title"):
        if priority.title not in MEASURES or PriorityMeasure.objects.filter(priority=priority).exists():
            continue
        for description, code, target in MEASURES[priority.title]:
            indicator = Indicator.objects.filter(code=code).first() if code else None
            priority_measure_save(
                measure=PriorityMeasure(
                    priority=priority,
                    description=description,
                    indicator=indicator,
                    target=Decimal(target) if target and indicator else None,
                    target_date=periods.year_start(year + 1) - datetime.timedelta(days=1)
                    if indicator
                    else None,
                ),
                actor=bu,
            )
            made += 1
    return made


def _review_actions(year_end: datetime.date, bu) -> int:
    from partnership.models import Action, ActionPlan, ActionStatus, Agency, Recommendation
    from partnership.services.actions import action_create
    from reviews.models import Review

    review = Review.objects.filter(reference=LEARNING_REVIEW).first()
    if review is None or ActionPlan.objects.filter(source=review.learning_source).exists():
        return 0
    source = review.learning_source
    start = year_end - datetime.timedelta(days=85)
    plan = ActionPlan.objects.create(
        source=source, title=REVIEW_PLAN, subgroup=review.subgroup, start_date=start
    )
    for reference, text, owner, days_before, impact in REVIEW_ACTIONS:
        action = action_create(
            action=Action(
                plan=plan,
                recommendation=Recommendation.objects.get(source=source, reference=reference),
                description=text,
                owner_agency=Agency.objects.filter(short_name=owner).first(),
                lead_user=bu,
                start_date=start,
                due_date=year_end - datetime.timedelta(days=days_before),
            ),
            actor=bu,
        )
        if impact:
            # Reported done and accepted at sign-off, as the demo's other finished plans are.
            action.status = ActionStatus.COMPLETE
            action.impact = impact
            action.closed_on = action.due_date
            action.save()
    return len(REVIEW_ACTIONS)


def _outcomes(year_end: datetime.date, bu) -> int:
    from partnership.models import IntendedOutcome, LearningSource
    from partnership.services.outcomes import outcome_check_record, outcome_save
    from reviews.models import Review

    made = 0
    for name, text, result, evidence, days_before in OUTCOMES:
        review = Review.objects.filter(reference=name).first()
        source = review.learning_source if review else LearningSource.objects.filter(title=name).first()
        if source is None or IntendedOutcome.objects.filter(source=source).exists():
            continue
        checked_on = year_end - datetime.timedelta(days=days_before)
        outcome = outcome_save(
            outcome=IntendedOutcome(
                source=source, outcome=text, measure_kind="follow_up_sample", check_on=checked_on
            ),
            actor=bu,
        )
        outcome_check_record(
            outcome=outcome, result=result, evidence=evidence, checked_on=checked_on, actor=bu
        )
        made += 1
    return made


def _link_actions(year: int, bu) -> int:
    """Link the actions of the year's plans to the year's priorities their words name (an action
    with a priority already keeps it), so each priority's linked actions are counted."""
    from partnership.demo_priorities import link_once
    from partnership.models import Action

    linked = 0
    start, end = periods.year_start(year), periods.year_start(year + 1)
    for action in Action.objects.filter(plan__start_date__gte=start, plan__start_date__lt=end).select_related(
        "plan__source"
    ):
        linked += link_once(action, f"{action.description} {action.plan.source.title}", year, bu)
    return linked
