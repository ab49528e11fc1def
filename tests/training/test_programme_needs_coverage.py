"""The training needs assessment and single-agency coverage returns: services and pages."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from partnership.models import LearningSource, Theme
from partnership.services import DomainError
from tests.factories import ConsultationFactory, FindingFactory, ThemeFactory
from training import permissions
from training.models import CoverageReturn, Need, NeedsAssessment
from training.services import coverage as coverage_services
from training.services import needs as services

from .factories import CoverageReturnFactory, NeedFactory, NeedsAssessmentFactory, ProgrammeFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]


@pytest.fixture
def assessment(world):
    ProgrammeFactory(year=2026, subgroup=world.subgroup)
    return NeedsAssessmentFactory(
        year=2027, opens_on=datetime.date(2026, 11, 1), closes_on=datetime.date(2026, 12, 31)
    )


# --- needs assessment services --------------------------------------------------------------


def test_the_business_unit_sets_up_one_assessment_a_year(world):
    bu = world.business_unit
    made = services.needs_assessment_save(
        assessment=NeedsAssessment(
            year=2027, opens_on=datetime.date(2027, 1, 4), closes_on=datetime.date(2027, 2, 26)
        ),
        actor=bu,
    )
    assert made.history.latest().history_user == bu
    with pytest.raises(DomainError) as exc:
        services.needs_assessment_save(
            assessment=NeedsAssessment(
                year=2027, opens_on=datetime.date(2027, 1, 4), closes_on=datetime.date(2027, 2, 1)
            ),
            actor=bu,
        )
    assert exc.value.field == "year"
    with pytest.raises(DomainError) as exc:
        services.needs_assessment_save(
            assessment=NeedsAssessment(
                year=2028, opens_on=datetime.date(2028, 2, 4), closes_on=datetime.date(2028, 1, 1)
            ),
            actor=bu,
        )
    assert exc.value.field == "closes_on"
    with pytest.raises(DomainError):
        services.needs_assessment_save(
            assessment=NeedsAssessment(
                year=2029, opens_on=datetime.date(2029, 1, 4), closes_on=datetime.date(2029, 2, 1)
            ),
            actor=world.agency_lead,
        )


def test_is_open_includes_both_days(assessment):
    assert assessment.is_open(datetime.date(2026, 11, 1)) and assessment.is_open(datetime.date(2026, 12, 31))
    assert not assessment.is_open(datetime.date(2027, 1, 1)) and not assessment.is_open(
        datetime.date(2026, 10, 31)
    )
    assert assessment.is_open()


def test_an_agency_lead_reports_their_own_agencys_needs_while_open(world, assessment):
    themes = [ThemeFactory(), ThemeFactory()]
    need = services.need_save(
        need=Need(
            assessment=assessment,
            agency=world.agency,
            need="  Neglect in adolescents ",
            level=2,
            staff_count=40,
        ),
        themes=themes,
        actor=world.agency_lead,
    )
    assert need.need == "Neglect in adolescents" and need.submitted_by == world.agency_lead
    assert set(need.themes.all()) == set(themes)
    with pytest.raises(DomainError) as exc:
        services.need_save(
            need=Need(assessment=assessment, agency=world.other_agency, need="X"), actor=world.agency_lead
        )
    assert exc.value.field == "agency"


def test_an_agency_lead_cannot_move_or_change_another_agencys_need(world, assessment):
    theirs = NeedFactory(assessment=assessment, agency=world.other_agency)
    theirs.agency = world.agency
    with pytest.raises(DomainError):
        services.need_save(need=theirs, actor=world.agency_lead)
    with pytest.raises(DomainError):
        services.need_delete(need=Need.objects.get(pk=theirs.pk), actor=world.agency_lead)
    assert Need.objects.get(pk=theirs.pk).agency == world.other_agency


def test_a_closed_assessment_takes_no_needs_from_agency_leads(world, assessment):
    need = NeedFactory(assessment=assessment, agency=world.agency)
    with time_machine.travel(datetime.datetime(2027, 1, 2, 10, 0, tzinfo=datetime.UTC), tick=False):
        with pytest.raises(DomainError) as exc:
            services.need_save(
                need=Need(assessment=assessment, agency=world.agency, need="X"), actor=world.agency_lead
            )
        assert "closed on 31 December 2026" in exc.value.message
        assert not permissions.can_change_need(world.agency_lead, need)
        # The business unit may still add a late return.
        services.need_save(
            need=Need(assessment=assessment, agency=world.agency, need="Late"), actor=world.business_unit
        )
        assert permissions.can_change_need(world.business_unit, need)


def test_an_empty_need_is_refused(world, assessment):
    with pytest.raises(DomainError) as exc:
        services.need_save(
            need=Need(assessment=assessment, agency=world.agency, need="  "), actor=world.agency_lead
        )
    assert exc.value.field == "need"


def test_a_need_is_removed(world, assessment):
    need = NeedFactory(assessment=assessment, agency=world.agency)
    services.need_delete(need=need, actor=world.agency_lead)
    assert not Need.objects.exists()


def test_only_the_business_unit_writes_the_summary(world, assessment):
    services.needs_summary_save(assessment=assessment, summary=" Neglect leads. ", actor=world.business_unit)
    assessment.refresh_from_db()
    assert assessment.summary == "Neglect leads."
    with pytest.raises(DomainError):
        services.needs_summary_save(assessment=assessment, summary="x", actor=world.subgroup_chair)


# --- the summary page -----------------------------------------------------------------------


def detail(client, assessment, query=""):
    return client.get(reverse("training:needs-detail", args=[assessment.pk]) + query)


def test_the_summary_groups_needs_by_theme_and_level_with_findings(world, assessment, client_for):
    neglect, voice = Theme.objects.get(name="Neglect"), Theme.objects.get(name="Voice of the child")
    a = NeedFactory(assessment=assessment, agency=world.agency, level=1, staff_count=10, priority="high")
    b = NeedFactory(assessment=assessment, agency=world.other_agency, level=1, staff_count=5)
    c = NeedFactory(assessment=assessment, agency=world.other_agency, level=None)
    a.themes.set([neglect, voice])
    b.themes.set([neglect])
    c.themes.set([voice])
    open_finding = FindingFactory(
        title="Neglect was not recognised",
        source=ConsultationFactory(subgroup=world.other_subgroup).learning_source,
    )
    open_finding.themes.set([neglect])
    response = detail(client_for(world.business_unit), assessment)
    rows = {r["theme"].name: r for r in response.context["by_theme"]}
    assert (rows["Neglect"]["needs"], rows["Neglect"]["staff"], rows["Neglect"]["high"]) == (2, 15, 1)
    assert (rows["Voice of the child"]["needs"], rows["Neglect"]["finding_count"]) == (2, 1)
    assert rows["Voice of the child"]["finding_count"] == 0
    levels = {r["label"]: r["needs"] for r in response.context["by_level"]}
    assert levels == {"Level 1: basic awareness": 2, "Level not given": 1}
    assert b"Neglect was not recognised" in response.content


def test_confidential_findings_count_only_for_those_who_may_see_them(world, assessment, client_for):
    neglect = Theme.objects.get(name="Neglect")
    need = NeedFactory(assessment=assessment, agency=world.agency)
    need.themes.set([neglect])
    # A confidential source overseen by a subgroup the agency lead is not on.
    source = LearningSource.objects.create(
        kind="case_review",
        title="Child Q",
        date=datetime.date(2026, 5, 1),
        confidential=True,
        subgroup=world.other_subgroup,
    )
    secret = FindingFactory(source=source, title="Secret finding about Child Q")
    secret.themes.set([neglect])
    for role, count in (("business_unit", 1), ("agency_lead", 0)):
        response = detail(client_for(world.person(role)), assessment)
        assert response.context["by_theme"][0]["finding_count"] == count
        assert (b"Secret finding about Child Q" in response.content) is bool(count)


def test_an_agency_lead_sees_only_their_agencys_needs(world, assessment, client_for):
    NeedFactory(assessment=assessment, agency=world.agency, need="Our need")
    NeedFactory(assessment=assessment, agency=world.other_agency, need="Their need")
    response = detail(client_for(world.agency_lead), assessment)
    assert b"Our need" in response.content and b"Their need" not in response.content
    assert b"Summary for the Training subgroup" not in response.content
    csv = client_for(world.agency_lead).get(reverse("training:needs-export", args=[assessment.pk]))
    assert b"Our need" in csv.content and b"Their need" not in csv.content
    both = detail(client_for(world.subgroup_chair), assessment)
    assert b"Our need" in both.content and b"Their need" in both.content


def test_an_agency_lead_adds_a_need_through_the_page(world, assessment, client_for):
    theme = ThemeFactory()
    url = reverse("training:need-create", args=[assessment.pk])
    client = client_for(world.agency_lead)
    page = client.get(url)
    assert page.status_code == 200
    assert list(page.context["form"].fields["agency"].queryset) == [world.agency]
    response = client.post(url, {"agency": world.agency.pk, "need": "Exploitation", "priority": "high", "level": "3",
                                 "themes": [theme.pk], "staff_count": "12"})  # fmt: skip
    assert response.status_code == 302
    need = Need.objects.get()
    assert (need.agency, need.level, need.priority, need.staff_count) == (world.agency, 3, "high", 12)
    # Another agency is not on offer.
    refused = client.post(url, {"agency": world.other_agency.pk, "need": "X", "priority": "low"})
    assert refused.status_code == 200 and Need.objects.count() == 1


def test_the_business_unit_writes_the_summary_through_the_page(world, assessment, client_for):
    url = reverse("training:needs-summary", args=[assessment.pk])
    response = client_for(world.business_unit).post(url, {"summary": "Neglect and exploitation lead."})
    assert response.status_code == 302
    assert b"Neglect and exploitation lead." in detail(client_for(world.subgroup_member), assessment).content


# --- coverage -------------------------------------------------------------------------------


def test_a_return_is_recorded_then_updated(world):
    made = coverage_services.coverage_return_save(
        agency=world.agency,
        year=2026,
        level=1,
        staff_in_scope=200,
        staff_trained=150,
        actor=world.agency_lead,
    )
    assert made.coverage_percent == 75.0 and made.updated_by == world.agency_lead
    again = coverage_services.coverage_return_save(
        agency=world.agency,
        year=2026,
        level=1,
        staff_in_scope=200,
        staff_trained=180,
        actor=world.business_unit,
    )
    assert again.pk == made.pk and CoverageReturn.objects.count() == 1 and again.coverage_percent == 90.0


@pytest.mark.parametrize(
    "kwargs, field",
    [
        ({"staff_trained": 201}, "staff_trained"),
        ({"level": 4}, "level"),
        ({"year": 1999}, "year"),
        ({"staff_in_scope": -1}, "staff_in_scope"),
    ],
)
def test_figures_that_make_no_sense_are_refused(world, kwargs, field):
    values = {"agency": world.agency, "year": 2026, "level": 1, "staff_in_scope": 200, "staff_trained": 150}
    with pytest.raises(DomainError) as exc:
        coverage_services.coverage_return_save(**{**values, **kwargs}, actor=world.agency_lead)
    assert exc.value.field == field


def test_an_agency_lead_reports_only_for_their_agency(world):
    for actor in (world.agency_lead, world.partnership_lead, world.subgroup_chair):
        with pytest.raises(DomainError):
            coverage_services.coverage_return_save(
                agency=world.other_agency, year=2026, level=1, staff_in_scope=1, staff_trained=1, actor=actor
            )
    assert not CoverageReturn.objects.exists()


def coverage_page(client, query=""):
    return client.get(reverse("training:coverage-list") + query)


def test_the_business_unit_sees_every_agency_with_coverage_and_who_has_not_returned(world, client_for):
    ProgrammeFactory(year=2026, subgroup=world.subgroup)
    CoverageReturnFactory(agency=world.agency, year=2026, level=1, staff_in_scope=200, staff_trained=150)
    CoverageReturnFactory(agency=world.agency, year=2026, level=2, staff_in_scope=50, staff_trained=50)
    CoverageReturnFactory(agency=world.other_agency, year=2025, level=1, staff_in_scope=10, staff_trained=1)
    response = coverage_page(client_for(world.business_unit))
    rows = {r["agency"].name: r for r in response.context["rows"]}
    ours = rows[world.agency.name]
    assert (ours["in_scope"], ours["trained"], ours["coverage"]) == (250, 200, 80.0)
    assert [c.staff_trained if c else None for c in ours["cells"]] == [150, 50, None]
    assert rows[world.other_agency.name]["returned"] is False  # nothing for 2026/27 yet
    all_years = coverage_page(client_for(world.business_unit), "?year=")
    assert len(all_years.context["rows"]) == 2
    csv = client_for(world.business_unit).get(reverse("training:coverage-export")).content.decode("utf-8-sig")
    assert "80.0" in csv and "Level 1 coverage %" in csv


def test_an_agency_lead_sees_and_changes_only_their_own_figures(world, client_for):
    ProgrammeFactory(year=2026)
    ours = CoverageReturnFactory(agency=world.agency, year=2026, level=1)
    theirs = CoverageReturnFactory(agency=world.other_agency, year=2026, level=1)
    client = client_for(world.agency_lead)
    names = [r["agency"].name for r in coverage_page(client).context["rows"]]
    assert names == [world.agency.name]
    assert world.other_agency.name.encode() not in client.get(reverse("training:coverage-export")).content
    assert client.get(reverse("training:coverage-edit", args=[theirs.pk])).status_code == 404
    assert client.get(reverse("training:coverage-edit", args=[ours.pk])).status_code == 200


def test_reporting_through_the_page_updates_existing_figures(world, client_for):
    ProgrammeFactory(year=2026)
    CoverageReturnFactory(agency=world.agency, year=2026, level=2, staff_in_scope=10, staff_trained=1)
    client = client_for(world.agency_lead)
    data = {
        "agency": world.agency.pk,
        "year": "2026",
        "level": "2",
        "staff_in_scope": "10",
        "staff_trained": "9",
    }
    response = client.post(reverse("training:coverage-report"), data)
    assert response.status_code == 302 and response["Location"].endswith("?year=2026")
    assert CoverageReturn.objects.get().staff_trained == 9
    bad = client.post(reverse("training:coverage-report"), {**data, "staff_trained": "11"})
    assert bad.status_code == 200 and "cannot be more than staff in scope" in bad.content.decode()
    other = client.post(reverse("training:coverage-report"), {**data, "agency": world.other_agency.pk})
    assert other.status_code == 200 and CoverageReturn.objects.count() == 1
