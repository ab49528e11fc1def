"""What a complete previous reporting year needs that the other apps' demos do not give it (a
Rapid Review and the learning review it led to, published; a multi-agency and a single-agency
audit; a joint targeted area inspection; a newsletter article on the review's learning), dated
inside the previous reporting year whatever the day of seeding; each skipped whole if its
reference or title exists."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from ... import periods

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
