"""The organisation and people pages: forms, lists (filters, sort, pages, CSV), history and scope.

Who may open which page is in tests/matrix/organisation.py; here are the behaviours.
"""

import csv
import io

import pytest
from django.core import mail
from django.urls import reverse

from partnership.models import Agency, Area, Invitation, Priority, Role, RoleAssignment, Subgroup, Theme, User
from tests.factories import (
    AgencyFactory,
    AreaFactory,
    PriorityFactory,
    RoleAssignmentFactory,
    SubgroupFactory,
    ThemeFactory,
    UserFactory,
)
from tests.queries import queries_for


def html(response) -> str:
    return response.content.decode()


def csv_rows(response) -> list[list[str]]:
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


@pytest.fixture
def bu(world, client_for):
    return client_for(world.business_unit)


# --- create and edit ------------------------------------------------------------------------


def test_bad_input_keeps_what_was_typed_and_shows_the_error_next_to_the_field(world, bu):
    response = bu.post(
        reverse("partnership:agency-create"),
        {"name": "", "short_name": "WFP", "sector": "police", "partner_status": "statutory_partner"},
    )
    assert response.status_code == 200
    page = html(response)
    assert "There is a problem" in page
    assert '<a href="#id_name">Enter the agency&#x27;s name</a>' in page
    assert 'id="id_name-error"' in page
    assert 'value="WFP"' in page
    assert '<option value="police" selected>' in page
    assert not Agency.objects.filter(short_name="WFP").exists()


def test_creating_a_record_saves_it_with_history_and_says_so(world, bu):
    response = bu.post(
        reverse("partnership:agency-create"),
        {"name": "Westfield Police", "sector": "police", "partner_status": "statutory_partner"},
        follow=True,
    )
    agency = Agency.objects.get(name="Westfield Police")
    assert response.redirect_chain[-1][0] == agency.get_absolute_url()
    assert "Agency added: Westfield Police" in html(response)
    assert agency.history.get().history_user == world.business_unit


def test_a_duplicate_name_is_an_error_on_the_name(world, bu):
    response = bu.post(reverse("partnership:theme-create"), {"name": ThemeFactory(name="Neglect 2").name})
    assert 'id="id_name-error"' in html(response)


def test_editing_a_record_shows_what_it_holds(world, bu):
    response = bu.get(reverse("partnership:subgroup-edit", args=[world.subgroup.pk]))
    assert 'value="Learning and Improvement"' in html(response)
    response = bu.post(
        reverse("partnership:subgroup-edit", args=[world.subgroup.pk]),
        {
            "name": "Learning and Improvement",
            "remit": "Learns from reviews.",
            "terms_of_reference": "Meets monthly.",
        },
    )
    assert response.status_code == 302
    world.subgroup.refresh_from_db()
    assert world.subgroup.terms_of_reference == "Meets monthly."


# --- inviting people ------------------------------------------------------------------------


def invite_data(**overrides):
    data = {
        "email": "Rowan.Reed@Example.org",
        "full_name": "Rowan Reed",
        "job_title": "Designated nurse",
        "agency": "",
    }
    data.update(overrides)
    return data


