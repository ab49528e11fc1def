"""The demo partnership: one person per role, and a second run changes nothing."""

import pytest
from django.apps import apps
from django.core.management import call_command

from partnership import permissions
from partnership.demo import DEMO_PASSWORD, DEMO_PEOPLE
from partnership.models import (
    Action,
    ActionSignOff,
    ActionStatus,
    Agency,
    Role,
    SignOffDecision,
    Subgroup,
    User,
)

pytestmark = pytest.mark.django_db


def row_counts() -> dict[str, int]:
    """Rows in every table of our apps, history tables included."""
    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if model._meta.app_label
        in {"partnership", "reviews", "audits", "training", "dashboards", "governance"}
    }


def test_seed_demo_builds_the_partnership_and_a_second_run_changes_nothing():
    call_command("seed_demo")
    first = row_counts()
    call_command("seed_demo")
    assert row_counts() == first

    assert Agency.objects.count() >= 15
    assert set(Agency.objects.values_list("area__name", flat=True)) >= {"Northbrook", "Eastmoor"}
    assert set(Agency.objects.values_list("sector", flat=True)) == set(Agency.Sector.values)
    assert set(Subgroup.objects.values_list("name", flat=True)) >= {
        "Learning and Improvement",
        "Training",
        "Quality and Performance",
        "Practice Review",
        "Child Death Overview Panel",
    }
    # The previous Section 11 round was escalated to senior managers six months on: one
    # response recorded per state the pages show, and an agency with nobody to write to.
    escalations = apps.get_model("audits", "Escalation").objects.select_related("agency_return__agency")
    by_agency = {e.agency_return.agency.short_name: e for e in escalations}
    assert by_agency["Police"].response and not by_agency["NMH"].response
    assert all(e.sent_at for e in escalations) and "Haven" not in by_agency
    assert not Agency.objects.get(short_name="Haven").senior_manager_email
    assert apps.get_model("partnership", "RiskFlag").objects.filter(agency__short_name="Haven").exists()
    # Sign-off: two actions await the Learning and Improvement chair, one was returned to its owner.
    awaiting = Action.objects.filter(status=ActionStatus.AWAITING_SIGNOFF)
    assert awaiting.filter(plan__subgroup__name="Learning and Improvement").count() == 2
    [returned] = ActionSignOff.objects.filter(decision=SignOffDecision.RETURNED)
    assert returned.action.is_open and returned.decided_by.email == "subgroup.chair@northbrook-scp.example"


def test_every_role_has_a_demo_person_who_can_sign_in():
    call_command("seed_demo")
    seeded_roles = {role for *_, role, _scope in DEMO_PEOPLE}
    assert seeded_roles == set(Role)
    for email, *_rest, role, _scope in DEMO_PEOPLE:
        user = User.objects.get(email=email)
        assert user.check_password(DEMO_PASSWORD)
        assert role in permissions.roles_of(user).roles
