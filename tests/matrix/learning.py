"""Matrix cases for the learning chain's pages, consultations with children and the
organisation page.

A source open to everyone (not confidential) is read by everyone signed in; its learning is
changed by the business unit and the chair of the subgroup that oversees it. A confidential
source is a 404 for anyone without a need to know (agency leads, lay members, peer challengers,
people with no role), and a 403 for those who may read it but not change it. An agency lead
reaches a recommendation of a confidential source only when it is addressed to their agency.
"""

import datetime

from partnership.models import LearningSource

from ..factories import ConsultationFactory, FindingFactory, RecommendationFactory
from . import Case, only, scoped

EDITORS = {"business_unit", "subgroup_chair"}  # the chair of world.subgroup
NEED_TO_KNOW = {"business_unit", "partnership_lead", "subgroup_chair", "subgroup_member"}


def bare_source(w, *, confidential=False) -> LearningSource:
    """A source with no page of its own, overseen by the chair's and member's subgroup."""
    return LearningSource.objects.create(
        kind=LearningSource.Kind.DEEP_DIVE,
        title="Deep dive: neglect referrals",
        date=datetime.date(2026, 2, 1),
        subgroup=w.subgroup,
        confidential=confidential,
    )


def consultation(w, *, confidential=False):
    c = ConsultationFactory(subgroup=w.subgroup)
    if confidential:
        LearningSource.objects.filter(pk=c.learning_source_id).update(confidential=True)
    return c


def open_source(w):
    return consultation(w).learning_source


def closed_source(w):
    return consultation(w, confidential=True).learning_source


def agency_recommendation(w, source):
    """A recommendation addressed to `world.agency` (led by agency_lead, not other_agency_lead)."""
    recommendation = RecommendationFactory(source=source, to_partnership=False)
    recommendation.agencies.set([w.agency])
    return recommendation


OPEN_EDIT = only(EDITORS)
CLOSED_EDIT = scoped(sees=NEED_TO_KNOW, may=EDITORS)
CLOSED_READ = scoped(sees=NEED_TO_KNOW, may=NEED_TO_KNOW)

CASES = [
    # A source's page: a source with a page of its own sends people there.
    Case("partnership:source-detail", args=lambda w: [bare_source(w).pk], label="no page of its own"),
    Case(
        "partnership:source-detail",
        args=lambda w: [bare_source(w, confidential=True).pk],
        label="confidential",
        expect=CLOSED_READ,
    ),
    Case(
        "partnership:source-detail",
        args=lambda w: [open_source(w).pk],
        label="consultation",
        default=302,
    ),
    # The priorities a source serves: changed by those who change its learning.
    Case("partnership:source-priorities", args=lambda w: [open_source(w).pk], label="open", expect=OPEN_EDIT),
    Case(
        "partnership:source-priorities",
        args=lambda w: [closed_source(w).pk],
        label="confidential",
        expect=CLOSED_EDIT,
    ),
    # Findings and recommendations: added and changed by the business unit and the chair.
    Case("partnership:finding-create", args=lambda w: [open_source(w).pk], label="open", expect=OPEN_EDIT),
    Case(
        "partnership:finding-create",
        args=lambda w: [closed_source(w).pk],
        label="confidential",
        expect=CLOSED_EDIT,
    ),
    Case(
        "partnership:finding-edit",
        args=lambda w: [FindingFactory(source=open_source(w)).pk],
        label="open",
        expect=OPEN_EDIT,
    ),
    Case(
        "partnership:finding-edit",
        args=lambda w: [FindingFactory(source=closed_source(w)).pk],
        label="confidential",
        expect=CLOSED_EDIT,
    ),
    Case(
        "partnership:recommendation-create",
        args=lambda w: [open_source(w).pk],
        label="open",
        expect=OPEN_EDIT,
    ),
    Case(
        "partnership:recommendation-create",
        args=lambda w: [closed_source(w).pk],
        label="confidential",
        expect=CLOSED_EDIT,
    ),
    Case(
        "partnership:recommendation-edit",
        args=lambda w: [agency_recommendation(w, open_source(w)).pk],
        label="open",
        expect=OPEN_EDIT,
    ),
    # The agency lead sees their agency's recommendation of a confidential source (403 to
    # change it); the other agency's lead does not (404).
    Case(
        "partnership:recommendation-edit",
        args=lambda w: [agency_recommendation(w, closed_source(w)).pk],
        label="confidential, own agency",
        expect=scoped(sees=NEED_TO_KNOW | {"agency_lead"}, may=EDITORS),
    ),
    # Consultations with children and young people.
    Case("partnership:consultation-list"),
    Case(
        "partnership:consultation-list",
        query="method=survey&year=2026&search=forum&sort=-title&page=2",
        label="filtered",
    ),
    Case("partnership:consultation-export"),
    Case("partnership:consultation-export", query="method=youth_forum&sort=date", label="filtered"),
    Case("partnership:consultation-create", expect=OPEN_EDIT),
    Case("partnership:consultation-detail", args=lambda w: [consultation(w).pk], label="open"),
    Case(
        "partnership:consultation-detail",
        args=lambda w: [consultation(w, confidential=True).pk],
        label="confidential",
        expect=CLOSED_READ,
    ),
    Case(
        "partnership:consultation-edit", args=lambda w: [consultation(w).pk], label="open", expect=OPEN_EDIT
    ),
    Case(
        "partnership:consultation-edit",
        args=lambda w: [consultation(w, confidential=True).pk],
        label="confidential",
        expect=CLOSED_EDIT,
    ),
    # The organisation page gathers lists that everyone signed in may open.
    Case("partnership:organisation"),
]
