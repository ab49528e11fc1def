"""The demo's other training records: the agencies' coverage returns, the training needs
assessments (this year's, closed and summarised; next year's, open now) and last year's training
impact analysis with its findings, recommendations and action plan. Each is found by its
natural key and made only when missing."""

import random

from simple_history.utils import bulk_create_with_history

from partnership.models import Action, ActionPlan, ActionStatus, Finding, Recommendation, Role, RoleAssignment
from partnership.services.actions import action_create

from ..analysis.summary import training_summary
from ..models import CoverageReturn, ImpactAnalysis, Need, NeedsAssessment, Programme, year_label

# Agencies with no level 3 (specialist) staff in scope.
NO_SPECIALISTS = {"voluntary", "other"}


def _leads(d) -> dict:
    """agency id -> its (first) agency lead, to sign the agency's returns and needs."""
    leads = {}
    for assignment in (
        RoleAssignment.objects.filter(role=Role.AGENCY_LEAD).select_related("user").order_by("pk")
    ):
        leads.setdefault(assignment.agency_id, assignment.user)
    return leads


def seed_coverage(d, years: list[int]) -> list[str]:
    """Each agency's staff in scope and trained per level: every agency for last year, most of
    them so far for this one (the rest have not returned yet)."""
    existing = set(CoverageReturn.objects.values_list("agency_id", "year", "level"))
    leads = _leads(d)
    made = []
    for agency in d.agencies.values():
        rng = random.Random(f"coverage:{agency.name}")
        size = rng.randint(40, 900)
        scope = {1: size, 2: round(size * rng.uniform(0.3, 0.6)), 3: round(size * rng.uniform(0.05, 0.15))}
        returns_this_year = rng.random() < 0.7
        for year in years:
            current = year == years[-1]
            if current and not returns_this_year:
                continue
            for level, in_scope in scope.items():
                if (level == 3 and agency.sector in NO_SPECIALISTS) or (agency.pk, year, level) in existing:
                    continue
                share = rng.uniform(0.55, 0.95) * (rng.uniform(0.5, 0.8) if current else 1)
                made.append(
                    CoverageReturn(
                        agency=agency, year=year, level=level, staff_in_scope=in_scope,
                        staff_trained=round(in_scope * share), updated_by=leads.get(agency.pk, d.bu),
                    )
                )  # fmt: skip
    bulk_create_with_history(made, CoverageReturn, default_user=d.bu)
    return [f"{len(made)} coverage returns"] if made else []


# (agency short name, need, staff group, how many, level, priority, themes)
NEEDS = {
    "this": [
        ("NGH", "Speaking to adolescents alone in the emergency department", "Emergency department nurses", 120, 2,
         "high", ["Voice of the child"]),
        ("Police", "Recognising child criminal exploitation at first contact", "Response officers", 300, 2, "high",
         ["Child criminal exploitation"]),
        ("Brookside", "Neglect in secondary-age pupils", "Pastoral staff", 45, 1, "medium", ["Neglect"]),
        ("NMH", "Think family when a parent is in crisis", "Adult community mental health teams", 80, 2, "medium",
         ["Parental mental health", "Think family"]),
        ("Haven", "Children's experience of domestic abuse", "Family support workers", 12, 2, "low",
         ["Domestic abuse"]),
        ("NBC", "Professional curiosity and respectful challenge", "Social work team managers", 30, 3, "high",
         ["Professional curiosity"]),
    ],
    "next": [
        ("NGH", "Safer sleep advice for fathers and male carers", "Midwives and health visitors", 90, 3, "high",
         ["Safer sleep", "Think family"]),
        ("Brookside", "Online harm and image sharing", "Designated safeguarding leads", 12, 2, "medium",
         ["Online safety"]),
    ],
}  # fmt: skip


