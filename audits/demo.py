"""Demo audits: a reported previous Section 11 round and a current round in progress, two
multi-agency audits, a single-agency audit and an Ofsted inspection, for `seed_demo`.

Dates are relative to the day the demo is seeded. Each piece is made whole or skipped whole if
it exists (the Section 11 rounds if the framework has any round; audits and the inspection by
title), so a second run changes nothing. Writes go through the audits' services, acting as the
demo business unit (agency leads for their own returns and audit); the learning chain's
findings, recommendations and plans are made directly, as the core's demo does.
"""

from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from partnership.models import (
    Action,
    ActionPlan,
    ActionStatus,
    Agency,
    Finding,
    Recommendation,
    Subgroup,
    Theme,
    User,
)
from partnership.services.actions import action_create

from .frameworks import PAN_LONDON_NAME
from .models import (
    AuditProgramme,
    AuditStatus,
    ChallengeSession,
    Framework,
    Inspection,
    MultiAgencyAudit,
    PlannedImprovement,
    Return,
    Round,
    RoundStatus,
    SingleAgencyAudit,
)
from .services import audits as services_audits
from .services import panel as panel_services
from .services.section11 import returns as return_services
from .services.section11 import rounds as round_services

BUSINESS_UNIT = "business.unit@northbrook-scp.example"
LAY_MEMBERS = ["lay.member@northbrook-scp.example", "second.lay.member@northbrook-scp.example"]

# Agencies in the Section 11 rounds: short name -> (lead's email, the agency's usual self-rating).
SECTION11_AGENCIES = {
    "NGH": ("agency.lead@northbrook-scp.example", 3),
    "Police": ("practice.review.chair@northbrook-scp.example", 2),
    "ICB": ("cdop.chair@northbrook-scp.example", 3),
    "NMH": ("mh.lead@northbrook-scp.example", 2),
    "Probation": ("probation.lead@northbrook-scp.example", 2),
    "Haven": ("haven.worker@northbrook-scp.example", 1),
}
# What each return in the current round has reached; NMH's is the overdue draft.
CURRENT_STATE = {"NGH": "submitted", "ICB": "submitted", "Haven": "submitted", "Police": "challenge",
                 "Probation": "challenge", "NMH": "draft"}  # fmt: skip


class Demo:
    """The people, agencies, subgroups and themes the demo refers to by name."""

    def __init__(self):
        self.today = timezone.localdate()
        self.users = {u.email: u for u in User.objects.all()}
        self.bu = self.users[BUSINESS_UNIT]
        self.agencies = {a.short_name: a for a in Agency.objects.all()}
        self.subgroups = {s.name: s for s in Subgroup.objects.all()}
        self.themes = {t.name: t for t in Theme.objects.all()}

    def days(self, n: int) -> date:
        """`n` days from today (negative: ago)."""
        return self.today + timedelta(days=n)

    def theme_list(self, *names):
        return [self.themes[n] for n in names if n in self.themes]


@transaction.atomic
def seed(stdout=None) -> None:
    if not User.objects.filter(email=BUSINESS_UNIT).exists():
        return  # the core demo makes the people; without them there is nobody to act
    d = Demo()
    made = []
    if _seed_section11(d):
        made.append("two Section 11 rounds")
    made += _seed_audits(d)
    made += _seed_reaudit(d)
    if _seed_single_agency_audit(d):
        made.append("a single-agency audit")
    if _seed_inspection(d):
        made.append("an inspection")
    if stdout:
        stdout.write(f"Demo audits: added {', '.join(made)}." if made else "Demo audits: already there.")


# --- Section 11 --------------------------------------------------------------------------------


def _rating(framework, base: int, standard_number: int, uplift: int = 0):
    """A plausible self-rating: the agency's usual level, weaker on training and information
    sharing (standards 5 and 8), a little better in the later round."""
    score = base - (1 if standard_number in (5, 8) else 0) + uplift
    return framework.rating_levels.get(score=max(0, min(3, score)))


