"""Each API list costs the same number of queries whatever the data's size: a Power BI refresh
of a large partnership makes as many queries per page as a small one's (issue 9's goal, as the
pages' own query-count tests hold the pages to it)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.queries import queries_for

from ..dashboards.factories import IndicatorFactory, IndicatorValueFactory
from ..factories import ActionFactory, ActionPlanFactory, ActionUpdateFactory, ReviewFactory
from ..training.factories import AttendeeFactory, SessionFactory
from .data import build_data
from .test_scoping import LIST_URLS

pytestmark = pytest.mark.django_db

DATA_URLS = [name for name in LIST_URLS if name != "api:schema"]


def grow(world, data):
    """More of everything the lists show, in the cast's agencies and subgroups."""
    for n in range(3):
        plan = ActionPlanFactory(subgroup=world.subgroup if n % 2 else world.other_subgroup)
        for agency in (world.agency, world.other_agency, world.agency):
            action = ActionFactory(plan=plan, owner_agency=agency)
            ActionUpdateFactory.create_batch(2, action=action, author=world.agency_lead)
        ReviewFactory(subgroup=world.subgroup, title=f"Child {n}")
        started = timezone.now() - datetime.timedelta(days=7 + n)
        session = SessionFactory(
            course=data.course, starts_at=started, ends_at=started + datetime.timedelta(hours=2)
        )
        for agency in (world.agency, world.other_agency):
            AttendeeFactory(session=session, agency=agency, attended=True)
        indicator = IndicatorFactory()
        for quarter in range(3):
            IndicatorValueFactory(indicator=indicator, period_start=datetime.date(2025, 1 + 3 * quarter, 1))


@pytest.mark.parametrize("role", ["business_unit", "agency_lead"])
def test_each_list_costs_the_same_queries_at_two_sizes(role, world, api_for):
    data = build_data(world)
    client = api_for(world.person(role))
    urls = [reverse(name) for name in DATA_URLS]
    for url in urls:
        client.get(url)  # caches filled once per process (content types, the person's roles)
    small = {url: queries_for(client, url) for url in urls}
    grow(world, data)
    large = {url: queries_for(client, url) for url in urls}
    assert large == small
    assert max(small.values()) <= 15, small
