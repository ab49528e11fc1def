"""The annual report's deeper sections, each against hand counts on a small data set for 2025/26
(April 2025 to March 2026), produced on 30 November 2026: progress against the year's priorities,
what changed, every review's recommendations with the response and status now, the audits' key
findings, re-audits and deep dives, training coverage by agency and level, families' voice, and
next year's measures. A confidential review's text never reaches any of them."""

import datetime
from decimal import Decimal

import pytest
import time_machine

from audits.models import AgencyAuditFinding, AuditParticipant, LineOfEnquiry, MultiAgencyAudit
from dashboards.models import PriorityMeasure
from dashboards.report.figures import core, impact, measures, priorities, report_sections, sources
from dashboards.report.figures.base import Year
from partnership.models import IntendedOutcome, PriorityAssessment
from tests.dashboards.factories import DeepDiveFactory, IndicatorFactory, IndicatorValueFactory
from tests.factories import (
    ActionFactory,
    ActionPlanFactory,
    ConsultationFactory,
    ExternalReviewFactory,
    PriorityFactory,
    RecommendationFactory,
    ReviewFactory,
)
from tests.training.factories import CoverageReturnFactory

pytestmark = pytest.mark.django_db
D = datetime.date
TODAY = "2026-11-30 12:00:00+00:00"
CHILD = "Child Q"  # a confidential review's title, and in its actions and outcomes: never printed
SECRET = "Unpublished recommendation words"


def table(section, starts: str):
    found = [t for t in section.tables if t.caption.startswith(starts)]
    assert found, f"no table {starts!r} in {[t.caption for t in section.tables]}"
    return found[0]


def printed(section) -> str:
    return " ".join(
        [f"{label} {value}" for label, value in section.facts]
        + section.notes
        + [t.caption for t in section.tables]
        + [str(cell) for t in section.tables for row in t.rows for cell in row]
    )


def year(world) -> Year:
    return Year.of(2025, world.business_unit)


# --- progress against the year's priorities ---------------------------------------------------


def build_priorities(world):
    bu = world.business_unit
    neglect = PriorityFactory(year=2025, title="Tackling neglect together")
    sleep = PriorityFactory(year=2025, title="Safer sleep for every baby")
    PriorityFactory(year=2025, title="Young carers are heard")
    # Neglect: on track in October, little progress at the end-of-year review; a later judgement
    # (after the report's date) is not the one printed.
    for day, rating, evidence in (
        (D(2025, 10, 1), "on_track", "Early signs were good."),
        (D(2026, 4, 20), "little_progress", "Second plans rose to 27.9%."),
        (D(2027, 1, 5), "on_track", "Not yet written."),
    ):
        PriorityAssessment.objects.create(
            priority=neglect, date=day, rating=rating, evidence=evidence, assessed_by=bu
        )
    PriorityAssessment.objects.create(priority=sleep, date=D(2026, 4, 20), rating="on_track",
                                      evidence="Every new family heard the safer sleep message.", assessed_by=bu)  # fmt: skip
    plans = IndicatorFactory(code="CSC04", title="Second plans", unit="percentage", higher_is_better=False,
                             target=Decimal("20"), frequency="quarterly")  # fmt: skip
    IndicatorValueFactory(indicator=plans, period_start=D(2025, 10, 1), value=Decimal("27.9"))
    IndicatorValueFactory(indicator=plans, period_start=D(2026, 4, 1), value=Decimal("15"))  # next year's
    visits = IndicatorFactory(code="HV01", title="Safer sleep talks", unit="percentage", higher_is_better=True,
                              target=Decimal("90"), frequency="quarterly")  # fmt: skip
    IndicatorValueFactory(indicator=visits, period_start=D(2025, 7, 1), value=Decimal("95"))
    PriorityMeasure.objects.create(priority=neglect, description="Fewer second plans", indicator=plans)
    PriorityMeasure.objects.create(priority=sleep, description="Safer sleep talked about", indicator=visits,
                                   target_date=D(2026, 3, 31))  # fmt: skip
    # Two actions serve the neglect priority: one complete, one open; a cancelled one is not counted.
    plan = ActionPlanFactory(subgroup=world.subgroup, start_date=D(2025, 5, 1))
    for status, extra in (
        ("complete", {"impact": "Done.", "closed_on": D(2025, 9, 1)}),
        ("on_track", {}),
        ("cancelled", {"cancelled_reason": "Merged with another."}),
    ):
        ActionFactory(plan=plan, start_date=D(2025, 5, 1), due_date=D(2026, 2, 1), status=status,
                      **extra).priorities.set([neglect])  # fmt: skip


