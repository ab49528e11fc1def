"""The security log: each kind of event is recorded where it happens, and the business unit
reads it (filters, sorting, CSV export, pages); nobody else may."""

import csv
import io
from datetime import datetime, timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from partnership.models import Role, SecurityEvent, SecurityEventKind
from partnership.security.events import attachment_filename, record_event
from partnership.services import organisation as services
from tests.queries import capturing

from ..factories import PASSWORD, RoleAssignmentFactory, UserFactory

K = SecurityEventKind


def events(kind):
    return list(SecurityEvent.objects.filter(kind=kind).order_by("pk"))


def sign_in(client, email, password):
    return client.post(
        reverse("partnership:login"), {"username": email, "password": password}, REMOTE_ADDR="203.0.113.7"
    )


# --- each kind is recorded ----------------------------------------------------------------


@pytest.mark.django_db
def test_a_sign_in_is_recorded_with_the_address_it_came_from(client):
    person = UserFactory(email="nia@example.org")
    response = sign_in(client, "nia@example.org", PASSWORD)
    assert response.status_code == 302
    [event] = events(K.SIGN_IN)
    assert event.person == person
    assert event.ip_address == "203.0.113.7"
    assert event.path == reverse("partnership:login")


@pytest.mark.django_db
def test_a_failed_sign_in_keeps_the_email_tried(client):
    person = UserFactory(email="nia@example.org")
    sign_in(client, "nia@example.org", "not the password")
    sign_in(client, "nobody@example.org", "guess")
    known, unknown = events(K.SIGN_IN_FAILED)
    assert (known.person, known.email, known.ip_address) == (person, "nia@example.org", "203.0.113.7")
    assert (unknown.person, unknown.email) == (None, "nobody@example.org")
    assert not events(K.SIGN_IN)


@pytest.mark.django_db
def test_a_lockout_is_recorded(client, settings):
    person = UserFactory(email="nia@example.org")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "nia@example.org", "wrong")
    lockouts = events(K.LOCKOUT)
    assert lockouts, "the fifth wrong password locks the account"
    assert lockouts[0].person == person
    assert lockouts[0].email == "nia@example.org"
    # The right password while locked out is refused, and logged again.
    response = sign_in(client, "nia@example.org", PASSWORD)
    assert response.status_code != 302
    assert len(events(K.LOCKOUT)) > len(lockouts)
    assert not events(K.SIGN_IN)


def test_a_refused_page_is_recorded(world, client_for):
    response = client_for(world.agency_lead).get(reverse("partnership:security-events"))
    assert response.status_code == 403
    [event] = events(K.PERMISSION_REFUSED)
    assert event.person == world.agency_lead
    assert event.path == reverse("partnership:security-events")
    assert "GET" in event.detail


def test_a_form_refused_by_csrf_is_recorded(world):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(world.no_role, backend="django.contrib.auth.backends.ModelBackend")
    response = client.post(reverse("partnership:logout"))
    assert response.status_code == 403
    assert events(K.PERMISSION_REFUSED)[-1].path == reverse("partnership:logout")


def test_a_page_not_found_is_not_a_refusal(world, client_for):
    client_for(world.agency_lead).get("/no-such-page/")
    assert not events(K.PERMISSION_REFUSED)


def test_role_changes_record_whose_role_and_who_changed_it(world):
    person = UserFactory(full_name="Rae Role")
    assignment = services.role_assign(person=person, role=Role.LAY_MEMBER, actor=world.business_unit)
    [granted] = events(K.ROLE_GRANTED)
    assert (granted.person, granted.actor) == (person, world.business_unit)
    assert "Lay member" in granted.detail
    services.role_remove(assignment=assignment, actor=world.business_unit)
    [removed] = events(K.ROLE_REMOVED)
    assert (removed.person, removed.actor) == (person, world.business_unit)
    assert "Lay member" in removed.detail


def test_a_role_given_through_the_page_records_the_address(world, client_for):
    person = UserFactory(agency=world.agency)
    response = client_for(world.business_unit).post(
        reverse("partnership:person-role-add", args=[person.pk]),
        {"role": Role.PARTNERSHIP_LEAD},
        REMOTE_ADDR="198.51.100.4",
    )
    assert response.status_code == 302
    [granted] = events(K.ROLE_GRANTED)
    assert granted.person == person
    assert granted.ip_address == "198.51.100.4"
    assert granted.path == reverse("partnership:person-role-add", args=[person.pk])


def test_a_role_that_could_not_be_given_records_nothing(world):
    person = UserFactory()
    RoleAssignmentFactory(user=person, role=Role.LAY_MEMBER)
    with pytest.raises(services.DomainError):
        services.role_assign(person=person, role=Role.LAY_MEMBER, actor=world.business_unit)
    assert not events(K.ROLE_GRANTED)


