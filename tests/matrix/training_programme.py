"""Matrix cases for the training programme: the landing page, programmes, courses and outcomes,
sessions and their people, attendance, the needs assessment and single-agency returns.

Who reads: those who oversee training (the business unit, the partnership leads, and the chair
and members of the subgroup overseeing a programme: here `world.subgroup`) and agency leads.
Lay members, peer challengers, people with no role and a superuser with no role get 403.
The business unit changes everything (403 for the other readers). An agency lead reads and
reports their own agency's needs and figures: another agency's are a 404 to them.
"""

import datetime

from django.utils import timezone

from tests.training.factories import (
    AttendeeFactory,
    CourseFactory,
    CoverageReturnFactory,
    LearningOutcomeFactory,
    NeedFactory,
    NeedsAssessmentFactory,
    ProgrammeFactory,
    SessionFactory,
    at,
)
from training.models import programme_year_of

from . import SIGNED_IN, Case, only

VIEWERS = {
    "business_unit",
    "partnership_lead",
    "subgroup_chair",
    "subgroup_member",
    "agency_lead",
    "other_agency_lead",
}
BU = {"business_unit"}
REPORTERS = {"business_unit", "agency_lead", "other_agency_lead"}


def readers(**overrides) -> dict[str, int]:
    return only(VIEWERS, **overrides)


def scoped(*, may: set, sees: set, hidden: set) -> dict[str, int]:
    """200 for `may`, 403 for who sees it but may not change it, 404 for `hidden`, 403 else."""
    result = only(may)
    result.update(dict.fromkeys(sees, 403))
    result.update(dict.fromkeys(hidden, 404))
    return result


def programme(w):
    return ProgrammeFactory(year=programme_year_of(), subgroup=w.subgroup)


def course(w):
    return CourseFactory(programme=programme(w))


def future_session(w):
    session = SessionFactory(course=course(w), starts_at=at(10), ends_at=at(10, 12))
    AttendeeFactory(session=session, agency=w.agency)
    AttendeeFactory(session=session, agency=w.other_agency)
    return session


def past_session(w):
    session = SessionFactory(course=course(w), starts_at=at(-3), ends_at=at(-3, 12))
    AttendeeFactory(session=session, agency=w.agency)
    return session


def open_assessment(w):
    programme(w)  # so that the subgroup's chair and member oversee training
    today = timezone.localdate()
    return NeedsAssessmentFactory(
        year=programme_year_of() + 1,
        opens_on=today - datetime.timedelta(days=5),
        closes_on=today + datetime.timedelta(days=20),
    )


def need(w):
    return NeedFactory(assessment=open_assessment(w), agency=w.agency)


def coverage(w):
    programme(w)
    return CoverageReturnFactory(agency=w.agency, year=programme_year_of())


def making(*makers):
    """For a page without arguments: make what it should show first."""

    def args(w) -> list:
        for make in makers:
            make(w)
        return []

    return args


with_programme = making(programme)


