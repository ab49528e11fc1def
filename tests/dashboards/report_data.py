"""A small, known data set for the 2025/26 annual report (April 2025 to March 2026), built with
the factories, and the figures each section of the PDF must show for it."""

import datetime
from decimal import Decimal

from audits.models import (
    Framework,
    Inspection,
    MultiAgencyAudit,
    RatingLevel,
    Return,
    Round,
    SingleAgencyAudit,
    Standard,
)
from dashboards.models import PriorityMeasure
from dashboards.report.models import ReportContribution
from partnership.models import Briefing, Finding, PriorityAssessment, Theme
from reviews.models import CdopReport
from tests.dashboards.factories import IndicatorFactory, IndicatorValueFactory
from tests.factories import (
    ActionFactory,
    ActionPlanFactory,
    ConsultationFactory,
    FindingFactory,
    PriorityFactory,
    RecommendationFactory,
    ReviewFactory,
)
from tests.training.factories import (
    AttendeeFactory,
    CourseFactory,
    CoverageReturnFactory,
    ProgrammeFactory,
    SessionFactory,
)

D = datetime.date
CHILD = "Child Q"  # the reviews' title and the notification's summary: never in the report


def build(world) -> dict:
    sub = world.subgroup
    neglect, _ = Theme.objects.get_or_create(name="Neglect")
    neglect_priority = PriorityFactory(year=2025, title="Tackling neglect together")
    next_priority = PriorityFactory(year=2026, title="Hearing the very young child")
    # Assessed after the year's end, as a partnership does in April: little or no progress.
    PriorityAssessment.objects.create(priority=neglect_priority, date=D(2026, 4, 20), rating="little_progress",
                                      evidence="Repeat child protection plans rose.", assessed_by=world.business_unit)  # fmt: skip
    PriorityMeasure.objects.create(priority=next_priority, description="Babies seen at every health visit")
    # Case reviews: two Rapid Reviews decided in the year (one to an LCSPR), one LCSPR published.
    ReviewFactory(kind="rapid_review", stage="decided", subgroup=sub, opened_on=D(2025, 6, 2),
                  decision="lcspr", decided_on=D(2025, 6, 20), title=CHILD)  # fmt: skip
    ReviewFactory(kind="rapid_review", stage="decided", subgroup=sub, opened_on=D(2025, 9, 1),
                  decision="no_further", decided_on=D(2025, 9, 19), title=CHILD)  # fmt: skip
    lcspr = ReviewFactory(kind="lcspr", stage="publication", subgroup=sub, opened_on=D(2025, 7, 1), title=CHILD,
                          reference="LCSPR-2025-01", decided_on=D(2025, 6, 20), final_report_on=D(2025, 11, 3),
                          publication_decision="full", published_on=D(2026, 2, 2))  # fmt: skip
    RecommendationFactory(source=lcspr.learning_source, reference="R1",
                          text="Health visitors should see every baby at home with both parents present.")  # fmt: skip
    # Audits.
    audit = MultiAgencyAudit.objects.create(title="Neglect in under-fives", subgroup=sub, planned_on=D(2025, 5, 12),
                                            status="reported")  # fmt: skip
    audit.themes.set([neglect])
    for n in range(3):
        FindingFactory(source=audit.learning_source, title=f"Audit finding {n}").themes.set([neglect])
    SingleAgencyAudit.objects.create(agency=world.agency, title="Strategy discussion quality", scope="20 cases",
                                     summary="Mostly timely", reported_on=D(2025, 10, 6), reported_by=world.business_unit,
                                     subgroup=sub)  # fmt: skip
    # Section 11: one round, one of two returns submitted.
    framework = Framework.objects.create(name="Pan London standards")
    RatingLevel.objects.create(framework=framework, label="Good", score=3)
    Standard.objects.create(framework=framework, number=1, title="Senior management commitment")
    round_ = Round.objects.create(framework=framework, title="Section 11 self-assessment 2025", year=2025,
                                  opens_on=D(2025, 5, 1), due_on=D(2025, 7, 31), status="closed", subgroup=sub)  # fmt: skip
    Return.objects.create(round=round_, agency=world.agency, status="submitted")
    Return.objects.create(round=round_, agency=world.other_agency, status="draft")
    # Inspection, child death review, performance data.
    inspection = Inspection.objects.create(inspectorate="ofsted_ilacs", title="Inspection of children's services",
                                           started_on=D(2025, 10, 6), published_on=D(2025, 11, 14),
                                           judgement="Good", subgroup=sub)  # fmt: skip
    inspection.agencies.set([world.agency])
    CdopReport.objects.create(year=2025, deaths_reviewed=14, modifiable_deaths=3, subgroup=sub,
                              categories={"Perinatal or neonatal event": 6, "Sudden unexpected death": 8})  # fmt: skip
    indicator = IndicatorFactory(code="CSC04", title="Repeat child protection plans", unit="percentage",
                                 higher_is_better=False, target=Decimal("20"), frequency="quarterly")  # fmt: skip
    IndicatorValueFactory(indicator=indicator, period_start=D(2025, 10, 1), value=Decimal("27.9"),
                          national=Decimal("23.8"))  # fmt: skip
    PriorityMeasure.objects.create(
        priority=neglect_priority, description="Fewer second plans", indicator=indicator
    )
    # Children's voice, action plans, themes, dissemination.
    consultation = ConsultationFactory(date=D(2025, 7, 10), subgroup=sub, topic="Feeling safe online",
                                       what_changed="We added online safety to the level 2 course.")  # fmt: skip
    FindingFactory(source=consultation.learning_source, title="Voice finding").themes.set([neglect])
    plan = ActionPlanFactory(source=consultation.learning_source, subgroup=sub, start_date=D(2025, 7, 20))
    ActionFactory(plan=plan, start_date=D(2025, 7, 20), due_date=D(2025, 12, 1), status="complete",
                  impact="Practitioners ask about apps.", closed_on=D(2025, 12, 1))  # fmt: skip
    ActionFactory(plan=plan, start_date=D(2025, 7, 20), due_date=D(2026, 1, 30))  # overdue at year end
    briefing = Briefing.objects.create(title="Seven minutes on neglect", format="seven_minute", status="published",
                                       published_on=D(2025, 10, 1), channel_newsletter=True)  # fmt: skip
    briefing.themes.set([neglect])
    # A briefing on the LCSPR, titled as a practitioner might title it: printed by format and month.
    on_review = Briefing.objects.create(title=f"{CHILD}: seeing the baby", format="seven_minute", status="published",
                                        published_on=D(2026, 2, 16), channel_training=True)  # fmt: skip
    on_review.findings.set([FindingFactory(source=lcspr.learning_source, title="Babies were not seen")])
    # Training: one level 2 session in the programme year, three people attended.
    course = CourseFactory(programme=ProgrammeFactory(year=2025), title="Neglect: core", level=2)
    start = datetime.datetime(2025, 6, 10, 9, 30, tzinfo=datetime.UTC)
    session = SessionFactory(course=course, starts_at=start, ends_at=start + datetime.timedelta(hours=3))
    for _ in range(3):
        AttendeeFactory(session=session, agency=world.agency, attended=True)
    CoverageReturnFactory(agency=world.agency, year=2025, level=2, staff_in_scope=40, staff_trained=30)
    # Contributions: the scrutineer's and the subgroup's approved, an agency's only submitted.
    approved = {"status": "approved", "approved_at": datetime.datetime(2026, 5, 1, tzinfo=datetime.UTC),
                "approved_by": world.business_unit, "due_on": D(2026, 4, 30), "requested_on": D(2026, 4, 1)}  # fmt: skip
    ReportContribution.objects.create(year=2025, kind="scrutineer", author=world.no_role,
                                      text="The arrangements worked well together.", **approved)  # fmt: skip
    ReportContribution.objects.create(year=2025, kind="subgroup", subgroup=sub, author=world.subgroup_chair,
                                      text="We audited neglect twice.", **approved)  # fmt: skip
    ReportContribution.objects.create(year=2025, kind="agency", agency=world.agency, author=world.agency_lead,
                                      text="Not yet approved words.", status="submitted", due_on=D(2026, 4, 30),
                                      requested_on=D(2026, 4, 1))  # fmt: skip
    _governance_and_funding(world)
    assert Finding.objects.count() == 5
    return {"lcspr": lcspr}


