"""Matrix cases for the API (/api/), opened with a signed-in browser session.

The data answers a session as it answers its owner's token (tests/api/ test the tokens): reference
data and lists to everyone signed in (each list holding only what the person may see); another
agency's action, return or review is a 404; training to those the training pages admit and the
dataset to everyone with a role (403 otherwise). Without credentials the data and the schema are
a 401 (a reporting tool is not sent to a sign-in page); the documentation and the token pages
are ordinary signed-in pages. A token is revoked by its owner or the business unit (404 for
anyone else).
"""

from api.services import token_create

from ..api.data import build_data
from . import SIGNED_IN, Case, only

API = {"anonymous": 401}
ALL = {"default": 200, "expect": API}

ACTION_READERS = {"business_unit", "partnership_lead", "agency_lead"}
RETURN_READERS = {"business_unit", "partnership_lead", "subgroup_chair", "subgroup_member", "agency_lead"}
REVIEW_READERS = {"business_unit", "partnership_lead", "subgroup_chair", "subgroup_member"}
TRAINING_READERS = {"business_unit", "partnership_lead", "agency_lead", "other_agency_lead"}
DATASET_READERS = set(SIGNED_IN) - {"no_role", "superuser"}


def scoped(readers) -> dict:
    return only(readers, status_else=404, **API)


def gated(readers) -> dict:
    return only(readers, status_else=403, **API)


def pk_of(attribute):
    return lambda w: [getattr(build_data(w), attribute).pk]


def data_only(w):
    build_data(w)
    return []


def agency_lead_token(w):
    return [token_create(name="Power BI", actor=w.agency_lead).token.pk]


CASES = [
    Case("api:agency-list", **ALL),
    Case("api:agency-detail", args=lambda w: [w.other_agency.pk], **ALL),
    Case("api:subgroup-list", **ALL),
    Case("api:subgroup-detail", args=lambda w: [w.other_subgroup.pk], **ALL),
    Case("api:theme-list", **ALL),
    Case("api:theme-detail", args=lambda w: [1], **ALL),
    Case("api:plan-list", args=data_only, **ALL),
    # The plan also holds an action of the other agency: both leads see the plan (their own actions).
    Case("api:plan-detail", args=pk_of("plan"), expect=scoped(ACTION_READERS | {"other_agency_lead"})),
    Case("api:action-list", args=data_only, **ALL),
    Case("api:action-list", args=data_only, query="format=csv", label="csv", **ALL),
    Case("api:action-detail", args=pk_of("action"), expect=scoped(ACTION_READERS)),
    Case("api:action-updates", args=pk_of("action"), expect=scoped(ACTION_READERS)),
    Case("api:round-list", args=data_only, **ALL),
    Case("api:round-detail", args=pk_of("round"), **ALL),
    Case("api:return-list", args=data_only, **ALL),
    Case("api:return-detail", args=pk_of("own_return"), expect=scoped(RETURN_READERS)),
    Case("api:rating-list", args=data_only, **ALL),
    Case("api:review-list", args=data_only, **ALL),
    Case("api:review-detail", args=pk_of("review"), expect=scoped(REVIEW_READERS)),
    Case("api:review-clock-list", args=data_only, **ALL),
    Case("api:course-list", args=data_only, expect=gated(TRAINING_READERS)),
    Case("api:course-detail", args=pk_of("course"), expect=gated(TRAINING_READERS)),
    Case("api:session-list", args=data_only, expect=gated(TRAINING_READERS)),
    Case("api:session-detail", args=pk_of("session"), expect=gated(TRAINING_READERS)),
    Case("api:training-figures-list", args=data_only, expect=gated(TRAINING_READERS)),
    Case("api:indicator-list", args=data_only, expect=gated(DATASET_READERS)),
    Case("api:indicator-detail", args=pk_of("indicator"), expect=gated(DATASET_READERS)),
    Case("api:indicator-value-list", args=data_only, expect=gated(DATASET_READERS)),
    Case("api:indicator-value-detail", args=pk_of("value"), expect=gated(DATASET_READERS)),
    Case("api:schema", **ALL),
    Case("api:docs"),
    Case("api:token-list"),
    Case("api:token-create"),
    Case(
        "api:token-revoke",
        args=agency_lead_token,
        expect=only({"agency_lead", "business_unit"}, status_else=404),
    ),
]
