"""Matrix cases for the case review pages: lists, the review page and its forms, documents, the
clock board and the access log.

A review's detail is read by the business unit, the partnership leads, the members of the
subgroup that oversees it and the people on its panel; everyone else (agency leads included)
gets a 404. Its forms are for the business unit and the overseeing subgroup's chair (a 403 for
the others who may read it). The lists and the clock board open for everyone signed in and
hold only what they may read; opening a review and the access log are the business unit's.
"""

from django.core.files.base import ContentFile

from reviews.models import PanelMember, ReviewDocument

from ..factories import ReviewFactory
from . import Case, only, scoped

SEES_ALL = {"business_unit", "partnership_lead"}
SUBGROUP = {"subgroup_chair", "subgroup_member"}
PDF = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"


def own_subgroup(w, kind="lcspr"):
    return ReviewFactory(kind=kind, stage="scoping", subgroup=w.subgroup, title="Child T")


def other_subgroup(w, kind="lcspr"):
    return ReviewFactory(kind=kind, stage="scoping", subgroup=w.other_subgroup, title="Child U")


def lay_member_on_panel(w, kind="lcspr"):
    review = other_subgroup(w, kind)
    PanelMember.objects.create(review=review, user=w.lay_member, role="member")
    return review


REVIEWS = [
    # (label, make, sees, manages)
    ("own-subgroup", own_subgroup, SEES_ALL | SUBGROUP, {"business_unit", "subgroup_chair"}),
    ("other-subgroup", other_subgroup, SEES_ALL, {"business_unit"}),
    ("lay-member-on-panel", lay_member_on_panel, SEES_ALL | {"lay_member"}, {"business_unit"}),
]


def document_of(make):
    def args(w):
        document = ReviewDocument(
            review=make(w),
            kind="terms_of_reference",
            file_name="terms.pdf",
            content_type="application/pdf",
            size=len(PDF),
            uploaded_by=w.business_unit,
        )
        document.file.save("terms.pdf", ContentFile(PDF), save=False)
        document.save()
        return [document.pk]

    return args


def review_cases(label, make, sees, manages) -> list[Case]:
    args = lambda w: [make(w).pk]  # noqa: E731
    dhr = lambda w: [make(w, "dhr").pk]  # noqa: E731
    return [
        Case("reviews:review-detail", args=args, label=label, expect=scoped(sees=sees, may=sees)),
        Case("reviews:review-edit", args=args, label=label, expect=scoped(sees=sees, may=manages)),
        Case("reviews:review-advance", args=args, label=label, expect=scoped(sees=sees, may=manages)),
        Case("reviews:review-event-add", args=args, label=label, expect=scoped(sees=sees, may=manages)),
        Case("reviews:review-joint", args=dhr, label=label, expect=scoped(sees=sees, may=manages)),
        Case("reviews:document-upload", args=args, label=label, expect=scoped(sees=sees, may=manages)),
        Case(
            "reviews:document-download",
            args=document_of(make),
            label=label,
            expect=scoped(sees=sees, may=sees),
        ),
    ]


def with_reviews(w):
    own_subgroup(w)
    other_subgroup(w)
    lay_member_on_panel(w)
    return []


CASES = [
    Case("reviews:review-list", args=with_reviews),
    Case(
        "reviews:review-list",
        args=with_reviews,
        query="kind=other&clock=overdue&sort=clock",
        label="filtered",
    ),
    Case("reviews:review-export", args=with_reviews),
    Case("reviews:review-create", expect=only({"business_unit"})),
    Case("reviews:clock-board", args=with_reviews),
    Case("reviews:access-log", expect=only({"business_unit"})),
    Case("reviews:access-log-export", expect=only({"business_unit"})),
    *[case for spec in REVIEWS for case in review_cases(*spec)],
    # Only a DHR is held jointly: the page does not exist for an LCSPR.
    Case(
        "reviews:review-joint",
        args=lambda w: [own_subgroup(w).pk],
        label="not-a-dhr",
        expect=scoped(sees=SEES_ALL | SUBGROUP, may=set(), ok=404)
        | {"business_unit": 404, "subgroup_chair": 404},
    ),
]


def proceeding_of(make):
    def args(w):
        from reviews.models import ParallelProceeding

        review = make(w)
        return [ParallelProceeding.objects.create(review=review, kind="inquest", expected_on="2027-03-03").pk]

    return args


CASES += [
    Case(f"reviews:{name}", args=args(make), label=label, expect=scoped(sees=sees, may=manages))
    for label, make, sees, manages in REVIEWS
    for name, args in (
        ("proceeding-add", lambda make: lambda w: [make(w).pk]),
        ("proceeding-edit", proceeding_of),
    )
]
