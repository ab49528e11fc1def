"""What differs between the kinds of organisational record, each said once as a `RecordType`.

The generic pages in `partnership/views/records/` do the rest. People differ most: they are
invited rather than created, scoped by the people selector, and deactivated by a service that
refuses to lock out the person asking.
"""

from django.db.models import Count, Prefetch
from django.urls import reverse

from ... import permissions, selectors
from ...filters.organisation import (
    AgencyFilter,
    AreaFilter,
    PersonFilter,
    PriorityFilter,
    SubgroupFilter,
    ThemeFilter,
)
from ...forms.organisation import (
    AgencyForm,
    AreaForm,
    PersonForm,
    PersonInviteForm,
    PriorityForm,
    RoleAssignForm,
    SubgroupForm,
    ThemeForm,
)
from ...models import Agency, Area, Priority, Role, RoleAssignment, Subgroup, Theme, User
from ...services import organisation as services
from ...two_factor import services as two_factor
from ..records.history import HistoryEntry, history_who
from ..records.pages import Column, RecordType
from ..toolkit import form_page, require
from .priorities import (
    priority_context,
    priority_list_context,
    progress_tag,
    progress_text,
    with_latest_rating,
)

ACTIVE = Column("Active", "active", sort="active")

# --- role assignments, shared by people, subgroups and agencies ---------------------------


def roles_text(person) -> str:
    return ", ".join(str(a) for a in person.role_assignments.all())


def role_history(**scope) -> list[HistoryEntry]:
    """Roles given and taken away, for a person (user_id=), subgroup or agency."""
    events = {"+": "Role given", "-": "Role taken away", "~": "Role changed"}
    records = RoleAssignment.history.filter(**scope).select_related(
        "history_user", "user", "subgroup", "agency"
    )
    return [
        HistoryEntry(
            when=r.history_date,
            who=history_who(r),
            summary=f"{events[r.history_type]}: {r.get_role_display()}"
            + (f" ({r.subgroup or r.agency})" if r.subgroup_id or r.agency_id else "")
            + f" for {r.user}",
            order=r.history_id,
        )
        for r in records
    ]


def chairs_text(subgroup) -> str:
    return ", ".join(str(p) for p in selectors.subgroup_seats(subgroup)[0])


def members_text(subgroup) -> str:
    return ", ".join(str(p) for p in selectors.subgroup_seats(subgroup)[1])


def visible_people_ids(user, people) -> set:
    """Which of `people` this person may open, so that names out of their scope are not links."""
    ids = [p.pk for p in people]
    return set(selectors.people_visible_to(user).filter(pk__in=ids).values_list("pk", flat=True))


# --- what each kind of record shows --------------------------------------------------------


def area_context(request, area):
    return {"agencies": list(selectors.agencies_visible_to(request.user).filter(area=area).order_by("name"))}


def agency_context(request, agency):
    leads = [
        a.user
        for a in RoleAssignment.objects.filter(role=Role.AGENCY_LEAD, agency=agency).select_related("user")
    ]
    people = list(selectors.people_visible_to(request.user).filter(agency=agency).order_by("full_name", "pk"))
    return {"leads": leads, "people": people, "visible_ids": visible_people_ids(request.user, leads + people)}


def subgroup_context(request, subgroup):
    seats = sorted(subgroup.seat_assignments, key=lambda a: (a.role != Role.SUBGROUP_CHAIR, a.user.full_name))
    return {"seats": seats, "visible_ids": visible_people_ids(request.user, [a.user for a in seats])}


def two_factor_context(request, person) -> dict:
    """Whether this viewer may reset the person's two-factor sign-in, and whether it is on."""
    if not two_factor.can_reset_two_factor_for(request.user, person):
        return {}
    return {"can_reset_two_factor": True, "two_factor_on": two_factor.two_factor_enabled(person)}


def person_context(request, person):
    return {
        "assignments": list(person.role_assignments.select_related("subgroup", "agency")),
        "invitation": person.invitations.select_related("invited_by").first(),
        "role_form": RoleAssignForm(person=person),
        **two_factor_context(request, person),
    }


AREAS = RecordType(
    name="area",
    path="areas",
    model=Area,
    selector=selectors.areas_visible_to,
    form_class=AreaForm,
    filterset_class=AreaFilter,
    columns=(Column("Name", "name", sort="name"), Column("Agencies", "agency_count", numeric=True), ACTIVE),
    list_queryset=lambda qs: qs.annotate(agency_count=Count("agencies")),
    fields=(("Name", "name"), ("Active", "active")),
    add_label="Add an area",
    detail_context=area_context,
)

AGENCIES = RecordType(
    name="agency",
    path="agencies",
    model=Agency,
    selector=selectors.agencies_visible_to,
    form_class=AgencyForm,
    filterset_class=AgencyFilter,
    columns=(
        Column("Name", "name", sort="name"),
        Column("Sector", "get_sector_display", sort="sector"),
        Column("Status", "get_partner_status_display", sort="partner_status"),
        Column("Area", "area", sort="area", order_by="area__name"),
        ACTIVE,
    ),
    fields=(
        ("Name", "name"),
        ("Short name", "short_name"),
        ("Sector", "get_sector_display"),
        ("Statutory partner or relevant agency", "get_partner_status_display"),
        ("Area", "area"),
        ("Senior manager (escalations)", "senior_manager"),
        ("Active", "active"),
    ),
    add_label="Add an agency",
    detail_context=agency_context,
    history_extra=lambda agency: role_history(agency_id=agency.pk),
    deactivate_consequence="It will no longer be offered for new work, and its people cannot be given to it anew. "
    "Nothing is deleted: its people, history and the reports that name it keep it.",
)