def _complete(framework, agency_return, lead, base, uplift=0) -> None:
    for standard in framework.standards.prefetch_related("requirements"):
        for requirement in standard.requirements.all():
            return_services.answer_save(
                agency_return=agency_return, requirement=requirement,
                rating=_rating(framework, base, standard.number, uplift),
                evidence=f"{agency_return.agency.display_name}: {requirement.reference} evidenced by the safeguarding "
                "policy, the board's minutes and the annual safeguarding report.",
                links="", improvement="Extend the audit of this standard to every team." if base + uplift < 3 or standard.number in (5, 8) else "",
                actor=lead,
            )  # fmt: skip


def _plan_the_rest(agency_return, due_on) -> None:
    """A planned improvement for each standard rated in the lower half of the scale that has
    none yet, as submission asks (return_services.submission_problems)."""
    for problem in return_services.submission_problems(agency_return):
        if problem.requirement is None:
            PlannedImprovement.objects.create(
                agency_return=agency_return, standard=problem.standard, due_on=due_on,
                description=f"Act on the gaps the self-assessment found under standard {problem.standard.number}.",
                lead_name=f"{agency_return.agency.display_name} named safeguarding lead",
            )  # fmt: skip


def _session(d, round_, title, days_ago, returns) -> ChallengeSession:
    session = ChallengeSession.objects.create(round=round_, title=title, date=d.days(-days_ago))
    session.members.set([d.bu] + [d.users[e] for e in LAY_MEMBERS if e in d.users])
    session.returns.set(returns)
    return session


def _challenge(d, framework, agency_return, session, base) -> None:
    lay_member = d.users.get(LAY_MEMBERS[0], d.bu)
    for number, challenge, response in [
        (5, "Training records cover only some staff groups; how do you know agency staff are trained?",
         "Agreed: agency staff will be added to the training matrix."),
        (8, "Give an example of information shared with another agency within a day.",
         "The MASH audit showed 87% of requests answered within 24 hours."),
    ]:  # fmt: skip
        panel_services.challenge_record(
            agency_return=agency_return, standard=framework.standards.get(number=number), challenge=challenge,
            agency_response=response, moderated_rating=framework.rating_levels.get(score=max(0, base - 1)),
            actor=lay_member, session=session,
        )  # fmt: skip


