"""Matrix cases for the performance dataset and its deep dives.

The dataset is aggregate and non-personal: everyone who holds a role in the partnership reads
it (including agency leads of other agencies, lay members and peer challengers); a signed-in
person with no role, the site's superuser included, gets a 403. Only the business unit
changes indicators, values and deep dives (403 for the other readers).
"""

import datetime
from decimal import Decimal

from dashboards.models import DeepDive, Indicator, IndicatorValue

from . import Case, only

BU = {"business_unit"}
NO_ROLE = {"no_role": 403, "superuser": 403}


def indicator(_w=None) -> Indicator:
    return Indicator.objects.create(
        code="CSC04", title="Second or subsequent child protection plans", unit="percentage",
        higher_is_better=False, target=Decimal("20"), frequency="quarterly",
    )  # fmt: skip


def value(w=None) -> IndicatorValue:
    return IndicatorValue.objects.create(
        indicator=indicator(), period_start=datetime.date(2026, 7, 1), value=Decimal("27.9")
    )


def deep_dive(w) -> DeepDive:
    dive = DeepDive(
        title="Repeat child protection plans", date=datetime.date(2026, 10, 15), subgroup=w.subgroup
    )
    dive.save()
    return dive


def with_indicator(w):
    value(w)
    return []


def with_deep_dive(w):
    deep_dive(w)
    return []


READ = {"default": 200, "expect": NO_ROLE}
CHANGE = {"expect": only(BU)}

CASES = [
    Case("dashboards:dataset", args=with_indicator, **READ),
    Case(
        "dashboards:dataset", args=with_indicator, query="theme=999999&quarters=4", label="filtered", **READ
    ),
    Case("dashboards:indicator-list", args=with_indicator, **READ),
    Case(
        "dashboards:indicator-list",
        args=with_indicator,
        query="rag=red&show=all&sort=-target",
        label="filtered",
        **READ,
    ),
    Case("dashboards:indicator-export", args=with_indicator, **READ),
    Case("dashboards:indicator-create", **CHANGE),
    Case("dashboards:indicator-detail", args=lambda w: [value(w).indicator.pk], **READ),
    Case("dashboards:indicator-edit", args=lambda w: [indicator(w).pk], **CHANGE),
    Case("dashboards:value-create", args=lambda w: [indicator(w).pk], **CHANGE),
    Case("dashboards:value-edit", args=lambda w: [value(w).pk], **CHANGE),
    Case("dashboards:value-delete", args=lambda w: [value(w).pk], **CHANGE),
    Case("dashboards:value-import", args=with_indicator, **CHANGE),
    Case("dashboards:value-import-template", args=lambda w: [indicator(w) and "xlsx"], **CHANGE),
    Case(
        "dashboards:value-import-template",
        args=lambda w: ["pdf"],
        label="unknown format",
        expect=only(set(), status_else=404),
    ),
    Case("dashboards:deep-dive-list", args=with_deep_dive, **READ),
    Case("dashboards:deep-dive-export", args=with_deep_dive, **READ),
    Case("dashboards:deep-dive-create", **CHANGE),
    Case("dashboards:deep-dive-detail", args=lambda w: [deep_dive(w).pk], **READ),
    Case("dashboards:deep-dive-edit", args=lambda w: [deep_dive(w).pk], **CHANGE),
    # Missing objects are a 404 for readers (and a 403 for those who may not read at all).
    Case(
        "dashboards:indicator-detail", args=lambda w: [999999], label="missing", default=404, expect=NO_ROLE
    ),
    Case(
        "dashboards:deep-dive-detail", args=lambda w: [999999], label="missing", default=404, expect=NO_ROLE
    ),
]
