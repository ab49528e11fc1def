"""Matrix cases for serious incident notifications and the Rapid Review pages.

A notification and a review's detail (its requests, chronology, panel, decision) are read by the
business unit, the partnership leads, the members of the overseeing subgroup and the panel;
everyone else gets a 404. An agency lead reads the requests to their agency, and no other
agency's. Recording notifications and opening reviews is the business unit's; the chronology,
panel and dates are also the overseeing subgroup chair's; the decision is the business unit's or
a partnership lead's. The lists open for everyone signed in and hold only what they may read.
"""

import datetime

from reviews.models import AgencyRequest, PanelMember

from ..factories import NotificationFactory, ReviewFactory, UserFactory
from . import Case, only, scoped

SEES_ALL = {"business_unit", "partnership_lead"}
SUBGROUP = {"subgroup_chair", "subgroup_member"}


def rapid_review(w, subgroup, **fields):
    fields = {"kind": "rapid_review", "stage": "gathering", "title": "Child V", **fields}
    return ReviewFactory(subgroup=subgroup, **fields)


def own_subgroup(w, **fields):
    return rapid_review(w, w.subgroup, **fields)


def other_subgroup(w, **fields):
    return rapid_review(w, w.other_subgroup, **fields)


def agency_lead_on_panel(w, **fields):
    review = other_subgroup(w, **fields)
    PanelMember.objects.create(review=review, user=w.agency_lead, role="member")
    return review


def decided(make):
    return lambda w: make(
        w, stage="decided", decision="lcspr", decision_rationale="Criteria met.", decided_by="Partners",
        decided_on=datetime.date(2026, 11, 2),
    )  # fmt: skip


def decided_against(make):
    """Decided against an LCSPR: the business unit may refer the case for a learning review."""
    return lambda w: make(
        w, stage="decided", decision="no_further", decision_rationale="Criteria not met.",
        decided_by="Partners", decided_on=datetime.date(2026, 11, 2),
    )  # fmt: skip


def panel_member_of(make):
    def args(w):
        review = make(w)
        return [PanelMember.objects.create(review=review, user=UserFactory(), role="member").pk]

    return args


def request_to_agency(make):
    def args(w):
        review = make(w)
        request = AgencyRequest.objects.create(
            review=review,
            agency=w.agency,
            requested_on=datetime.date(2026, 11, 2),
            due_on=datetime.date(2026, 11, 9),
        )
        return [request.pk]

    return args


REVIEWS = [
    # (label, make, sees, manages)
    ("own-subgroup", own_subgroup, SEES_ALL | SUBGROUP, {"business_unit", "subgroup_chair"}),
    ("other-subgroup", other_subgroup, SEES_ALL, {"business_unit"}),
    ("agency-lead-on-panel", agency_lead_on_panel, SEES_ALL | {"agency_lead"}, {"business_unit"}),
]


def review_cases(label, make, sees, manages) -> list[Case]:
    args = lambda w: [make(w).pk]  # noqa: E731
    notification = lambda w: [make(w).notification_id]  # noqa: E731
    deciders = {"business_unit", "partnership_lead"}
    return [
        Case(
            "reviews:notification-detail", args=notification, label=label, expect=scoped(sees=sees, may=sees)
        ),
        Case(
            "reviews:notification-edit",
            args=notification,
            label=label,
            expect=scoped(sees=sees, may={"business_unit"}),
        ),
        Case("reviews:request-add", args=args, label=label, expect=scoped(sees=sees, may=manages)),
        Case("reviews:chronology-add", args=args, label=label, expect=scoped(sees=sees, may=manages)),
        Case("reviews:panel-add", args=args, label=label, expect=scoped(sees=sees, may=manages)),
        Case(
            "reviews:panel-remove",
            args=panel_member_of(make),
            label=label,
            expect=scoped(sees=sees, may=manages),
        ),
        Case("reviews:panel-dates", args=args, label=label, expect=scoped(sees=sees, may=manages)),
        Case("reviews:decision", args=args, label=label, expect=scoped(sees=sees, may=sees & deciders)),
        Case(
            "reviews:follow-on-open",
            args=lambda w: [decided(make)(w).pk],
            label=label,
            expect=scoped(sees=sees, may={"business_unit"}),
        ),
        Case(
            "reviews:rapid-review-refer",
            args=lambda w: [decided_against(make)(w).pk],
            label=label,
            expect=scoped(sees=sees, may={"business_unit"}),
        ),
        # The request to world.agency: its lead reads it whoever oversees the review.
        Case(
            "reviews:request-detail",
            args=request_to_agency(make),
            label=label,
            expect=scoped(sees=sees | {"agency_lead"}, may=sees | {"agency_lead"}),
        ),
    ]


def lcspr_own_subgroup(w):
    """A notification with an LCSPR but no Rapid Review: the subgroup sees it, may not open one."""
    return [ReviewFactory(kind="lcspr", stage="scoping", subgroup=w.subgroup).notification_id]


CASES = [
    Case("reviews:notification-list"),
    Case("reviews:notification-create", expect=only({"business_unit"})),
    Case("reviews:request-list"),
    Case(
        "reviews:rapid-review-open",
        args=lambda w: [NotificationFactory().pk],
        label="no-review",
        expect=scoped(sees=SEES_ALL, may={"business_unit"}),
    ),
    Case(
        "reviews:rapid-review-open",
        args=lcspr_own_subgroup,
        label="lcspr-own-subgroup",
        expect=scoped(sees=SEES_ALL | SUBGROUP, may={"business_unit"}),
    ),
]
for _review in REVIEWS:
    CASES.extend(review_cases(*_review))