def test_inviting_a_person_sends_one_email_and_shows_the_invitation(
    world, bu, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = bu.post(
            reverse("partnership:person-create"),
            invite_data(agency=world.agency.pk, role=Role.AGENCY_LEAD),
            follow=True,
        )
    person = User.objects.get(email="rowan.reed@example.org")
    assert len(mail.outbox) == 1
    assert Invitation.objects.filter(user=person, invited_by=world.business_unit).count() == 1
    assert list(person.role_assignments.values_list("role", "agency")) == [
        (Role.AGENCY_LEAD, world.agency.pk)
    ]
    page = html(response)
    assert "Invitation sent to rowan.reed@example.org" in page
    assert "Not accepted yet" in page
    assert "Send the invitation again" in page


def test_a_duplicate_email_in_another_case_is_an_error_on_the_email_field(world, bu):
    response = bu.post(reverse("partnership:person-create"), invite_data(email="BEA.UNIT@example.org"))
    page = html(response)
    assert 'id="id_email-error"' in page
    assert "A person with this email address already exists." in page
    assert 'value="Rowan Reed"' in page
    assert User.objects.filter(email__iexact="bea.unit@example.org").count() == 1
    assert mail.outbox == []


def test_a_subgroup_role_without_a_subgroup_is_an_error_on_the_subgroup_field(world, bu):
    response = bu.post(reverse("partnership:person-create"), invite_data(role=Role.SUBGROUP_CHAIR))
    page = html(response)
    assert 'id="id_subgroup-error"' in page
    assert "Choose the subgroup for this role." in page
    assert not User.objects.filter(email="rowan.reed@example.org").exists()


def test_sending_the_invitation_again(world, bu, django_capture_on_commit_callbacks):
    url = reverse("partnership:person-invite-again", args=[world.lay_member.pk])
    assert "Any earlier invitation link will stop working" in html(bu.get(url))
    with django_capture_on_commit_callbacks(execute=True):
        response = bu.post(url, follow=True)
    assert "A new invitation has been sent to lee.lay@example.org." in html(response)
    assert len(mail.outbox) == 1


# --- roles and subgroup seats ---------------------------------------------------------------


def test_adding_a_role_without_its_subgroup_is_an_error_next_to_the_subgroup(world, bu):
    url = reverse("partnership:person-role-add", args=[world.no_role.pk])
    response = bu.post(url, {"role": Role.SUBGROUP_MEMBER})
    assert response.status_code == 200
    assert 'id="id_subgroup-error"' in html(response)
    response = bu.post(url, {"role": Role.SUBGROUP_MEMBER, "subgroup": world.other_subgroup.pk})
    assert response.status_code == 302
    assert world.no_role.role_assignments.get().subgroup == world.other_subgroup


def test_a_role_held_already_is_an_error_on_the_role(world, bu):
    url = reverse("partnership:person-role-add", args=[world.lay_member.pk])
    response = bu.post(url, {"role": Role.LAY_MEMBER})
    assert "Lee Lay already holds this role." in html(response)
    assert 'id="id_role-error"' in html(response)


def test_removing_a_role_asks_first(world, bu):
    assignment = world.lay_member.role_assignments.get()
    url = reverse("partnership:person-role-remove", args=[world.lay_member.pk, assignment.pk])
    assert "Remove Lay member from Lee Lay?" in html(bu.get(url))
    assert RoleAssignment.objects.filter(pk=assignment.pk).exists()
    response = bu.post(url, follow=True)
    assert "Lee Lay is no longer Lay member." in html(response)
    assert not RoleAssignment.objects.filter(pk=assignment.pk).exists()


def test_seating_a_member_and_a_chair_on_a_subgroup(world, bu):
    subgroup = world.other_subgroup
    add = reverse("partnership:subgroup-seat-add", args=[subgroup.pk])
    assert "Add a chair to Training" in html(bu.get(add + "?role=subgroup_chair"))
    bu.post(add, {"person": world.no_role.pk, "role": Role.SUBGROUP_CHAIR})
    bu.post(add, {"person": world.lay_member.pk, "role": Role.SUBGROUP_MEMBER})
    page = html(bu.get(subgroup.get_absolute_url()))
    assert "Nia Norole" in page and "Lee Lay" in page
    assert "Add a member" in page and "Add a chair" in page
    response = bu.post(add, {"person": world.no_role.pk, "role": Role.SUBGROUP_CHAIR})
    assert "Nia Norole already holds this role." in html(response)
    seat = RoleAssignment.objects.get(user=world.lay_member, subgroup=subgroup)
    remove = reverse("partnership:subgroup-seat-remove", args=[subgroup.pk, seat.pk])
    bu.post(remove)
    assert not RoleAssignment.objects.filter(pk=seat.pk).exists()


def test_others_see_a_subgroup_without_the_buttons(world, client_for):
    page = html(client_for(world.subgroup_member).get(world.subgroup.get_absolute_url()))
    assert "Chris Chair" in page and "Sam Member" in page
    assert "Add a member" not in page and "Remove" not in page


# --- deactivate and reactivate --------------------------------------------------------------


def test_deactivate_asks_first_then_deactivates_with_a_message(world, bu):
    url = reverse("partnership:agency-deactivate", args=[world.other_agency.pk])
    page = html(bu.get(url))
    assert "Deactivate Eastmoor Health Trust?" in page
    assert "Nothing is deleted" in page
    response = bu.post(url, follow=True)
    assert "Eastmoor Health Trust has been deactivated." in html(response)
    world.other_agency.refresh_from_db()
    assert not world.other_agency.active
    response = bu.post(reverse("partnership:agency-reactivate", args=[world.other_agency.pk]), follow=True)
    assert "Eastmoor Health Trust has been reactivated." in html(response)


def test_deactivating_yourself_is_refused_with_a_message(world, bu):
    url = reverse("partnership:person-deactivate", args=[world.business_unit.pk])
    response = bu.post(url, follow=True)
    assert "You cannot deactivate your own account." in html(response)
    world.business_unit.refresh_from_db()
    assert world.business_unit.is_active


# --- lists: filters, sort, pages, empty states ----------------------------------------------


def names_in(response) -> list[str]:
    return [name for _obj, cells in response.context["rows"] for _column, name in cells[:1]]


def test_filters_sort_and_pagination_work_together(world, bu, settings):
    settings.PAGE_SIZE = 3
    area = AreaFactory(name="South Tees")
    for letter in "ABCDEFG":
        AgencyFactory(name=f"Police {letter}", sector=Agency.Sector.POLICE, area=area)
    AgencyFactory(name="Police Z", sector=Agency.Sector.POLICE, area=area, active=False)
    AgencyFactory(name="Police Y", sector=Agency.Sector.POLICE)  # another area
    AgencyFactory(name="School X", sector=Agency.Sector.EDUCATION, area=area)
    url = reverse("partnership:agency-list")
    query = f"?sector=police&area={area.pk}&sort=-name"
    assert names_in(bu.get(url + query)) == ["Police G", "Police F", "Police E"]
    response = bu.get(url + query + "&page=2")
    assert names_in(response) == ["Police D", "Police C", "Police B"]
    page = html(response)
    # Page links keep the filters and the sort; the export link carries them too.
    assert f"?sector=police&amp;area={area.pk}&amp;sort=-name&amp;page=3" in page
    assert f"export.csv?sector=police&amp;area={area.pk}&amp;sort=-name" in page
    assert "Showing 4 to 6 of 7 agencies." in page
    # Inactive records show only when asked for.
    response = bu.get(url + query + "&status=all")
    assert names_in(response) == ["Police Z", "Police G", "Police F"]
    assert names_in(bu.get(url + f"?area={area.pk}&status=inactive")) == ["Police Z"]
    assert names_in(bu.get(url + f"?search=school&area={area.pk}")) == ["School X"]


def test_an_unknown_sort_key_falls_back_to_the_default(world, bu):
    response = bu.get(reverse("partnership:agency-list") + "?sort=password")
    assert response.status_code == 200
    assert names_in(response) == ["Eastmoor Health Trust", "Northbrook Council Children's Services"]


def test_equal_values_keep_one_order_by_pk(world, bu, settings):
    settings.PAGE_SIZE = 2
    priorities = [PriorityFactory(year=2026, title=f"Same {i}") for i in range(4)]
    url = reverse("partnership:priority-list") + "?sort=year"
    seen = names_in(bu.get(url)) + names_in(bu.get(url + "&page=2"))
    assert seen == [p.title for p in priorities]


def test_people_filters_by_role_and_agency(world, client_for):
    url = reverse("partnership:person-list")
    client = client_for(world.partnership_lead)
    assert names_in(client.get(url + "?role=agency_lead&sort=name")) == ["Alex Agency", "Olu Other"]
    assert names_in(client.get(url + f"?role=agency_lead&agency={world.other_agency.pk}")) == ["Olu Other"]
    assert names_in(client.get(url + "?search=bea.unit")) == ["Bea Unit"]


def test_an_agency_lead_lists_only_their_own_agencys_people(world, client_for):
    UserFactory(full_name="Olga Elsewhere", agency=world.other_agency)
    names = names_in(client_for(world.agency_lead).get(reverse("partnership:person-list") + "?status=all"))
    assert "Olga Elsewhere" not in names and "Olu Other" not in names
    assert "Alex Agency" in names and "Nia Norole" in names


def test_empty_states_say_what_to_do_next(world, bu, client_for):
    Theme.objects.all().delete()
    page = html(bu.get(reverse("partnership:theme-list")))
    assert "No themes yet." in page and "Add a theme" in page
    assert "Add a theme" not in html(client_for(world.lay_member).get(reverse("partnership:theme-list")))
    page = html(bu.get(reverse("partnership:agency-list") + "?search=nothing-like-this"))
    assert "No agencies match these filters." in page and "Clear filters" in page


# --- CSV exports ----------------------------------------------------------------------------


def test_csv_export_follows_the_filters(world, bu):
    AgencyFactory(name="Westfield Police", sector=Agency.Sector.POLICE)
    AgencyFactory(name="=cmd|' /C calc'!A0", sector=Agency.Sector.POLICE)
    rows = csv_rows(bu.get(reverse("partnership:agency-export") + "?sector=police&sort=-name"))
    assert rows[0][:3] == ["Name", "Short name", "Sector"]
    assert [row[0] for row in rows[1:]] == ["Westfield Police", "'=cmd|' /C calc'!A0"]


def test_an_agency_leads_people_export_holds_only_their_agency(world, client_for):
    UserFactory(full_name="Olga Elsewhere", agency=world.other_agency)
    response = client_for(world.agency_lead).get(reverse("partnership:person-export") + "?status=all")
    rows = csv_rows(response)
    agencies = {row[3] for row in rows[1:]}
    assert agencies == {"Northbrook Council Children's Services"}
    assert "Olga Elsewhere" not in response.content.decode()
    header = [h.lower() for h in rows[0]]
    assert not any("password" in h for h in header)
    assert "md5$" not in response.content.decode()


def test_people_export_is_refused_to_those_who_cannot_view_people(world, client_for):
    assert client_for(world.subgroup_member).get(reverse("partnership:person-export")).status_code == 403


# --- scope ------------------------------------------------------------------------------------


@pytest.mark.parametrize("page", ["detail", "edit", "history", "deactivate", "role-add", "invite-again"])
def test_an_agency_lead_gets_404_for_another_agencys_person(world, client_for, page):
    stranger = UserFactory(agency=world.other_agency)
    response = client_for(world.agency_lead).get(reverse(f"partnership:person-{page}", args=[stranger.pk]))
    assert response.status_code == 404


def test_an_agency_lead_sees_their_own_agencys_person_but_not_their_history(world, client_for):
    client = client_for(world.agency_lead)
    assert client.get(world.no_role.get_absolute_url()).status_code == 200
    assert client.get(reverse("partnership:person-history", args=[world.no_role.pk])).status_code == 403


def test_an_agency_page_links_only_the_people_the_viewer_may_open(world, client_for):
    page = html(client_for(world.agency_lead).get(world.other_agency.get_absolute_url()))
    assert "Olu Other" in page  # the other agency's lead is named …
    assert world.other_agency_lead.get_absolute_url() not in page  # … but not linked


# --- history --------------------------------------------------------------------------------


def test_the_history_page_shows_who_changed_what(world, bu):
    agency = world.other_agency
    bu.post(
        reverse("partnership:agency-edit", args=[agency.pk]),
        {
            "name": "Eastmoor Health NHS Trust",
            "short_name": "EHT",
            "sector": "health",
            "partner_status": "statutory_partner",
            "area": "",
        },
    )
    old_area = str(agency.area)
    bu.post(reverse("partnership:agency-deactivate", args=[agency.pk]))
    response = bu.get(reverse("partnership:agency-history", args=[agency.pk]))
    entries = response.context["entries"]
    assert [e.summary for e in entries] == [
        "Deactivated",
        "Changed",
        "Role given: Agency lead (Eastmoor Health NHS Trust) for Olu Other",  # the agency's lead
        "Created",
    ]
    assert entries[0].who == "Bea Unit"
    assert entries[1].changes == [
        ("Area", old_area, ""),
        ("Name", "Eastmoor Health Trust", "Eastmoor Health NHS Trust"),
        ("Statutory partner or relevant agency", "Relevant agency", "Statutory safeguarding partner"),
    ]
    assert entries[0].changes == [("Active", "Yes", "No")]
    page = html(response)
    assert "Eastmoor Health NHS Trust" in page and "Bea Unit" in page and "Created" in page


def test_a_persons_history_includes_their_roles(world, bu):
    bu.post(
        reverse("partnership:person-role-add", args=[world.no_role.pk]),
        {"role": Role.SUBGROUP_MEMBER, "subgroup": world.subgroup.pk},
    )
    bu.post(
        reverse("partnership:person-edit", args=[world.no_role.pk]),
        {
            "email": "nia.norole@example.org",
            "full_name": "Nia Norole",
            "job_title": "Social worker",
            "agency": world.agency.pk,
        },
    )
    entries = bu.get(reverse("partnership:person-history", args=[world.no_role.pk])).context["entries"]
    assert entries[0].changes == [("Job title", "Safeguarding lead", "Social worker")]
    assert entries[0].who == "Bea Unit"
    assert entries[1].summary == "Role given: Subgroup member (Learning and Improvement) for Nia Norole"
    assert entries[1].who == "Bea Unit"


def test_a_history_date_is_in_uk_format(world, bu, settings):
    response = bu.get(reverse("partnership:theme-history", args=[ThemeFactory().pk]))
    when = response.context["entries"][0].when_display
    day, month, year_time = when.split(" ", 2)
    assert day.isdigit() and month.isalpha() and "," in year_time


# --- query counts ---------------------------------------------------------------------------


def make_area(i):
    return AreaFactory(name=f"Area number {i}")


def make_agency(i):
    return AgencyFactory(area=AreaFactory(name=f"Area for {i}"))


def make_subgroup(i):
    subgroup = SubgroupFactory()
    RoleAssignmentFactory(role=Role.SUBGROUP_CHAIR, subgroup=subgroup)
    RoleAssignmentFactory(role=Role.SUBGROUP_MEMBER, subgroup=subgroup)
    return subgroup


def make_person(i):
    person = UserFactory(agency=AgencyFactory())
    RoleAssignmentFactory(user=person, role=Role.AGENCY_LEAD, agency=person.agency)
    RoleAssignmentFactory(user=person, role=Role.SUBGROUP_MEMBER, subgroup=SubgroupFactory())
    return person


def make_priority(i):
    return PriorityFactory(year=2020 + i % 5)


LISTS = {
    "area": (Area, make_area),
    "agency": (Agency, make_agency),
    "subgroup": (Subgroup, make_subgroup),
    "priority": (Priority, make_priority),
    "theme": (Theme, lambda i: ThemeFactory()),
    "person": (User, make_person),
}


@pytest.mark.parametrize("name", LISTS)
@pytest.mark.parametrize("page", ["list", "export"])
def test_list_query_count_does_not_grow_with_rows(world, bu, settings, name, page):
    settings.PAGE_SIZE = 50
    _model, make = LISTS[name]
    url = reverse(f"partnership:{name}-{page}")
    for i in range(3):
        make(i)
    few = queries_for(bu, url)
    for i in range(3, 30):
        make(i)
    assert queries_for(bu, url) == few
