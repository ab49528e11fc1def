"""Matrix cases for child death review learning and learning from reviews published elsewhere.

CDOP annual reports and reviews published elsewhere are published documents: everyone signed
in reads them. A report is changed, and cases referred from it, by the business unit and the
chair of its subgroup (here `world.subgroup` plays the Child Death Overview Panel). Referrals
name a child: a referral's page is a 404 for anyone who may not see case reviews (agency leads,
lay members, peer challengers, people with no role, an administrator with no role), a 403 for
those who see referrals but may not change them. Learning from elsewhere is recorded by the
business unit and any subgroup chair.
"""

import datetime

from reviews.models import CdopReferral, CdopReport, ExternalReview

from . import SIGNED_IN, Case, only

EDITORS = {"business_unit", "subgroup_chair"}
SEES_REFERRALS = {"business_unit", "partnership_lead", "subgroup_chair", "subgroup_member"}


def report(w, subgroup=None) -> CdopReport:
    return CdopReport.objects.create(
        year=2025,
        deaths_reviewed=4,
        modifiable_deaths=1,
        categories={"Perinatal or neonatal event": 3, "Infection": 1},
        subgroup=subgroup or w.subgroup,
    )


def referral(w) -> CdopReferral:
    return CdopReferral.objects.create(
        report=report(w),
        referred_on=datetime.date(2026, 1, 12),
        pseudonym="Child V",
        referred_for=CdopReferral.ReferredFor.LEARNING_REVIEW,
        reason="Unsafe sleep; several agencies knew of the risk.",
    )


def external(w) -> ExternalReview:
    return ExternalReview.objects.create(
        title="National review: children with disabilities in residential settings",
        published_by="Child Safeguarding Practice Review Panel",
        published_on=datetime.date(2025, 10, 1),
        summary="Children with complex needs were not seen or heard.",
        subgroup=w.subgroup,
    )


def no_args_after(make):
    """Args for a URL without arguments, once `make(world)` has created what the page lists."""

    def args(w):
        make(w)
        return []

    return args


REFERRAL_LINK = {r: 200 if r in EDITORS else 403 if r in SEES_REFERRALS else 404 for r in SIGNED_IN}

CASES = [
    Case("reviews:cdop-list", label="empty"),
    Case("reviews:cdop-list", args=no_args_after(report), label="with a report"),
    # The first report is set up by the business unit; the panel's chair records later ones.
    Case("reviews:cdop-create", label="no report yet", expect=only({"business_unit"})),
    Case(
        "reviews:cdop-create",
        args=no_args_after(report),
        label="the chair's subgroup has a report",
        expect=only(EDITORS),
    ),
    Case("reviews:cdop-detail", args=lambda w: [report(w).pk]),
    Case("reviews:cdop-edit", args=lambda w: [report(w).pk], expect=only(EDITORS)),
    Case(
        "reviews:cdop-edit",
        args=lambda w: [report(w, w.other_subgroup).pk],
        label="another subgroup's report",
        expect=only({"business_unit"}),
    ),
    Case("reviews:referral-create", args=lambda w: [report(w).pk], expect=only(EDITORS)),
    Case(
        "reviews:referral-create",
        args=lambda w: [report(w, w.other_subgroup).pk],
        label="another subgroup's report",
        expect=only({"business_unit"}),
    ),
    Case("reviews:referral-link", args=lambda w: [referral(w).pk], expect=REFERRAL_LINK),
    Case("reviews:external-list", label="empty"),
    Case("reviews:external-list", args=no_args_after(external), label="with a review"),
    Case("reviews:external-create", expect=only(EDITORS)),
    Case("reviews:external-detail", args=lambda w: [external(w).pk]),
    Case("reviews:external-edit", args=lambda w: [external(w).pk], expect=only(EDITORS)),
]
