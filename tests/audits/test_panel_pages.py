"""Peer challenge and overview pages: setting up a session, recording challenge on an assigned
return (and nothing else), the two ratings side by side, the heatmap and its exports, who may
see the overview, and its query count at two sizes."""

import csv
import datetime
import html
import io

import pytest
import time_machine
from django.urls import reverse
from openpyxl import load_workbook

from audits import selectors
from audits.models import (
    ChallengeSession,
    Return,
    Round,
    RoundStatus,
    StandardChallenge,
)
from audits.services import panel as panel_services
from audits.services.section11 import returns as return_services
from audits.services.section11 import rounds as round_services
from partnership.models import Role
from tests.audits.factories import ChallengeSessionFactory, answer_every_requirement, make_round
from tests.queries import capturing, queries_for

from ..factories import AgencyFactory, RoleAssignmentFactory, UserFactory

pytestmark = pytest.mark.django_db


def text(response) -> str:
    """The page as a person reads it (entities such as &#x27; turned back into characters)."""
    return html.unescape(response.content.decode())


def complete(agency_return, score, actor):
    """Answer every requirement (a low rating with its improvements, as submission asks) and submit."""
    answer_every_requirement(agency_return, actor, score=score, plan_low_ratings=True)
    return_services.return_submit(agency_return=agency_return, actor=actor)


@pytest.fixture
def challenged(world, framework):
    """A 2024 round (ours rated "Mostly met") and a 2026 round: ours submitted "Fully met" and
    assigned to the lay member's session; the other agency's return not started."""
    old = make_round(world, agencies=[world.agency], year=2024)
    complete(old.returns.get(), 2, world.agency_lead)
    round_ = make_round(world)
    assert round_.previous_round == old
    ours = round_.returns.get(agency=world.agency)
    complete(ours, 3, world.agency_lead)
    session = ChallengeSessionFactory(round=round_, members=[world.lay_member], returns=[ours])
    return round_, ours, round_.returns.get(agency=world.other_agency), session


def test_the_business_unit_sets_up_a_session(world, framework, client_for):
    round_ = make_round(world)
    ours = round_.returns.get(agency=world.agency)
    complete(ours, 3, world.agency_lead)
    url = reverse("audits:session-create", args=[round_.pk])
    page = client_for(world.business_unit).get(url)
    assert page.status_code == 200
    content = text(page)
    assert "Lee Lay" in content and "Pia Peer" in content and "Alex Agency" not in content  # panel roles only
    assert world.other_agency.name not in content  # not submitted: not offered
    data = {"title": "Panel A", "date": "10/12/2026", "members": [world.lay_member.pk, world.peer_challenger.pk],
            "returns": [ours.pk]}  # fmt: skip
    response = client_for(world.business_unit).post(url, data)
    session = ChallengeSession.objects.get()
    assert response.status_code == 302 and response["Location"] == session.get_absolute_url()
    assert set(session.members.all()) == {world.lay_member, world.peer_challenger}
    assert list(session.returns.all()) == [ours]
    detail = client_for(world.lay_member).get(session.get_absolute_url())
    assert detail.status_code == 200 and world.agency.name in text(detail)
    # A person who is not on a panel cannot be chosen; what was typed is kept.
    bad = client_for(world.business_unit).post(
        url, {**data, "members": [world.no_role.pk], "title": "Panel B"}
    )
    assert bad.status_code == 200 and "Panel B" in text(bad)
    assert ChallengeSession.objects.count() == 1
    assert client_for(world.agency_lead).post(url, data).status_code == 403