def _seed_section11(d) -> bool:
    framework = Framework.objects.filter(name=PAN_LONDON_NAME).first()
    if framework is None or Round.objects.filter(framework=framework).exists():
        return False
    qp = d.subgroups["Quality and Performance"]
    agencies = [d.agencies[s] for s in SECTION11_AGENCIES]

    # The previous round, two years ago: every return accepted, its improvements now actions.
    previous = Round(framework=framework, title=f"Section 11 self-assessment {d.days(-760).year}",
                     year=d.days(-760).year, opens_on=d.days(-760), due_on=d.days(-670), subgroup=qp)  # fmt: skip
    round_services.round_create(round_=previous, agencies=agencies, actor=d.bu)
    previous.status = RoundStatus.OPEN
    previous.save()
    returns = {r.agency.short_name: r for r in previous.returns.select_related("agency")}
    for short, (email, base) in SECTION11_AGENCIES.items():
        _complete(framework, returns[short], d.users[email], base)
        PlannedImprovement.objects.create(
            agency_return=returns[short], standard=framework.standards.get(number=5),
            description="Bring safeguarding training compliance to 95% in every staff group.",
            due_on=d.days(-400 if short in ("NGH", "ICB", "Police") else 90),
            lead_name=f"{returns[short].agency.display_name} named safeguarding lead",
        )  # fmt: skip
        _plan_the_rest(returns[short], d.days(90))
        return_services.return_submit(agency_return=returns[short], actor=d.users[email])
    session = _session(d, previous, "Peer challenge panel", 640, [returns["Police"], returns["Haven"]])
    _challenge(d, framework, returns["Police"], session, SECTION11_AGENCIES["Police"][1])
    _challenge(d, framework, returns["Haven"], session, SECTION11_AGENCIES["Haven"][1])
    for agency_return in returns.values():
        return_services.return_accept(agency_return=agency_return, actor=d.bu)
    for action in Action.objects.filter(
        plan__source=previous.learning_source, owner_agency__short_name__in=["NGH", "ICB"]
    ):
        action.status, action.closed_on = ActionStatus.COMPLETE, d.days(-380)
        action.impact = "Training compliance reached 96% across all staff groups at the year-end audit."
        action.save()
    previous.status, previous.overview_reported_on = RoundStatus.REPORTED, d.days(-560)
    previous.save()
    _escalations(d, previous)

    # The current round: due last week; returns submitted, in challenge, and one overdue draft.
    current = Round(framework=framework, title=f"Section 11 self-assessment {d.today.year}", year=d.today.year,
                    opens_on=d.days(-100), due_on=d.days(-7), subgroup=qp)  # fmt: skip
    round_services.round_create(round_=current, agencies=agencies, actor=d.bu)
    current.status = RoundStatus.OPEN
    current.save()
    returns = {r.agency.short_name: r for r in current.returns.select_related("agency")}
    challenged = []
    for short, (email, base) in SECTION11_AGENCIES.items():
        lead, agency_return = d.users[email], returns[short]
        if CURRENT_STATE[short] == "draft":
            return_services.answers_carry_forward(agency_return=agency_return, actor=lead)
            _plan_the_rest(agency_return, d.days(270))  # ready to submit, as the browser journey does
            continue
        _complete(framework, agency_return, lead, base, uplift=1)
        _plan_the_rest(agency_return, d.days(270))
        return_services.return_submit(agency_return=agency_return, actor=lead)
        if CURRENT_STATE[short] == "challenge":
            challenged.append(Return.objects.get(pk=agency_return.pk))
    session = _session(d, current, "Peer challenge panel 1", 3, challenged)
    for agency_return in challenged:
        _challenge(
            d, framework, agency_return, session, SECTION11_AGENCIES[agency_return.agency.short_name][1] + 1
        )
    return True


# --- multi-agency audits -----------------------------------------------------------------------


def _programme(d, on: date) -> AuditProgramme:
    year = on.year if on.month >= 4 else on.year - 1
    programme = AuditProgramme.objects.filter(year=year).first()
    if programme is None:
        programme = services_audits.programme_save(
            programme=AuditProgramme(year=year, subgroup=d.subgroups["Learning and Improvement"],
                                     notes="Thematic audits chosen from the partnership's priorities."),
            actor=d.bu,
        )  # fmt: skip
    return programme


