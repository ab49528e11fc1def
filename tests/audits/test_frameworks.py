"""Frameworks are data the business unit edits in the browser: a second framework (an annual
schools safeguarding audit) is set up with its scale, standards and requirements and used by a
round with no code; wording changes; what agencies have answered cannot be removed."""

import datetime

import pytest
from django.urls import reverse

from audits.models import Framework, RatingLevel, Requirement, Return, ReturnStatus, Round, Standard
from audits.services import frameworks as services_frameworks
from audits.services.section11 import returns as return_services
from partnership.services import DomainError
from tests.audits.factories import FrameworkFactory, make_round, pan_london

pytestmark = pytest.mark.django_db


def url(name, *args):
    return reverse(f"audits:{name}", args=args)


def test_the_business_unit_sets_up_a_second_framework_that_a_round_then_uses(world, client_for):
    bu = client_for(world.business_unit)
    response = bu.post(url("framework-create"), {
        "name": "Annual schools safeguarding audit", "description": "For schools and colleges.",
        "sectors": ["education"], "active": "on",
    })  # fmt: skip
    framework = Framework.objects.get(name="Annual schools safeguarding audit")
    assert response.status_code == 302 and response["Location"] == url("framework-detail", framework.pk)
    assert (
        framework.sectors == ["education"] and framework.history.first().history_user == world.business_unit
    )
    for label, score in (("Yes", 1), ("No", 0)):
        assert bu.post(url("level-add", framework.pk), {"label": label, "score": score}).status_code == 302
    refused = bu.post(url("level-add", framework.pk), {"label": "yes", "score": 2})
    assert refused.status_code == 200 and "already has" in refused.content.decode()
    add_standard = bu.get(url("standard-add", framework.pk))
    assert add_standard.context["form"].initial["number"] == 1
    bu.post(url("standard-add", framework.pk), {"number": 1, "title": "Designated safeguarding lead"})
    standard = framework.standards.get()
    add_requirement = bu.get(url("requirement-add", framework.pk, standard.pk))
    assert add_requirement.context["form"].initial["reference"] == "1.1"
    bu.post(url("requirement-add", framework.pk, standard.pk), {
        "reference": "1.1", "text": "A trained DSL is in post.", "guidance": "Training certificate.",
        "required": "on", "order": 1,
    })  # fmt: skip
    requirement = standard.requirements.get()
    detail = bu.get(url("framework-detail", framework.pk)).content.decode()
    assert "A trained DSL is in post." in detail and "Education" in detail

    # A round with the new framework, answered and submitted with no code.
    world.agency.sector = "education"
    world.agency.save()
    round_ = make_round(world, framework=framework, title="Schools audit 2026", due_on=datetime.date(2026, 10, 1),
                        agencies=[world.agency])  # fmt: skip
    agency_return = round_.returns.get()
    lead = client_for(world.agency_lead)
    yes = framework.rating_levels.get(label="Yes")
    lead.post(url("return-standard", agency_return.pk, 1), {
        "continue": "1", f"r{requirement.pk}-rating": yes.pk, f"r{requirement.pk}-evidence": "Certificate, 2026",
        f"r{requirement.pk}-links": "", f"r{requirement.pk}-improvement": "",
    })  # fmt: skip
    lead.post(url("return-submit", agency_return.pk))
    assert Return.objects.get(pk=agency_return.pk).status == ReturnStatus.SUBMITTED