SUBGROUPS = RecordType(
    name="subgroup",
    path="subgroups",
    model=Subgroup,
    selector=selectors.subgroups_visible_to,
    form_class=SubgroupForm,
    filterset_class=SubgroupFilter,
    columns=(
        Column("Name", "name", sort="name"),
        Column("Chair", chairs_text),
        Column("Members", lambda s: len(selectors.subgroup_seats(s)[1]), numeric=True),
        ACTIVE,
    ),
    fields=(
        ("Name", "name"),
        ("Remit", "remit"),
        ("Terms of reference", "terms_of_reference"),
        ("Active", "active"),
    ),
    csv_extra=(("Chair", chairs_text), ("Members", members_text)),
    add_label="Add a subgroup",
    detail_context=subgroup_context,
    history_extra=lambda subgroup: role_history(subgroup_id=subgroup.pk),
)

PRIORITIES = RecordType(
    name="priority",
    path="priorities",
    model=Priority,
    selector=selectors.priorities_visible_to,
    form_class=PriorityForm,
    filterset_class=PriorityFilter,
    columns=(
        Column("Title", "title", sort="title"),
        Column("Reporting year", "reporting_year", sort="year"),
        Column("Owner", "owner"),
        Column("Progress", progress_tag, sort="progress", order_by="latest_rating"),
        ACTIVE,
    ),
    list_queryset=lambda qs: with_latest_rating(qs.select_related("owner_subgroup", "owner_agency")),
    default_sort="-year",
    fields=(
        ("Title", "title"),
        ("Reporting year", "reporting_year"),
        ("Description", "description"),
        ("What the partnership wants to achieve", "outcome"),
        ("Owner", "owner"),
        ("Active", "active"),
    ),
    csv_extra=(("Progress", progress_text),),
    add_label="Add a priority",
    detail_context=priority_context,
    list_context=priority_list_context,
)

THEMES = RecordType(
    name="theme",
    path="themes",
    model=Theme,
    selector=selectors.themes_visible_to,
    form_class=ThemeForm,
    filterset_class=ThemeFilter,
    columns=(Column("Name", "name", sort="name"), Column("Description", "description"), ACTIVE),
    fields=(("Name", "name"), ("Description", "description"), ("Active", "active")),
    add_label="Add a theme",
)


def person_invite_view(request, record_type):
    """Invite a new person: their details and, optionally, a first role, in one step."""
    require(permissions.can_manage_organisation(request.user))
    form = PersonInviteForm(request.POST if request.method == "POST" else None)

    def invite(form):
        data = form.cleaned_data
        person, _token = services.person_invite_with_role(
            person=form.instance,
            role=data["role"],
            subgroup=data["subgroup"],
            agency=data["agency"],
            actor=request.user,
        )
        return person

    return form_page(
        request,
        form,
        call=invite,
        success=lambda person: f"Invitation sent to {person.email}.",
        title="Invite a person",
        cancel_url=reverse("partnership:person-list"),
        button="Send invitation",
    )


PEOPLE = RecordType(
    name="person",
    path="people",
    model=User,
    selector=selectors.people_visible_to,
    form_class=PersonForm,
    filterset_class=PersonFilter,
    may_list=permissions.can_view_people,
    columns=(
        Column("Name", "full_name", sort="name", order_by="full_name"),
        Column("Email", "email", sort="email"),
        Column("Agency", "agency.display_name", sort="agency", order_by="agency__name"),
        Column("Roles", roles_text),
        Column("Active", "is_active", sort="active", order_by="is_active"),
    ),
    list_queryset=lambda qs: qs.prefetch_related(
        Prefetch("role_assignments", RoleAssignment.objects.select_related("subgroup", "agency"))
    ),
    fields=(
        ("Full name", "full_name"),
        ("Email address", "email"),
        ("Job title", "job_title"),
        ("Agency", "agency"),
        ("Can sign in", "is_active"),
        ("Added", "date_joined"),
        ("Last signed in", "last_login"),
    ),
    csv_extra=(("Roles", roles_text),),
    add_label="Invite a person",
    create_path="invite",
    create_view=person_invite_view,
    save=lambda *, instance, actor: services.person_update(person=instance, actor=actor),
    deactivate=lambda *, instance, actor: services.person_deactivate(person=instance, actor=actor),
    deactivate_consequence="They will no longer be able to sign in. Nothing is deleted: their roles, "
    "history and the work that names them are kept.",
    reactivate_consequence="They will be able to sign in again with their password.",
    detail_context=person_context,
    history_extra=lambda person: role_history(user_id=person.pk),
)

RECORD_TYPES = (AREAS, AGENCIES, SUBGROUPS, PRIORITIES, THEMES, PEOPLE)
