"""Demo case reviews: a handful in different stages with clocks running, met and missed.

Dates are relative to the day the demo is seeded; each review is created whole or skipped if
its reference exists, so a second run changes nothing. Children are pseudonyms only.
"""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from partnership.models import Action, ActionPlan, Agency, Finding, Recommendation, Subgroup, Theme, User
from partnership.working_days import add_working_days

from .models import (
    AgencyRequest,
    CdopReferral,
    CdopReport,
    ChronologyEntry,
    ExternalReview,
    Notification,
    NotifiedChild,
    PanelMember,
    Review,
)


def _wd(days: int):
    return add_working_days(timezone.localdate(), days)


def _days(days: int):
    return timezone.localdate() + timedelta(days=days)


@transaction.atomic
def seed(stdout=None) -> None:
    if Review.objects.filter(reference__startswith="DEMO-").exists():
        return
    agencies = {a.short_name: a for a in Agency.objects.all()}
    themes = {t.name: t for t in Theme.objects.all()}
    practice_review = Subgroup.objects.get(name="Practice Review")
    cdop = Subgroup.objects.get(name="Child Death Overview Panel")
    users = {u.email.split("@")[0]: u for u in User.objects.all()}
    bu, chair, named_doctor = users["business.unit"], users["practice.review.chair"], users["mh.lead"]

    def notification(ref, aware, notified, incident, summary, children, involved):
        n = Notification.objects.create(
            reference=ref, became_aware_on=aware, notified_on=notified, incident=incident,
            abuse_or_neglect="suspected", summary=summary, created_by=bu,
        )  # fmt: skip
        n.agencies.set([agencies[a] for a in involved])
        for pseudonym, band, looked_after in children:
            NotifiedChild.objects.create(
                notification=n, pseudonym=pseudonym, age_band=band, looked_after=looked_after
            )
        return n

    def review(**fields):
        r = Review(subgroup=practice_review, lead=bu, **fields)
        r.save()
        for user, role in ((chair, "chair"), (named_doctor, "member"), (bu, "adviser")):
            PanelMember.objects.create(review=r, user=user, role=role)
        return r

    # 1. A Rapid Review gathering agency information; the Panel notification is due in 2 days.
    n1 = notification("DEMO-SIN-01", _wd(-3), None, "serious_harm",
                      "Child R, aged 3 months, was brought to hospital with a fractured femur. The explanation "
                      "given did not fit the injury.", [("Child R", "under_1", False)], ["NGH", "Police", "NBC"])  # fmt: skip
    r1 = review(reference="DEMO-RR-01", title="Child R", kind="rapid_review", stage="gathering",
                notification=n1, opened_on=_wd(-2))  # fmt: skip
    for short, answered in (("NGH", True), ("Police", False), ("NBC", False)):
        req = AgencyRequest.objects.create(
            review=r1, agency=agencies[short], requested_on=_wd(-2), due_on=_wd(4)
        )
        if answered:
            req.involvement = (
                "Child R was seen in the emergency department twice in the month before, with bruising."
            )
            req.analysis = "The bruising protocol for non-mobile babies was not followed on the first visit."
            req.responded_at = timezone.now()
            req.responded_by = users["agency.lead"]
            req.save()
    ChronologyEntry.objects.create(review=r1, date=_days(-40), agency=agencies["NGH"],
                                   event="Child R seen in ED with a bruise to the cheek; discharged.",
                                   source="NGH agency summary", added_by=bu)  # fmt: skip

    # 2. A Rapid Review that decided on an LCSPR, sent to the Panel late; the LCSPR is under way.
    n2 = notification("DEMO-SIN-02", _days(-75), _days(-71), "death",
                      "Child S, aged 15, died following a suspected overdose. She was known to be at risk of "
                      "criminal exploitation.", [("Child S", "10_15", True)], ["NBC", "Police", "NMH", "Brookside"])  # fmt: skip
    r2 = review(reference="DEMO-RR-02", title="Child S", kind="rapid_review", stage="closed", notification=n2,
                opened_on=_days(-71), panel_meeting_on=_days(-55), decision="lcspr",
                criteria={"abuse_or_neglect": True, "child_died": True, "multi_agency_concern": True,
                          "new_learning": True},
                considerations="Exploitation was known to several agencies; information was not joined up.",
                decision_rationale="Child S died, neglect and exploitation are suspected and there is cause for "
                                   "concern about how agencies worked together: the criteria for an LCSPR are met.",
                decided_by="The three safeguarding partners (Council, ICB, Police)", decided_on=_days(-55),
                sent_to_panel_on=add_working_days(_days(-71), 17), panel_reply_on=_days(-35),
                panel_reply="The Panel agrees with the decision and asks that the review considers transitions.")  # fmt: skip
    review(reference="DEMO-LCSPR-01", title="Child S", kind="lcspr", stage="in_review", notification=n2,
           rapid_review=r2, opened_on=_days(-50), terms_of_reference="How agencies identified and responded to "
           "the risk of criminal exploitation of Child S between January 2025 and her death.",
           scope_from=_days(-500), scope_to=_days(-75), reviewer_name="Dr Helen Marsh",
           reviewer_organisation="Independent", methodology="scie", family_involvement="invited")  # fmt: skip

    # 3. A published LCSPR, both clocks met, with its findings, recommendations and action plan.
    r3 = review(reference="DEMO-LCSPR-00", title="Child P", kind="lcspr", stage="closed", opened_on=_days(-420),
                decided_on=_days(-430), terms_of_reference="Neglect of Child P and her siblings.",
                reviewer_name="Mark Ellison", reviewer_organisation="Ellison Associates", methodology="systems",
                family_involvement="took_part", draft_report_on=_days(-300), final_report_on=_days(-260),
                publication_decision="full", publication_reasons="Published in full in the public interest; "
                "the family agreed and nothing in it identifies the children.",
                planned_publication_on=_days(-230), sent_to_panel_and_sos_on=_days(-245),
                published_on=_days(-230), publication_url="https://northbrook-scp.example/reviews/child-p")  # fmt: skip
    source = r3.learning_source
    finding = Finding.objects.create(
        source=source, title="Cumulative neglect was not recognised across agencies"
    )
    finding.themes.set([themes["Neglect"], themes["Information sharing"]])
    rec = Recommendation.objects.create(source=source, reference="1", text="All agencies use the graded care "
                                        "profile when neglect is suspected.", to_partnership=False)  # fmt: skip
    rec.agencies.set([agencies["NBC"], agencies["NGH"], agencies["Brookside"]])
    rec.themes.set([themes["Neglect"]])
    plan = ActionPlan.objects.create(source=source, title="Child P LCSPR action plan", subgroup=practice_review,
                                     start_date=_days(-225))  # fmt: skip
    Action.objects.create(plan=plan, recommendation=rec, description="Train 200 practitioners in the graded "
                          "care profile.", owner_agency=agencies["NBC"], lead_user=users["training.chair"],
                          start_date=_days(-225), due_date=_days(-20), status="on_track")  # fmt: skip
    Action.objects.create(plan=plan, recommendation=rec, description="Add the graded care profile to the health "
                          "visiting record.", owner_agency=agencies["NGH"], lead_user=users["agency.lead"],
                          start_date=_days(-225), due_date=_days(60), status="on_track")  # fmt: skip

    # 4. A DHR whose decision was made late (missed), now scoping.
    n4 = notification("DEMO-SIN-03", _days(-100), _days(-97), "death",
                      "A mother was killed by her partner; Child M, aged 8, was in the house.",
                      [("Child M", "5_9", False)], ["Police", "Haven", "EMC"])  # fmt: skip
    review(reference="DEMO-DHR-01", title="Family M", kind="dhr", stage="scoping", notification=n4,
           opened_on=_days(-95), decided_on=_days(-55), terms_of_reference="Joint arrangements with the "
           "Community Safety Partnership are being agreed.")  # fmt: skip

    # 5. A local learning review of a near miss.
    review(reference="DEMO-LLR-01", title="Baby T", kind="learning_review", stage="in_review", opened_on=_days(-40),
           summary="A near miss: Baby T's unsafe sleeping arrangements were spotted by a housing officer.")  # fmt: skip

    # Child death review learning, and learning from a review published elsewhere.
    report = CdopReport.objects.create(
        year=timezone.localdate().year - 1, deaths_reviewed=31, modifiable_deaths=9, subgroup=cdop,
        categories={"Perinatal or neonatal event": 12, "Chromosomal, genetic and congenital anomalies": 8,
                    "Sudden unexpected, unexplained death": 4, "Trauma and other external factors": 3,
                    "Suicide or deliberate self-inflicted harm": 2, "Acute medical or surgical condition": 2},
        summary="Modifiable factors most often involved unsafe sleeping and smoking in pregnancy.",
        published_on=_days(-120),
    )  # fmt: skip
    CdopReferral.objects.create(report=report, referred_on=_days(-150), pseudonym="Child V",
                                referred_for="learning_review", reason="Unsafe sleep with a parent who had been "
                                "drinking; several agencies knew of the risk.")  # fmt: skip
    external = ExternalReview.objects.create(
        title="Safeguarding children with disabilities in residential settings (national Panel)",
        published_by="Child Safeguarding Practice Review Panel", published_on=_days(-300),
        url="https://example.org/national-panel/residential-settings", subgroup=practice_review,
        summary="Children with complex needs were not seen or heard; we will check this in our next audit.",
    )  # fmt: skip
    external.themes.set([themes["Children with disabilities"], themes["Voice of the child"]])
    if stdout:
        stdout.write(f"Demo case reviews: {Review.objects.count()} reviews.")


