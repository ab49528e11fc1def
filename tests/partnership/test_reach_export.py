"""A briefing's reach as CSV: one row per named agency (state, due, confirmed on, how it was
cascaded, staff reached) and a totals row, scoped exactly as the briefing's page: an agency's
lead sees only their own agency's row."""

import csv
import datetime
import io

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from partnership.models import Briefing, CascadeRequest
from tests.factories import AgencyFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(datetime.datetime(2026, 12, 10, 10, 0), tick=False):
        yield


@pytest.fixture
def briefing(world):
    b = Briefing.objects.create(
        title="Recognising cumulative neglect", what_we_found="Each agency saw part of the picture.",
        channel_newsletter=True, status=Briefing.Status.PUBLISHED, published_on=datetime.date(2026, 11, 2),
    )  # fmt: skip
    confirmed = timezone.make_aware(datetime.datetime(2026, 11, 20, 15, 0))
    CascadeRequest.objects.create(
        briefing=b, agency=world.agency, due_on=datetime.date(2026, 11, 30), confirmed_at=confirmed,
        method="team_meeting", staff_reached=42, confirmed_by="Alex Agency",
    )  # fmt: skip
    CascadeRequest.objects.create(  # due before today and not confirmed: overdue
        briefing=b, agency=world.other_agency, due_on=datetime.date(2026, 12, 1)
    )
    CascadeRequest.objects.create(  # not yet due: awaiting
        briefing=b, agency=AgencyFactory(name="Westfield Police"), due_on=datetime.date(2026, 12, 31),
        )  # fmt: skip
    return b


def rows_of(response) -> list[list[str]]:
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def url(briefing) -> str:
    return reverse("partnership:briefing-reach-export", args=[briefing.pk])


def test_the_business_unit_downloads_every_named_agencys_row_and_the_totals(world, client_for, briefing):
    rows = rows_of(client_for(world.business_unit).get(url(briefing)))
    assert rows[0] == ["Agency", "State", "Due", "Confirmed on", "How it was cascaded", "Staff reached"]
    # By agency name, as the page lists them.
    assert rows[1:] == [
        ["Eastmoor Health Trust", "Overdue", "1 December 2026", "", "", ""],
        ["Northbrook Council Children's Services", "Confirmed", "30 November 2026", "20 November 2026",
         "Team meetings", "42"],
        ["Westfield Police", "Awaiting", "31 December 2026", "", "", ""],
        # By hand: 1 of 3 confirmed (42 staff), 1 awaiting, 1 overdue.
        ["Total", "1 of 3 confirmed, 1 awaiting, 1 overdue", "", "", "", "42"],
    ]  # fmt: skip


def test_an_agency_lead_downloads_only_their_own_agencys_row(world, client_for, briefing):
    rows = rows_of(client_for(world.agency_lead).get(url(briefing)))
    assert [r[0] for r in rows[1:]] == ["Northbrook Council Children's Services", "Total"]
    assert rows[-1] == ["Total", "1 of 1 confirmed, 0 awaiting, 0 overdue", "", "", "", "42"]
    other = rows_of(client_for(world.other_agency_lead).get(url(briefing)))
    assert other[1:] == [
        ["Eastmoor Health Trust", "Overdue", "1 December 2026", "", "", ""],
        ["Total", "0 of 1 confirmed, 0 awaiting, 1 overdue", "", "", "", "0"],
    ]


def test_the_page_links_the_download_and_a_draft_has_none(world, client_for, briefing):
    page = client_for(world.business_unit).get(briefing.get_absolute_url()).content.decode()
    assert url(briefing) in page and "Download this reach as a spreadsheet (CSV)" in page
    briefing.status, briefing.published_on = Briefing.Status.DRAFT, None
    briefing.save()
    assert client_for(world.business_unit).get(url(briefing)).status_code == 404


def test_the_business_unit_downloads_the_reach_of_every_published_briefing(world, client_for, briefing):
    later = Briefing.objects.create(
        title="Bruising in babies", what_we_found="Nobody asked how it happened.", channel_newsletter=True,
        status=Briefing.Status.PUBLISHED, published_on=datetime.date(2026, 12, 1),
    )  # fmt: skip
    Briefing.objects.create(title="A draft", what_we_found="Not out yet.", channel_newsletter=True)
    CascadeRequest.objects.create(
        briefing=later, agency=world.other_agency, due_on=datetime.date(2026, 12, 29),
        confirmed_at=timezone.make_aware(datetime.datetime(2026, 12, 5, 9, 0)), method="email",
        staff_reached=130, confirmed_by="Olu Other",
    )  # fmt: skip
    export = reverse("partnership:briefing-reach-all-export")
    rows = rows_of(client_for(world.business_unit).get(export))
    assert rows == [
        ["Briefing", "Published", "Agencies named", "Confirmed", "Awaiting", "Overdue", "Staff reached"],
        # Newest first; the draft has no reach. By hand: the neglect briefing 3 named, 1
        # confirmed (42), 1 awaiting, 1 overdue; the bruising one 1 named, confirmed (130).
        ["Bruising in babies", "1 December 2026", "1", "1", "0", "0", "130"],
        ["Recognising cumulative neglect", "2 November 2026", "3", "1", "1", "1", "42"],
    ]
    assert (
        export in client_for(world.business_unit).get(reverse("partnership:briefing-list")).content.decode()
    )
    # An agency's lead reads their agency's reach on each briefing instead.
    assert client_for(world.agency_lead).get(export).status_code == 403
    assert (
        export not in client_for(world.agency_lead).get(reverse("partnership:briefing-list")).content.decode()
    )
