"""Pages for the partnership's organisation and people.

Areas, agencies, subgroups, priorities, themes and people share one set of generic pages
(`partnership/views/records/`), configured in `record_types.py`; `roles.py` adds the pages
only people and subgroups have: giving and taking away roles, seating a subgroup's chair and
members, and sending an invitation again; `two_factor.py` lets the business unit reset the
two-factor sign-in of someone who has lost their phone.
"""

from django.urls import path

from .record_types import RECORD_TYPES
from .roles import (
    person_invite_again_view,
    person_role_add_view,
    person_role_remove_view,
    subgroup_seat_add_view,
    subgroup_seat_remove_view,
)
from .two_factor import person_two_factor_reset_view

urlpatterns = [
    *(pattern for record_type in RECORD_TYPES for pattern in record_type.urls()),
    path("people/<int:pk>/roles/add/", person_role_add_view, name="person-role-add"),
    path("people/<int:pk>/roles/<int:role_pk>/remove/", person_role_remove_view, name="person-role-remove"),
    path("people/<int:pk>/invite-again/", person_invite_again_view, name="person-invite-again"),
    path("people/<int:pk>/two-factor/reset/", person_two_factor_reset_view, name="person-two-factor-reset"),
    path("subgroups/<int:pk>/seats/add/", subgroup_seat_add_view, name="subgroup-seat-add"),
    path(
        "subgroups/<int:pk>/seats/<int:role_pk>/remove/",
        subgroup_seat_remove_view,
        name="subgroup-seat-remove",
    ),
]
