"""Reads of the partnership's organisation: areas, agencies, subgroups, priorities and themes
(open to everyone signed in), and people (scoped), with a subgroup's seats."""

from __future__ import annotations

from django.db.models import Prefetch, Q, QuerySet

from .. import permissions
from ..models import Agency, Area, Priority, Role, RoleAssignment, Subgroup, Theme, User


def areas_visible_to(user) -> QuerySet:
    return Area.objects.all() if user.is_authenticated else Area.objects.none()


def agencies_visible_to(user) -> QuerySet:
    if not user.is_authenticated:
        return Agency.objects.none()
    return Agency.objects.select_related("area")


def subgroups_visible_to(user) -> QuerySet:
    if not user.is_authenticated:
        return Subgroup.objects.none()
    return Subgroup.objects.prefetch_related(
        Prefetch(
            "role_assignments",
            queryset=RoleAssignment.objects.select_related("user").filter(
                role__in=[Role.SUBGROUP_CHAIR, Role.SUBGROUP_MEMBER]
            ),
            to_attr="seat_assignments",
        )
    )


def priorities_visible_to(user) -> QuerySet:
    return Priority.objects.all() if user.is_authenticated else Priority.objects.none()


def themes_visible_to(user) -> QuerySet:
    return Theme.objects.all() if user.is_authenticated else Theme.objects.none()


def people_visible_to(user) -> QuerySet:
    """Everyone for the business unit and partnership leads; an agency lead's own agency's
    people; a subgroup chair's members; and always the person themselves."""
    if not user.is_authenticated:
        return User.objects.none()
    base = User.objects.select_related("agency")
    if permissions.sees_everything(user):
        return base
    r = permissions.roles_of(user)
    scope = Q(pk=user.pk)
    if r.lead_of:
        scope |= Q(agency_id__in=r.lead_of)
    if r.chair_of:
        scope |= Q(
            role_assignments__subgroup_id__in=r.chair_of,
            role_assignments__role__in=[Role.SUBGROUP_CHAIR, Role.SUBGROUP_MEMBER],
        )
    return base.filter(pk__in=User.objects.filter(scope).values("pk"))


def subgroup_seats(subgroup) -> tuple[list, list]:
    """(chairs, members) of a subgroup, from its role assignments."""
    assignments = getattr(subgroup, "seat_assignments", None)
    if assignments is None:
        assignments = list(
            subgroup.role_assignments.select_related("user").filter(
                role__in=[Role.SUBGROUP_CHAIR, Role.SUBGROUP_MEMBER]
            )
        )
    chairs = [a.user for a in assignments if a.role == Role.SUBGROUP_CHAIR]
    members = [a.user for a in assignments if a.role == Role.SUBGROUP_MEMBER]
    return chairs, members