@time_machine.travel(TODAY, tick=False)
def test_progress_names_each_priority_with_its_rating_evidence_measures_and_says_where_there_was_little(
    world,
):
    build_priorities(world)
    section = priorities.priority_progress(year(world))
    facts = dict(section.facts)
    # 3 priorities: on track 1 (safer sleep), little 1 (neglect), not assessed 1 (young carers).
    assert facts["Priorities for the year"] == "3"
    assert (facts["On track"], facts["Some progress"], facts["Little or no progress"]) == ("1", "0", "1")
    assert facts["Not yet assessed"] == "1"
    # Two measures with an indicator: safer sleep's 95 meets 90; neglect's 27.9 misses 20 (lower is better).
    assert facts["Measures meeting their target, of those with a value"] == "1 of 2"
    assert table(section, "Progress against each priority, 2025/26").rows == [
        ["Safer sleep for every baby", "On track", "20 April 2026", "Every new family heard the safer sleep message.",
         "None linked"],
        ["Tackling neglect together", "Little or no progress", "20 April 2026", "Second plans rose to 27.9%.",
         "1 of 2 complete"],
        ["Young carers are heard", "Not assessed", "", "", "None linked"],
    ]  # fmt: skip
    assert table(section, "How we measure each priority").rows == [
        ["Safer sleep for every baby", "Safer sleep talked about (HV01)", "95% (Q2 2025/26)", "90% by 31 March 2026",
         "Meets the target"],
        ["Tackling neglect together", "Fewer second plans (CSC04)", "27.9% (Q3 2025/26)", "20%",
         "Does not meet the target"],
    ]  # fmt: skip
    assert section.notes == [
        "Of our 3 priorities for 2025/26, 1 was on track, 0 made some progress and 1 made little or no "
        "progress; 1 was not assessed.",
        "We made little or no progress on “Tackling neglect together” in 2025/26. Second plans rose to 27.9%.",
        "Progress on “Young carers are heard” was not assessed in 2025/26.",
    ]


@time_machine.travel(TODAY, tick=False)
def test_next_years_priorities_come_with_their_measures(world):
    following = PriorityFactory(year=2026, title="Hearing the very young child")
    indicator = IndicatorFactory(code="HV02", unit="percentage", target=Decimal("80"))
    PriorityMeasure.objects.create(priority=following, description="Babies seen at home", indicator=indicator,
                                   target=Decimal("90"), target_date=D(2027, 3, 31))  # fmt: skip
    PriorityMeasure.objects.create(priority=following, description="Parents say they were heard")
    section = priorities.next_priorities(year(world))
    assert table(section, "Priorities agreed for 2026/27").rows[0][0] == "Hearing the very young child"
    assert table(section, "How we will measure the priorities for 2026/27").rows == [
        ["Hearing the very young child", "Babies seen at home (HV02)", "90% by 31 March 2027"],
        ["Hearing the very young child", "Parents say they were heard", "No target"],
    ]


# --- what changed ------------------------------------------------------------------------------


