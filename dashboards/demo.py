"""The demo performance dataset, for `seed_demo`: sixteen indicators typical of a
safeguarding partnership's multi-agency dataset, eight quarters of fictional but plausible
values with England and statistical-neighbour comparators, and one deep dive (into repeat
child protection plans) with its findings, recommendations and action plan.

Periods are relative to the day the demo is seeded: the eight quarters end with the last
complete one. Each indicator (by code), its values (when it has none) and the deep dive (by
title) are made whole or skipped, so a second run changes nothing. Writes go through the
dataset's services acting as the demo business unit; the learning chain's findings,
recommendations and plan are made directly, as the other apps' demos do.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from dateutil.relativedelta import relativedelta
from django.db import transaction
from django.utils import timezone

from partnership.models import (
    Action,
    ActionPlan,
    ActionStatus,
    Agency,
    Finding,
    Priority,
    Recommendation,
    Subgroup,
    Theme,
    User,
)
from partnership.services.actions import action_create

from . import periods
from .models import DeepDive, Indicator, IndicatorValue
from .services.dataset import deep_dive_save, indicator_save, indicator_value_save

BUSINESS_UNIT = "business.unit@northbrook-scp.example"
P, R, C = Indicator.Unit.PERCENTAGE, Indicator.Unit.RATE, Indicator.Unit.COUNT
Q, M, A = Indicator.Frequency.QUARTERLY, Indicator.Frequency.MONTHLY, Indicator.Frequency.ANNUAL

# code, title, unit, higher is better, target, frequency, source agency (short name), themes,
# values (oldest first), England, statistical neighbours (one figure each, or None).
INDICATORS = [
    ("CSC01", "Referrals to children's social care per 10,000 children", R, False, 500, Q, "NBC",
     ["Thresholds and escalation", "Early help"], [548, 541, 536, 529, 522, 518, 509, 503], 544.4, 563.0),
    ("CSC02", "Re-referrals to children's social care within 12 months", P, False, 20, Q, "NBC",
     ["Thresholds and escalation"], [23.1, 22.4, 21.8, 22.9, 21.5, 20.6, 19.8, 19.2], 22.4, 21.1),
    ("CSC03", "Children subject to a child protection plan per 10,000 children", R, False, None, Q, "NBC",
     ["Assessment and planning"], [44.2, 45.1, 46.3, 47.0, 46.2, 45.8, 44.9, 44.1], 41.6, 46.9),
    ("CSC04", "Child protection plans that are a second or subsequent plan", P, False, 20, Q, "NBC",
     ["Neglect", "Assessment and planning"], [24.3, 25.1, 23.8, 26.2, 27.4, 25.9, 26.8, 27.9], 23.8, 24.5),
    ("CSC05", "Children looked after per 10,000 children", R, False, None, Q, "NBC",
     ["Children looked after"], [71.2, 70.8, 70.1, 69.5, 69.9, 70.4, 70.2, 69.8], 70.0, 78.0),
    ("CSC06", "Child protection visits within timescale", P, True, 90, Q, "NBC",
     ["Voice of the child"], [86.4, 87.9, 88.5, 89.2, 90.1, 91.3, 90.6, 88.4], None, None),
    ("CSC07", "Strategy discussions held within one working day", P, True, 95, Q, "Police",
     ["Information sharing", "Multi-agency working"], [78.5, 80.2, 82.1, 84.6, 83.9, 85.2, 86.0, 84.7], None, None),
    ("CSC08", "Assessments completed within 45 working days", P, True, 85, Q, "NBC",
     ["Assessment and planning"], [81.2, 83.5, 85.9, 86.4, 84.1, 87.3, 88.0, 86.9], 82.9, 84.2),
    ("HLT01", "Initial health assessments for children looked after within 20 working days", P, True, 80, Q, "ICB",
     ["Children looked after"], [52.4, 55.1, 58.3, 61.0, 63.7, 62.2, 66.8, 69.5], None, None),
    ("HLT02", "Review health assessments for children looked after on time", P, True, 90, Q, "ICB",
     ["Children looked after"], [88.1, 87.4, 89.0, 89.6, 90.3, 91.0, 90.8, 91.2], 89.0, 88.5),
    ("EDU01", "Permanent exclusions from school per 10,000 pupils", R, False, 8, Q, None,
     ["Missing from home, care or education", "Contextual safeguarding"],
     [9.1, 9.4, 9.8, 10.2, 10.6, 10.3, 10.9, 11.2], 9.9, 10.4),
    ("EDU02", "Education, health and care plans issued within 20 weeks", P, True, 60, A, None,
     ["Children with disabilities"], [48.6, 52.3, 57.9], 46.4, 55.0),
    ("MIS01", "Missing episodes reported for children", C, False, 120, M, "Police",
     ["Missing from home, care or education", "Child criminal exploitation"], None, None, None),
    ("MIS02", "Return home interviews offered within 72 hours", P, True, 90, Q, "Young Voices",
     ["Missing from home, care or education", "Voice of the child"],
     [71.3, 74.8, 76.2, 79.5, 82.4, 84.0, 85.7, 87.1], None, None),
    ("POL01", "Operation Encompass notifications to schools by the next school day", P, True, 95, Q, "Police",
     ["Domestic abuse", "Information sharing"], [89.0, 91.2, 92.5, 94.1, 95.3, 96.0, 96.4, 97.1], None, None),
    ("EH01", "Early help assessments started per 10,000 children", R, True, 250, Q, "NBC",
     ["Early help"], [212, 218, 225, 231, 238, 244, 249, 256], None, 241.0),
]  # fmt: skip

# Missing episodes a month over two years: falling, with the summer and Christmas peaks.
MISSING_EPISODES = [142, 138, 151, 147, 139, 133, 129, 136, 131, 127, 134, 130,
                    128, 125, 137, 132, 126, 122, 119, 127, 121, 118, 126, 124]  # fmt: skip

DEEP_DIVE_TITLE = "Repeat child protection plans"


def _comparator(base, index: int, count: int):
    """A comparator that drifts a little over the periods (national figures move slowly)."""
    if base is None:
        return None
    drift = Decimal(str(base)) * Decimal("0.004") * (index - count + 1)
    return (Decimal(str(base)) + drift).quantize(Decimal("0.1"))


def _starts(frequency: str, count: int, today) -> list:
    """The starts of the last `count` complete periods, oldest first."""
    current = periods.period_start(today, frequency)
    step = relativedelta(months=periods.MONTHS_IN[frequency])
    return [current - step * (count - i) for i in range(count)]


@transaction.atomic
def seed(stdout=None) -> None:
    bu = User.objects.filter(email=BUSINESS_UNIT).first()
    if bu is None:
        return  # the core demo makes the people; without them there is nobody to act
    today = timezone.localdate()
    agencies = {a.short_name: a for a in Agency.objects.all()}
    themes = {t.name: t for t in Theme.objects.all()}
    added_indicators = added_values = 0
    for (
        code,
        title,
        unit,
        higher,
        target,
        frequency,
        agency,
        theme_names,
        values,
        national,
        neighbours,
    ) in INDICATORS:
        indicator = Indicator.objects.filter(code=code).first()
        if indicator is None:
            indicator = indicator_save(
                indicator=Indicator(
                    code=code, title=title, unit=unit, higher_is_better=higher,
                    target=None if target is None else Decimal(str(target)), frequency=frequency,
                    source_agency=agencies.get(agency) if agency else None,
                    description=f"{title}. Reported {frequency} to the Quality and Performance subgroup.",
                ),
                themes=[themes[n] for n in theme_names if n in themes], actor=bu,
            )  # fmt: skip
            added_indicators += 1
        if indicator.values.exists():
            continue
        figures = MISSING_EPISODES if code == "MIS01" else values
        for index, (start, figure) in enumerate(
            zip(_starts(frequency, len(figures), today), figures, strict=True)
        ):
            indicator_value_save(
                value=IndicatorValue(
                    indicator=indicator, period_start=start, value=Decimal(str(figure)),
                    national=_comparator(national, index, len(figures)),
                    statistical_neighbours=_comparator(neighbours, index, len(figures)),
                ),
                actor=bu,
            )  # fmt: skip
            added_values += 1
    made_deep_dive = _seed_deep_dive(bu, today, agencies, themes)
    measures = _seed_priority_measures(bu)
    from .report import demo as report_demo

    report_demo.seed_previous_year(stdout)
    report_demo.seed(bu, stdout)
    report_demo.seed_funding(bu, stdout)
    if stdout:
        if measures:
            stdout.write(f"Demo priorities' measures: added {measures}.")
        if added_indicators or added_values or made_deep_dive:
            stdout.write(
                f"Demo performance dataset: added {added_indicators} indicators, {added_values} values"
                + (" and a deep dive." if made_deep_dive else ".")
            )
        else:
            stdout.write("Demo performance dataset: already there.")


def _seed_deep_dive(bu, today, agencies, themes) -> bool:
    if DEEP_DIVE_TITLE in DeepDive.objects.values_list("title", flat=True):
        return False
    subgroup = Subgroup.objects.filter(name="Quality and Performance").first()
    deep_dive = deep_dive_save(
        deep_dive=DeepDive(
            title=DEEP_DIVE_TITLE, date=today - timedelta(days=45), subgroup=subgroup,
            scope="The 24 children who became subject to a second or subsequent child protection plan in the last "
            "reporting year: case records of children's social care, health visiting, schools and the police, "
            "and a workshop with the practitioners and managers involved.",
            findings_summary="Most repeat plans (17 of 24) were for neglect and followed a first plan that ended after "
            "less than a year. Plans ended when the home had improved for a few weeks rather than when change had "
            "been sustained, and step-down to early help often happened without a lead professional agreed. Fathers "
            "and male carers were rarely part of the assessment. Where the graded care profile was used, "
            "practitioners recognised deterioration sooner.",
        ),
        indicators=list(Indicator.objects.filter(code__in=["CSC04", "CSC02"])),
        themes=[themes[n] for n in ("Neglect", "Think family", "Assessment and planning") if n in themes],
        actor=bu,
    )  # fmt: skip
    source = deep_dive.learning_source
    findings = {}
    for kind, title, names in [
        ("improvement", "Child protection plans for neglect ended before change was sustained", ["Neglect"]),
        ("improvement", "Step-down to early help without an agreed lead professional", ["Early help"]),
        ("improvement", "Fathers and male carers were rarely assessed", ["Think family"]),
        ("strength", "The graded care profile helped practitioners see deterioration early", ["Neglect"]),
    ]:
        finding = Finding.objects.create(source=source, kind=kind, title=title)
        finding.themes.set([themes[n] for n in names if n in themes])
        findings[title] = finding
    recommendations = {}
    for reference, text, agency_names in [
        ("R1", "End a child protection plan for neglect only when change has been sustained for at least three "
         "months, evidenced by a repeat graded care profile.", ["NBC"]),
        ("R2", "Agree a named lead professional before every step-down from a child protection plan to early help.",
         ["NBC", "ICB"]),
        ("R3", "Include fathers and male carers in every assessment, and audit it.", []),
    ]:  # fmt: skip
        recommendation = Recommendation.objects.create(
            source=source, reference=reference, text=text, to_partnership=not agency_names
        )
        recommendation.agencies.set([agencies[a] for a in agency_names if a in agencies])
        recommendations[reference] = recommendation
    plan = ActionPlan.objects.create(
        source=source, title="Repeat child protection plans: action plan", subgroup=subgroup,
        start_date=today - timedelta(days=30),
    )  # fmt: skip
    for reference, text, owner, lead, due_in, status in [
        ("R1", "Update the child protection procedures: a repeat graded care profile before a neglect plan ends.",
         "NBC", "Head of Safeguarding and Quality Assurance", 60, ActionStatus.ON_TRACK),
        ("R2", "Add the named lead professional to the step-down template and the core group's last minutes.",
         "NBC", "Early Help Service Manager", 90, ActionStatus.NOT_STARTED),
        ("R2", "Health visitors and school nurses confirm the lead professional at step-down.", "ICB",
         "Designated Nurse for Safeguarding", 120, ActionStatus.NOT_STARTED),
        ("R3", "Re-audit 20 assessments for the involvement of fathers and male carers.", "NBC",
         "Quality Assurance Officer", 150, ActionStatus.NOT_STARTED),
    ]:  # fmt: skip
        action = action_create(
            action=Action(
                plan=plan, recommendation=recommendations[reference], description=text,
                owner_agency=agencies.get(owner), lead_name=lead, start_date=plan.start_date,
                due_date=today + timedelta(days=due_in),
            ),
            actor=bu,
        )  # fmt: skip
        if status != ActionStatus.NOT_STARTED:
            action.status = status
            action.save()
    return True


# The demo year's priorities' measures: (priority title, how we will know, indicator code,
# target or None for the indicator's own, months from the start of the year it is due by).
PRIORITY_MEASURES = [
    ("Neglect and cumulative harm", "Fewer children need a second child protection plan", "CSC04", "18", 12),
    ("Neglect and cumulative harm", "Child protection visits happen on time", "CSC06", None, 12),
    ("Exploitation and harm outside the home", "Every missing episode is followed by a return home interview",
     "MIS02", None, 9),
    ("Exploitation and harm outside the home", "Strategy discussions are held within a working day", "CSC07", None, 12),
    ("Safeguarding babies", "Initial health assessments are on time for children looked after", "HLT01", None, 12),
    ("Hearing the voice of the child", "Assessments are completed on time, with the child seen", "CSC08", "80", 12),
    ("Hearing the voice of the child", "Children say they were listened to at their conference", None, None, 12),
]  # fmt: skip


def _seed_priority_measures(bu) -> int:
    """Measures for the demo year's priorities, and their indicators linked to them: made for a
    priority with no measure yet, so a second run adds nothing."""
    from partnership.demo_priorities import demo_year

    from .models import PriorityMeasure
    from .services.priorities import priority_measure_save

    year = demo_year()
    if year is None:
        return 0
    priorities = {p.title: p for p in Priority.objects.filter(year=year)}
    already = set(PriorityMeasure.objects.filter(priority__year=year).values_list("priority_id", flat=True))
    made = 0
    for title, description, code, target, months in PRIORITY_MEASURES:
        priority = priorities.get(title)
        if priority is None or priority.pk in already:
            continue
        indicator = Indicator.objects.filter(code=code).first() if code else None
        priority_measure_save(
            measure=PriorityMeasure(
                priority=priority, description=description, indicator=indicator,
                target=Decimal(target) if target and indicator else None,
                target_date=date(year, 4, 1) + relativedelta(months=months) - timedelta(days=1)
                if indicator else None,
            ),
            actor=bu,
        )  # fmt: skip
        if indicator is not None and not indicator.priorities.filter(pk=priority.pk).exists():
            indicator.priorities.add(priority)
        made += 1
    return made
