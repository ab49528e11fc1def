"""A re-audit answers an outcome measured by re-audit: the outcome's "did it stick?" page links
to the re-audit's before and after and shows its summary (lines of enquiry improved, the same,
worse), which pre-fills the evidence (the audits' OUTCOME_EVIDENCE, so the core names no app).
Figures are hand-counted in the comments."""

import datetime
import re
from html import unescape

import pytest
import time_machine
from django.urls import reverse

from audits.models import AuditStatus, Grade, MultiAgencyAudit
from audits.outcome_evidence import reaudit_evidence
from audits.services import audits as services
from partnership import extensions
from partnership.models import IntendedOutcome

pytestmark = pytest.mark.django_db

G = Grade


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(datetime.datetime(2027, 10, 4, 10, 0), tick=False):
        yield


def text_of(response) -> str:
    return unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode())))


def grade_all(world, audit, grades):
    """grades: {line number: (world.agency's grade, world.other_agency's grade)}."""
    for number, (ours, theirs) in grades.items():
        line = audit.lines_of_enquiry.get(number=number)
        for agency, grade in ((world.agency, ours), (world.other_agency, theirs)):
            services.agency_finding_record(audit=audit, agency=agency, line_of_enquiry=line, grade=grade,
                                           finding=f"{agency.short_name} on line {number}",
                                           actor=world.business_unit)  # fmt: skip


@pytest.fixture
def audit(world):
    bu = world.business_unit
    audit = services.audit_save(
        audit=MultiAgencyAudit(title="Neglect of teenagers", subgroup=world.subgroup,
                               planned_on=datetime.date(2026, 5, 4)),
        actor=bu,
    )  # fmt: skip
    for text in ("Was the teenager's voice heard?", "Was neglect named?", "Was the plan reviewed?"):
        services.line_of_enquiry_add(audit=audit, text=text, actor=bu)
    for agency in (world.agency, world.other_agency):
        services.participant_add(audit=audit, agency=agency, auditor=f"{agency.short_name} auditor",
                                 no_previous_involvement=True, actor=bu)  # fmt: skip
    grade_all(world, audit, {1: (G.REQUIRES_IMPROVEMENT, G.INADEQUATE), 2: (G.GOOD, G.REQUIRES_IMPROVEMENT),
                             3: (G.GOOD, G.INADEQUATE)})  # fmt: skip
    services.overview_record(audit=audit, strengths="Prompt sharing.", areas_for_improvement="Voices missing.",
                             childrens_views="", reported_on=datetime.date(2026, 9, 1),
                             status=AuditStatus.REPORTED, actor=bu)  # fmt: skip
    audit.refresh_from_db()
    return audit


def reaudit_of(world, audit):
    reaudit = services.audit_save(
        audit=MultiAgencyAudit(title="Re-audit: neglect of teenagers", subgroup=world.subgroup,
                               planned_on=datetime.date(2027, 9, 6), repeats=audit),
        actor=world.business_unit,
    )  # fmt: skip
    # Line 1: 0 of 2 good before, 1 of 2 after (improved). Line 2: 1 of 2, then 0 of 2 (worse).
    # Line 3: 1 of 2, then 1 of 2 (the same).
    grade_all(world, reaudit, {1: (G.GOOD, G.REQUIRES_IMPROVEMENT), 2: (G.REQUIRES_IMPROVEMENT, G.INADEQUATE),
                               3: (G.INADEQUATE, G.OUTSTANDING)})  # fmt: skip
    return reaudit


def outcome_of(audit, kind="reaudit") -> IntendedOutcome:
    return IntendedOutcome.objects.create(
        source=audit.learning_source, outcome="Teenagers' own words are heard and recorded.", measure_kind=kind,
        measure="Re-audit the same lines a year on.", check_on=datetime.date(2027, 10, 1),
    )  # fmt: skip


SUMMARY = (
    "Re-audit Re-audit: neglect of teenagers: of 3 lines of enquiry compared, 1 improved, "
    "1 stayed the same and 1 got worse, against the standard of good or outstanding."
)


def test_the_check_page_links_the_reaudit_and_pre_fills_its_summary(world, client_for, audit):
    reaudit = reaudit_of(world, audit)
    outcome = outcome_of(audit)
    response = client_for(world.business_unit).get(reverse("partnership:outcome-check", args=[outcome.pk]))
    text = text_of(response)
    assert SUMMARY in text
    assert reverse("audits:audit-comparison", args=[reaudit.pk]) in response.content.decode()
    assert "See the before and after of Re-audit: neglect of teenagers" in text
    assert response.context["form"]["evidence"].value() == SUMMARY


def test_the_evidence_is_registered_through_the_core_extension_point(world, audit):
    reaudit_of(world, audit)
    outcome = outcome_of(audit)
    assert reaudit_evidence in extensions.registered(extensions.OUTCOME_EVIDENCE)
    [found] = extensions.outcome_evidence(outcome, world.business_unit)
    assert found.text == SUMMARY


def test_nothing_before_the_reaudit_nor_for_another_measure(world, client_for, audit):
    outcome = outcome_of(audit)
    assert reaudit_evidence(outcome, world.business_unit) is None  # not repeated yet
    page = client_for(world.business_unit).get(reverse("partnership:outcome-check", args=[outcome.pk]))
    assert "before and after" not in text_of(page) and not page.context["form"]["evidence"].value()
    reaudit_of(world, audit)
    sample = outcome_of(audit, kind="follow_up_sample")
    assert reaudit_evidence(sample, world.business_unit) is None


def test_a_reaudit_not_yet_graded_says_so(world, audit):
    services.audit_save(
        audit=MultiAgencyAudit(title="Re-audit, not yet graded", subgroup=world.subgroup,
                               planned_on=datetime.date(2027, 9, 6), repeats=audit),
        actor=world.business_unit,
    )  # fmt: skip
    found = reaudit_evidence(outcome_of(audit), world.business_unit)
    assert "no line of enquiry has grades on both sides yet" in found.text