def build_changes(world):
    sub = world.subgroup
    consultation = ConsultationFactory(date=D(2025, 7, 10), subgroup=sub, title="Youth forum: online safety")
    plan = ActionPlanFactory(source=consultation.learning_source, subgroup=sub, start_date=D(2025, 7, 20))
    ActionFactory(plan=plan, start_date=D(2025, 7, 20), due_date=D(2025, 12, 1), status="complete",
                  description="Add apps to the level 2 course", owner_agency=world.agency,
                  impact="Practitioners ask about apps.", closed_on=D(2025, 12, 1))  # fmt: skip
    ActionFactory(plan=plan, start_date=D(2025, 7, 20), due_date=D(2026, 5, 1), status="complete",
                  impact="Next year's change.", closed_on=D(2026, 5, 1))  # closed after the year  # fmt: skip
    ActionFactory(plan=plan, start_date=D(2025, 7, 20), due_date=D(2026, 1, 1), status="cancelled",
                  cancelled_reason="No longer needed.")  # fmt: skip
    lcspr = ReviewFactory(kind="lcspr", stage="publication", subgroup=sub, opened_on=D(2025, 7, 1), title=CHILD,
                          reference="LCSPR-2025-01", publication_decision="full", published_on=D(2026, 2, 2),
                          family_involvement="took_part")  # fmt: skip
    r1 = RecommendationFactory(source=lcspr.learning_source, reference="R1", text="See every baby at home.")
    RecommendationFactory(source=lcspr.learning_source, reference="R2", text="Ask about fathers.")
    review_plan = ActionPlanFactory(source=lcspr.learning_source, subgroup=sub, start_date=D(2025, 11, 1))
    ActionFactory(plan=review_plan, recommendation=r1, start_date=D(2025, 11, 1), due_date=D(2026, 1, 10),
                  status="complete", description=f"Visit {CHILD} weekly", impact=f"{CHILD} is now seen weekly.",
                  closed_on=D(2026, 1, 10))  # fmt: skip
    for source, text, result, checked in (
        (
            consultation.learning_source,
            "Young people know where to report online harm.",
            "sustained",
            D(2026, 2, 1),
        ),
        (consultation.learning_source, "Checked after the year.", "partly", D(2026, 6, 1)),
        (
            lcspr.learning_source,
            f"{CHILD}'s school hears of every call-out.",
            "not_sustained",
            D(2025, 11, 1),
        ),
    ):
        IntendedOutcome.objects.create(source=source, outcome=text, measure_kind="other", result=result,
                                       evidence="Sampled.", checked_on=checked, checked_by=world.business_unit)  # fmt: skip
    return lcspr


@time_machine.travel(TODAY, tick=False)
def test_what_changed_prints_impact_statements_and_checks_but_only_counts_a_case_reviews(world):
    build_changes(world)
    section = impact.what_changed(year(world))
    facts = dict(section.facts)
    # Completed in the year: the consultation's first action and the review's; not the one closed
    # in May 2026, nor the cancelled one.
    assert facts["Actions completed and accepted in 2025/26"] == "2"
    assert facts["Impact statements printed in this section"] == "1"
    # Checked in the year: the consultation's sustained and the review's not sustained (June 2026 is next year's).
    assert facts['"Did it stick?" checks recorded'] == "2"
    assert (facts["Sustained"], facts["Partly sustained"], facts["Not sustained"]) == ("1", "0", "1")
    assert table(section, "Actions completed in 2025/26, by source of learning").rows == [
        ["Case review", "1", "1"],
        ["Consultation with children and young people", "1", "0"],
    ]
    assert table(section, "What changed: Consultation with children and young people").rows == [
        ["Youth forum: online safety", world.agency.short_name or world.agency.name, "Add apps to the level 2 course",
         "Practitioners ask about apps.", "1 December 2025"],
    ]  # fmt: skip
    assert table(section, "Did it stick? Outcomes checked in 2025/26").rows == [
        ["Youth forum: online safety", "Young people know where to report online harm.", "Sustained", "1 February 2026"],
    ]  # fmt: skip
    # The review's two recommendations: R1's only action is complete, R2 has none.
    assert table(section, "The impact of case reviews on practice").rows == [
        ["Recommendations of case reviews", "2"],
        ["Recommendations with every action done", "1 of 2"],
        ["Case review actions completed in 2025/26", "1"],
        ["Case review outcomes checked in 2025/26 and sustained", "0 of 1"],
    ]
    assert len(section.notes) == 2
    assert CHILD not in printed(section)


# --- every review's recommendations, and learning from others' ---------------------------------


