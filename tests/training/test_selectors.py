"""Training's selectors, and the views that look objects up through them: who may open training
(its overseers and agency leads) sees every programme, learning outcome and needs assessment;
anyone else sees none; an id that is not in what the person may see is a 404, never a page."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from training import selectors

from .factories import CourseFactory, LearningOutcomeFactory, NeedsAssessmentFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db

SELECTORS = (
    selectors.programmes_visible_to,
    selectors.outcomes_visible_to,
    selectors.needs_assessments_visible_to,
)


@pytest.fixture
def records(world):
    programme = ProgrammeFactory(year=2026, subgroup=world.subgroup)
    outcome = LearningOutcomeFactory(course=CourseFactory(programme=programme))
    today = timezone.localdate()
    # Open now, so that an agency lead may add their agency's needs to it.
    assessment = NeedsAssessmentFactory(
        year=2026, opens_on=today - datetime.timedelta(days=1), closes_on=today + datetime.timedelta(days=30)
    )
    return {"programme": programme, "outcome": outcome, "assessment": assessment}


@pytest.mark.parametrize("role", ["business_unit", "subgroup_member", "agency_lead", "other_agency_lead"])
def test_those_who_open_training_see_every_programme_outcome_and_assessment(world, records, role):
    user = world.person(role)
    assert list(selectors.programmes_visible_to(user)) == [records["programme"]]
    assert list(selectors.outcomes_visible_to(user)) == [records["outcome"]]
    assert list(selectors.needs_assessments_visible_to(user)) == [records["assessment"]]


@pytest.mark.parametrize("role", ["lay_member", "no_role"])
def test_anyone_else_sees_none(world, records, role):
    user = world.person(role)
    for selector in SELECTORS:
        assert not selector(user).exists(), selector.__name__


# (URL name, whether an agency lead may open it at all: their 404 is tested where they may)
LOOKUP_VIEWS = (
    ("training:programme-detail", True),
    ("training:programme-edit", False),
    ("training:outcome-edit", False),
    ("training:outcome-remove", False),
    ("training:needs-detail", True),
    ("training:needs-export", True),
    ("training:needs-edit", False),
    ("training:needs-summary", False),
    ("training:need-create", True),
)


@pytest.mark.parametrize(("name", "lead_may"), LOOKUP_VIEWS)
def test_an_id_outside_the_selector_is_a_404(world, records, client_for, name, lead_may):
    missing = 10**9
    assert client_for(world.business_unit).get(reverse(name, args=[missing])).status_code == 404
    lead = client_for(world.person("agency_lead"))
    assert lead.get(reverse(name, args=[missing])).status_code == 404
    # Those who may not open training at all are refused the area (403) before any lookup.
    outsider = client_for(world.person("lay_member"))
    assert outsider.get(reverse(name, args=[missing])).status_code == 403


@pytest.mark.parametrize(("name", "lead_may"), LOOKUP_VIEWS)
def test_the_lookup_finds_what_the_person_may_see(world, records, client_for, name, lead_may):
    pk = {"programme": records["programme"].pk, "outcome": records["outcome"].pk}.get(
        name.split(":")[1].split("-")[0], records["assessment"].pk
    )
    assert client_for(world.business_unit).get(reverse(name, args=[pk])).status_code == 200
    lead_status = client_for(world.person("agency_lead")).get(reverse(name, args=[pk])).status_code
    assert lead_status == (200 if lead_may else 403)
