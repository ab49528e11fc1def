"""The demo's annual report narratives, for `seed_demo` (called from dashboards/demo.py).

Every section of the current and the previous reporting year gets the words a partnership's
business unit would write, so that producing the report after seeding gives a complete report
that reads like a real one. A section already written is left alone: a second run changes
nothing, and nothing the person typed in the demo is overwritten.

The other apps' demos date their records relative to the day of seeding, so most of them fall in
the current reporting year. `seed_previous_year` adds what a complete previous year needs and
they do not give it (a Rapid Review and the learning review it led to, published; a multi-agency
and a single-agency audit; a joint targeted area inspection; a newsletter article on the review's
learning), dated inside the previous reporting year whatever the day of seeding, and one
single-agency audit from the year before it, so that lessons recur across years. Each is skipped
whole if its reference or title exists.

`seed_publication` (the `publication_step` of `seed_demo`, run last of all, so that the
version it produces holds the approved contributions and the year's progress that other demo
steps add) gives the previous (last complete) year its publication trail: a version of
the PDF produced (rendered there and then), finalised, published on the partnership's website
and sent to the national Panel and Foundations within the 7 days (the clock met). A year that
is already finalised is left alone, and so are a finalised year's narratives.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from .. import periods
from .models import ReportNarrative, ReportSection
from .services import (
    is_finalised,
    narratives_save,
    report_finalise,
    report_publish,
    report_submission_record,
    report_version_render,
)

S = ReportSection

TEXTS = {
    S.SCRUTINY: (
        "The partners asked the independent scrutineer to assess how well the safeguarding arrangements worked "
        "in {label}. The assessment is printed as it was written and approved, without changes by the partners."
    ),
    S.SUBGROUP_REPORTS: (
        "Each subgroup's chair reports on the subgroup's work in {label}: what it did, what difference it made "
        "and what comes next, in their own words and with the subgroup's figures."
    ),
    S.PARTNER_CONTRIBUTIONS: (
        "Agencies contribute to the annual report, as the partnership's arrangements ask of them: what they did "
        "for the partnership's priorities and what changed in their practice in {label}."
    ),
    S.FOREWORD: (
        "This is the {label} annual report of the partnership. It sets out what we learnt from case reviews, "
        "audits, inspections, training and, above all, from children and young people, and what we changed as a "
        "result.\n\nThe year asked a great deal of practitioners in every agency. Referrals stayed high, neglect "
        "remained the most common reason for a child protection plan, and exploitation outside the home "
        "continued to test how well we share information. We are proud of how agencies worked together, and "
        "honest about where we must do better: the same lessons about professional curiosity and information "
        "sharing appear again and again, and this report tracks them until they stop."
    ),
    S.PARTNERSHIP: (
        "The three statutory safeguarding partners (the council, the integrated care board and the police) lead "
        "the partnership with the relevant agencies named below. The executive meets every two months; the "
        "subgroups do the detailed work and report to it. Our priorities for {label} were agreed with children "
        "and young people through the youth forum, and every subgroup's work plan answers at least one of them."
    ),
    S.PRIORITY_PROGRESS: (
        "The executive reviews progress on each priority every quarter and records its judgement with the "
        "evidence: the measures below against their targets, the actions that serve the priority, and what "
        "children, families and practitioners tell us. Where we made little progress we say so, and say what "
        "we are doing about it."
    ),
    S.GOVERNANCE: (
        "The executive of the three safeguarding partners met every quarter and took the partnership's "
        "decisions; each subgroup reported to it through a highlight report before each meeting. The table "
        "shows how often each body met and how well each agency was represented, which the executive reviews "
        "every year: where an agency's attendance fell, the executive wrote to its senior manager."
    ),
    S.FUNDING: (
        "The three safeguarding partners fund the arrangements, with contributions from probation and the schools. "
        "The contributions are agreed each year by the executive, in proportions it keeps under review. Any "
        "surplus is carried forward to the next year's review budget, because the cost of case reviews cannot be "
        "predicted."
    ),
    S.GLOSSARY: "The terms below are used in this report. We try to write in plain English; where we cannot, this is what we mean.",
    S.REPORT_A_CONCERN: (
        "If you are worried about a child in Northbrook, call the Northbrook Children's Services Front Door on "
        "01632 960 100 (Monday to Thursday 8.30am to 5pm, Friday 8.30am to 4.30pm). In Eastmoor, call the "
        "Eastmoor Children's Advice and Support Service on 01632 960 200. Outside those hours, at weekends and on "
        "bank holidays, call the Emergency Duty Team on 01632 960 999.\n\nProfessionals should use the "
        "partnership's multi-agency referral form and follow the escalation policy when they disagree."
    ),
    S.CASE_REVIEWS: (
        "Every serious incident notified to the national Panel was considered at a Rapid Review within the "
        "statutory timescale where we could. The tables show the decisions made and whether each statutory "
        "clock was met. Where a review was published, its recommendations are listed in full; no child is named "
        "in this report, and details of the children's lives stay within the reviews themselves."
    ),
    S.AUDITS: (
        "The Quality and Performance subgroup ran its multi-agency audit programme, each audit testing a "
        "priority through a sample of cases, practitioners' views and a workshop. Agencies also brought their "
        "own single-agency audits to the partnership, so that learning in one organisation is shared with all."
    ),
    S.SECTION_11: (
        "Section 11 of the Children Act 2004 places duties on organisations to safeguard and promote the "
        "welfare of children. Partners assess themselves against the standards every two years, and peer "
        "challenge panels with lay members test the evidence. The figures below come from the latest round: how "
        "many returns are complete, and the average rating per standard, which shows where agencies are "
        "strongest and where the partnership will look for assurance next, above all training and information "
        "sharing."
    ),
    S.TRAINING: (
        "The multi-agency training programme was built from the training needs assessment and the learning "
        "from reviews. We measure more than attendance: practitioners rate each course on the day, say how "
        "confident they feel before and after, and three months later they and their managers tell us whether "
        "practice changed."
    ),
    S.INSPECTIONS: (
        "Inspections of partner agencies are a source of learning for the whole partnership. Each inspection's "
        "recommendations have an action plan overseen by a subgroup, and progress is reported to the executive."
    ),
    S.CHILD_DEATH_REVIEW: (
        "The Child Death Overview Panel reviews the death of every child normally resident in the area. Its own "
        "annual report gives the detail; the figures below are a summary. Modifiable factors most often related "
        "to safe sleeping and to smoking in pregnancy, and both are campaigns in the year ahead."
    ),
    S.PERFORMANCE: (
        "The Quality and Performance subgroup scrutinises the multi-agency dataset every quarter, against "
        "targets and the England and statistical-neighbour averages. Where an indicator stays red, the subgroup "
        "chooses an area for a deep dive."
    ),
    S.CHILDRENS_VOICE: (
        "Children and young people told us what it is like to be helped by our services, through the youth "
        "forum, surveys and focus groups. Here is what they said, and what we did about it."
    ),
    S.ACTION_PLANS: (
        "Every source of learning produces an action plan owned by a subgroup, and its chair is chased every six "
        "months until every action is closed. Actions that are overdue show as red by rule, not by judgement."
    ),
    S.WHAT_CHANGED: (
        "An action is only complete when the subgroup that owns the plan has accepted the evidence that it "
        "made a difference. Below are the impact statements of the actions completed this year, in the words "
        'of the agencies that did the work, and the results of our "did it stick?" checks some months later. '
        "The actions from case reviews are counted rather than described, to protect the children concerned."
    ),
    S.LEARNING_THEMES: (
        "Findings from every source are tagged with the same learning themes, so we can see when a lesson is "
        "being learnt again and again. A theme is recurring when it appears in three or more sources across two "
        "or more years; each recurring theme has a named lead on the executive."
    ),
    S.DISSEMINATION: (
        "Learning only matters if it reaches practice. We publish 7-minute briefings, newsletter articles and "
        "practice notes, and we change training and procedures where the learning calls for it."
    ),
    S.NEXT_PRIORITIES: (
        "The executive agreed the priorities for {next_label} below with the youth forum. Neglect stays a "
        "priority until re-audits show the graded care profile is used consistently, and safeguarding babies, "
        "where the learning from our reviews was strongest, is a priority for every agency. We will measure "
        "success by what changes for children, not by what we produce."
    ),
}


def seed(actor, stdout=None) -> int:
    """Write the narratives of the current and previous reporting years that are still empty;
    return how many sections were written."""
    current = periods.reporting_year(timezone.localdate())
    written = 0
    for year in (current - 1, current):
        done = set(
            ReportNarrative.objects.filter(year=year).exclude(text="").values_list("section", flat=True)
        )
        texts = {
            key.value: text.format(label=periods.year_label(year), next_label=periods.year_label(year + 1))
            for key, text in TEXTS.items()
            if key.value not in done
        }
        if texts and not is_finalised(year):  # a finalised year's words no longer change
            written += narratives_save(year=year, texts=texts, actor=actor)
    if stdout:
        stdout.write(
            f"Demo annual report: {written} sections written."
            if written
            else "Demo annual report: already there."
        )
    return written


# --- the previous reporting year ---------------------------------------------------------------

PREVIOUS_RAPID_REVIEW = "DEMO-RR-00"
PREVIOUS_LEARNING_REVIEW = "DEMO-LLR-00"
PREVIOUS_AUDIT = "Multi-agency audit: domestic abuse and the unborn baby"
PREVIOUS_SINGLE_AUDIT = "Children's voice in domestic abuse call-outs"
PREVIOUS_INSPECTION = "Joint targeted area inspection: children at risk of criminal exploitation"
PREVIOUS_BRIEFING = "Child K: seeing the baby behind the domestic abuse"


def seed_previous_year(stdout=None) -> list[str]:
    """Add the previous reporting year's reviews, audits, inspection and briefing that are
    missing; return what was added."""
    from audits import demo as audits_demo

    if not audits_demo.User.objects.filter(email=audits_demo.BUSINESS_UNIT).exists():
        return []
    d = audits_demo.Demo()
    # The last day of the previous reporting year: `d.days(-n)` is then n days before it.
    d.today = periods.year_start(periods.reporting_year(timezone.localdate())) - datetime.timedelta(days=1)
    made = []
    with transaction.atomic():
        made += _previous_reviews(d)
        made += audits_demo._seed_audits(d, [PREVIOUS_AUDIT_DATA])
        made += _previous_single_agency_audit(d)
        made += _previous_inspection(d, audits_demo)
        made += _previous_briefing(d)
    if stdout and made:
        stdout.write(f"Demo annual report, previous year: added {', '.join(made)}.")
    return made


def _previous_reviews(d) -> list[str]:
    """A Rapid Review that decided on a local learning review, and that review, published with its
    findings, recommendations and a completed action plan; both clocks met."""
    from partnership.models import Finding, Recommendation
    from partnership.working_days import add_working_days
    from reviews.models import Notification, NotifiedChild, PanelMember, Review

    if Review.objects.filter(reference__in=[PREVIOUS_RAPID_REVIEW, PREVIOUS_LEARNING_REVIEW]).exists():
        return []
    practice_review = d.subgroups["Practice Review"]
    chair = d.users["practice.review.chair@northbrook-scp.example"]
    notified = d.days(-330)
    notification = Notification.objects.create(
        reference="DEMO-SIN-00", became_aware_on=d.days(-333), notified_on=notified, incident="serious_harm",
        abuse_or_neglect="suspected", created_by=d.bu,
        summary="Child K, aged 7 months, was admitted with a head injury after police attended a domestic "
        "abuse incident at the home.",
    )  # fmt: skip
    notification.agencies.set([d.agencies[a] for a in ("Police", "NGH", "Haven", "NBC")])
    NotifiedChild.objects.create(notification=notification, pseudonym="Child K", age_band="under_1")

    def review(**fields):
        r = Review(subgroup=practice_review, lead=d.bu, title="Child K", notification=notification, **fields)
        r.save()
        for user, role in ((chair, "chair"), (d.bu, "adviser")):
            PanelMember.objects.create(review=r, user=user, role=role)
        return r

    rapid = review(
        reference=PREVIOUS_RAPID_REVIEW, kind="rapid_review", stage="closed", opened_on=notified,
        panel_meeting_on=d.days(-318), decision="learning_review",
        criteria={"abuse_or_neglect": True, "serious_harm": True, "multi_agency_concern": True},
        considerations="Agencies knew of domestic abuse before the birth; the unborn baby was not considered.",
        decision_rationale="The learning is local and specific: a local learning review will find it sooner "
        "than an LCSPR. The national Panel agreed.",
        decided_by="The three safeguarding partners (Council, ICB, Police)", decided_on=d.days(-316),
        sent_to_panel_on=add_working_days(notified, 13), panel_reply_on=d.days(-300),
        panel_reply="The Panel agrees that a local learning review is the right response.",
    )  # fmt: skip
    learning = review(
        reference=PREVIOUS_LEARNING_REVIEW, kind="learning_review", stage="closed", rapid_review=rapid,
        opened_on=d.days(-300), terms_of_reference="How agencies responded to domestic abuse during the "
        "pregnancy and the first months of Child K's life.", reviewer_name="Sarah Quinn",
        reviewer_organisation="Independent", methodology="appreciative", family_involvement="took_part",
        draft_report_on=d.days(-160), final_report_on=d.days(-120), publication_decision="summary",
        publication_reasons="A summary is published: the full report would identify the family.",
        planned_publication_on=d.days(-90), published_on=d.days(-90),
        publication_url="https://northbrook-scp.example/reviews/learning-review-k",
    )  # fmt: skip
    source = learning.learning_source
    for kind, title, themes in (
        ("improvement", "The unborn baby was not considered when domestic abuse was reported",
         ["Domestic abuse", "Think family"]),
        ("improvement", "Midwives did not hear of police call-outs to the home",
         ["Information sharing", "Domestic abuse"]),
        ("strength", "The specialist domestic abuse worker kept in touch with the mother throughout",
         ["Voice of the child"]),
    ):  # fmt: skip
        finding = Finding.objects.create(source=source, kind=kind, title=title)
        finding.themes.set(d.theme_list(*themes))
    recommendations = [
        ("1", "Police share every domestic abuse call-out involving a pregnant woman with maternity services "
              "within 24 hours.", ["Police", "NGH"]),
        ("2", "Every assessment after domestic abuse considers the unborn or newborn baby.", ["NBC", "Haven"]),
    ]  # fmt: skip
    for reference, text, agencies in recommendations:
        recommendation = Recommendation.objects.create(source=source, reference=reference, text=text)
        recommendation.agencies.set([d.agencies[a] for a in agencies])
        recommendation.themes.set(d.theme_list("Domestic abuse"))
    return ["a Rapid Review and the learning review it led to"]


PREVIOUS_AUDIT_DATA = {
    "title": PREVIOUS_AUDIT,
    "planned": -300,
    "themes": ["Domestic abuse", "Think family"],
    "lines": [
        "How well did agencies recognise the risk to the unborn or newborn baby?",
        "How well did agencies share what they knew about domestic abuse?",
        "How well were the mother's and the baby's needs brought together in one plan?",
    ],
    "agencies": [
        ("NGH", "Named Midwife"),
        ("Police", "Detective Sergeant, domestic abuse team"),
        ("NBC", "Team manager, front door"),
        ("Haven", "Senior independent domestic violence adviser"),
    ],
    "cases": [
        ("Baby H", "Born during the audit period; police call-outs before the birth"),
        ("Baby J", "Aged 2 months; mother supported by Haven"),
        ("Baby L", "Unborn at referral; father on probation"),
        ("Baby N", "Aged 5 months; child in need plan"),
        ("Baby Q", "Unborn at referral; previous children removed"),
    ],
    "findings": [
        ("NGH", 1, "good", "Midwives asked about domestic abuse at booking in all five cases."),
        ("Police", 2, "requires_improvement", "Call-outs were shared with maternity services in two of five cases."),
        ("NBC", 3, "requires_improvement", "Plans addressed the mother's safety but rarely the baby's care."),
        ("Haven", 3, "good", "Advocates joined the baby's plan to the mother's safety plan in four cases."),
    ],
    "workshop": (-230, "Named Midwife, DS domestic abuse team, front door team manager, Haven IDVA",
                 "Agencies agreed a single pre-birth pathway for domestic abuse."),
    "overview": (
        "Midwives routinely ask about domestic abuse; specialist advocates are trusted by mothers.",
        "Police call-outs do not reliably reach maternity services; plans rarely describe the baby's day.",
        "Mothers said they would have accepted help sooner had they known what would happen next.",
        -200,
        "reported",
    ),
    "learning": {
        "findings": [
            ("improvement", "Police call-outs in pregnancy did not reach midwives", ["Information sharing",
                                                                                  "Domestic abuse"]),
            ("improvement", "Plans spoke of the mother's safety, not the baby's care", ["Think family",
                                                                                     "Voice of the child"]),
        ],
        "recommendations": [
            ("1", "Agree a pre-birth domestic abuse pathway across maternity, police and children's social care.",
             ["NGH", "Police", "NBC"]),
        ],
        "plan": ("Domestic abuse and the unborn baby: audit action plan", -190),
        "actions": [
            ("1", "Publish the pre-birth domestic abuse pathway.", "NBC",
             "business.unit@northbrook-scp.example", -60, "complete",
             "The pathway is in use: 11 of 12 pregnancies referred after domestic abuse had a pre-birth plan."),
            ("1", "Send police domestic abuse notifications to the maternity safeguarding inbox.", "Police",
             "practice.review.chair@northbrook-scp.example", -30, "complete",
             "Maternity services now receive every notification; midwives asked about it at 9 of 10 bookings."),
        ],
    },
}  # fmt: skip


# (title, agency, days before the previous year's end, scope, summary, finding, themes): the
# second is from the year before, so that the previous year's report can show the lessons that
# recur across years, as the current year's does.
PREVIOUS_SINGLE_AUDITS = [
    (PREVIOUS_SINGLE_AUDIT, "Police", 110,
     "50 domestic abuse incidents attended by response officers where children were present.",
     "Officers recorded the children's presence in every case and spoke to the child in 19 of 50; the child's "
     "own words were recorded in 11.",
     "Children present at domestic abuse incidents are rarely spoken to", ["Voice of the child", "Domestic abuse"]),
    ("Hearing the child in health visiting contacts", "ECH", 420,
     "40 health visiting records of families with a child in need or child protection plan.",
     "The child was seen in every record but their experience was described in 14 of 40; concerns were shared "
     "with the social worker in 31.",
     "Health visitors' records describe the parent, not the child's day", ["Voice of the child",
                                                                           "Information sharing"]),
]  # fmt: skip


def _previous_single_agency_audit(d) -> list[str]:
    from audits.models import SingleAgencyAudit
    from audits.services import audits as services_audits
    from partnership.models import Finding

    made = []
    for title, agency, days_before, scope, summary, finding_title, themes in PREVIOUS_SINGLE_AUDITS:
        if SingleAgencyAudit.objects.filter(title=title).exists():
            continue
        audit = services_audits.single_agency_audit_save(
            audit=SingleAgencyAudit(
                agency=d.agencies[agency], title=title, reported_on=d.days(-days_before), scope=scope,
                summary=summary, subgroup=d.subgroups["Quality and Performance"],
            ),
            themes=d.theme_list(*themes), actor=d.bu,
        )  # fmt: skip
        finding = Finding.objects.create(
            source=audit.learning_source, kind="improvement", title=finding_title
        )
        finding.themes.set(d.theme_list(*themes))
        made.append(f"the single-agency audit “{title}”")
    return made


def _previous_inspection(d, audits_demo) -> list[str]:
    from audits.models import Inspection
    from audits.services import audits as services_audits

    if Inspection.objects.filter(title=PREVIOUS_INSPECTION).exists():
        return []
    qp = d.subgroups["Quality and Performance"]
    inspection = services_audits.inspection_save(
        inspection=Inspection(
            inspectorate="jtai", title=PREVIOUS_INSPECTION, started_on=d.days(-260), ended_on=d.days(-250),
            published_on=d.days(-200), judgement="Letter of findings (not graded)",
            report_url="https://reports.ofsted.example/northbrook-jtai", subgroup=qp,
        ),
        agencies=[d.agencies[a] for a in ("NBC", "Police", "ICB", "YJS")], actor=d.bu,
    )  # fmt: skip
    audits_demo._learning(d, inspection.learning_source, {
        "findings": [("strength", "Leaders share a clear, well-understood response to exploitation",
                      ["Child criminal exploitation", "Multi-agency working"]),
                     ("improvement", "Return home interviews are not used to build a picture of exploitation",
                      ["Missing from home, care or education", "Information sharing"])],
        "recommendations": [("1", "Use what young people say in return home interviews in exploitation "
                             "meetings.", ["NBC", "Police"]),
                            ("2", "Give health practitioners access to the exploitation screening tool.", ["ICB"])],
        "plan": ("JTAI: exploitation action plan", -180),
        "actions": [("1", "Add return home interview themes to the exploitation meeting agenda.", "NBC",
                     "qa.officer@northbrook-scp.example", -40, "complete",
                     "Return home interview themes were discussed at every exploitation meeting since January."),
                    ("2", "Train school nurses and emergency department staff in the screening tool.", "ICB",
                     "cdop.chair@northbrook-scp.example", -20, "complete",
                     "84 school nurses and emergency department staff trained; 23 screenings made in the quarter.")],
    }, qp)  # fmt: skip
    return ["an inspection"]


def _previous_briefing(d) -> list[str]:
    from partnership.models import Briefing, Finding
    from partnership.services import briefings

    if Briefing.objects.filter(title=PREVIOUS_BRIEFING).exists():
        return []
    briefing = Briefing(
        title=PREVIOUS_BRIEFING, format=Briefing.Format.NEWSLETTER, audience=Briefing.Audience.ALL_STAFF,
        background="A local learning review looked at how agencies responded to domestic abuse during a "
        "pregnancy and the first months of a baby's life.",
        why_it_matters="Babies are the children most at risk of serious harm, and domestic abuse often starts or "
        "gets worse in pregnancy.",
        what_we_found="Police, midwives and children's social care each knew part of the picture. The unborn baby "
        "was not considered when domestic abuse was reported, and midwives did not hear of police call-outs.",
        what_to_do="Think of the unborn or newborn baby whenever domestic abuse is reported, share call-outs "
        "with maternity services, and follow the pre-birth domestic abuse pathway.",
        questions_for_practice="Who else needs to know about this pregnancy? What would the baby's day be like?",
        further_reading="The published summary of the learning review; the pre-birth domestic abuse pathway.",
    )  # fmt: skip
    briefings.briefing_create(
        briefing=briefing,
        channels=["newsletter", "website", "training"],
        findings=list(
            Finding.objects.filter(source__title__startswith="Child K:", source__kind="case_review")
        ),
        themes=d.theme_list("Domestic abuse", "Think family", "Information sharing"),
        actor=d.bu,
    )
    briefings.briefing_publish(
        briefing=briefing, no_child_identified=True, published_on=d.days(-80), actor=d.bu
    )
    return ["a published newsletter article"]


# --- the partners' funding and the links with the other boards ----------------------------------

# By agency short name: (contribution in the previous year, in the current year, note).
CONTRIBUTIONS = {
    "NBC": ("182000", "187500", ""),
    "EMC": ("118000", "121500", ""),
    "ICB": ("150000", "154500", "Includes the designated doctor's and nurse's time, valued at £40,000"),
    "Police": ("90000", "92700", ""),
    "Probation": ("8500", "8500", ""),
    "Brookside": ("6000", "6000", "The schools' contribution, agreed by the Schools Forum"),
}
# (heading, spent in the previous year, budgeted for the current year)
SPENDING = [
    ("Business unit staff", "318000", "330000"),
    ("Independent scrutineer", "36000", "37000"),
    ("Local Child Safeguarding Practice Reviews (independent reviewers)", "72500", "80000"),
    ("Multi-agency training programme", "64000", "66000"),
    ("Child Death Overview Panel", "28000", "29000"),
    ("Audits and the voice of children (the youth forum)", "14000", "15000"),
    ("Website, systems and publications", "9500", "10000"),
]
LINKS = {
    "adults_board": (
        "The independent scrutineer and the partnership manager sit on the Safeguarding Adults Board. In {label} "
        "the two boards ran a joint audit of young people moving to adult services and shared one training "
        "offer on domestic abuse and on exploitation."
    ),
    "community_safety": (
        "The Community Safety Partnership and the partnership share the learning of Domestic Homicide Reviews "
        "where children were in the household, and a joint protocol on serious violence and criminal "
        "exploitation."
    ),
    "health_wellbeing": (
        "The partnership presented its {label} annual report to the Health and Wellbeing Board, which took the "
        "safeguarding of babies into the joint strategic needs assessment."
    ),
}


def seed_funding(actor, stdout=None) -> int:
    """The previous and the current year's funding and links with the other boards, where the
    year has none yet; return how many years were entered."""
    from decimal import Decimal

    from partnership.models import Agency

    from .models import ReportFunding, ReportGovernanceLinks
    from .services.funding import ContributionLine, SpendLine, report_funding_save, report_links_save

    current = periods.reporting_year(timezone.localdate())
    agencies = {a.short_name: a for a in Agency.objects.filter(short_name__in=list(CONTRIBUTIONS))}
    entered = 0
    for index, year in enumerate((current - 1, current)):
        label = periods.year_label(year)
        if not ReportGovernanceLinks.objects.filter(year=year).exists():
            report_links_save(
                year=year, texts={k: t.format(label=label) for k, t in LINKS.items()}, actor=actor
            )
        if ReportFunding.objects.filter(year=year).exists() or len(agencies) < len(CONTRIBUTIONS):
            continue
        report_funding_save(
            year=year,
            contributions=[
                ContributionLine(agencies[short], Decimal(amounts[index]), amounts[2])
                for short, amounts in CONTRIBUTIONS.items()
            ],
            spending=[SpendLine(heading, Decimal(amounts[index])) for heading, *amounts in SPENDING],
            actor=actor,
        )
        entered += 1
    if stdout:
        stdout.write(
            f"Demo annual report funding: {entered} years entered."
            if entered
            else "Demo annual report funding: already there."
        )
    return entered


# --- the previous year's publication trail ------------------------------------------------------

DEMO_REPORT_URL = "https://www.northbrook-scp.example/about-us/annual-report-{slug}"


def seed_publication(actor, stdout=None) -> bool:
    """Produce, finalise, publish and send the previous reporting year's report, once (see the
    module's docstring); return whether it did. Published four weeks before the day of seeding
    (but never before the year has ended), sent to the Panel 2 days later and to Foundations 5
    days later (within the 7: met), neither after the day of seeding."""
    from .models import ReportPublication, ReportStatus, ReportVersion

    today = timezone.localdate()
    year = periods.reporting_year(today) - 1
    if ReportPublication.objects.filter(
        Q(version__isnull=False) | Q(published_on__isnull=False), year=year
    ).exists():
        if stdout:
            stdout.write("Demo annual report publication: already there.")
        return False
    version = ReportVersion.objects.filter(
        year=year, status=ReportStatus.READY
    ).first() or report_version_render(
        version_id=ReportVersion.objects.create(year=year, requested_by=actor).pk
    )
    if version is None or version.status != ReportStatus.READY:
        if stdout:
            stdout.write(
                "Demo annual report publication: the report could not be produced, so it is not published."
            )
        return False
    published_on = max(periods.year_start(year + 1), today - datetime.timedelta(days=28))
    finalised_at = timezone.make_aware(
        datetime.datetime.combine(published_on - datetime.timedelta(days=7), datetime.time(10, 0))
    )
    report_finalise(version=version, actor=actor, at=finalised_at)
    report_publish(
        year=year,
        url=DEMO_REPORT_URL.format(slug=periods.year_label(year).replace("/", "-")),
        published_on=published_on,
        actor=actor,
    )
    for recipient, after, how in (
        ("panel", 2, "By email to the Panel's secretariat"),
        ("foundations", 5, "By email to Foundations, with the link to the published report"),
    ):
        report_submission_record(
            year=year,
            recipient=recipient,
            sent_on=min(today, published_on + datetime.timedelta(days=after)),
            how=how,
            actor=actor,
        )
    if stdout:
        stdout.write(
            f"Demo annual report publication: {periods.year_label(year)} finalised, published and sent to the "
            "national Panel and Foundations."
        )
    return True


def publication_step(stdout=None) -> bool:
    """`seed_demo`'s last step for the annual report: the previous year's publication trail, once
    every other demo step has added what its final version prints."""
    from partnership.models import User

    from .demo_progress import BUSINESS_UNIT

    bu = User.objects.filter(email=BUSINESS_UNIT).first()
    return bu is not None and seed_publication(bu, stdout)
