"""The organisation services: who may change what, and that every change is in the history."""

import pytest
from django.core import mail

from partnership.models import Agency, Invitation, Role, RoleAssignment, User
from partnership.services import DomainError
from partnership.services import organisation as services
from tests.factories import UserFactory


@pytest.fixture
def send_on_commit(django_capture_on_commit_callbacks):
    """Run on-commit callbacks (the invitation email) as a real commit would."""

    def run(function, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return function(**kwargs)

    return run


# --- record_save, record_set_active ----------------------------------------------------------


@pytest.mark.parametrize(
    "role_name", ["partnership_lead", "agency_lead", "subgroup_chair", "no_role", "superuser"]
)
def test_record_save_is_refused_for_anyone_but_the_business_unit(world, role_name):
    agency = Agency(name="Westfield Police", sector=Agency.Sector.POLICE)
    with pytest.raises(DomainError, match="Only the business unit"):
        services.record_save(instance=agency, actor=world.person(role_name))
    assert not Agency.objects.filter(name="Westfield Police").exists()


def test_record_save_records_the_actor_in_the_history(world):
    agency = services.record_save(
        instance=Agency(name="Westfield Police", sector=Agency.Sector.POLICE), actor=world.business_unit
    )
    agency.name = "Westfield Constabulary"
    services.record_save(instance=agency, actor=world.business_unit)
    latest, created = agency.history.order_by("-history_date", "-history_id")[:2]
    assert created.history_type == "+" and created.history_user == world.business_unit
    assert latest.history_user == world.business_unit
    assert [c.field for c in latest.diff_against(created).changes] == ["name"]


def test_deactivate_and_reactivate_are_recorded_with_the_actor(world):
    agency = world.other_agency
    services.record_set_active(instance=agency, active=False, actor=world.business_unit)
    agency.refresh_from_db()
    assert agency.active is False
    services.record_set_active(instance=agency, active=True, actor=world.business_unit)
    agency.refresh_from_db()
    assert agency.active is True
    reasons = list(
        agency.history.order_by("-history_date", "-history_id").values_list(
            "history_change_reason", "history_user", "active"
        )[:2]
    )
    assert reasons == [
        ("Reactivated", world.business_unit.pk, True),
        ("Deactivated", world.business_unit.pk, False),
    ]


def test_setting_the_same_state_twice_records_nothing_new(world):
    services.record_set_active(instance=world.subgroup, active=False, actor=world.business_unit)
    count = world.subgroup.history.count()
    services.record_set_active(instance=world.subgroup, active=False, actor=world.business_unit)
    assert world.subgroup.history.count() == count


def test_deactivate_is_refused_for_a_partnership_lead(world):
    with pytest.raises(DomainError):
        services.record_set_active(instance=world.agency, active=False, actor=world.partnership_lead)
    world.agency.refresh_from_db()
    assert world.agency.active


def test_a_person_cannot_deactivate_themselves(world):
    with pytest.raises(DomainError, match="your own account"):
        services.person_deactivate(person=world.business_unit, actor=world.business_unit)
    world.business_unit.refresh_from_db()
    assert world.business_unit.is_active


def test_deactivating_a_person_stops_them_signing_in_and_is_in_their_history(world):
    services.person_deactivate(person=world.lay_member, actor=world.business_unit)
    world.lay_member.refresh_from_db()
    assert not world.lay_member.is_active
    last = world.lay_member.history.latest("history_date")
    assert (last.history_change_reason, last.history_user) == ("Deactivated", world.business_unit)


# --- roles ----------------------------------------------------------------------------------


def test_a_subgroup_role_needs_a_subgroup(world):
    with pytest.raises(DomainError) as caught:
        services.role_assign(person=world.no_role, role=Role.SUBGROUP_MEMBER, actor=world.business_unit)
    assert caught.value.field == "subgroup"


def test_the_agency_lead_role_needs_an_agency(world):
    with pytest.raises(DomainError) as caught:
        services.role_assign(person=world.no_role, role=Role.AGENCY_LEAD, actor=world.business_unit)
    assert caught.value.field == "agency"


def test_the_same_role_twice_is_refused(world):
    with pytest.raises(DomainError) as caught:
        services.role_assign(
            person=world.subgroup_member,
            role=Role.SUBGROUP_MEMBER,
            subgroup=world.subgroup,
            actor=world.business_unit,
        )
    assert caught.value.field == "role"
    assert world.subgroup_member.role_assignments.count() == 1


def test_the_same_role_on_another_subgroup_is_allowed(world):
    services.role_assign(
        person=world.subgroup_member,
        role=Role.SUBGROUP_MEMBER,
        subgroup=world.other_subgroup,
        actor=world.business_unit,
    )
    assert world.subgroup_member.role_assignments.count() == 2


def test_a_role_without_a_scope_drops_one_given_by_mistake(world):
    assignment = services.role_assign(
        person=world.no_role,
        role=Role.LAY_MEMBER,
        subgroup=world.subgroup,
        agency=world.agency,
        actor=world.business_unit,
    )
    assert (assignment.subgroup, assignment.agency) == (None, None)


def test_only_the_business_unit_gives_roles(world):
    with pytest.raises(DomainError):
        services.role_assign(person=world.no_role, role=Role.BUSINESS_UNIT, actor=world.partnership_lead)
    assert not world.no_role.role_assignments.exists()


def test_giving_and_taking_away_a_role_is_in_the_history_with_the_actor(world):
    assignment = services.role_assign(
        person=world.no_role, role=Role.AGENCY_LEAD, agency=world.agency, actor=world.business_unit
    )
    services.role_remove(assignment=assignment, actor=world.business_unit)
    history = RoleAssignment.history.filter(user_id=world.no_role.pk).order_by("history_date", "history_id")
    assert [(h.history_type, h.history_user) for h in history] == [
        ("+", world.business_unit),
        ("-", world.business_unit),
    ]


def test_the_business_unit_cannot_remove_its_own_business_unit_role(world):
    assignment = world.business_unit.role_assignments.get()
    with pytest.raises(DomainError):
        services.role_remove(assignment=assignment, actor=world.business_unit)
    assert RoleAssignment.objects.filter(pk=assignment.pk).exists()


# --- invitations and people -----------------------------------------------------------------


def test_inviting_a_person_sends_one_email_and_records_the_invitation(world, send_on_commit):
    person = User(email="new.person@example.org", full_name="New Person", agency=world.agency)
    person, token = send_on_commit(services.person_invite, person=person, actor=world.business_unit)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["new.person@example.org"]
    invitation = Invitation.objects.get(user=person)
    assert invitation.invited_by == world.business_unit
    assert invitation.accepted_at is None
    assert not person.has_usable_password()
    assert person.history.get().history_change_reason == "Invited"
    assert services.invitation_for_token(token) == invitation


def test_inviting_again_replaces_the_earlier_link(world, send_on_commit):
    person = UserFactory(agency=world.agency)
    _person, first = send_on_commit(services.person_invite, person=person, actor=world.business_unit)
    _person, second = send_on_commit(services.person_invite, person=person, actor=world.business_unit)
    assert len(mail.outbox) == 2
    with pytest.raises(services.InvitationProblem) as caught:
        services.invitation_for_token(first)
    assert caught.value.reason == "replaced"
    assert services.invitation_for_token(second).user == person


def test_inviting_with_a_first_role_assigns_it(world, send_on_commit):
    person = User(email="chair@example.org", full_name="Cass Chair", agency=world.agency)
    send_on_commit(
        services.person_invite_with_role,
        person=person,
        role=Role.SUBGROUP_CHAIR,
        subgroup=world.other_subgroup,
        actor=world.business_unit,
    )
    assert list(person.role_assignments.values_list("role", "subgroup")) == [
        (Role.SUBGROUP_CHAIR, world.other_subgroup.pk)
    ]
    assert len(mail.outbox) == 1


def test_inviting_with_a_role_that_cannot_be_given_saves_nobody_and_sends_nothing(world, send_on_commit):
    person = User(email="half@example.org", full_name="Half Done", agency=world.agency)
    with pytest.raises(DomainError) as caught:
        send_on_commit(
            services.person_invite_with_role,
            person=person,
            role=Role.SUBGROUP_MEMBER,
            actor=world.business_unit,
        )
    assert caught.value.field == "subgroup"
    assert person.pk is None
    assert not User.objects.filter(email="half@example.org").exists()
    assert not Invitation.objects.filter(user__email="half@example.org").exists()
    assert mail.outbox == []


def test_inviting_is_refused_for_an_agency_lead(world, send_on_commit):
    person = User(email="sneaky@example.org", full_name="Sneaky", agency=world.agency)
    with pytest.raises(DomainError):
        send_on_commit(services.person_invite, person=person, actor=world.agency_lead)
    assert not User.objects.filter(email="sneaky@example.org").exists()
    assert mail.outbox == []


def test_person_update_keeps_emails_lowercase_and_records_the_actor(world):
    person = UserFactory(agency=world.agency)
    person.email = "Mixed.Case@Example.ORG"
    services.person_update(person=person, actor=world.business_unit)
    person.refresh_from_db()
    assert person.email == "mixed.case@example.org"
    assert person.history.latest("history_date").history_user == world.business_unit


def test_person_update_is_refused_for_anyone_but_the_business_unit(world):
    person = UserFactory(agency=world.agency, job_title="Nurse")
    person.job_title = "Head of safeguarding"
    with pytest.raises(DomainError):
        services.person_update(person=person, actor=world.agency_lead)
    person.refresh_from_db()
    assert person.job_title == "Nurse"