def test_a_lay_member_records_challenge_only_on_assigned_returns(world, challenged, client_for):
    round_, ours, theirs, session = challenged
    client = client_for(world.lay_member)
    url = reverse("audits:challenge", args=[ours.pk, 5])
    page = client.get(url)
    assert page.status_code == 200
    assert "Policy reviewed by the board in May." in text(page)  # the agency's evidence
    partially = round_.framework.rating_levels.get(label="Partially met")
    response = client.post(url, {"challenge": "Training records cover only 60% of staff.",
                                 "agency_response": "Agreed; a plan is in place.",
                                 "moderated_rating": partially.pk})  # fmt: skip
    assert response.status_code == 302
    record = StandardChallenge.objects.get()
    assert (record.standard.number, record.moderated_rating, record.session) == (5, partially, session)
    assert Return.objects.get(pk=ours.pk).status == Return.Status.CHALLENGE
    assert client.get(reverse("audits:challenge", args=[theirs.pk, 5])).status_code == 404
    assert client.get(reverse("audits:challenge-summary", args=[theirs.pk])).status_code == 404
    assert (
        client.post(reverse("audits:challenge", args=[theirs.pk, 5]), {"challenge": "x"}).status_code == 404
    )
    assert client.get(reverse("audits:challenge", args=[ours.pk, 99])).status_code == 404
    # An empty form says what is missing, next to the form.
    empty = client.post(url, {"challenge": "", "agency_response": ""})
    assert empty.status_code == 200 and "Enter the panel's challenge or choose a moderated rating" in text(
        empty
    )
    # The lay member's home page lists the assigned return.
    home = text(client.get(reverse("partnership:home")))
    assert reverse("audits:challenge-summary", args=[ours.pk]) in home and theirs.agency.name not in home


def test_self_and_moderated_ratings_are_side_by_side(world, challenged, client_for):
    round_, ours, _theirs, session = challenged
    standard = round_.framework.standards.get(number=5)
    panel_services.challenge_record(agency_return=ours, standard=standard, challenge="Only 60% trained.", agency_response="",
                              moderated_rating=round_.framework.rating_levels.get(score=1), actor=world.lay_member,
                              session=session)  # fmt: skip
    page = client_for(world.lay_member).get(reverse("audits:challenge-summary", args=[ours.pk]))
    content = text(page)
    row = content[content.index("5. " + standard.title) :]
    row = row[: row.index("</tr>")]
    assert "Fully met" in row and "Partially met" in row and "Only 60% trained." in row
    assert "1 of 8 standards have a moderated rating" in content
    assert reverse("audits:challenge", args=[ours.pk, 5]) in content
    # The agency sees the panel's view of its own return, without the links to record challenge.
    own = text(client_for(world.agency_lead).get(reverse("audits:challenge-summary", args=[ours.pk])))
    assert "Partially met" in own and reverse("audits:challenge", args=[ours.pk, 5]) not in own


