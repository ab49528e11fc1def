"""Did it stick? A re-audit names the audit it repeats and takes its lines of enquiry and
agencies; its page and the before and after show the earlier grades beside the new ones, per
line of enquiry and per agency, to those who may see both audits' findings (hand-counted)."""

import csv
import datetime
import io

import pytest
from django.urls import reverse
from django.utils.html import escape

from audits import comparisons
from audits.forms.audits import AuditForm
from audits.models import AgencyAuditFinding, AuditParticipant, AuditStatus, LineOfEnquiry, MultiAgencyAudit
from audits.services import audits as services
from partnership.models import Theme
from partnership.services import DomainError

from ..factories import AgencyFactory
from ..matrix.audits_audits import make_audit

pytestmark = pytest.mark.django_db


def reported_audit(world, agencies, lines):
    """A reported audit with these agencies taking part and these lines of enquiry."""
    audit = MultiAgencyAudit.objects.create(
        title="Multi-agency audit: neglect of adolescents", subgroup=world.subgroup,
        planned_on=datetime.date(2026, 5, 4), status=AuditStatus.REPORTED, reported_on=datetime.date(2026, 9, 1),
    )  # fmt: skip
    for number, text in enumerate(lines, start=1):
        LineOfEnquiry.objects.create(audit=audit, number=number, text=text)
    for agency in agencies:
        AuditParticipant.objects.create(audit=audit, agency=agency, auditor=f"{agency.short_name} auditor",
                                        no_previous_involvement=True)  # fmt: skip
    return audit


def grade(world, audit, agency, number, grade_):
    AgencyAuditFinding.objects.create(
        audit=audit, agency=agency, line_of_enquiry=audit.lines_of_enquiry.get(number=number), grade=grade_,
        finding=f"{agency.short_name} on {number}", recorded_by=world.business_unit,
    )  # fmt: skip


def test_the_business_unit_plans_a_reaudit_from_a_reported_audit(world, client_for):
    theme = Theme.objects.create(name="Neglect (re-audit test)")
    earlier = reported_audit(
        world, [world.agency, world.other_agency], ["Voice of the child?", "Information shared?"]
    )
    earlier.themes.set([theme])
    bu = client_for(world.business_unit)

    page = bu.get(earlier.get_absolute_url()).content.decode()
    assert reverse("audits:audit-reaudit", args=[earlier.pk]) in page and "Plan a re-audit" in page
    form = bu.get(reverse("audits:audit-reaudit", args=[earlier.pk])).content.decode()
    assert 'value="Multi-agency re-audit: neglect of adolescents"' in form
    assert 'value="2027"' in form and 'value="4"' in form  # planned a year later: 4 May 2027

    response = bu.post(reverse("audits:audit-reaudit", args=[earlier.pk]), {
        "title": "Multi-agency re-audit: neglect of adolescents", "repeats": earlier.pk, "themes": [theme.pk],
        "subgroup": world.subgroup.pk, "planned_on": "4/5/2027",
    })  # fmt: skip
    reaudit = MultiAgencyAudit.objects.get(repeats=earlier)
    assert response.status_code == 302 and response["Location"] == reaudit.get_absolute_url()
    assert list(reaudit.themes.all()) == [theme] and reaudit.status == AuditStatus.PLANNED
    lines = list(reaudit.lines_of_enquiry.all())
    assert [(line.number, line.text, line.repeats) for line in lines] == [
        (line.number, line.text, line) for line in earlier.lines_of_enquiry.all()
    ]
    # The agencies come too, with their auditors, to be confirmed again for the new case sample.
    participants = list(reaudit.participants.order_by("agency__name"))
    assert [(p.agency, p.auditor, p.no_previous_involvement) for p in participants] == [
        (world.other_agency, "EHT auditor", False), (world.agency, "NCCS auditor", False),
    ]  # fmt: skip
    assert not reaudit.cases.exists()
    assert lines[0].history.get().history_user == world.business_unit
    # Saving it again copies nothing, even once the business unit has removed every line.
    for line in reaudit.lines_of_enquiry.all():
        services.line_of_enquiry_delete(line=line, actor=world.business_unit)
    services.audit_save(audit=reaudit, actor=world.business_unit)
    assert not reaudit.lines_of_enquiry.exists() and reaudit.participants.count() == 2

    page = bu.get(reaudit.get_absolute_url()).content.decode()
    assert "Repeats" in page and earlier.get_absolute_url() in page and "Before and after" in page
    assert "Re-audited in" in bu.get(earlier.get_absolute_url()).content.decode()