AUDITS = [
    {
        "title": "Multi-agency audit: neglect of adolescents",
        "planned": -240,
        "themes": ["Neglect", "Voice of the child"],
        "lines": [
            "How well did agencies recognise and respond to neglect of the young person?",
            "How well was the young person's voice heard and recorded?",
            "How well did agencies work together and share information?",
        ],
        "agencies": [
            ("NBC", "Team manager, Northbrook East"),
            ("Police", "Detective Sergeant, PVP unit"),
            ("NGH", "Named Nurse, emergency department"),
            ("Brookside", "Deputy DSL, Brookside Academy"),
        ],
        "cases": [
            ("Child A", "Aged 14; open to early help"),
            ("Child B", "Aged 15; child in need plan"),
            ("Child C", "Aged 13; repeat attendances at the emergency department"),
            ("Child D", "Aged 16; missing episodes"),
        ],
        # (agency, line number, grade, finding)
        "findings": [
            (
                "NBC",
                1,
                "good",
                "Neglect was identified in three of four cases; the graded care profile was used in two.",
            ),
            (
                "NBC",
                2,
                "requires_improvement",
                "The young person's own words were recorded in two of four cases.",
            ),
            ("NBC", 3, "good", "Strategy discussions included every agency involved."),
            (
                "Police",
                1,
                "requires_improvement",
                "Officers recorded the home conditions but did not always refer.",
            ),
            ("Police", 3, "good", "Information was shared with the MASH within 24 hours in every case."),
            ("NGH", 1, "good", "Repeat attendances triggered the safeguarding team's review."),
            ("NGH", 2, "inadequate", "No record of speaking to Child C alone at any attendance."),
            (
                "Brookside",
                2,
                "outstanding",
                "Pupil voice was central: each young person had a trusted adult.",
            ),
            (
                "Brookside",
                3,
                "requires_improvement",
                "The school was not invited to two strategy discussions.",
            ),
        ],
        "workshop": (
            -180,
            "The four auditors, the Designated Nurse, the Learning and Improvement chair.",
            "Agencies agreed that neglect of adolescents is seen later than in younger children; challenge on "
            "why schools were not invited to strategy discussions.",
        ),
        "overview": (
            "Early help recognised neglect and schools gave young people a trusted adult.",
            "Young people were rarely spoken to alone; schools were left out of strategy discussions.",
            "Two young people said nobody asked them what home was like; one said school was the only place "
            "someone noticed.",
            -150,
            AuditStatus.REPORTED,
        ),
        "learning": {
            "findings": [
                ("strength", "Schools give adolescents a trusted adult", ["Voice of the child"]),
                ("improvement", "Adolescents are rarely spoken to alone", ["Voice of the child", "Neglect"]),
                ("improvement", "Schools are left out of strategy discussions", ["Information sharing"]),
            ],
            "recommendations": [
                (
                    "1",
                    "Every agency speaks to the young person alone when neglect is suspected.",
                    ["NGH", "Police", "NBC"],
                ),
                ("2", "Invite the young person's school to every strategy discussion.", ["NBC"]),
            ],
            "plan": ("Neglect of adolescents: audit action plan", -140),
            "actions": [
                (
                    "1",
                    "Add 'seen alone?' to the emergency department safeguarding screen.",
                    "NGH",
                    "agency.lead@northbrook-scp.example",
                    60,
                    ActionStatus.ON_TRACK,
                ),
                (
                    "1",
                    "Brief response officers on speaking to young people alone.",
                    "Police",
                    "practice.review.chair@northbrook-scp.example",
                    -20,
                    ActionStatus.NOT_STARTED,
                ),
                (
                    "2",
                    "Change the strategy discussion invitation list to include the school's DSL.",
                    "NBC",
                    "Amira Hassan",
                    -60,
                    ActionStatus.COMPLETE,
                ),
            ],
        },
    },
    {
        "title": "Multi-agency audit: child criminal exploitation",
        "planned": -30,
        "themes": ["Child criminal exploitation", "Contextual safeguarding"],
        "lines": [
            "How early were signs of exploitation recognised, and by whom?",
            "How well did the disruption plan reduce the risk to the young person?",
            "How well did agencies hear the young person's own account?",
        ],
        "agencies": [
            ("Police", "Detective Constable, exploitation team"),
            ("YJS", "Senior practitioner"),
            ("Brookside", "Head of year, Brookside Academy"),
            ("NBC", "Adolescent services manager"),
        ],
        "cases": [
            ("Young person E", "Aged 15; found out of area"),
            ("Young person F", "Aged 16; excluded from school"),
            ("Young person G", "Aged 14; missing episodes"),
        ],
        "findings": [
            (
                "Police",
                1,
                "good",
                "Intelligence reports linked the young people to a county line within weeks.",
            ),
            (
                "YJS",
                2,
                "requires_improvement",
                "Disruption plans were written but not reviewed after arrests.",
            ),
        ],
        "workshop": None,
        "overview": None,
        "status": AuditStatus.AUDITING,
        "learning": None,
    },
]