def test_wording_changes_but_answered_parts_are_not_removed(world, client_for):
    framework = pan_london()
    round_ = make_round(world, title="Section 11 2026", agencies=[world.agency])
    agency_return = round_.returns.get()
    standard = framework.standards.get(number=1)
    answered = standard.requirements.first()
    level = framework.rating_levels.get(score=3)
    return_services.answer_save(agency_return=agency_return, requirement=answered, rating=level, evidence="Minutes",
                         links="", improvement="", actor=world.agency_lead)  # fmt: skip
    bu = client_for(world.business_unit)

    response = bu.post(url("requirement-edit", framework.pk, answered.pk), {
        "reference": answered.reference, "text": "A named executive lead is responsible for safeguarding children.",
        "guidance": "", "order": 1,
    })  # fmt: skip
    assert response.status_code == 302
    answered.refresh_from_db()
    assert answered.text.startswith("A named executive lead") and answered.required is False
    assert answered.history.first().history_user == world.business_unit

    for name, pk, message in [
        ("requirement-delete", answered.pk, "cannot be removed"),
        ("standard-delete", standard.pk, "cannot be removed"),
        ("level-delete", level.pk, "cannot be removed"),
    ]:
        response = bu.post(url(name, framework.pk, pk), follow=True)
        assert message in response.content.decode()
    assert Requirement.objects.filter(pk=answered.pk).exists()
    assert Standard.objects.filter(pk=standard.pk).exists()
    assert RatingLevel.objects.filter(pk=level.pk).exists()

    # What nobody answered can go, after asking.
    unanswered = framework.standards.get(number=8)
    confirm = bu.get(url("standard-delete", framework.pk, unanswered.pk)).content.decode()
    assert "Are you sure" in confirm
    count = unanswered.requirements.count()
    bu.post(url("standard-delete", framework.pk, unanswered.pk))
    assert not framework.standards.filter(number=8).exists()
    assert Requirement.history.filter(history_type="-").count() == count
    assert Standard.history.filter(history_type="-").get().history_user == world.business_unit
    unused = framework.rating_levels.get(score=0)
    bu.post(url("level-delete", framework.pk, unused.pk))
    assert not RatingLevel.objects.filter(pk=unused.pk).exists()


def test_numbers_and_references_stay_unique(world, client_for):
    framework = pan_london()
    bu = client_for(world.business_unit)
    refused = bu.post(url("standard-add", framework.pk), {"number": 3, "title": "Typed title"})
    assert refused.status_code == 200
    body = refused.content.decode()
    assert "already has a standard 3" in body and "Typed title" in body
    standard = framework.standards.get(number=1)
    refused = bu.post(url("requirement-add", framework.pk, standard.pk),
                      {"reference": "1.1", "text": "Typed requirement", "order": 9})  # fmt: skip
    assert "Standard 1 already has a requirement with reference 1.1" in refused.content.decode()
    refused = bu.post(url("level-add", framework.pk), {"label": "Exceeds", "score": 3})
    assert "already scores 3" in refused.content.decode()


def test_a_framework_in_use_keeps_two_levels_and_only_the_business_unit_changes_it(world, client_for):
    framework = FrameworkFactory(name="Two-point audit")
    keep, go = (
        framework.rating_levels.create(label="Yes", score=1),
        framework.rating_levels.create(label="No", score=0),
    )
    Round.objects.create(framework=framework, title="Two-point 2026", year=2026, opens_on=datetime.date(2026, 9, 1),
                         due_on=datetime.date(2026, 10, 1), subgroup=world.subgroup)  # fmt: skip
    with pytest.raises(DomainError, match="at least two"):
        services_frameworks.rating_level_delete(level=go, actor=world.business_unit)
    for person in (world.agency_lead, world.subgroup_chair, world.lay_member):
        with pytest.raises(DomainError):
            services_frameworks.rating_level_save(level=keep, actor=person)
        client = client_for(person)
        assert client.get(url("framework-detail", framework.pk)).status_code == 200
        assert client.post(url("framework-edit", framework.pk), {"name": "Renamed"}).status_code == 403
        assert client.post(url("level-delete", framework.pk, go.pk)).status_code == 403
        assert (
            url("level-delete", framework.pk, go.pk)
            not in client.get(url("framework-detail", framework.pk)).content.decode()
        )
    framework.refresh_from_db()
    assert framework.name == "Two-point audit"


def test_a_framework_is_looked_up_through_the_selector(world, client_for):
    """Frameworks are reference data: everyone signed in reads one, nobody signed out; an id
    that is not a framework is a 404, and only the business unit changes one (403 otherwise)."""
    from django.contrib.auth.models import AnonymousUser

    from audits import selectors

    framework = FrameworkFactory(name="Schools safeguarding audit")
    assert not selectors.frameworks_visible_to(AnonymousUser()).exists()
    for person in (world.business_unit, world.agency_lead, world.lay_member):
        assert framework in selectors.frameworks_visible_to(person)
        client = client_for(person)
        assert client.get(url("framework-detail", framework.pk)).status_code == 200
        assert client.get(url("framework-detail", framework.pk + 1000)).status_code == 404
    assert client_for(world.business_unit).get(url("framework-edit", framework.pk + 1000)).status_code == 404
    assert client_for(world.agency_lead).get(url("framework-edit", framework.pk)).status_code == 403
