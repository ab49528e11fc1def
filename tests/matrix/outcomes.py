"""Matrix cases for intended outcomes and their "did it stick?" checks.

An outcome is recorded, changed, deleted and checked by those who change its source's learning
or plan (the business unit and the overseeing subgroup's chair); others who may read the source
get a 403, and nobody without a need to know reaches a confidential source's outcome (404). The
list of checks is for those who see everything: the business unit and the partnership leads.
"""

from ..factories import IntendedOutcomeFactory
from . import Case, only
from .learning import CLOSED_EDIT, OPEN_EDIT, bare_source

SEES_EVERYTHING = {"business_unit", "partnership_lead"}


def outcome(w, *, confidential=False) -> list[int]:
    return [IntendedOutcomeFactory(source=bare_source(w, confidential=confidential)).pk]


def confidential_outcome(w) -> list[int]:
    return outcome(w, confidential=True)


CASES = [
    Case("partnership:outcome-create", OPEN_EDIT, args=lambda w: [bare_source(w).pk], label="open"),
    Case(
        "partnership:outcome-create",
        CLOSED_EDIT,
        args=lambda w: [bare_source(w, confidential=True).pk],
        label="confidential",
    ),
    *(
        case
        for name in ("outcome-edit", "outcome-delete", "outcome-check")
        for case in (
            Case(f"partnership:{name}", OPEN_EDIT, args=outcome, label="open"),
            Case(f"partnership:{name}", CLOSED_EDIT, args=confidential_outcome, label="confidential"),
        )
    ),
    Case("partnership:outcome-check-list", only(SEES_EVERYTHING)),
    Case(
        "partnership:outcome-check-list",
        only(SEES_EVERYTHING),
        query="state=due_or_overdue&sort=-check",
        label="filtered",
    ),
    Case("partnership:outcome-check-export", only(SEES_EVERYTHING)),
]