def _seed_audits(d, audits=AUDITS) -> list[str]:
    made = []
    for data in audits:
        if MultiAgencyAudit.objects.filter(title=data["title"]).exists():
            continue
        planned = d.days(data["planned"])
        audit = services_audits.audit_save(
            audit=MultiAgencyAudit(title=data["title"], programme=_programme(d, planned),
                                   subgroup=d.subgroups["Learning and Improvement"], planned_on=planned,
                                   status=data.get("status", AuditStatus.PLANNED)),
            themes=d.theme_list(*data["themes"]), actor=d.bu,
        )  # fmt: skip
        lines = [services_audits.line_of_enquiry_add(audit=audit, text=t, actor=d.bu) for t in data["lines"]]
        for short, auditor in data["agencies"]:
            services_audits.participant_add(audit=audit, agency=d.agencies[short], auditor=auditor,
                                            no_previous_involvement=True, actor=d.bu)  # fmt: skip
        for pseudonym, notes in data["cases"]:
            services_audits.case_add(audit=audit, pseudonym=pseudonym, notes=notes, actor=d.bu)
        for short, number, grade, finding in data["findings"]:
            services_audits.agency_finding_record(audit=audit, agency=d.agencies[short], line_of_enquiry=lines[number - 1],
                                                  grade=grade, finding=finding, actor=d.bu)  # fmt: skip
        if data["workshop"]:
            on, attendees, notes = data["workshop"]
            services_audits.workshop_record(audit=audit, workshop_on=d.days(on), attendees=attendees, notes=notes,
                                            actor=d.bu)  # fmt: skip
        if data["overview"]:
            strengths, areas, views, reported, status = data["overview"]
            services_audits.overview_record(audit=audit, strengths=strengths, areas_for_improvement=areas,
                                            childrens_views=views, reported_on=d.days(reported), status=status,
                                            actor=d.bu)  # fmt: skip
        if data["learning"]:
            _learning(d, audit.learning_source, data["learning"], d.subgroups["Learning and Improvement"])
        made.append(f"the audit “{audit.title}”")
    return made


# A reported audit and its re-audit a year later (did it stick?): lines 1 and 3 improved, line 2
# (the child's lived experience) did not.
GCP_AUDIT = {
    "title": "Multi-agency audit: use of the graded care profile",
    "planned": -560,
    "themes": ["Neglect"],
    "lines": [
        "How well did agencies use the graded care profile to assess neglect?",
        "How well were the child's lived experience and views recorded?",
        "How well did the plan reduce neglect within the timescales set?",
    ],
    "agencies": [
        ("NBC", "Team manager, Northbrook West"),
        ("NGH", "Named Nurse, children's services"),
        ("Brookside", "Designated Safeguarding Lead, Brookside Academy"),
        ("Police", "Detective Sergeant, PVP unit"),
    ],
    "cases": [
        ("Child R", "Aged 4; child in need plan for neglect"),
        ("Child S", "Aged 9; early help, poor school attendance"),
        ("Child T", "Aged 2; repeat attendances for minor injuries"),
    ],
    "findings": [
        ("NBC", 1, "requires_improvement", "The graded care profile was completed in one of three cases."),
        (
            "NGH",
            1,
            "inadequate",
            "Health visitors did not know the graded care profile was expected of them.",
        ),
        ("Brookside", 1, "requires_improvement", "The school contributed to one profile when asked."),
        (
            "Police",
            1,
            "requires_improvement",
            "Officers described home conditions but never referred to a profile.",
        ),
        ("NBC", 2, "good", "Each child's day was described in their own words or by observation."),
        ("NGH", 2, "requires_improvement", "Records described the parents' needs more than the child's."),
        ("Brookside", 2, "good", "Staff recorded what the children said about hunger and clothes."),
        ("Police", 2, "requires_improvement", "The child was seen but not spoken to in two cases."),
        ("NBC", 3, "requires_improvement", "Plans had actions but no dates; neglect drifted in two cases."),
        ("NGH", 3, "requires_improvement", "Health actions were not reviewed at core groups."),
        ("Brookside", 3, "inadequate", "The school was not told what the plan expected of it."),
        ("Police", 3, "good", "Every police action was completed by its date."),
    ],
    "workshop": (
        -500,
        "The four auditors and the Learning and Improvement chair.",
        "The graded care profile was seen as children's social care's tool; agencies agreed to train their staff.",
    ),
    "overview": (
        "Schools and social workers described children's daily lives well.",
        "The graded care profile was rarely used outside children's social care, and plans had no timescales.",
        "A nine-year-old said the school breakfast club was the best part of the day.",
        -470,
        AuditStatus.REPORTED,
    ),
    "learning": None,
}
REAUDIT = {
    "title": "Multi-agency re-audit: use of the graded care profile",
    "planned": -195,
    "cases": [
        ("Child U", "Aged 6; child protection plan for neglect"),
        ("Child V", "Aged 3; early help after a health visitor's profile"),
        ("Child W", "Aged 11; child in need plan"),
    ],
    "findings": [
        (
            "NBC",
            1,
            "good",
            "The graded care profile was completed in every case and reviewed at core groups.",
        ),
        ("NGH", 1, "good", "Health visitors completed two profiles and contributed to the third."),
        ("Brookside", 1, "requires_improvement", "The school contributed to two profiles when asked."),
        ("Police", 1, "good", "Officers now refer to the profile in their referrals."),
        (
            "NBC",
            2,
            "requires_improvement",
            "The child's views were recorded at the start but not as the plan went on.",
        ),
        (
            "NGH",
            2,
            "requires_improvement",
            "Records still described the parents' needs more than the child's.",
        ),
        ("Brookside", 2, "good", "Staff recorded what the children said, in their words."),
        ("Police", 2, "inadequate", "None of the three children was spoken to."),
        ("NBC", 3, "good", "Every plan had dated actions; neglect reduced in two of three cases."),
        ("NGH", 3, "good", "Health actions were reviewed at every core group."),
        ("Brookside", 3, "good", "The school's part in each plan was written down and done."),
        ("Police", 3, "good", "Every police action was completed by its date."),
    ],
    "workshop": (
        -130,
        "The four auditors, the Designated Nurse and the Learning and Improvement chair.",
        "The profile is now used across agencies; the child's voice slips once a plan is under way.",
    ),
    "overview": (
        "The graded care profile is used across agencies, and plans have dated actions.",
        "The child's lived experience is recorded at the start of a plan but not as it goes on; police rarely "
        "speak to the child.",
        "A six-year-old said her new bed was the best thing that happened this year.",
        -100,
    ),
}


