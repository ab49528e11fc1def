"""Roles, permission predicates and the selectors that scope what each person sees."""

import pytest
from django.db import IntegrityError, transaction

from partnership import permissions, selectors
from partnership.models import Role, RoleAssignment
from tests.factories import AgencyFactory, SubgroupFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_roles_are_read_once_and_cached(world, django_assert_num_queries):
    user = world.subgroup_chair
    with django_assert_num_queries(1):
        permissions.roles_of(user)
        permissions.roles_of(user)
    assert permissions.roles_of(user).chair_of == {world.subgroup.pk}


def test_a_person_can_hold_several_roles(world):
    person = world.agency_lead
    RoleAssignment.objects.create(user=person, role=Role.SUBGROUP_MEMBER, subgroup=world.subgroup)
    RoleAssignment.objects.create(user=person, role=Role.LAY_MEMBER)
    roles = permissions.roles_of(person)
    assert roles.roles == {Role.AGENCY_LEAD, Role.SUBGROUP_MEMBER, Role.LAY_MEMBER}
    assert roles.lead_of == {world.agency.pk}
    assert roles.member_of == {world.subgroup.pk}


@pytest.mark.parametrize(
    "role, scope",
    [
        (Role.SUBGROUP_CHAIR, {}),  # a subgroup role needs its subgroup
        (Role.AGENCY_LEAD, {}),  # an agency role needs its agency
        (Role.LAY_MEMBER, {"subgroup": "subgroup"}),  # an unscoped role takes no scope
        (Role.AGENCY_LEAD, {"subgroup": "subgroup"}),
        ("wizard", {}),  # not a role at all
    ],
)
def test_the_database_refuses_a_role_with_the_wrong_scope(world, role, scope):
    scope = {key: getattr(world, value) for key, value in scope.items()}
    with pytest.raises(IntegrityError), transaction.atomic():
        RoleAssignment.objects.create(user=world.no_role, role=role, **scope)


def test_the_same_role_cannot_be_held_twice(world):
    with pytest.raises(IntegrityError), transaction.atomic():
        RoleAssignment.objects.create(user=world.lay_member, role=Role.LAY_MEMBER)
    with pytest.raises(IntegrityError), transaction.atomic():
        RoleAssignment.objects.create(
            user=world.subgroup_chair, role=Role.SUBGROUP_CHAIR, subgroup=world.subgroup
        )
    # The same role for another subgroup is a different seat.
    RoleAssignment.objects.create(
        user=world.subgroup_chair, role=Role.SUBGROUP_CHAIR, subgroup=world.other_subgroup
    )


@pytest.mark.parametrize(
    "role_name, manages, sees_everything, views_people",
    [
        ("business_unit", True, True, True),
        ("partnership_lead", False, True, True),
        ("subgroup_chair", False, False, True),
        ("subgroup_member", False, False, False),
        ("agency_lead", False, False, True),
        ("lay_member", False, False, False),
        ("peer_challenger", False, False, False),
        ("no_role", False, False, False),
    ],
)
def test_predicates_by_role(world, role_name, manages, sees_everything, views_people):
    user = world.person(role_name)
    assert permissions.can_manage_organisation(user) is manages
    assert permissions.sees_everything(user) is sees_everything
    assert permissions.can_view_people(user) is views_people


def test_an_inactive_person_has_no_roles(world):
    user = world.business_unit
    user.is_active = False
    assert not permissions.is_business_unit(user)


def test_an_agency_lead_sees_only_their_own_agencys_people(world):
    colleague = UserFactory(agency=world.agency)
    stranger = UserFactory(agency=world.other_agency)
    visible = set(selectors.people_visible_to(world.agency_lead))
    assert colleague in visible
    assert world.agency_lead in visible
    assert stranger not in visible
    assert world.other_agency_lead not in visible


def test_a_chair_sees_their_subgroups_people_and_not_others(world):
    outsider = UserFactory(agency=AgencyFactory())
    other_member = UserFactory()
    RoleAssignment.objects.create(user=other_member, role=Role.SUBGROUP_MEMBER, subgroup=SubgroupFactory())
    visible = set(selectors.people_visible_to(world.subgroup_chair))
    assert {world.subgroup_chair, world.subgroup_member} <= visible
    assert outsider not in visible
    assert other_member not in visible


def test_people_without_a_scope_see_only_themselves(world):
    for role_name in ("subgroup_member", "lay_member", "peer_challenger", "no_role"):
        user = world.person(role_name)
        assert list(selectors.people_visible_to(user)) == [user]


def test_the_business_unit_and_partnership_leads_see_everyone(world):
    everyone = set(selectors.people_visible_to(world.business_unit))
    assert everyone == set(selectors.people_visible_to(world.partnership_lead))
    assert {world.other_agency_lead, world.lay_member, world.superuser} <= everyone
