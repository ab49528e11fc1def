"""Closing the loop, end to end: an audit commissioned with its intended outcome and measure,
its actions accepted by the owning subgroup, the plan's closing scheduling the "did it stick?"
check, a re-audit a year on with before and after per line of enquiry, and a "not sustained"
result that opens a new finding the theme matrix counts as a lesson that came back.

Every step a person takes is a request to the page they would use; only the agencies' grades
and the plan's actions are entered through the services, as their own pages are tested
elsewhere. Figures are hand-counted in the comments.
"""

import datetime
import html
import re

import pytest
import time_machine
from django.urls import reverse

from audits import selectors
from audits.models import AuditStatus, Grade, MultiAgencyAudit
from audits.services import audits as services
from dashboards.overview import themes
from partnership.models import ActionStatus, Finding, IntendedOutcome, OutcomeResult, Theme

from ..factories import (
    ActionFactory,
    ActionPlanFactory,
    EvidenceFactory,
    FindingFactory,
    RecommendationFactory,
)

pytestmark = pytest.mark.django_db

G = Grade


def on(year, month, day):
    return time_machine.travel(datetime.datetime(year, month, day, 10, 0), tick=False)


def text_of(response) -> str:
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode())))


def grade_all(world, audit, grades):
    """grades: {line number: (world.agency's grade, world.other_agency's grade)}."""
    for number, (ours, theirs) in grades.items():
        line = audit.lines_of_enquiry.get(number=number)
        for agency, grade in ((world.agency, ours), (world.other_agency, theirs)):
            services.agency_finding_record(audit=audit, agency=agency, line_of_enquiry=line, grade=grade,
                                           finding=f"{agency.short_name} on line {number}",
                                           actor=world.business_unit)  # fmt: skip