CASES = [
    # The landing page and the programmes.
    Case("training:index", readers(), args=with_programme),
    Case(
        "training:index",
        readers(subgroup_chair=403, subgroup_member=403),
        label="not overseeing",
        args=making(lambda w: ProgrammeFactory(year=programme_year_of(), subgroup=w.other_subgroup)),
    ),
    Case("training:programme-list", readers(), args=with_programme),
    Case("training:programme-export", readers(), args=with_programme),
    Case("training:programme-create", only(BU), args=with_programme),
    Case("training:programme-detail", readers(), args=lambda w: [programme(w).pk]),
    Case("training:programme-edit", only(BU), args=lambda w: [programme(w).pk]),
    # Courses and outcomes.
    Case("training:course-list", readers(), args=making(course)),
    Case(
        "training:course-list",
        readers(),
        query="level=2&theme=&format=course&provider=partnership",
        label="filtered",
        args=making(course),
    ),
    Case("training:course-export", readers(), args=making(course)),
    Case("training:course-create", only(BU), args=with_programme),
    Case(
        "training:course-detail",
        readers(),
        args=lambda w: [LearningOutcomeFactory(course=course(w)).course_id],
    ),
    Case("training:course-edit", only(BU), args=lambda w: [course(w).pk]),
    Case("training:outcome-create", only(BU), args=lambda w: [course(w).pk]),
    Case("training:outcome-edit", only(BU), args=lambda w: [LearningOutcomeFactory(course=course(w)).pk]),
    Case("training:outcome-remove", only(BU), args=lambda w: [LearningOutcomeFactory(course=course(w)).pk]),
    # Sessions and their people.
    Case("training:session-list", readers(), args=making(future_session)),
    Case(
        "training:session-list",
        readers(),
        query="when=past&sort=-places",
        label="past",
        args=making(past_session),
    ),
    Case("training:session-export", readers(), args=making(future_session)),
    Case("training:session-create", only(BU), args=lambda w: [course(w).pk]),
    Case("training:session-detail", readers(), args=lambda w: [future_session(w).pk]),
    Case("training:session-detail", readers(), label="past", args=lambda w: [past_session(w).pk]),
    Case("training:session-edit", only(BU), args=lambda w: [future_session(w).pk]),
    Case("training:session-cancel", only(BU), args=lambda w: [future_session(w).pk]),
    Case("training:attendee-add", only(BU), args=lambda w: [future_session(w).pk]),
    Case("training:attendee-import", only(BU), args=lambda w: [future_session(w).pk]),
    Case("training:attendee-import-template", only(BU), args=lambda w: [future_session(w).pk, "xlsx"]),
    Case(
        "training:attendee-import-template",
        only(BU),
        label="csv",
        args=lambda w: [future_session(w).pk, "csv"],
    ),
    Case("training:session-attendee-export", readers(), args=lambda w: [future_session(w).pk]),
    Case("training:attendance-mark", only(BU), args=lambda w: [past_session(w).pk]),
    Case(
        "training:attendance-mark",
        only(BU, business_unit=302),
        label="before the session",
        args=lambda w: [future_session(w).pk],
    ),
    Case("training:attendance-by-agency", readers(), args=making(past_session)),
    Case("training:attendance-export", readers(), args=making(past_session)),
    # The needs assessment.
    Case("training:needs-list", readers(), args=making(need)),
    Case("training:needs-create", only(BU), args=with_programme),
    Case("training:needs-detail", readers(), args=lambda w: [need(w).assessment_id]),
    Case("training:needs-edit", only(BU), args=lambda w: [open_assessment(w).pk]),
    Case("training:needs-summary", only(BU), args=lambda w: [open_assessment(w).pk]),
    Case("training:needs-export", readers(), args=lambda w: [need(w).assessment_id]),
    Case("training:need-create", only(REPORTERS), args=lambda w: [open_assessment(w).pk]),
    Case(
        "training:need-edit",
        scoped(
            may={"business_unit", "agency_lead"},
            hidden={"other_agency_lead"},
            sees={"partnership_lead", "subgroup_chair", "subgroup_member"},
        ),
        args=lambda w: [need(w).pk],
    ),
    Case(
        "training:need-remove",
        scoped(
            may={"business_unit", "agency_lead"},
            hidden={"other_agency_lead"},
            sees={"partnership_lead", "subgroup_chair", "subgroup_member"},
        ),
        args=lambda w: [need(w).pk],
    ),
    # Single-agency returns.
    Case("training:coverage-list", readers(), args=making(coverage)),
    Case("training:coverage-export", readers(), args=making(coverage)),
    Case("training:coverage-report", only(REPORTERS), args=with_programme),
    Case(
        "training:coverage-edit",
        scoped(
            may={"business_unit", "agency_lead"},
            hidden={"other_agency_lead"},
            sees={"partnership_lead", "subgroup_chair", "subgroup_member"},
        ),
        args=lambda w: [coverage(w).pk],
    ),
]

assert all(set(c.expect) <= set(SIGNED_IN) for c in CASES)
