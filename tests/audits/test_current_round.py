"""Which Section 11 round the dashboards show: the one people are working on (an open round
with returns in, the one with most), else the latest closed one; never simply the newest,
which may have just been set up. Every page that picks "the current round" asks
`selectors.current_round`, and says which round it shows, with links to the others."""

import datetime
import html

import pytest
from django.urls import reverse

from audits import selectors
from audits.models import RoundStatus
from audits.services.section11 import returns as return_services
from dashboards.report.figures import sources
from tests.audits.factories import answer_every_requirement, make_round

from ..factories import AgencyFactory

pytestmark = pytest.mark.django_db


def submit(agency_return, actor):
    answer_every_requirement(agency_return, actor, evidence="Board minutes")
    return_services.return_submit(agency_return=agency_return, actor=actor)


@pytest.fixture
def two_open_rounds(world, framework):
    """2026: open, two of three agencies' returns in. 2028: just opened, nothing submitted."""
    third = AgencyFactory()
    older = make_round(world, year=2026, agencies=[world.agency, world.other_agency, third], open_it=True)
    submit(older.returns.get(agency=world.agency), world.agency_lead)
    submit(older.returns.get(agency=world.other_agency), world.other_agency_lead)
    newer = make_round(world, year=2028, agencies=[world.agency, world.other_agency, third], open_it=True)
    return older, newer


def test_the_round_being_worked_on_wins_over_the_newest(world, two_open_rounds):
    older, _newer = two_open_rounds
    assert selectors.current_round(world.business_unit) == older


def test_with_no_open_round_in_progress_the_latest_closed_round_is_shown(world, framework, two_open_rounds):
    older, newer = two_open_rounds
    older.status = RoundStatus.CLOSED
    older.save()
    assert selectors.current_round(world.business_unit) == older
    submit(newer.returns.get(agency=world.agency), world.agency_lead)
    assert selectors.current_round(world.business_unit) == newer


def test_the_dashboard_says_which_round_it_shows_and_links_to_the_others(world, two_open_rounds, client_for):
    older, newer = two_open_rounds
    response = client_for(world.business_unit).get(reverse("dashboards:partnership"))
    assert response.context["section11"]["round"] == older
    body = html.unescape(response.content.decode())
    assert "Showing the 2026 round: open, 2 of 3 returns submitted" in body
    assert newer.get_absolute_url() in body and "Section 11 self-assessment 2028" in body


def test_the_annual_report_picks_the_same_round(world, two_open_rounds):
    older, _newer = two_open_rounds

    class Year:
        user = world.business_unit
        end = datetime.date(2029, 3, 31)

    section = sources.section11(Year())
    assert ("Round", older.title) in section.facts
