"""Giving and taking away roles: on a person's page, and by seating a subgroup's chair and
members. Role assignments are the one record of who sits where; the services guard the rules
(a subgroup role needs its subgroup, no one holds a role twice)."""

from django.shortcuts import get_object_or_404

from ... import permissions
from ...forms.organisation import RoleAssignForm, SubgroupSeatForm
from ...models import SUBGROUP_ROLES, Role
from ...services import organisation as services
from ..records.pages import get_record
from ..toolkit import confirmed_change, form_page, posted, require
from .record_types import PEOPLE, SUBGROUPS


def role_remove_page(request, assignment, *, back_url: str):
    """Confirm, then take a role away."""
    return confirmed_change(
        request,
        change=lambda: services.role_remove(assignment=assignment, actor=request.user),
        success=f"{assignment.user} is no longer {assignment}.",
        back_url=back_url,
        title=f"Remove {assignment} from {assignment.user}?",
        body=["They will lose what this role lets them see and do. The history keeps who held it and when."],
        button="Remove",
        warning=True,
    )


def role_given(assignment) -> str:
    return f"{assignment.user} is now {assignment}."


def person_role_add_view(request, pk):
    person = get_record(request, PEOPLE, pk)
    require(permissions.can_manage_organisation(request.user))
    form = RoleAssignForm(posted(request), person=person)
    return form_page(
        request,
        form,
        call=lambda form: services.role_assign(person=person, **form.cleaned_data, actor=request.user),
        success=role_given,
        title=f"Give {person} a role",
        cancel_url=person.get_absolute_url(),
        next_url=person.get_absolute_url(),
    )


def person_role_remove_view(request, pk, role_pk):
    person = get_record(request, PEOPLE, pk)
    assignment = get_object_or_404(person.role_assignments.select_related("subgroup", "agency"), pk=role_pk)
    require(permissions.can_manage_organisation(request.user))
    return role_remove_page(request, assignment, back_url=person.get_absolute_url())


def person_invite_again_view(request, pk):
    person = get_record(request, PEOPLE, pk)
    require(permissions.can_manage_organisation(request.user))
    return confirmed_change(
        request,
        change=lambda: services.person_invite(person=person, actor=request.user),
        success=f"A new invitation has been sent to {person.email}.",
        back_url=person.get_absolute_url(),
        title=f"Send the invitation to {person} again?",
        body=[
            f"We will email a new link to {person.email} so they can set their password.",
            "Any earlier invitation link will stop working.",
        ],
        button="Send the invitation again",
    )


def subgroup_seat_add_view(request, pk):
    subgroup = get_record(request, SUBGROUPS, pk)
    require(permissions.can_manage_organisation(request.user))
    role = request.GET.get("role") if request.GET.get("role") in SUBGROUP_ROLES else Role.SUBGROUP_MEMBER
    form = SubgroupSeatForm(posted(request), initial={"role": role})
    return form_page(
        request,
        form,
        call=lambda form: services.role_assign(**form.cleaned_data, subgroup=subgroup, actor=request.user),
        success=role_given,
        title=f"Add a {'chair' if role == Role.SUBGROUP_CHAIR else 'member'} to {subgroup}",
        cancel_url=subgroup.get_absolute_url(),
        next_url=subgroup.get_absolute_url(),
    )


def subgroup_seat_remove_view(request, pk, role_pk):
    subgroup = get_record(request, SUBGROUPS, pk)
    seats = subgroup.role_assignments.filter(role__in=SUBGROUP_ROLES).select_related("user", "subgroup")
    assignment = get_object_or_404(seats, pk=role_pk)
    require(permissions.can_manage_organisation(request.user))
    return role_remove_page(request, assignment, back_url=subgroup.get_absolute_url())
