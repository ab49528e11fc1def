"""Tables that scroll sideways sit in a region keyboard users can reach and scroll (WCAG 2.1.1):
focusable, a named region, on each dashboards page that has one."""

import datetime
import re
from decimal import Decimal

import pytest
from django.urls import reverse

from dashboards.models import Indicator, IndicatorValue
from partnership.models import Finding, LearningSource, SourceKind, Theme

pytestmark = pytest.mark.django_db


@pytest.fixture
def indicator(world):
    indicator = Indicator.objects.create(
        code="CSC04", title="Second or subsequent child protection plans", unit="percentage",
        higher_is_better=False, target=Decimal("20"), frequency="quarterly",
    )  # fmt: skip
    IndicatorValue.objects.create(
        indicator=indicator, period_start=datetime.date(2026, 7, 1), value=Decimal("27")
    )
    source = LearningSource.objects.create(
        kind=SourceKind.AUDIT, title="Audit", date=datetime.date(2026, 5, 1)
    )
    Finding.objects.create(source=source, title="F").themes.add(
        Theme.objects.get_or_create(name="Neglect")[0]
    )
    return indicator


def scroll_wrappers(body: str) -> list[str]:
    return re.findall(r'<div class="app-table-scroll"[^>]*>', body)


@pytest.mark.parametrize(
    "url_name,args",
    [
        ("dashboards:themes", False),
        ("dashboards:dataset", False),
        ("dashboards:indicator-list", False),
        ("dashboards:indicator-detail", True),
    ],
)
def test_each_scrolling_table_is_a_focusable_named_region(world, client_for, indicator, url_name, args):
    url = reverse(url_name, args=[indicator.pk] if args else [])
    body = client_for(world.lay_member).get(url).content.decode()
    wrappers = scroll_wrappers(body)
    assert len(wrappers) == 1
    [tag] = wrappers
    assert 'tabindex="0"' in tag and 'role="region"' in tag
    assert re.search(r'aria-label="[^"]+scrolls sideways"', tag)