def _governance_and_funding(world) -> None:
    """An executive meeting held (our agency present, the other sent apologies); the partners'
    funding: 20,000 and 10,000 contributed, 31,000 spent."""
    from dashboards.report.services.funding import ContributionLine, SpendLine, report_funding_save
    from governance.models import Attendance, Meeting

    meeting = Meeting.objects.create(body="executive", title="Executive", date=D(2025, 7, 9), status="held")
    Attendance.objects.create(meeting=meeting, agency=world.agency, status="present")
    Attendance.objects.create(meeting=meeting, agency=world.other_agency, status="apologies")
    report_funding_save(
        year=2025,
        contributions=[
            ContributionLine(world.agency, Decimal(20000)),
            ContributionLine(world.other_agency, Decimal(10000)),
        ],
        spending=[SpendLine("Independent scrutineer", Decimal(31000))],
        actor=world.business_unit,
    )


# Section title -> words its page must hold for this data set.
EXPECTED = {
    "The independent scrutineer's assessment": ["The arrangements worked well together."],
    "The partnership and its priorities": [
        "Tackling neglect together",
        "Subgroups 2",
        "Learning and Improvement",
    ],
    "How the partnership is governed": [
        "Meetings held (the executive, the board and the subgroups) 1",
        "Agency places filled at those meetings 1 of 2 (50%)",
        "Northbrook Council Children's Services 1 of 1 (100%)",
        "Eastmoor Health Trust 0 of 1 (0%)",
    ],
    "Funding: what the partners contributed and how it was spent": [
        "Contributions from the partners £30,000",
        "66.7%",
        "a deficit of £1,000",
    ],
    "Progress against the year's priorities": [
        "Little or no progress 1",
        "We made little or no progress on",
        "Repeat child protection plans rose.",
        "20 April 2026",
        "Fewer second plans (CSC04)",
        "Does not meet the target",
    ],
    "Case reviews": [
        "Case reviews opened 3",
        "Rapid Reviews that led to an LCSPR 1 of 2",
        "Reviews published 1",
        "LCSPR-2025-01",
        "2 February 2026",
        "Health visitors should see every baby at home",
    ],
    "Multi-agency and single-agency audits": [
        "Multi-agency audits 1",
        "Findings from multi-agency audits 3",
        "Neglect in under-fives",
        "Strategy discussion quality",
    ],
    "Section 11 self-assessment": ["Returns completed 1 of 2", "Senior management commitment"],
    "Training and its impact": ["People who attended 3", "Level 2", "30 of 40 (75%)"],
    "Learning from inspections": ["Inspections 1", "Ofsted ILACS", "14 November 2025"],
    "Child death review": ["Deaths reviewed by the panel 14", "3 of 14", "Sudden unexpected death"],
    "Performance data": ["CSC04 Repeat child protection plans", "27.9%", "Red against target 1"],
    "The voice of children, young people and families": [
        "Feeling safe online",
        "We added online safety to the level 2 course.",
    ],
    "Action plans": ["Open actions 1", "Overdue 1", "Completed in 2025/26 1"],
    "What changed as a result": [
        "Actions completed and accepted in 2025/26 1",
        "Practitioners ask about apps.",
    ],
    "Learning themes": ["Neglect 4"],
    "Sharing the learning": [
        "Learning briefings published 2",
        "Seven minutes on neglect",
        "Newsletter",
        "7-minute briefing, February 2026",
    ],
    "Our subgroups' reports": ["Learning and Improvement", "We audited neglect twice."],
    "Partners' contributions": ["No partner's contribution has been approved yet."],
    "Priorities for next year": ["Hearing the very young child", "Babies seen at every health visit"],
    "Glossary": ["Rapid Review", "Lay member"],
    "How to report a concern about a child": ["A child is in immediate danger", "Call 999"],
}
