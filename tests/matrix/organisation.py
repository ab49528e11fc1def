"""Matrix cases for the organisation and people pages.

Reference data (areas, agencies, subgroups, priorities, themes) is open to everyone signed in;
only the business unit changes it; the history is for those who see everything. People are
scoped: a page about a person outside someone's scope is a 404, even for pages they could not
use anyway (edit, history), so that nothing says the person exists.
"""

from partnership.models import Role

from ..factories import PriorityFactory, RoleAssignmentFactory, ThemeFactory, UserFactory
from . import Case, only, scoped

BUSINESS_UNIT = {"business_unit"}
SEES_ALL = {"business_unit", "partnership_lead"}
VIEW_PEOPLE = SEES_ALL | {"subgroup_chair", "agency_lead", "other_agency_lead"}


def reference_cases(name: str, args) -> list[Case]:
    """The eight pages of one kind of reference record."""
    return [
        Case(f"partnership:{name}-list"),
        Case(f"partnership:{name}-list", query="status=all&sort=-name&page=2", label="filtered"),
        Case(f"partnership:{name}-export"),
        Case(f"partnership:{name}-create", expect=only(BUSINESS_UNIT)),
        Case(f"partnership:{name}-detail", args=args),
        Case(f"partnership:{name}-edit", args=args, expect=only(BUSINESS_UNIT)),
        Case(f"partnership:{name}-deactivate", args=args, expect=only(BUSINESS_UNIT)),
        Case(f"partnership:{name}-reactivate", args=args, expect=only(BUSINESS_UNIT)),
        Case(f"partnership:{name}-history", args=args, expect=only(SEES_ALL)),
    ]


def own_agency_person(w):
    """Someone from the agency that `agency_lead` leads, with no role of their own."""
    return UserFactory(full_name="Owen Own", agency=w.agency)


def other_agency_person(w):
    return UserFactory(full_name="Ola Other", agency=w.other_agency)


# Who sees a person from `agency`, and from `other_agency`.
SEES_OWN = SEES_ALL | {"agency_lead"}
SEES_OTHER = SEES_ALL | {"other_agency_lead"}


def person_cases(label: str, person, sees: set) -> list[Case]:
    """Every page about one person, for someone `sees` may find."""
    args = lambda w: [person(w).pk]  # noqa: E731
    manage = scoped(sees=sees, may=BUSINESS_UNIT)

    def role_args(w):
        assignment = RoleAssignmentFactory(user=person(w), role=Role.LAY_MEMBER)
        return [assignment.user.pk, assignment.pk]

    return [
        Case("partnership:person-detail", args=args, label=label, expect=scoped(sees=sees, may=sees)),
        Case("partnership:person-edit", args=args, label=label, expect=manage),
        Case("partnership:person-deactivate", args=args, label=label, expect=manage),
        Case("partnership:person-reactivate", args=args, label=label, expect=manage),
        Case("partnership:person-invite-again", args=args, label=label, expect=manage),
        Case("partnership:person-two-factor-reset", args=args, label=label, expect=manage),
        Case("partnership:person-role-add", args=args, label=label, expect=manage),
        Case("partnership:person-role-remove", args=role_args, label=label, expect=manage),
        Case("partnership:person-history", args=args, label=label, expect=scoped(sees=sees, may=SEES_ALL)),
    ]


CASES = [
    *reference_cases("area", lambda w: [w.agency.area.pk]),
    *reference_cases("agency", lambda w: [w.agency.pk]),
    *reference_cases("subgroup", lambda w: [w.subgroup.pk]),
    *reference_cases("priority", lambda w: [PriorityFactory().pk]),
    *reference_cases("theme", lambda w: [ThemeFactory().pk]),
    Case("partnership:subgroup-seat-add", args=lambda w: [w.subgroup.pk], expect=only(BUSINESS_UNIT)),
    Case(
        "partnership:subgroup-seat-remove",
        args=lambda w: [w.subgroup.pk, w.subgroup_member.role_assignments.get().pk],
        expect=only(BUSINESS_UNIT),
    ),
    # People: the list and its export for those who look after people; inviting for the business unit.
    Case("partnership:person-list", expect=only(VIEW_PEOPLE)),
    Case(
        "partnership:person-list",
        query="role=agency_lead&sort=-agency",
        label="filtered",
        expect=only(VIEW_PEOPLE),
    ),
    Case("partnership:person-export", expect=only(VIEW_PEOPLE)),
    Case("partnership:person-create", expect=only(BUSINESS_UNIT)),
    *person_cases("own agency", own_agency_person, SEES_OWN),
    *person_cases("other agency", other_agency_person, SEES_OTHER),
    # A subgroup member: their chair sees them, and so do they (everyone sees their own page).
    Case(
        "partnership:person-detail",
        args=lambda w: [w.subgroup_member.pk],
        label="subgroup member",
        expect=scoped(sees=set(), may=SEES_OWN | {"subgroup_chair", "subgroup_member"}),
    ),
]