def test_an_audit_walks_from_commissioning_to_a_lesson_that_came_back(world, client_for):
    neglect = Theme.objects.get(name="Neglect")

    def sign_in():  # at each step's date: a session signed in months earlier has long expired
        return (client_for(p) for p in (world.business_unit, world.subgroup_chair, world.agency_lead))

    # --- Commissioning (April 2026): the audit, and what it should change, measured by re-audit.
    with on(2026, 4, 1):
        bu, chair, lead = sign_in()
        response = bu.post(reverse("audits:audit-create"), {
            "title": "Multi-agency audit: neglect of teenagers", "themes": [neglect.pk],
            "subgroup": world.subgroup.pk, "planned_on": "4/5/2026",
        })  # fmt: skip
        audit = MultiAgencyAudit.objects.get(title="Multi-agency audit: neglect of teenagers")
        assert response.status_code == 302
        source = audit.learning_source
        for text in ("Was the teenager's voice heard?", "Was neglect named in the referral?"):
            services.line_of_enquiry_add(audit=audit, text=text, actor=world.business_unit)
        for agency in (world.agency, world.other_agency):
            services.participant_add(audit=audit, agency=agency, auditor=f"{agency.short_name} auditor",
                                     no_previous_involvement=True, actor=world.business_unit)  # fmt: skip

        response = bu.post(reverse("partnership:outcome-create", args=[source.pk]), {
            "outcome": "Teenagers' own words about neglect are heard and recorded.", "measure_kind": "reaudit",
            "measure": "Re-audit the same lines of enquiry a year on: most agencies good or better.",
            "higher_is_better": "True", "check_on_day": "1", "check_on_month": "10", "check_on_year": "2027",
        })  # fmt: skip
        assert response.status_code == 302
        outcome = IntendedOutcome.objects.get(source=source)
        assert outcome.check_on == datetime.date(2027, 10, 1) and outcome.scheduled_on is None

    # --- The audit reports (September 2026): line 1 no agency good; line 2 one of two.
    with on(2026, 9, 1):
        bu, chair, lead = sign_in()
        grade_all(
            world, audit, {1: (G.REQUIRES_IMPROVEMENT, G.INADEQUATE), 2: (G.GOOD, G.REQUIRES_IMPROVEMENT)}
        )
        services.overview_record(audit=audit, strengths="Agencies share information promptly.",
                                 areas_for_improvement="Teenagers' voices are missing.", childrens_views="",
                                 reported_on=datetime.date(2026, 9, 1), status=AuditStatus.REPORTED,
                                 actor=world.business_unit)  # fmt: skip
        finding = FindingFactory(source=source, kind=Finding.Kind.IMPROVEMENT,
                                 title="Teenagers' experience of neglect is not recorded")  # fmt: skip
        finding.themes.set([neglect])
        outcome.findings.set([finding])
        recommendation = RecommendationFactory(source=source)
        plan = ActionPlanFactory(
            source=source, subgroup=world.subgroup, start_date=datetime.date(2026, 9, 15)
        )
        dates = {"start_date": datetime.date(2026, 9, 15), "due_date": datetime.date(2027, 1, 31)}
        actions = [
            ActionFactory(plan=plan, recommendation=recommendation, owner_agency=world.agency,
                          lead_user=world.agency_lead, description=description, **dates)
            for description in ("Add 'in their words' to the assessment", "Train team managers on it")
        ]  # fmt: skip
        # The plan page shows the outcome beside the actions, not yet scheduled.
        page = text_of(chair.get(reverse("partnership:plan-detail", args=[plan.pk])))
        assert "Teenagers' own words about neglect are heard and recorded." in page
        assert all(action.description in page for action in actions)

    # --- January 2027: the owner reports each action done; only the chair's acceptance closes it.
    with on(2027, 1, 20):
        bu, chair, lead = sign_in()
        for action in actions:
            EvidenceFactory(action=action)
            response = lead.post(reverse("partnership:action-complete", args=[action.pk]),
                                 {"impact": "Nine of ten assessments now quote the teenager."})  # fmt: skip
            assert response.status_code == 302
        statuses = {a.status for a in plan.actions.all()}
        assert statuses == {ActionStatus.AWAITING_SIGNOFF}
        outcome.refresh_from_db()
        assert outcome.scheduled_on is None  # reported done is not closed: no check yet

        # The agency lead may not sign off their own agency's work.
        assert lead.post(reverse("partnership:action-accept", args=[actions[0].pk])).status_code == 403
        chair.post(reverse("partnership:action-accept", args=[actions[0].pk]))
        outcome.refresh_from_db()
        assert outcome.scheduled_on is None  # one action still awaits sign-off
        chair.post(reverse("partnership:action-accept", args=[actions[1].pk]))
        assert {a.status for a in plan.actions.all()} == {ActionStatus.COMPLETE}
        outcome.refresh_from_db()
        # The plan closed today: the check is scheduled for the date the measure said.
        assert outcome.scheduled_on == datetime.date(2027, 1, 20)
        assert outcome.check_on == datetime.date(2027, 10, 1)

    # --- September 2027: the re-audit repeats the audit's lines of enquiry and agencies.
    with on(2027, 9, 1):
        bu, chair, lead = sign_in()
        response = bu.post(reverse("audits:audit-reaudit", args=[audit.pk]), {
            "title": "Multi-agency re-audit: neglect of teenagers", "repeats": audit.pk, "themes": [neglect.pk],
            "subgroup": world.subgroup.pk, "planned_on": "6/9/2027",
        })  # fmt: skip
        reaudit = MultiAgencyAudit.objects.get(repeats=audit)
        assert response.status_code == 302
        assert [line.text for line in reaudit.lines_of_enquiry.order_by("number")] == [
            "Was the teenager's voice heard?", "Was neglect named in the referral?",
        ]  # fmt: skip
        # Line 1: 0 of 2 good before, 1 of 2 after (improved). Line 2: 1 of 2 before, 0 of 2 after.
        grade_all(
            world, reaudit, {1: (G.GOOD, G.REQUIRES_IMPROVEMENT), 2: (G.REQUIRES_IMPROVEMENT, G.INADEQUATE)}
        )
        comparison = selectors.audit_comparison(world.business_unit, reaudit)
        assert [(row.before.summary, row.after.summary, row.change) for row in comparison.lines] == [
            ("0 of 2 (0%)", "1 of 2 (50%)", "improved"),
            ("1 of 2 (50%)", "0 of 2 (0%)", "worse"),
        ]
        ours = next(row for row in comparison.agencies if row.agency == world.agency)
        assert [(c.before, c.after, c.change) for c in ours.cells] == [
            (G.REQUIRES_IMPROVEMENT, G.GOOD, "improved"), (G.GOOD, G.REQUIRES_IMPROVEMENT, "worse"),
        ]  # fmt: skip
        page = text_of(bu.get(reverse("audits:audit-comparison", args=[reaudit.pk])))
        assert "0 of 2 (0%)" in page and "1 of 2 (50%)" in page and "Improved" in page and "Worse" in page

    # --- October 2027: the check falls due, and the business unit records it as not sustained.
    with on(2027, 10, 4):
        bu, chair, lead = sign_in()
        due = text_of(bu.get(reverse("partnership:outcome-check-list")))
        assert "Teenagers' own words about neglect are heard and recorded." in due
        before = themes.theme_matrix(world.business_unit)
        neglect_before = next(row for row in before.rows if row.theme == neglect)
        assert (neglect_before.findings, neglect_before.not_sustained) == (1, 0)

        response = bu.post(reverse("partnership:outcome-check", args=[outcome.pk]), {
            "result": "not_sustained",
            "evidence": "Re-audit: line 2 fell from 1 of 2 agencies good to none; only line 1 improved.",
            "checked_on_day": "4", "checked_on_month": "10", "checked_on_year": "2027",
        })  # fmt: skip
        assert response.status_code == 302
        outcome.refresh_from_db()
        assert outcome.result == OutcomeResult.NOT_SUSTAINED and outcome.checked_by == world.business_unit

        # A new finding on the audit, marked recurring, with the theme of the finding it answered.
        opened = Finding.objects.get(source=source, recurring=True)
        assert opened.outcome == outcome and opened.kind == Finding.Kind.IMPROVEMENT
        assert list(opened.themes.all()) == [neglect]
        # Neglect: the original finding and the new one; one came back after action.
        after = themes.theme_matrix(world.business_unit)
        neglect_after = next(row for row in after.rows if row.theme == neglect)
        assert (neglect_after.findings, neglect_after.not_sustained) == (2, 1)
        page = bu.get(reverse("dashboards:themes")).content.decode()
        assert page.count("Came back after action") == 1

        # A second post records nothing more: the check is final.
        bu.post(reverse("partnership:outcome-check", args=[outcome.pk]), {
            "result": "sustained", "evidence": "Again",
            "checked_on_day": "4", "checked_on_month": "10", "checked_on_year": "2027",
        })  # fmt: skip
        outcome.refresh_from_db()
        assert outcome.result == OutcomeResult.NOT_SUSTAINED
        assert Finding.objects.filter(source=source, recurring=True).count() == 1