def _seed_reaudit(d) -> list[str]:
    """The graded care profile audit and, a year later, its re-audit, planned from it (so it
    takes its lines of enquiry and agencies), its auditors confirmed, its grades and overview."""
    made = _seed_audits(d, [GCP_AUDIT])
    if MultiAgencyAudit.objects.filter(title=REAUDIT["title"]).exists():
        return made
    earlier = MultiAgencyAudit.objects.get(title=GCP_AUDIT["title"])
    planned = d.days(REAUDIT["planned"])
    audit = services_audits.audit_save(
        audit=MultiAgencyAudit(title=REAUDIT["title"], programme=_programme(d, planned), repeats=earlier,
                               subgroup=earlier.subgroup, planned_on=planned, status=AuditStatus.AUDITING),
        themes=list(earlier.themes.all()), actor=d.bu,
    )  # fmt: skip
    for participant in audit.participants.all():
        services_audits.participant_update(participant=participant, auditor=participant.auditor,
                                           no_previous_involvement=True, actor=d.bu)  # fmt: skip
    for pseudonym, notes in REAUDIT["cases"]:
        services_audits.case_add(audit=audit, pseudonym=pseudonym, notes=notes, actor=d.bu)
    lines = list(audit.lines_of_enquiry.all())
    for short, number, grade, finding in REAUDIT["findings"]:
        services_audits.agency_finding_record(audit=audit, agency=d.agencies[short], line_of_enquiry=lines[number - 1],
                                              grade=grade, finding=finding, actor=d.bu)  # fmt: skip
    on, attendees, notes = REAUDIT["workshop"]
    services_audits.workshop_record(
        audit=audit, workshop_on=d.days(on), attendees=attendees, notes=notes, actor=d.bu
    )
    strengths, areas, views, reported = REAUDIT["overview"]
    services_audits.overview_record(audit=audit, strengths=strengths, areas_for_improvement=areas,
                                    childrens_views=views, reported_on=d.days(reported),
                                    status=AuditStatus.REPORTED, actor=d.bu)  # fmt: skip
    return [*made, f"the re-audit “{audit.title}”"]