def test_the_heatmap_and_its_exports(world, challenged, client_for):
    round_, ours, _theirs, session = challenged
    standard = round_.framework.standards.get(number=5)
    panel_services.challenge_record(agency_return=ours, standard=standard, challenge="Only 60% trained.", agency_response="",
                              moderated_rating=round_.framework.rating_levels.get(score=1), actor=world.lay_member,
                              session=session)  # fmt: skip
    client = client_for(world.subgroup_member)
    content = text(client.get(reverse("audits:overview", args=[round_.pk])))
    assert "Fully met (self)" in content  # standards 1-4, 6-8: self-rated, not moderated
    assert 'govuk-tag--orange">Partially met<' in content  # standard 5: moderated, no "(self)"
    assert "up 1 since the last round" in content and "down 1 since the last round" in content
    assert "Not yet submitted" in content and "Not started" in content  # the other agency's return
    assert '<th scope="row"' in content and '<th scope="col"' in content and "<caption" in content
    assert "1 of 2 invited agencies have submitted" in content

    workbook = load_workbook(
        io.BytesIO(client.get(reverse("audits:overview-xlsx", args=[round_.pk])).content)
    )
    sheet = workbook["Heatmap"]
    rows = {row[0]: row for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert (
        rows[world.agency.name][2:]
        == ("Fully met (self)",) * 4 + ("Partially met",) + ("Fully met (self)",) * 3
    )
    assert rows[world.other_agency.name][1:] == ("Not started",) + ("Not yet submitted",) * 8
    assert workbook["Summary by standard"]["C2"].value == 3  # standard 1: one agency, "Fully met"
    s5 = {row[0]: row for row in workbook["Standard 5"].iter_rows(min_row=2, values_only=True)}
    assert s5[world.agency.name][1:4] == ("Fully met", "Partially met", "Partially met")

    response = client.get(reverse("audits:overview-csv", args=[round_.pk]))
    lines = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert len(lines) == 1 + 2 * 8
    ours_5 = next(line for line in lines if line[0] == world.agency.name and line[2] == "5")
    assert ours_5[1] == "In peer challenge" and ours_5[4:7] == ["Fully met", "Partially met", "Partially met"]


def test_who_may_see_the_overview(world, challenged, client_for):
    round_ = challenged[0]
    url = reverse("audits:overview", args=[round_.pk])
    for person in (world.business_unit, world.partnership_lead, world.subgroup_chair, world.subgroup_member):
        assert client_for(person).get(url).status_code == 200
    for person in (world.agency_lead, world.other_agency_lead, world.lay_member, world.no_role):
        assert client_for(person).get(url).status_code == 403
    assert (
        client_for(world.agency_lead).get(reverse("audits:overview-xlsx", args=[round_.pk])).status_code
        == 403
    )


@time_machine.travel(datetime.date(2027, 2, 1))
def test_recording_that_the_overview_was_reported(world, challenged, client_for):
    round_ = challenged[0]
    url = reverse("audits:overview-reported", args=[round_.pk])
    draft = client_for(world.business_unit).post(url, {"reported_on": "14/1/2027"})
    assert "This round has not opened yet." in text(draft)
    round_.status = RoundStatus.CLOSED
    round_.save()
    assert client_for(world.partnership_lead).post(url, {"reported_on": "14/1/2027"}).status_code == 403
    future = client_for(world.business_unit).post(url, {"reported_on": "14/2/2027"})
    assert future.status_code == 200 and "cannot be in the future" in text(future)
    # What was typed is kept, in the date input's day, month and year boxes.
    assert all(f'name="reported_on_{p}" type="text" inputmode="numeric" value="{v}"' in text(future)
               for p, v in (("day", "14"), ("month", "2"), ("year", "2027")))  # fmt: skip
    assert client_for(world.business_unit).post(url, {"reported_on": "14/1/2027"}).status_code == 302
    round_.refresh_from_db()
    assert (round_.overview_reported_on, round_.status) == (datetime.date(2027, 1, 14), RoundStatus.REPORTED)


def test_the_overview_costs_the_same_queries_for_2_and_8_agencies(world, framework, client_for):
    agencies = [world.agency, world.other_agency]
    round_ = make_round(world, agencies=agencies)
    complete(round_.returns.get(agency=world.agency), 3, world.agency_lead)
    client = client_for(world.business_unit)
    url = reverse("audits:overview", args=[round_.pk])
    client.get(url)

    small = queries_for(client, url)
    more = [AgencyFactory() for _ in range(6)]
    round_services.round_invite(round_=round_, agencies=more, actor=world.business_unit)
    for agency in more[:3]:
        lead = UserFactory(agency=agency)
        RoleAssignmentFactory(user=lead, role=Role.AGENCY_LEAD, agency=agency)
        complete(round_.returns.get(agency=agency), 2, lead)
    assert round_.returns.count() == 8
    assert queries_for(client, url) == small


def moderate(agency_return, number, score, actor):
    framework = agency_return.round.framework
    panel_services.challenge_record(agency_return=agency_return, standard=framework.standards.get(number=number),
                              challenge="Show us the audit.", agency_response="", actor=actor,
                              moderated_rating=framework.rating_levels.get(score=score))  # fmt: skip


def test_the_heatmap_counts_moderated_ratings_in_both_rounds(world, framework, django_assert_num_queries):
    """Ours self-rated 1 everywhere in 2024, moderated to 3 on standard 5; self-rated 2 in 2026,
    moderated to 1 on standard 5. Standard 5 moved 3 -> 1 (down 2), every other standard 1 -> 2
    (up 1); the other agency has not started, so each standard's average is ours alone."""
    old = make_round(world, agencies=[world.agency], year=2024)
    complete(old.returns.get(), 1, world.agency_lead)
    moderate(old.returns.get(), 5, 3, world.business_unit)
    round_ = make_round(world)
    ours = round_.returns.get(agency=world.agency)
    complete(ours, 2, world.agency_lead)
    moderate(ours, 5, 1, world.business_unit)
    round_ = Round.objects.select_related("framework").get(pk=round_.pk)
    with django_assert_num_queries(4):  # standards, levels, returns, both rounds' ratings
        grid = selectors.heatmap(round_)
    ours_row, other_row = (next(r for r in grid["rows"] if r["return"].agency == a)
                           for a in (world.agency, world.other_agency))  # fmt: skip
    cells = {c["standard"].number: c for c in ours_row["cells"]}
    assert (cells[5]["level"].score, cells[5]["moderated"], cells[5]["self_rating"].score) == (1, True, 2)
    assert cells[5]["change"] == -2
    assert {n: (c["level"].score, c["moderated"], c["change"]) for n, c in cells.items() if n != 5} == {
        n: (2, False, 1) for n in cells if n != 5
    }
    assert {c["level"] for c in other_row["cells"]} == {None}
    averages = {s["standard"].number: (s["average"], s["rated"]) for s in grid["summary"]}
    assert averages == {n: (1.0 if n == 5 else 2.0, 1) for n in cells}


def test_the_overview_with_a_previous_round_costs_the_same_queries_at_two_sizes(world, framework, client_for):
    """Moderated and self-ratings in this round and the last: 2 agencies, then 8."""
    old = make_round(world, agencies=[world.agency, world.other_agency], year=2024)
    round_ = make_round(world, agencies=[world.agency, world.other_agency])
    for r, score in ((old, 1), (round_, 2)):
        complete(r.returns.get(agency=world.agency), score, world.agency_lead)
        moderate(r.returns.get(agency=world.agency), 1, 3, world.business_unit)
    client = client_for(world.business_unit)
    url = reverse("audits:overview", args=[round_.pk])
    client.get(url)

    def count():
        with capturing() as queries:
            response = client.get(url)
        assert response.status_code == 200 and "up 1 since the last round" in text(response)
        return len(queries)

    small = count()
    more = [AgencyFactory() for _ in range(6)]
    for r in (old, round_):
        round_services.round_invite(round_=r, agencies=more, actor=world.business_unit)
    for agency in more[:3]:
        lead = UserFactory(agency=agency)
        RoleAssignmentFactory(user=lead, role=Role.AGENCY_LEAD, agency=agency)
        for r in (old, round_):
            complete(r.returns.get(agency=agency), 1 if r == old else 3, lead)
            moderate(r.returns.get(agency=agency), 2, 2, world.business_unit)
    assert round_.returns.count() == 8
    assert count() == small


def test_the_overviews_learning_panel_counts_the_actions_each_person_may_see(world, framework, client_for):
    """A recommendation of the round with three actions in a plan owned by another subgroup, one
    of them led by the overseeing subgroup's member: the business unit and the partnership lead
    count all three, the member only the one they lead."""
    from partnership.models import Subgroup

    from ..factories import ActionFactory, ActionPlanFactory, RecommendationFactory

    round_ = make_round(world)
    plan = ActionPlanFactory(
        source=round_.learning_source, subgroup=Subgroup.objects.create(name="Elsewhere")
    )
    recommendation = RecommendationFactory(source=round_.learning_source)
    for lead in (world.subgroup_member, None, None):
        ActionFactory(plan=plan, recommendation=recommendation, lead_user=lead)
    url = reverse("audits:overview", args=[round_.pk])
    for person, shown in ((world.business_unit, "3 actions"), (world.partnership_lead, "3 actions"),
                          (world.subgroup_member, "1 action")):  # fmt: skip
        page = " ".join(text(client_for(person).get(url)).split())
        assert recommendation.text in page and shown in page, person
        if shown == "1 action":
            assert "3 actions" not in page