@time_machine.travel(TODAY, tick=False)
def test_every_reviews_recommendations_with_the_response_and_status_now(world):
    sub = world.subgroup
    lcspr = build_changes(world)
    older = ReviewFactory(kind="lcspr", stage="closed", subgroup=sub, opened_on=D(2023, 5, 1), title=CHILD,
                          reference="LCSPR-2023-01", publication_decision="summary", published_on=D(2024, 6, 1))  # fmt: skip
    old_rec = RecommendationFactory(
        source=older.learning_source, reference="1", text="Share call-outs with midwives."
    )
    old_plan = ActionPlanFactory(source=older.learning_source, subgroup=sub, start_date=D(2024, 7, 1))
    ActionFactory(plan=old_plan, recommendation=old_rec, start_date=D(2024, 7, 1), due_date=D(2025, 1, 1),
                  status="complete", impact="Done.", closed_on=D(2025, 1, 1))  # fmt: skip
    ActionFactory(
        plan=old_plan, recommendation=old_rec, start_date=D(2024, 7, 1), due_date=D(2026, 6, 1)
    )  # overdue
    dhr = ReviewFactory(kind="dhr", stage="in_review", subgroup=sub, opened_on=D(2025, 9, 1), title=CHILD,
                        reference="DHR-2025-01", family_involvement="declined")  # fmt: skip
    secret = RecommendationFactory(source=dhr.learning_source, reference="1", text=SECRET)
    dhr_plan = ActionPlanFactory(source=dhr.learning_source, subgroup=sub, start_date=D(2025, 10, 1))
    ActionFactory(plan=dhr_plan, recommendation=secret, start_date=D(2025, 10, 1), due_date=D(2026, 1, 1),
                  status="cancelled", cancelled_reason="Covered by another plan.")  # fmt: skip
    ExternalReviewFactory(title="Learning from Westshire", published_by="Westshire partnership",
                          published_on=D(2025, 8, 1), summary="Hear fathers.", subgroup=sub)  # fmt: skip
    ExternalReviewFactory(title="Published next year", published_by="The national Panel",
                          published_on=D(2026, 8, 1), summary="Later.", subgroup=sub)  # fmt: skip

    section = sources.case_reviews(year(world))
    assert table(section, "Every published review's recommendations").rows == [
        ["LCSPR-2023-01 1", "Share call-outs with midwives.", "Accepted", "1 of 2 actions complete, 1 open (1 overdue)"],
        ["LCSPR-2025-01 R1", "See every baby at home.", "Accepted", "Done: the action complete"],
        ["LCSPR-2025-01 R2", "Ask about fathers.", "No action agreed yet", "No action under way"],
    ]  # fmt: skip
    assert table(section, "Reviews not published by the end of 2025/26").rows == [
        ["DHR-2025-01", "Domestic Homicide Review (DHR)", "1", "0", "0 of 0"],
    ]
    assert table(section, "Learning from national reviews").rows == [
        ["Learning from Westshire", "Westshire partnership", "1 August 2025", "Hear fathers.", "None"],
    ]
    facts = dict(section.facts)
    # 1 + 2 + 1 recommendations; accepted: the older one and R1.
    assert facts["Recommendations of local and national reviews, all years"] == "4"
    assert facts["Of which accepted, with actions agreed"] == "2"
    assert facts["Reviews from elsewhere we learnt from"] == "1"
    assert SECRET not in printed(section) and CHILD not in printed(section)

    # Families' voice: the reviews under way in the year are the 2025 LCSPR (the family took
    # part) and the DHR (declined); the older review was published before the year began.
    voice = core.childrens_voice(year(world))
    assert dict(voice.facts)["Local reviews in which the family took part"] == "1 of 2"
    assert table(voice, "Families' part in the local reviews").rows == [["Declined", "1"], ["Took part", "1"]]
    assert lcspr.title not in printed(voice)


# --- audits, re-audits and deep dives ------------------------------------------------------------