def _learning(d, source, data, subgroup) -> None:
    """A source's findings, recommendations and action plan with its actions."""
    for kind, title, theme_names in data.get("findings", []):
        finding = Finding.objects.create(source=source, kind=kind, title=title)
        finding.themes.set(d.theme_list(*theme_names))
    recommendations = {}
    for reference, text, agency_names in data["recommendations"]:
        recommendation = Recommendation.objects.create(source=source, reference=reference, text=text,
                                                       to_partnership=not agency_names)  # fmt: skip
        recommendation.agencies.set([d.agencies[a] for a in agency_names])
        recommendations[reference] = recommendation
    title, started = data["plan"]
    plan = ActionPlan.objects.create(
        source=source, title=title, subgroup=subgroup, start_date=d.days(started)
    )
    # An action may end with its impact statement; a complete one without it gets a generic one.
    for reference, text, owner, lead, due_in, status, *impact in data["actions"]:
        lead_fields = {"lead_user": d.users[lead]} if "@" in lead else {"lead_name": lead}
        action = action_create(
            action=Action(plan=plan, recommendation=recommendations[reference], description=text,
                          owner_agency=d.agencies[owner], start_date=plan.start_date, due_date=d.days(due_in),
                          **lead_fields),
            actor=d.bu,
        )  # fmt: skip
        if status != ActionStatus.NOT_STARTED:
            action.status = status
            if status == ActionStatus.COMPLETE:
                action.closed_on = d.days(-10)
                action.impact = (
                    impact[0] if impact else "A re-audit of ten cases found the change made in nine."
                )
            action.save()


# --- a single-agency audit and an inspection -----------------------------------------------------


SINGLE_AUDIT_TITLE = "Safeguarding supervision in the emergency department"
INSPECTION_TITLE = "Ofsted inspection of Northbrook local authority children's services (ILACS)"


def _seed_single_agency_audit(d) -> bool:
    if SingleAgencyAudit.objects.filter(title=SINGLE_AUDIT_TITLE).exists():
        return False
    lead = d.users["agency.lead@northbrook-scp.example"]
    audit = services_audits.single_agency_audit_save(
        audit=SingleAgencyAudit(
            agency=d.agencies["NGH"], title=SINGLE_AUDIT_TITLE,
            scope="30 safeguarding referrals from the emergency department, January to March.",
            summary="Safeguarding supervision was recorded for 21 of 30 referrals; night staff had the least access. "
            "Referrals with supervision were of better quality.",
            reported_on=d.days(-60), subgroup=d.subgroups["Quality and Performance"],
        ),
        themes=d.theme_list("Supervision", "Professional curiosity"), actor=lead,
    )  # fmt: skip
    Finding.objects.create(source=audit.learning_source, kind="improvement",
                           title="Night staff have little access to safeguarding supervision")  # fmt: skip
    return True


def _seed_inspection(d) -> bool:
    if Inspection.objects.filter(title=INSPECTION_TITLE).exists():
        return False
    qp = d.subgroups["Quality and Performance"]
    inspection = services_audits.inspection_save(
        inspection=Inspection(
            inspectorate="ofsted_ilacs", title=INSPECTION_TITLE, started_on=d.days(-200), ended_on=d.days(-189),
            published_on=d.days(-150), judgement="Good",
            report_url="https://reports.ofsted.example/northbrook-ilacs", subgroup=qp,
        ),
        agencies=[d.agencies["NBC"]], actor=d.bu,
    )  # fmt: skip
    _learning(d, inspection.learning_source, {
        "findings": [("strength", "Children in care have stable, trusting relationships with social workers",
                      ["Children looked after"]),
                     ("improvement", "Management oversight of early help is inconsistent", ["Supervision", "Early help"])],
        "recommendations": [("1", "Strengthen management oversight and supervision in early help.", ["NBC"]),
                            ("2", "Improve the timeliness of return home interviews for children who go missing.",
                             ["NBC"])],
        "plan": ("Ofsted ILACS: post-inspection action plan", -120),
        "actions": [("1", "Introduce monthly case supervision audits in early help.", "NBC",
                     "qa.officer@northbrook-scp.example", 40, ActionStatus.ON_TRACK),
                    ("2", "Commission return home interviews within 72 hours.", "NBC", "Liam Okoro", -15,
                     ActionStatus.NOT_STARTED),
                    ("2", "Report return home interview timeliness to the Quality and Performance subgroup quarterly.",
                     "NBC", "business.unit@northbrook-scp.example", -30, ActionStatus.COMPLETE)],
    }, qp)  # fmt: skip
    return True