def test_the_set_up_form_picks_the_audit_repeated_and_the_service_refuses_what_cannot_be_one(
    world, client_for
):
    earlier = reported_audit(world, [world.agency], ["Voice of the child?"])
    unreported = make_audit(world)
    bu = client_for(world.business_unit)
    form = bu.get(reverse("audits:audit-create")).content.decode()
    assert escape(earlier.title) in form and "Not a re-audit" in form
    offered = AuditForm(instance=MultiAgencyAudit()).fields["repeats"].queryset
    assert list(offered) == [earlier]  # only reported audits are offered

    data = {
        "title": "Re-audit",
        "repeats": earlier.pk,
        "subgroup": world.subgroup.pk,
        "planned_on": "1/3/2026",
    }
    response = bu.post(reverse("audits:audit-create"), data)
    assert response.status_code == 200
    assert (
        "The re-audit must be planned after the audit it repeats (planned 4 May 2026)"
        in response.content.decode()
    )
    assert 'value="Re-audit"' in response.content.decode()
    assert bu.post(reverse("audits:audit-create"), {**data, "planned_on": "1/6/2027"}).status_code == 302
    assert (
        MultiAgencyAudit.objects.get(title="Re-audit").lines_of_enquiry.get().repeats
        == earlier.lines_of_enquiry.get()
    )

    with pytest.raises(DomainError) as exc:
        services.audit_save(
            audit=MultiAgencyAudit(title="X", subgroup=world.subgroup, planned_on=datetime.date(2027, 1, 1),
                                   repeats=unreported),
            actor=world.business_unit,
        )  # fmt: skip
    assert exc.value.field == "repeats" and "not reported yet" in exc.value.message
    with pytest.raises(DomainError):
        services.audit_save(audit=MultiAgencyAudit(title="X", subgroup=world.subgroup,
                                                   planned_on=datetime.date(2027, 1, 1), repeats=earlier),
                            actor=world.agency_lead)  # fmt: skip
    # An audit that already has lines of enquiry keeps its own when it names one it repeats.
    own = make_audit(world)
    own.planned_on, own.repeats = datetime.date(2027, 2, 1), earlier
    services.audit_save(audit=own, actor=world.business_unit)
    assert [line.repeats for line in own.lines_of_enquiry.all()] == [None]


@pytest.fixture
def reaudited(world):
    """Three agencies; the earlier audit's grades and the re-audit's, counted by hand in the tests.

    Before: line 1 NCCS RI, EHT inadequate, WP good; line 2 NCCS good, EHT good, WP RI; line 3 NCCS good.
    After: line 1 (reworded) NCCS good, EHT RI, WP outstanding; line 2 NCCS RI, EHT RI, WP good;
    line 3 is new (NCCS good); the earlier line 3 is not asked again."""
    police = AgencyFactory(name="Westfield Police", short_name="WP")
    a, b, c = world.agency, world.other_agency, police
    earlier = reported_audit(
        world, [a, b, c], ["Voice of the child?", "Information shared?", "Plan reviewed?"]
    )
    for agency, number, grade_ in [(a, 1, "requires_improvement"), (b, 1, "inadequate"), (c, 1, "good"),
                                   (a, 2, "good"), (b, 2, "good"), (c, 2, "requires_improvement"), (a, 3, "good")]:  # fmt: skip
        grade(world, earlier, agency, number, grade_)
    bu = world.business_unit
    reaudit = services.audit_save(
        audit=MultiAgencyAudit(title="Re-audit", subgroup=world.subgroup, planned_on=datetime.date(2027, 5, 4),
                               repeats=earlier),
        actor=bu,
    )  # fmt: skip
    services.line_of_enquiry_update(
        line=reaudit.lines_of_enquiry.get(number=1), text="Was the child heard?", actor=bu
    )
    services.line_of_enquiry_delete(line=reaudit.lines_of_enquiry.get(number=3), actor=bu)
    services.line_of_enquiry_add(audit=reaudit, text="Were fathers involved?", actor=bu)
    for agency, number, grade_ in [(a, 1, "good"), (b, 1, "requires_improvement"), (c, 1, "outstanding"),
                                   (a, 2, "requires_improvement"), (b, 2, "requires_improvement"), (c, 2, "good"),
                                   (a, 3, "good")]:  # fmt: skip
        grade(world, reaudit, agency, number, grade_)
    return reaudit


