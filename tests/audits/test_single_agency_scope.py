"""A single-agency audit is its agency's own: its learning (the source, its findings and its
recommendations) is read by that agency's leads, the business unit, the partnership leads and
the subgroup that oversees it, and by nobody else, wherever the core lists learning."""

import datetime

import pytest
from django.urls import reverse

from audits.models import SingleAgencyAudit
from partnership import selectors
from tests.factories import FindingFactory, RecommendationFactory

pytestmark = pytest.mark.django_db

MAY_READ = ["business_unit", "partnership_lead", "agency_lead", "subgroup_chair", "subgroup_member"]
MAY_NOT = ["other_agency_lead", "lay_member", "peer_challenger", "no_role"]


@pytest.fixture
def audit(world):
    audit = SingleAgencyAudit(
        agency=world.agency, title="Supervision audit", scope="20 cases.", summary="Patchy supervision.",
        reported_on=datetime.date(2026, 7, 1), reported_by=world.agency_lead, subgroup=world.subgroup,
    )  # fmt: skip
    audit.save()
    FindingFactory(source=audit.learning_source, title="Supervision was not recorded")
    RecommendationFactory(source=audit.learning_source, text="Record supervision monthly")
    return audit


@pytest.mark.parametrize("role", MAY_READ)
def test_the_agency_and_its_overseers_read_the_audits_learning(world, audit, client_for, role):
    person = world.person(role)
    source = audit.learning_source
    assert selectors.sources_visible_to(person).filter(pk=source.pk).exists()
    assert selectors.findings_visible_to(person).filter(source=source).count() == 1
    assert selectors.recommendations_visible_to(person).filter(source=source).count() == 1
    page = client_for(person).get(reverse("partnership:source-detail", args=[source.pk]), follow=True)
    assert page.status_code == 200
    assert "Supervision was not recorded" in page.content.decode()


@pytest.mark.parametrize("role", MAY_NOT)
def test_other_agencies_and_lay_members_do_not(world, audit, client_for, role):
    person = world.person(role)
    source = audit.learning_source
    assert not selectors.sources_visible_to(person).filter(pk=source.pk).exists()
    assert not selectors.findings_visible_to(person).filter(source=source).exists()
    assert not selectors.recommendations_visible_to(person).filter(source=source).exists()
    finding = source.findings.get()
    client = client_for(person)
    assert client.get(reverse("partnership:source-detail", args=[source.pk])).status_code == 404
    assert client.get(reverse("partnership:finding-edit", args=[finding.pk])).status_code in (403, 404)


def test_open_learning_is_still_open_to_everyone_signed_in(world, audit):
    open_finding = FindingFactory(title="From a youth forum")
    for role in MAY_NOT[:-1] + MAY_READ:
        assert selectors.findings_visible_to(world.person(role)).filter(pk=open_finding.pk).exists(), role
