"""Matrix cases for the overview dashboards (dashboards/overview/).

- Recurring themes (matrix, its CSV, a theme's page): everyone with a role reads them, each
  counting only the findings they may see; a signed-in person with no role, the superuser
  included, gets a 403 (before any lookup, so a missing theme is a 403 for them too).
- The partnership dashboard: the business unit, partnership leads and subgroup chairs and
  members; agency leads (whose view is their home page), lay members, peer challengers and
  people with no role get a 403.
"""

import datetime
from decimal import Decimal

from dashboards.models import Indicator, IndicatorValue
from partnership.models import Finding, LearningSource, SourceKind, Theme

from ..factories import ActionFactory, ActionPlanFactory, ReviewFactory
from . import Case, only

NO_ROLE = {"no_role": 403, "superuser": 403}
DASHBOARD = only({"business_unit", "partnership_lead", "subgroup_chair", "subgroup_member"})


def themed_findings(w) -> Theme:
    """A confidential case review's finding and an audit's, both on Neglect."""
    neglect = Theme.objects.get_or_create(name="Neglect")[0]
    review = LearningSource.objects.create(
        kind=SourceKind.CASE_REVIEW, title="Child Q", date=datetime.date(2025, 6, 1), confidential=True,
        subgroup=w.subgroup,
    )  # fmt: skip
    audit = LearningSource.objects.create(
        kind=SourceKind.AUDIT, title="Neglect audit", date=datetime.date(2026, 5, 1)
    )
    for source in (review, audit):
        Finding.objects.create(source=source, title=f"{source.title} finding").themes.add(neglect)
    return neglect


def with_themes(w):
    themed_findings(w)
    return []


def with_dashboard_data(w):
    ReviewFactory(subgroup=w.subgroup, opened_on=datetime.date(2026, 11, 2))
    ActionFactory(plan=ActionPlanFactory(subgroup=w.subgroup), owner_agency=w.agency)
    indicator = Indicator.objects.create(
        code="CSC04", title="Second or subsequent child protection plans", unit="percentage",
        higher_is_better=False, target=Decimal("20"), frequency="quarterly",
    )  # fmt: skip
    IndicatorValue.objects.create(
        indicator=indicator, period_start=datetime.date(2026, 7, 1), value=Decimal("35")
    )
    themed_findings(w)
    return []


CASES = [
    Case("dashboards:themes", args=with_themes, expect=NO_ROLE),
    Case(
        "dashboards:themes",
        args=with_themes,
        query="year_from=2025&year_to=2026&kind=audit",
        label="filtered",
        expect=NO_ROLE,
    ),
    Case("dashboards:themes-export", args=with_themes, expect=NO_ROLE),
    Case("dashboards:theme-detail", args=lambda w: [themed_findings(w).pk], expect=NO_ROLE),
    Case("dashboards:theme-detail", args=lambda w: [999999], label="missing", default=404, expect=NO_ROLE),
    Case("dashboards:partnership", args=with_dashboard_data, expect=DASHBOARD),
]