def test_the_comparison_counts_by_line_of_enquiry_and_by_agency(world, reaudited):
    from audits import selectors

    comparison = selectors.audit_comparison(world.business_unit, reaudited)
    assert comparison.sees_all and comparison.earlier == reaudited.repeats
    lines = comparison.lines
    assert [row.line.text for row in lines] == [
        "Was the child heard?",
        "Information shared?",
        "Were fathers involved?",
    ]
    assert [row.earlier_line.text if row.earlier_line else None for row in lines] == [
        "Voice of the child?", "Information shared?", None,
    ]  # fmt: skip
    assert [(row.before.summary, row.after.summary, row.change) for row in lines[:2]] == [
        ("1 of 3 (33%)", "2 of 3 (67%)", "improved"),
        ("2 of 3 (67%)", "1 of 3 (33%)", "worse"),
    ]
    assert lines[0].before.distribution == [("Good", 1), ("Requires improvement", 1), ("Inadequate", 1)]
    assert lines[0].after.distribution == [("Outstanding", 1), ("Good", 1), ("Requires improvement", 1)]
    assert lines[2].before is None and lines[2].after.summary == "1 of 1 (100%)" and lines[2].change is None
    assert [line.text for line in comparison.not_repeated] == ["Plan reviewed?"]
    assert comparison.counts == {"improved": 1, "same": 0, "worse": 1}

    agencies = [
        (row.agency.short_name, row.before.summary, row.after.summary, row.change)
        for row in comparison.agencies
    ]
    assert agencies == [
        ("EHT", "1 of 2 (50%)", "0 of 2 (0%)", "worse"),
        ("NCCS", "1 of 2 (50%)", "1 of 2 (50%)", "same"),
        ("WP", "1 of 2 (50%)", "2 of 2 (100%)", "improved"),
    ]
    assert [(c.before, c.after, c.change) for c in comparison.agencies[0].cells] == [
        ("inadequate", "requires_improvement", "improved"), ("good", "requires_improvement", "worse"),
    ]  # fmt: skip


def test_an_agency_lead_compares_their_own_agencys_grades_only(world, reaudited, client_for):
    from audits import selectors

    comparison = selectors.audit_comparison(world.agency_lead, reaudited)
    assert not comparison.sees_all
    assert [a.agency for a in comparison.agencies] == [world.agency]
    assert [(row.before.summary, row.after.summary, row.change) for row in comparison.lines[:2]] == [
        ("0 of 1 (0%)", "1 of 1 (100%)", "improved"),
        ("1 of 1 (100%)", "0 of 1 (0%)", "worse"),
    ]
    page = client_for(world.agency_lead).get(reverse("audits:audit-comparison", args=[reaudited.pk]))
    text = page.content.decode()
    assert page.status_code == 200 and escape(world.agency.name) in text
    assert escape(world.other_agency.name) not in text and "Westfield Police" not in text
    assert "You see the grades of the agencies you lead" in text

    # Someone who sees neither audit's findings: not the comparison, nor its figures on the audit's page.
    lay = client_for(world.lay_member)
    assert lay.get(reverse("audits:audit-comparison", args=[reaudited.pk])).status_code == 403
    page = lay.get(reaudited.get_absolute_url()).content.decode()
    assert (
        "Before and after" in page
        and "1 of 3 (33%)" not in page
        and "it is shared with the business unit" in page
    )


