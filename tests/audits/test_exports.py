"""The audits lists' CSV exports: each holds exactly the rows its list shows the person, with
the same filters and order and every page; an agency lead's export holds only their own
agency's returns and single-agency audits. Plus the lists of rounds and returns themselves."""

import csv
import datetime
import io

import pytest
import time_machine
from django.urls import reverse

from audits.models import Return, ReturnStatus, Round
from audits.services.section11 import returns as return_services
from tests.audits.factories import make_round

from ..matrix.audits_audits import make_inspection, make_single_audit

pytestmark = pytest.mark.django_db


def rows_of(response) -> list[list[str]]:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


def url(name, query=""):
    return reverse(f"audits:{name}") + (f"?{query}" if query else "")


@pytest.fixture
def rounds(world):
    made = [make_round(world, year=year) for year in (2024, 2026)]
    Round.objects.filter(pk=made[0].pk).update(status="reported")
    Return.objects.filter(round=made[0]).update(status=ReturnStatus.ACCEPTED)
    Round.objects.filter(pk=made[1].pk).update(status="open")
    return made


def test_the_rounds_export_follows_the_lists_filters(world, rounds, client_for):
    rows = rows_of(client_for(world.agency_lead).get(url("round-export")))
    assert rows[0][:3] == ["Round", "Framework", "Year"]
    assert [r[0] for r in rows[1:]] == ["Section 11 self-assessment 2026", "Section 11 self-assessment 2024"]
    assert rows[1][4] == "30/11/2026" and rows[1][7:9] == ["2", "0"]
    rows = rows_of(client_for(world.agency_lead).get(url("round-export", "status=reported")))
    assert [r[0] for r in rows[1:]] == ["Section 11 self-assessment 2024"]
    assert rows[1][7:9] == ["2", "2"]
    page = client_for(world.business_unit).get(url("round-list", "status=reported"))
    assert [r.title for r in page.context["page_obj"]] == ["Section 11 self-assessment 2024"]
    assert url("round-export", "status=reported") in page.content.decode().replace("&amp;", "&")


def test_the_returns_list_and_export_hold_only_what_the_person_may_see(world, rounds, client_for):
    everyone = rows_of(client_for(world.business_unit).get(url("return-export")))
    assert len(everyone) == 5
    ours = rows_of(client_for(world.agency_lead).get(url("return-export")))
    assert {r[1] for r in ours[1:]} == {world.agency.name} and len(ours) == 3
    assert world.other_agency.name not in "".join(",".join(r) for r in ours)
    assert rows_of(client_for(world.lay_member).get(url("return-export"))) == [everyone[0]]
    page = client_for(world.agency_lead).get(url("return-list"))
    assert {r.agency for r in page.context["returns"]} == {world.agency}
    assert world.other_agency.name not in page.content.decode()
    # Agency leads are offered only their own agency in the filter.
    assert list(page.context["filterset"].form.fields["agency"].queryset) == [world.agency]


@time_machine.travel(datetime.datetime(2026, 12, 2, 9, 0, tzinfo=datetime.UTC))
def test_the_returns_export_applies_filters_and_marks_overdue(world, rounds, client_for):
    current = rounds[1]
    ours = current.returns.get(agency=world.agency)
    requirement = current.framework.standards.get(number=1).requirements.first()
    return_services.answer_save(agency_return=ours, requirement=requirement, rating=current.framework.rating_levels.first(),
                         evidence="Policy", links="", improvement="", actor=world.agency_lead)  # fmt: skip
    query = f"round={current.pk}&sort=agency"
    rows = rows_of(client_for(world.business_unit).get(url("return-export", query)))
    assert rows[0] == ["Round", "Agency", "Status", "Requirements answered", "Requirements", "Returns due",
                       "Overdue", "Submitted", "Accepted"]  # fmt: skip
    by_agency = {r[1]: r for r in rows[1:]}
    assert list(by_agency) == sorted(by_agency)  # sorted by agency
    assert by_agency[world.agency.name][2:5] == ["In progress", "1", "19"]
    # Two days after the due date, in an open round, neither has submitted: both are overdue.
    assert by_agency[world.agency.name][5:7] == ["30/11/2026", "Yes"]
    assert by_agency[world.other_agency.name][2:7] == ["Not started", "0", "19", "30/11/2026", "Yes"]
    rows = rows_of(client_for(world.business_unit).get(url("return-export", "status=accepted")))
    assert {r[0] for r in rows[1:]} == {"Section 11 self-assessment 2024"} and len(rows) == 3


def test_the_single_agency_audits_export_is_scoped_and_filtered(world, client_for):
    ours = make_single_audit(world)
    theirs = make_single_audit(world, agency=world.other_agency)
    theirs.title = "Their supervision audit"
    theirs.save()
    everyone = rows_of(client_for(world.business_unit).get(url("single-audit-export")))
    assert everyone[0][:3] == ["Title", "Agency", "Date reported"]
    assert {r[0] for r in everyone[1:]} == {ours.title, theirs.title}
    mine = rows_of(client_for(world.agency_lead).get(url("single-audit-export")))
    assert [r[0] for r in mine[1:]] == [ours.title]
    assert mine[1][1] == world.agency.name and mine[1][2] == "1 July 2026"
    filtered = rows_of(
        client_for(world.business_unit).get(url("single-audit-export", f"agency={world.other_agency.pk}"))
    )
    assert [r[0] for r in filtered[1:]] == [theirs.title]
    page = client_for(world.business_unit).get(url("single-audit-list", f"agency={world.other_agency.pk}"))
    assert url("single-audit-export", f"agency={world.other_agency.pk}") in page.content.decode().replace(
        "&amp;", "&"
    )


def test_the_inspections_export_follows_the_filters(world, client_for):
    ilacs = make_inspection(world)
    cqc = make_inspection(world)
    cqc.title, cqc.inspectorate, cqc.judgement = "CQC inspection of Eastmoor Health Trust", "cqc", "=1+1"
    cqc.save()
    cqc.agencies.set([world.other_agency])
    rows = rows_of(client_for(world.agency_lead).get(url("inspection-export")))
    assert rows[0][:3] == ["Inspection", "Inspectorate", "Agencies inspected"]
    assert {r[0] for r in rows[1:]} == {ilacs.title, cqc.title}
    rows = rows_of(client_for(world.agency_lead).get(url("inspection-export", "inspectorate=cqc")))
    assert [r[0] for r in rows[1:]] == [cqc.title]
    assert rows[1][2] == world.other_agency.name
    assert rows[1][6] == "'=1+1"  # a formula stays text
    page = client_for(world.agency_lead).get(url("inspection-list", "inspectorate=cqc"))
    assert url("inspection-export", "inspectorate=cqc") in page.content.decode().replace("&amp;", "&")