@transaction.atomic
def seed_referrals_and_holds(stdout=None) -> None:
    """Referrals for a learning review (one awaiting screening, one screened into a learning
    review) and the demo LCSPR held by an inquest whose date moved. Each part is skipped when it
    exists, so a second run changes nothing."""
    from .models import ParallelProceeding, Referral
    from .services.publication import proceeding_save
    from .services.referrals import referral_screen

    users = {u.email.split("@")[0]: u for u in User.objects.all()}
    bu, lead = users.get("business.unit"), users.get("agency.lead")
    if bu is None or lead is None:
        return
    practice_review = Subgroup.objects.get(name="Practice Review")
    if not Referral.objects.filter(pseudonym="Child N").exists():
        Referral.objects.create(
            route="agency", agency=lead.agency, referrer=f"{lead.full_name}, safeguarding lead",
            pseudonym="Child N", referred_on=_days(-3), referred_by=lead,
            circumstances="Child N, aged 9, was missing from school for six weeks; school, health and the "
            "council each knew part of it and none brought it together.",
            why_criteria_met="It shows how agencies share concerns about children missing education.",
        )  # fmt: skip
    if not Referral.objects.filter(pseudonym="Child M").exists():
        referral = Referral.objects.create(
            route="practitioner", agency=lead.agency, referrer="Sam Patel, health visitor",
            pseudonym="Child M", referred_on=_days(-40), referred_by=lead,
            circumstances="Child M, aged 2, was admitted with faltering growth after two years of missed "
            "health appointments that no agency followed up.",
            why_criteria_met="Missed appointments were known to three agencies: a recurrent theme of neglect.",
        )  # fmt: skip
        referral_screen(
            referral=referral, criteria={"abuse_or_neglect": True, "working_together": True, "recurrent_theme": True},
            decision="learning_review", screened_on=_days(-30), reference="DEMO-LR-01", subgroup=practice_review,
            lead=bu, actor=None,
            rationale="Not a serious case (Child M was not seriously harmed), but neglect was suspected and "
            "agencies did not join up what they knew: a local learning review.",
        )  # fmt: skip
    lcspr = Review.objects.filter(reference="DEMO-LCSPR-01").first()
    if lcspr is not None and not ParallelProceeding.objects.filter(review=lcspr).exists():
        inquest = proceeding_save(
            proceeding=ParallelProceeding(review=lcspr, kind="inquest", reference="Coroner's ref 2026/114",
                                          expected_on=add_working_days(timezone.localdate(), 60)),
            actor=None,
        )  # fmt: skip
        # The coroner moved the inquest back: the review records the warning.
        inquest.expected_on = add_working_days(timezone.localdate(), 80)
        proceeding_save(proceeding=inquest, actor=None)