def seed_needs(d, this_year: int) -> list[str]:
    """This year's assessment (closed, summarised for the Training subgroup) and next year's,
    open now with the first needs in."""
    leads = _leads(d)
    made = []
    for year, which, opens, closes in ((this_year, "this", -330, -280), (this_year + 1, "next", -10, 45)):
        if NeedsAssessment.objects.filter(year=year).exists():
            continue
        assessment = NeedsAssessment(
            year=year, opens_on=d.days(opens), closes_on=d.days(closes),
            summary="Agencies asked most for level 2 training on exploitation and on hearing adolescents; the "
            "programme adds both." if which == "this" else "",
        )  # fmt: skip
        assessment._history_user = d.bu
        assessment.save()
        for short, text, group, count, level, priority, themes in NEEDS[which]:
            agency = d.agencies.get(short)
            if agency is None:
                continue
            need = Need(assessment=assessment, agency=agency, need=text, staff_group=group, staff_count=count,
                        level=level, priority=priority, submitted_by=leads.get(agency.pk))  # fmt: skip
            need.save()
            need.themes.set(d.theme_list(themes))
        made.append(f"the needs assessment for {year_label(year)}")
    return made


def seed_impact_analysis(d, year: int) -> list[str]:
    """Last year's impact analysis, summarised from its real figures, with its learning."""
    programme = Programme.objects.filter(year=year).first()
    title = f"Impact of the {year_label(year)} multi-agency training programme"
    if programme is None or ImpactAnalysis.objects.filter(title=title).exists():
        return []
    f = training_summary(year).overall
    analysis = ImpactAnalysis(
        programme=programme, title=title, reported_on=d.days(-200),
        summary=f"{f.places_booked} places were booked on {f.sessions_delivered} sessions and {f.attendance_rate}% of "
        f"those marked attended. {f.evaluation_rate}% returned an evaluation (mean rating {f.mean_rating} of 5); "
        f"confidence rose by {f.confidence_shift} points on average. Three months on, {f.participant_changed_share}% "
        f"of participants who answered said their practice had changed, and {f.manager_changed_share}% of managers "
        "saw a change, but few managers answered.",
    )  # fmt: skip
    analysis._history_user = d.bu
    analysis.save()
    _learning(d, analysis)
    return [f"the impact analysis “{title}”"]


def _learning(d, analysis: ImpactAnalysis) -> None:
    source = analysis.learning_source
    findings = [
        (
            "strength",
            "Exploitation training changed practice, and managers saw it",
            ["Child criminal exploitation"],
        ),
        ("improvement", "Few line managers answer the three-month follow-up", ["Supervision"]),
        ("improvement", "Health and police staff are under-represented at level 2", ["Multi-agency working"]),
    ]
    for kind, text, themes in findings:
        finding = Finding.objects.create(source=source, kind=kind, title=text)
        finding.themes.set(d.theme_list(themes))
    first = Recommendation.objects.create(
        source=source, reference="1", to_partnership=True,
        text="Ask line managers to agree to the three-month follow-up when a place is booked.",
    )  # fmt: skip
    second = Recommendation.objects.create(
        source=source,
        reference="2",
        text="Agencies release frontline staff for level 2 multi-agency training.",
    )
    second.agencies.set([a for short, a in d.agencies.items() if short in ("NGH", "Police")])
    subgroup = d.subgroups.get("Training")
    if subgroup is None:
        return
    plan = ActionPlan.objects.create(
        source=source, title=f"{analysis.title}: action plan", subgroup=subgroup, start_date=d.days(-190)
    )
    actions = [
        (first, "Add the line manager's agreement to the booking form and the confirmation email.", "NBC",
         "training.chair@northbrook-scp.example", 30, ActionStatus.ON_TRACK),
        (second, "Report each agency's level 2 attendance to the Training subgroup every quarter.", "NGH",
         "agency.lead@northbrook-scp.example", -10, ActionStatus.NOT_STARTED),
        (second, "Agree protected training time for response officers.", "Police",
         "practice.review.chair@northbrook-scp.example", 90, ActionStatus.NOT_STARTED),
    ]  # fmt: skip
    for recommendation, text, owner, lead, due_in, status in actions:
        lead_user = d.users.get(lead)
        action = action_create(
            action=Action(plan=plan, recommendation=recommendation, description=text,
                          owner_agency=d.agencies.get(owner), start_date=plan.start_date, due_date=d.days(due_in),
                          lead_user=lead_user, lead_name="" if lead_user else "Training Officer"),
            actor=d.bu,
        )  # fmt: skip
        if status != ActionStatus.NOT_STARTED:
            action.status = status
            action.save()