def test_the_pages_show_before_and_after_side_by_side_and_the_csv_has_the_same_figures(
    world, reaudited, client_for
):
    bu = client_for(world.business_unit)
    detail = bu.get(reaudited.get_absolute_url()).content.decode()
    for text in ["Before and after", "1 of 3 (33%)", "2 of 3 (67%)", "Improved", "Worse", "New in the re-audit",
                 "See before and after by agency"]:  # fmt: skip
        assert text in detail, text
    page = bu.get(reverse("audits:audit-comparison", args=[reaudited.pk])).content.decode()
    for text in ['scope="row"', "<caption", "Lines of enquiry improved: 1; no change: 0; worse: 1.",
                 "Plan reviewed?", "0 of 2 (0%)", "Westfield Police: grades by line of enquiry"]:  # fmt: skip
        assert text in page, text

    response = bu.get(reverse("audits:audit-comparison-export", args=[reaudited.pk]))
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    header, rows = rows[0], rows[1:]
    assert len(rows) == 9  # lines 1 and 2: all agencies and three agencies each; line 3 (new): all agencies
    line_1 = dict(zip(header, rows[0], strict=True))
    assert (
        line_1["Agency"] == "All agencies"
        and line_1["Line of enquiry (earlier audit)"] == "Voice of the child?"
    )
    assert (line_1["Before: good"], line_1["Before: inadequate"], line_1["Before: good or outstanding"],
            line_1["Before: graded"]) == ("1", "1", "1", "3")  # fmt: skip
    assert (line_1["After: outstanding"], line_1["After: good or outstanding"], line_1["Change"]) == (
        "1", "2", "Improved",
    )  # fmt: skip
    eht = dict(zip(header, rows[1], strict=True))
    assert (eht["Agency"], eht["Before: grade"], eht["After: grade"], eht["Change"]) == (
        world.other_agency.name, "Inadequate", "Requires improvement", "Improved",
    )  # fmt: skip
    new_line = dict(zip(header, rows[8], strict=True))
    assert (
        new_line["Line of enquiry (earlier audit)"] == "New in the re-audit"
        and new_line["Change"] == "Not compared"
    )


def test_figures_compare_exact_shares_not_rounded_ones():
    before, after = comparisons.Figures(), comparisons.Figures()
    for g in ["good", "good", "inadequate"]:  # 2 of 3
        before.add(g)
    for g in ["good"] * 67 + ["inadequate"] * 33:  # 67 of 100: the same rounded, more exactly
        after.add(g)
    assert before.percent == after.percent == 67
    assert comparisons.change_between(before, after) == "improved"
    assert comparisons.change_between(before, comparisons.Figures()) is None


def test_the_demo_has_a_reaudit_a_year_later_where_two_lines_improved_and_one_did_not():
    from audits import demo, selectors
    from partnership import demo as core_demo
    from partnership.models import User

    core_demo.seed()
    demo.seed()
    demo.seed()  # twice: nothing more
    reaudit = MultiAgencyAudit.objects.get(repeats__isnull=False)
    assert MultiAgencyAudit.objects.filter(repeats__isnull=False).count() == 1
    assert reaudit.status == AuditStatus.REPORTED
    assert (reaudit.planned_on - reaudit.repeats.planned_on).days == 365
    assert not reaudit.participants.filter(no_previous_involvement=False).exists()
    comparison = selectors.audit_comparison(User.objects.get(email=demo.BUSINESS_UNIT), reaudit)
    assert [(row.before.summary, row.after.summary, row.change) for row in comparison.lines] == [
        ("0 of 4 (0%)", "3 of 4 (75%)", "improved"),
        ("2 of 4 (50%)", "1 of 4 (25%)", "worse"),
        ("1 of 4 (25%)", "4 of 4 (100%)", "improved"),
    ]


def test_the_comparison_reads_in_the_same_number_of_queries_however_many_agencies(
    world, django_assert_num_queries
):
    from audits import selectors

    def comparison_of(agencies):
        earlier = reported_audit(world, agencies, ["Voice of the child?", "Information shared?"])
        for agency in agencies:
            grade(world, earlier, agency, 1, "good")
        reaudit = services.audit_save(
            audit=MultiAgencyAudit(title="Re-audit", subgroup=world.subgroup, planned_on=datetime.date(2027, 5, 4),
                                   repeats=earlier),
            actor=world.business_unit,
        )  # fmt: skip
        for agency in agencies:
            grade(world, reaudit, agency, 1, "requires_improvement")
        return MultiAgencyAudit.objects.select_related("repeats").get(pk=reaudit.pk)

    small = comparison_of([world.agency])
    large = comparison_of([AgencyFactory() for _ in range(5)])
    for audit, agencies in ((small, 1), (large, 5)):
        with django_assert_num_queries(5):  # findings of each audit, agencies taking part, lines of each
            comparison = selectors.audit_comparison(world.business_unit, audit)
        assert len(comparison.agencies) == agencies and comparison.lines[0].change == "worse"