@time_machine.travel(TODAY, tick=False)
def test_audits_key_findings_reaudit_before_and_after_and_deep_dives(world):
    sub, bu = world.subgroup, world.business_unit
    earlier = MultiAgencyAudit.objects.create(title="Neglect audit", subgroup=sub, planned_on=D(2024, 5, 1),
                                              status="reported", reported_on=D(2024, 9, 1))  # fmt: skip
    reaudit = MultiAgencyAudit.objects.create(title="Neglect re-audit", subgroup=sub, planned_on=D(2025, 5, 1),
                                              status="reported", reported_on=D(2025, 9, 1), repeats=earlier,
                                              strengths="Good chronologies.", areas_for_improvement="Supervision.",
                                              childrens_views="Parents felt listened to.")  # fmt: skip
    before = LineOfEnquiry.objects.create(audit=earlier, number=1, text="Is the graded care profile used?")
    after = LineOfEnquiry.objects.create(audit=reaudit, number=1, text="Is the graded care profile used?",
                                         repeats=before)  # fmt: skip
    for audit in (earlier, reaudit):
        for agency in (world.agency, world.other_agency):
            AuditParticipant.objects.create(audit=audit, agency=agency, auditor="An auditor")
    # Before: requires improvement and good (1 of 2 meet the standard); after: good and outstanding (2 of 2).
    for audit, line, grades in (
        (earlier, before, ("requires_improvement", "good")),
        (reaudit, after, ("good", "outstanding")),
    ):
        for agency, grade in zip((world.agency, world.other_agency), grades, strict=True):
            AgencyAuditFinding.objects.create(audit=audit, agency=agency, line_of_enquiry=line, grade=grade,
                                              finding="Seen.", recorded_by=bu)  # fmt: skip
    plan = ActionPlanFactory(source=reaudit.learning_source, subgroup=sub, start_date=D(2025, 9, 10))
    ActionFactory(plan=plan, start_date=D(2025, 9, 10), due_date=D(2026, 1, 1), status="complete", impact="Done.",
                  closed_on=D(2026, 1, 1))  # fmt: skip
    ActionFactory(plan=plan, start_date=D(2025, 9, 10), due_date=D(2026, 9, 1))
    DeepDiveFactory(title="Repeat plans", date=D(2025, 10, 1), findings_summary="Most were for neglect.")
    DeepDiveFactory(title="Next year's deep dive", date=D(2026, 10, 1))

    section = sources.audits(year(world))
    assert table(section, "Key findings of the multi-agency audits reported in 2025/26").rows == [
        ["Neglect re-audit", "Good chronologies.", "Supervision.", "1 of 2 actions complete"],
    ]
    assert table(section, "Re-audits in 2025/26").rows == [
        [
            "Neglect re-audit: 1. Is the graded care profile used?",
            "1 of 2 (50%)",
            "2 of 2 (100%)",
            "Improved",
        ],
    ]
    assert table(section, "Performance deep dives in 2025/26").rows == [
        ["Repeat plans", "1 October 2025", "Most were for neglect.", "None"],
    ]
    facts = dict(section.facts)
    assert facts["Multi-agency audits reported"] == "1"
    assert facts["Re-audit lines of enquiry improved, unchanged, worse"] == "1, 0, 0"
    assert facts["Performance deep dives"] == "1"
    # One audit dated in the year, and it recorded children's and families' views.
    voice = core.childrens_voice(year(world))
    assert dict(voice.facts)["Multi-agency audits that recorded children's and families' views"] == "1 of 1"


# --- training coverage -----------------------------------------------------------------------------


@time_machine.travel(TODAY, tick=False)
def test_training_coverage_by_agency_and_level(world):
    CoverageReturnFactory(agency=world.agency, year=2025, level=1, staff_in_scope=100, staff_trained=80)
    CoverageReturnFactory(agency=world.agency, year=2025, level=2, staff_in_scope=40, staff_trained=30)
    CoverageReturnFactory(agency=world.other_agency, year=2025, level=1, staff_in_scope=50, staff_trained=25)
    CoverageReturnFactory(agency=world.other_agency, year=2026, level=3, staff_in_scope=9, staff_trained=9)
    coverage = table(
        measures.training(year(world)), "Single-agency training coverage by agency and level, 2025/26"
    )
    assert coverage.columns == ["Agency", "Level 1", "Level 2", "Level 3", "All levels"]
    rows = {row[0]: row[1:] for row in coverage.rows}
    # 80 + 30 = 110 of 100 + 40 = 140 (78.6%); in all, 80 + 25 + 30 = 135 of 190 (71.1%).
    assert rows[world.agency.name] == ["80 of 100 (80%)", "30 of 40 (75%)", "No return", "110 of 140 (78.6%)"]
    assert rows[world.other_agency.name] == ["25 of 50 (50%)", "No return", "No return", "25 of 50 (50%)"]
    assert rows["All agencies shown"] == [
        "105 of 150 (70%)",
        "30 of 40 (75%)",
        "No return",
        "135 of 190 (71.1%)",
    ]


# --- the whole report ----------------------------------------------------------------------------


@time_machine.travel(TODAY, tick=False)
def test_no_section_prints_a_confidential_reviews_text(world):
    build_changes(world)
    dhr = ReviewFactory(kind="dhr", stage="in_review", subgroup=world.subgroup, opened_on=D(2025, 9, 1),
                        title=CHILD, reference="DHR-2025-01")  # fmt: skip
    RecommendationFactory(source=dhr.learning_source, reference="1", text=SECRET)
    whole = " ".join(printed(s) for s in report_sections(2025, user=world.business_unit))
    assert "LCSPR-2025-01" in whole
    assert CHILD not in whole and SECRET not in whole
