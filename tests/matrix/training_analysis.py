"""Matrix cases for the training analysis: the overview and its XLSX export, the analysis by
finding and its CSV, and the training impact analyses (list, CSV, record, page, change).

Those who oversee training (the business unit, the partnership leads, and the chair and members
of the subgroup overseeing a programme) and agency leads (their own agency's figures only, which
tests/training/test_analysis_pages.py checks) open the pages; only the business unit records
and changes impact analyses. Lay members, peer challengers and people with no role get a 403.
The superuser holds no role in the partnership, so is refused like them.
"""

import datetime

from tests.training.factories import AttendeeFactory, ProgrammeFactory, SessionFactory
from training.models import ImpactAnalysis

from . import SIGNED_IN, Case, only

VIEWERS = {"business_unit", "partnership_lead", "subgroup_chair", "subgroup_member", "agency_lead",
           "other_agency_lead"}  # fmt: skip
NOT_OVERSEEING = VIEWERS - {"subgroup_chair", "subgroup_member"}


def programme(w, *, overseen=True):
    """A 2026 programme overseen by world.subgroup (or by the Training subgroup, on which nobody
    of the cast sits), with one delivered session attended by one person from each agency."""
    made = ProgrammeFactory(year=2026, subgroup=w.subgroup if overseen else w.other_subgroup)
    session = SessionFactory(
        course__programme=made, starts_at=datetime.datetime(2026, 6, 1, 9, 30, tzinfo=datetime.UTC),
        ends_at=datetime.datetime(2026, 6, 1, 12, 30, tzinfo=datetime.UTC),
    )  # fmt: skip
    AttendeeFactory(session=session, agency=w.agency, attended=True)
    AttendeeFactory(session=session, agency=w.other_agency, attended=True)
    return made


def overseen(w) -> list:
    programme(w)
    return []


def not_overseen(w) -> list:
    programme(w, overseen=False)
    return []


def analysis(w, *, overseen=True) -> list:
    made = ImpactAnalysis(
        programme=programme(w, overseen=overseen), title="Impact of training 2026/27",
        reported_on=datetime.date(2027, 3, 15),
    )  # fmt: skip
    made.save()
    return [made.pk]


def create_data(w) -> dict:
    return {
        "programme": ImpactAnalysis.objects.values_list("programme_id", flat=True).first() or "",
        "title": "Impact of training",
        "reported_on": "15/3/2027",
    }


CASES = [
    # The overview and its export.
    Case("training:analysis-overview", only(VIEWERS), args=overseen, label="overseen by the subgroup"),
    Case("training:analysis-overview", only(NOT_OVERSEEING), args=not_overseen, label="another subgroup"),
    Case(
        "training:analysis-overview",
        only(VIEWERS),
        args=overseen,
        query="year=2026&level=2",
        label="filtered",
    ),
    Case("training:analysis-export", only(VIEWERS), args=overseen, query="year=2026"),
    Case("training:analysis-export", only(NOT_OVERSEEING), args=not_overseen, label="another subgroup"),
    # Training against the learning: by finding, and its CSV.
    Case("training:analysis-findings", only(VIEWERS), args=overseen, query="year=2026"),
    Case("training:analysis-findings", only(NOT_OVERSEEING), args=not_overseen, label="another subgroup"),
    Case("training:analysis-findings-export", only(VIEWERS), args=overseen, query="year=2026"),
    Case(
        "training:analysis-findings-export", only(NOT_OVERSEEING), args=not_overseen, label="another subgroup"
    ),
    # Impact analyses.
    Case("training:analysis-list", only(VIEWERS), args=lambda w: analysis(w) and []),
    Case("training:analysis-list-export", only(VIEWERS), args=lambda w: analysis(w) and []),
    Case("training:analysis-create", only({"business_unit"}), args=overseen),
    Case(
        "training:analysis-create",
        only({"business_unit"}, status_ok=302),
        args=lambda w: analysis(w) and [],
        method="post",
        data=create_data,
        label="post",
    ),
    # An impact analysis is non-confidential learning: everyone signed in opens it, as they do
    # any such source in the learning chain (only those who see training get the year's figures).
    Case("training:analysis-detail", args=analysis),
    Case("training:analysis-detail", args=lambda w: analysis(w, overseen=False), label="another subgroup"),
    Case("training:analysis-edit", only({"business_unit"}), args=analysis),
    Case(
        "training:analysis-edit",
        {r: 404 if r in NOT_OVERSEEING else 403 for r in SIGNED_IN},
        args=lambda w: [999_999],
        label="missing",
    ),
]