def _escalations(d: Demo, round_: Round) -> None:
    """Six months after the previous round's overview, the partnership wrote to the senior
    managers of the agencies with improvements still open (the job's letters, recorded as sent
    so that `send_reminders` does not send them again): Police and Probation have responded,
    NMH's response is overdue, and Haven has no senior manager to write to."""
    from django.contrib.contenttypes.models import ContentType

    from partnership.models import RiskFlag, SentReminder

    from .models.escalations import escalation_due_on
    from .reminders import ESCALATION_JOB
    from .selectors import outstanding_improvements
    from .services.escalations import escalation_write

    sent_on = escalation_due_on(round_)
    outstanding = outstanding_improvements(round_ids=[round_.pk])
    responses = {
        "Police": "The force has re-run its training needs analysis; compliance is 91% and a targeted "
        "programme for response officers finishes in March. The Head of Public Protection is accountable.",
        "Probation": "All practitioners have now completed level 3; supervision audits start next quarter.",
    }
    # A risk the round found that could not wait for Haven's improvement actions.
    RiskFlag.objects.get_or_create(
        source=round_.learning_source,
        agency=d.agencies["Haven"],
        risk="Haven's return shows that volunteers who run the children's group have started before their "
        "enhanced DBS checks came back.",
        defaults={"partner": d.agencies["NBC"], "raised_by": d.bu, "raised_on": d.days(-640),
                  "response_due_on": d.days(-626), "response_received_on": d.days(-630),
                  "response": "No volunteer now starts before their check is back; the coordinator checks each "
                  "start date, and the trustees audited every volunteer file in March.",
                  "response_recorded_by": d.bu},
    )  # fmt: skip
    for agency_return in round_.returns.select_related("agency", "round").order_by("agency__name"):
        improvements = outstanding.get(agency_return.pk)
        if not improvements or not agency_return.agency.senior_manager_email:
            continue
        escalation = escalation_write(agency_return=agency_return, improvements=improvements, today=sent_on)
        escalation.sent_at = escalation.sent_at or timezone.make_aware(datetime.combine(sent_on, time(9, 30)))
        response = responses.get(agency_return.agency.short_name)
        if response and not escalation.response:
            escalation.response_received_on, escalation.response = sent_on + timedelta(days=21), response
            escalation.response_recorded_by = d.bu
        escalation.save()
        SentReminder.objects.get_or_create(
            job=ESCALATION_JOB,
            object_type=ContentType.objects.get_for_model(agency_return),
            object_id=agency_return.pk,
            period=sent_on,
            recipient=escalation.sent_to,
            defaults={"sent_at": escalation.sent_at},
        )


def link_priorities(stdout=None) -> None:
    """Link each multi-agency audit to the demo year's priorities it is about (once: an audit
    that already serves a priority is left as it is). A step of its own, after every demo
    (the annual report's demo makes an audit too)."""
    from partnership.demo_priorities import demo_year, link_once

    bu = User.objects.filter(email=BUSINESS_UNIT).first()
    year = demo_year()
    if year is None or bu is None:
        return
    linked = sum(
        link_once(audit, " ".join([audit.title, *(t.name for t in audit.themes.all())]), year, bu)
        for audit in MultiAgencyAudit.objects.prefetch_related("themes")
    )
    if stdout and linked:
        stdout.write(f"Demo audits: linked {linked} audits to the year's priorities.")