def test_deactivating_a_person_is_recorded_once(world):
    person = UserFactory()
    services.person_deactivate(person=person, actor=world.business_unit)
    services.person_deactivate(person=person, actor=world.business_unit)  # already inactive
    [event] = events(K.PERSON_DEACTIVATED)
    assert (event.person, event.actor) == (person, world.business_unit)
    services.record_set_active(instance=person, active=True, actor=world.business_unit)
    assert len(events(K.PERSON_DEACTIVATED)) == 1


def test_an_export_is_recorded_with_its_file_name(world, client_for):
    with time_machine.travel(datetime(2026, 11, 30, 10, 0, tzinfo=timezone.get_current_timezone())):
        response = client_for(world.agency_lead).get(reverse("partnership:action-export-csv"))
    assert response.status_code == 200
    [event] = events(K.EXPORT)
    assert event.person == world.agency_lead
    assert event.detail == "Downloaded actions-2026-11-30.csv"
    assert event.path == reverse("partnership:action-export-csv")


def test_a_page_is_not_an_export(world, client_for):
    client_for(world.agency_lead).get(reverse("partnership:action-list"))
    assert not events(K.EXPORT)


@pytest.mark.django_db
@pytest.mark.parametrize("kind", [K.TWO_FACTOR_CHANGED, K.PASSWORD_CHANGED])
def test_other_parts_record_their_events_through_record_event(kind, rf):
    person, admin = UserFactory(), UserFactory()
    request = rf.post("/account/", REMOTE_ADDR="192.0.2.10")
    request.user = person
    event = record_event(kind, request=request, detail="Authenticator app added")
    assert (event.kind, event.person, event.actor) == (kind, person, None)
    assert (event.ip_address, event.path, event.detail) == (
        "192.0.2.10",
        "/account/",
        "Authenticator app added",
    )
    # Someone acting on another person's account is the actor; the person is whom it is about.
    reset = record_event(kind, user=person, actor=admin)
    assert (reset.person, reset.actor, reset.ip_address, reset.path) == (person, admin, None, "")


def test_the_log_never_keeps_a_secret_from_the_address(world, client):
    person, token = services.person_invite(
        person=UserFactory.build(email="new@example.org", agency=world.agency), actor=world.business_unit
    )
    response = client.post(
        reverse("partnership:invitation-accept", args=[token]),
        {"new_password1": "a long new passphrase 42", "new_password2": "a long new passphrase 42"},
    )
    assert response.status_code == 302
    [event] = events(K.SIGN_IN)
    assert event.person == person
    assert token not in event.path
    assert event.path == "/invitation/[redacted]/"


@pytest.mark.django_db
def test_secret_query_parameters_are_redacted(rf):
    request = rf.get("/actions/", {"status": "open", "token": "s3cret", "api_key": "k"})
    event = record_event(K.EXPORT, request=request)
    assert event.path == "/actions/?status=open&token=%5Bredacted%5D&api_key=%5Bredacted%5D"


@pytest.mark.django_db
def test_an_address_that_is_not_an_ip_is_left_out_rather_than_failing(rf):
    event = record_event(K.SIGN_IN_FAILED, request=rf.post("/sign-in/", REMOTE_ADDR="unknown"), email="x")
    assert event.ip_address is None


@pytest.mark.django_db
def test_record_event_refuses_an_unknown_kind():
    with pytest.raises(ValueError):
        record_event("made_up")


@pytest.mark.django_db
def test_the_kinds_are_backed_by_the_database():
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        SecurityEvent.objects.create(kind="made_up")


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ('attachment; filename="actions-2026-11-30.csv"', "actions-2026-11-30.csv"),
        (
            "attachment; filename*=utf-8''Child%20Q%20chronology%20%E2%80%93%20v2.docx",
            "Child Q chronology – v2.docx",
        ),
        ("attachment", ""),
        ('inline; filename="report.pdf"', None),
        ("", None),
    ],
)
def test_attachment_file_names_are_read_from_the_header(header, expected):
    assert attachment_filename(header) == expected


# --- the business unit's page ----------------------------------------------------------------


def business_unit_client(world, client_for):
    """The business unit signed in, with the log emptied of that sign-in."""
    client = client_for(world.business_unit)
    SecurityEvent.objects.all().delete()
    return client


def make_events(world, count, *, start=None):
    start = start or timezone.now() - timedelta(days=1)
    people = [world.agency_lead, world.lay_member, None]
    for n in range(count):
        SecurityEvent.objects.create(
            kind=[K.SIGN_IN, K.SIGN_IN_FAILED, K.EXPORT][n % 3],
            person=people[n % 3],
            email="typo@example.org" if n % 3 == 1 else "",
            ip_address=f"198.51.100.{n % 250}",
            at=start - timedelta(minutes=n),
        )


def test_the_business_unit_reads_the_log_newest_first(world, client_for):
    client = business_unit_client(world, client_for)
    make_events(world, 3)
    response = client.get(reverse("partnership:security-events"))
    assert response.status_code == 200
    shown = [e.at for e in response.context["events"]]
    assert shown == sorted(shown, reverse=True)
    content = response.content.decode()
    assert "typo@example.org" in content
    assert world.agency_lead.full_name in content


@pytest.mark.parametrize("role", ["partnership_lead", "agency_lead", "subgroup_chair", "superuser"])
def test_nobody_else_reads_the_log(world, client_for, role):
    make_events(world, 3)
    client = client_for(world.person(role))
    assert client.get(reverse("partnership:security-events")).status_code == 403
    assert client.get(reverse("partnership:security-events-export")).status_code == 403


def test_filters_narrow_the_log(world, client_for):
    client = business_unit_client(world, client_for)
    make_events(world, 9)
    old = SecurityEvent.objects.create(
        kind=K.LOCKOUT, person=world.lay_member, at=timezone.make_aware(datetime(2026, 1, 10, 9, 0))
    )
    url = reverse("partnership:security-events")

    def shown(**query):
        return {e.pk for e in client.get(url, query).context["events"]}

    assert shown(kind=K.LOCKOUT) == {old.pk}
    assert shown(person=world.agency_lead.pk) == set(
        SecurityEvent.objects.filter(person=world.agency_lead).values_list("pk", flat=True)
    )
    assert shown(date_from="01/01/2026", date_to="31/01/2026") == {old.pk}
    assert shown(search="typo@") == set(
        SecurityEvent.objects.filter(email="typo@example.org").values_list("pk", flat=True)
    )
    assert shown(search="198.51.100.4") == set(
        SecurityEvent.objects.filter(ip_address__startswith="198.51.100.4").values_list("pk", flat=True)
    )


def test_sorting_by_person_and_kind(world, client_for):
    client = business_unit_client(world, client_for)
    make_events(world, 6)
    by_person = client.get(reverse("partnership:security-events"), {"sort": "person"}).context["events"]
    names = [e.person.full_name for e in by_person if e.person]
    assert names == sorted(names)
    by_kind = client.get(reverse("partnership:security-events"), {"sort": "-kind"}).context["events"]
    kinds = [e.kind for e in by_kind]
    assert kinds == sorted(kinds, reverse=True)


def test_the_csv_export_holds_the_filtered_rows(world, client_for):
    client = business_unit_client(world, client_for)
    make_events(world, 6)
    response = client.get(reverse("partnership:security-events-export"), {"kind": K.SIGN_IN_FAILED})
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert rows[0][:3] == ["When", "What happened", "Person"]
    assert len(rows) == 1 + 2
    assert {row[1] for row in rows[1:]} == {"Sign-in failed"}
    assert {row[5] for row in rows[1:]} == {"typo@example.org"}


def test_the_log_is_paged(world, client_for, settings):
    settings.PAGE_SIZE = 5
    client = business_unit_client(world, client_for)
    make_events(world, 12)
    page3 = client.get(reverse("partnership:security-events"), {"page": 3})
    assert len(page3.context["events"]) == 2
    assert page3.context["page_obj"].paginator.count == 12


def test_an_empty_log_says_what_will_appear(world, client_for):
    response = business_unit_client(world, client_for).get(reverse("partnership:security-events"))
    assert "No security events have been recorded yet" in response.content.decode()


def test_the_organisation_page_links_the_log_for_the_business_unit_only(world, client_for):
    link = reverse("partnership:security-events")
    assert link in client_for(world.business_unit).get(reverse("partnership:organisation")).content.decode()
    assert (
        link
        not in client_for(world.partnership_lead).get(reverse("partnership:organisation")).content.decode()
    )


def test_the_page_query_count_does_not_grow_with_the_log(world, client_for, settings):
    settings.PAGE_SIZE = 50
    client = client_for(world.business_unit)
    url = reverse("partnership:security-events")
    make_events(world, 3)
    client.get(url)
    with capturing() as small:
        client.get(url)
    make_events(world, 40, start=timezone.now() - timedelta(days=2))
    with capturing() as large:
        client.get(url)
    assert len(large.captured_queries) == len(small.captured_queries)


@pytest.mark.django_db
def test_the_log_names_no_one_for_a_command(client):
    with time_machine.travel(
        datetime(2026, 11, 30, 3, 0, tzinfo=timezone.get_current_timezone()), tick=False
    ):
        event = record_event(K.RETENTION, detail="Security events: deleted 3")
    assert (event.person, event.ip_address, event.path) == (None, None, "")
    assert event.at == timezone.make_aware(datetime(2026, 11, 30, 3, 0))
