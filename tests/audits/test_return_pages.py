"""Section 11 pages: setting up and opening a round, completing a return across visits with
last round's answers beside it, carrying forward, submitting, sending back and accepting, and
who sees which return."""

import datetime

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from audits.models import (
    AnswerFile,
    PlannedImprovement,
    Return,
    ReturnStatus,
    Round,
)
from audits.services.section11 import returns as return_services
from audits.services.section11 import rounds as round_services
from partnership.models import Action
from tests.audits.factories import (
    ChallengeSessionFactory,
    PlannedImprovementFactory,
    answer_every_requirement,
    make_round,
)
from tests.factories import AgencyFactory, SubgroupFactory
from tests.queries import queries_for

pytestmark = pytest.mark.django_db


def standard_data(
    agency_return, number, *, button="draft", rating=None, evidence="", links="", improvement=""
):
    standard = agency_return.round.framework.standards.get(number=number)
    data = {button: "1"}
    for requirement in standard.requirements.all():
        prefix = f"r{requirement.pk}-"
        if rating is not None:
            data[prefix + "rating"] = rating.pk
        data[prefix + "evidence"] = evidence
        data[prefix + "links"] = links
        data[prefix + "improvement"] = improvement
    return data


def url(name, *args):
    return reverse(f"audits:{name}", args=args)


# --- rounds ----------------------------------------------------------------------------------


def test_the_business_unit_sets_up_a_round_with_the_default_due_date_and_opens_it(
    world, framework, client_for, django_capture_on_commit_callbacks
):
    SubgroupFactory(name="Quality and Performance")
    client = client_for(world.business_unit)
    page = client.get(url("round-create"))
    assert page.status_code == 200
    assert (
        page.context["form"].initial["subgroup"]
        == page.context["form"].fields["subgroup"].queryset.get(name="Quality and Performance").pk
    )
    response = client.post(url("round-create"), {
        "framework": framework.pk, "title": "Section 11 self-assessment 2026", "year": "2026",
        "opens_on": "1/9/2026", "due_on": "", "subgroup": world.subgroup.pk, "agencies": [world.agency.pk],
    })  # fmt: skip
    round_ = Round.objects.get()
    assert response.status_code == 302 and response["Location"] == round_.get_absolute_url()
    assert round_.due_on == datetime.date(2026, 10, 27)  # eight weeks after opening
    assert list(round_.returns.values_list("agency", flat=True)) == [world.agency.pk]
    confirm = client.get(url("round-open", round_.pk))
    assert world.agency_lead.email in confirm.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url("round-open", round_.pk))
    round_.refresh_from_db()
    assert round_.status == "open"
    assert [m.to for m in mail.outbox] == [[world.agency_lead.email]]
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url("round-invite", round_.pk), {"agencies": [world.other_agency.pk]})
    assert round_.returns.count() == 2
    assert mail.outbox[-1].to == [world.other_agency_lead.email]


def test_a_due_date_before_opening_is_refused_next_to_the_field(world, framework, client_for):
    response = client_for(world.business_unit).post(url("round-create"), {
        "framework": framework.pk, "title": "Round", "year": "2026", "opens_on": "1/9/2026", "due_on": "1/8/2026",
        "subgroup": world.subgroup.pk, "agencies": [world.agency.pk],
    })  # fmt: skip
    assert response.status_code == 200
    assert "after the opening date" in response.context["form"].errors["due_on"][0]
    assert not Round.objects.exists()


def test_the_round_shows_everyone_invited_but_an_agency_lead_only_their_own_row(world, framework, client_for):
    round_ = make_round(world)
    ours = round_.returns.get(agency=world.agency)
    answer_every_requirement(ours, world.agency_lead)
    return_services.return_submit(agency_return=ours, actor=world.agency_lead)
    Round.objects.filter(pk=round_.pk).update(status="open", due_on=datetime.date(2026, 10, 1))
    for person in (world.business_unit, world.partnership_lead, world.subgroup_member):
        page = client_for(person).get(round_.get_absolute_url())
        rows = page.context["rows"]
        assert {r["return"].agency for r in rows} == {world.agency, world.other_agency}
        body = page.content.decode()
        assert "19 of 19" in body and "0 of 19" in body and "1 of 2 submitted" in body
        assert "overdue" in body  # the other agency has not submitted and the due date is past
    page = client_for(world.agency_lead).get(round_.get_absolute_url())
    assert [r["return"] for r in page.context["rows"]] == [ours]
    assert world.other_agency.name not in page.content.decode()
    assert ours.get_absolute_url() in page.content.decode()


def test_the_round_page_costs_the_same_queries_with_2_and_10_agencies(world, framework, client_for):
    round_ = make_round(world)
    client = client_for(world.business_unit)
    page_url = round_.get_absolute_url()
    client.get(page_url)

    with_2 = queries_for(client, page_url)
    more = [AgencyFactory() for _ in range(8)]
    round_services.round_invite(round_=round_, agencies=more, actor=world.business_unit)
    for agency_return in round_.returns.all()[:5]:
        agency_return.answers.create(
            requirement=framework.standards.first().requirements.first(), evidence="x"
        )
    assert round_.returns.count() == 10
    assert queries_for(client, page_url) == with_2


# --- completing a return ---------------------------------------------------------------------


def test_the_agency_lead_completes_a_return_across_visits_beside_last_rounds_answers(
    world, framework, client_for
):
    previous = make_round(
        world, year=2024, opens_on=datetime.date(2026, 9, 1), due_on=datetime.date(2026, 11, 30)
    )
    answer_every_requirement(
        previous.returns.get(agency=world.agency),
        world.agency_lead,
        score=1,
        evidence="Audit of 2024 training",
    )
    round_ = make_round(world)
    ours = round_.returns.get(agency=world.agency)
    client = client_for(world.agency_lead)
    level = framework.rating_levels.get(score=2)

    # First visit: standard 1 saved as a draft, half done.
    page = client.get(url("return-standard", ours.pk, 1))
    assert "Audit of 2024 training" in page.content.decode()  # last round's answer beside each
    data = standard_data(ours, 1, rating=level, evidence="Safeguarding policy signed off in March.",
                         links="https://intranet.example.org/policy")  # fmt: skip
    response = client.post(url("return-standard", ours.pk, 1), data)
    assert response.status_code == 302 and response["Location"] == ours.get_absolute_url()
    assert Return.objects.get(pk=ours.pk).status == ReturnStatus.DRAFT

    # Second visit: the saved answers are there.
    page = client.get(url("return-standard", ours.pk, 1))
    body = page.content.decode()
    assert "Safeguarding policy signed off in March." in body
    assert "https://intranet.example.org/policy" in body
    first_form = page.context["forms"][0]
    assert first_form.initial["rating"] == level.pk

    # The return page shows this round's answers with last round's beside them.
    detail = client.get(ours.get_absolute_url()).content.decode()
    assert "Safeguarding policy signed off in March." in detail
    assert "Last round's answer" in detail and "Partially met" in detail
    assert "Carry forward last round" in detail

    # Save and continue moves on to the next standard.
    response = client.post(url("return-standard", ours.pk, 1), {**data, "continue": "1"})
    assert response["Location"] == url("return-standard", ours.pk, 2)


def test_bad_input_keeps_what_was_typed_and_saves_nothing(world, framework, client_for):
    round_ = make_round(world)
    ours = round_.returns.get(agency=world.agency)
    client = client_for(world.agency_lead)
    data = standard_data(ours, 2, button="continue", evidence="Our typed evidence about recruitment.")
    response = client.post(url("return-standard", ours.pk, 2), data)  # no ratings, but continuing
    assert response.status_code == 200
    body = response.content.decode()
    assert "Choose a rating for 2.1" in body and "There is a problem" in body
    assert "Our typed evidence about recruitment." in body
    assert not ours.answers.exists()
    data = standard_data(ours, 2, evidence="Typed again.", links="not a link")
    response = client.post(url("return-standard", ours.pk, 2), data)
    assert "Enter each link on its own line" in response.content.decode()
    assert "Typed again." in response.content.decode()
    assert not ours.answers.exists()


def test_carry_forward_then_submit_listing_what_is_missing_first(world, framework, client_for):
    previous = make_round(
        world, year=2024, opens_on=datetime.date(2026, 9, 1), due_on=datetime.date(2026, 11, 30)
    )
    old = previous.returns.get(agency=world.agency)
    answer_every_requirement(old, world.agency_lead, score=2)
    missing_one = framework.standards.get(number=8).requirements.first()
    old.answers.filter(requirement=missing_one).update(evidence="")
    round_ = make_round(world)
    ours = round_.returns.get(agency=world.agency)
    client = client_for(world.agency_lead)

    assert client.get(url("return-carry-forward", ours.pk)).status_code == 200
    response = client.post(url("return-carry-forward", ours.pk), follow=True)
    assert "19 answers carried forward" in response.content.decode()
    assert ours.answers.count() == 19

    check = client.get(url("return-submit", ours.pk))
    assert [r.pk for r in check.context["missing"]] == [missing_one.pk]
    assert url("return-standard", ours.pk, 8) in check.content.decode()
    refused = client.post(url("return-submit", ours.pk))
    assert missing_one.reference in refused.content.decode()
    assert Return.objects.get(pk=ours.pk).status == ReturnStatus.DRAFT

    level = framework.rating_levels.get(score=2)
    return_services.answer_save(agency_return=ours, requirement=missing_one, rating=level, evidence="Information sharing audit",
                         links="", improvement="", actor=world.agency_lead)  # fmt: skip
    response = client.post(url("return-submit", ours.pk))
    assert response["Location"] == ours.get_absolute_url()
    assert Return.objects.get(pk=ours.pk).status == ReturnStatus.SUBMITTED

    # Locked once submitted.
    assert client.get(url("return-standard", ours.pk, 1)).status_code == 403
    data = standard_data(ours, 1, rating=level, evidence="Changed after submission")
    assert client.post(url("return-standard", ours.pk, 1), data).status_code == 403
    assert not ours.answers.filter(evidence="Changed after submission").exists()
    assert "Carry forward" not in client.get(ours.get_absolute_url()).content.decode()


def test_planned_improvements_and_colleagues(world, framework, client_for):
    round_ = make_round(world)
    ours = round_.returns.get(agency=world.agency)
    client = client_for(world.agency_lead)
    response = client.post(url("return-improvement-add", ours.pk), {
        "standard": framework.standards.get(number=5).pk, "description": "Level 2 training for all ward staff",
        "due_on": "30/6/2027", "lead_name": "Named nurse",
    })  # fmt: skip
    assert response.status_code == 302
    assert PlannedImprovement.objects.get().due_on == datetime.date(2027, 6, 30)
    colleague_form = client.get(url("return-contributor-add", ours.pk)).context["form"]
    assert world.other_agency_lead not in colleague_form.fields["person"].queryset
    client.post(url("return-contributor-add", ours.pk), {"person": world.no_role.pk})
    assert list(ours.contributors.all()) == [world.no_role]
    assert client_for(world.no_role).get(url("return-standard", ours.pk, 1)).status_code == 200
    assert client_for(world.no_role).get(url("return-contributor-add", ours.pk)).status_code == 403


def test_evidence_files_are_uploaded_and_served_only_within_scope(world, framework, client_for):
    round_ = make_round(world)
    ours = round_.returns.get(agency=world.agency)
    requirement = framework.standards.get(number=1).requirements.first()
    upload = SimpleUploadedFile(
        "policy.txt", b"Our safeguarding policy, version 4.", content_type="text/plain"
    )
    response = client_for(world.agency_lead).post(
        url("return-answer-file", ours.pk, requirement.pk), {"description": "Policy", "file": upload}
    )
    assert response.status_code == 302
    record = AnswerFile.objects.get()
    assert client_for(world.agency_lead).get(url("answer-file-download", record.pk)).status_code == 200
    assert client_for(world.other_agency_lead).get(url("answer-file-download", record.pk)).status_code == 404
    assert client_for(world.lay_member).get(url("answer-file-download", record.pk)).status_code == 404


# --- who sees which return -------------------------------------------------------------------


def test_another_agency_and_lay_members_get_404_unless_assigned(world, framework, client_for):
    round_ = make_round(world)
    ours = round_.returns.get(agency=world.agency)
    requirement = framework.standards.get(number=1).requirements.first()
    for person in (world.other_agency_lead, world.lay_member, world.peer_challenger):
        client = client_for(person)
        assert client.get(ours.get_absolute_url()).status_code == 404
        assert client.get(url("return-standard", ours.pk, 1)).status_code == 404
        assert client.post(url("return-standard", ours.pk, 1), {"draft": "1"}).status_code == 404
        assert client.get(url("return-answer-file", ours.pk, requirement.pk)).status_code == 404
        assert client.get(url("return-submit", ours.pk)).status_code == 404
    ChallengeSessionFactory(round=round_, members=[world.lay_member], returns=[ours])
    assert client_for(world.lay_member).get(ours.get_absolute_url()).status_code == 200
    assert client_for(world.lay_member).get(url("return-standard", ours.pk, 1)).status_code == 403
    theirs = round_.returns.get(agency=world.other_agency)
    assert client_for(world.lay_member).get(theirs.get_absolute_url()).status_code == 404


# --- the business unit's decisions -----------------------------------------------------------


def test_the_business_unit_sends_back_then_accepts_creating_actions(world, framework, client_for):
    round_ = make_round(world)
    ours = round_.returns.get(agency=world.agency)
    answer_every_requirement(ours, world.agency_lead)
    PlannedImprovementFactory(agency_return=ours, standard=framework.standards.get(number=5),
                                      description="Level 2 training for all ward staff", due_on=datetime.date(2027, 6, 30))  # fmt: skip
    return_services.return_submit(agency_return=ours, actor=world.agency_lead)
    bu = client_for(world.business_unit)
    detail = bu.get(ours.get_absolute_url()).content.decode()
    assert "Send back for amendment" in detail and "Accept" in detail

    refused = bu.post(url("return-send-back", ours.pk), {"comments": ""})
    assert refused.status_code == 200 and "Say what the agency needs to change" in refused.content.decode()
    bu.post(url("return-send-back", ours.pk), {"comments": "Standard 5 needs training figures."})
    assert Return.objects.get(pk=ours.pk).status == ReturnStatus.AMENDMENT
    lead = client_for(world.agency_lead)
    assert "Standard 5 needs training figures." in lead.get(ours.get_absolute_url()).content.decode()
    assert lead.get(url("return-standard", ours.pk, 5)).status_code == 200  # can edit again
    lead.post(url("return-submit", ours.pk))
    assert Return.objects.get(pk=ours.pk).status == ReturnStatus.SUBMITTED

    confirm = bu.get(url("return-accept", ours.pk)).content.decode()
    assert "planned improvement will become" in confirm
    bu.post(url("return-accept", ours.pk))
    assert Return.objects.get(pk=ours.pk).status == ReturnStatus.ACCEPTED
    action = Action.objects.get()
    assert action.owner_agency == world.agency
    # The agency lead cannot decide; and an accepted return cannot be sent back.
    assert lead.get(url("return-accept", ours.pk)).status_code == 403
    assert bu.get(url("return-send-back", ours.pk)).status_code == 302

    # The return links each improvement to its action only for those who may open the action:
    # a lay member on the return's challenge panel sees the return, not the agency's actions.
    action_url = action.get_absolute_url()
    assert action_url in bu.get(ours.get_absolute_url()).content.decode()
    ChallengeSessionFactory(round=round_, members=[world.lay_member], returns=[ours])
    lay = client_for(world.lay_member)
    page = lay.get(ours.get_absolute_url()).content.decode()
    assert "Level 2 training for all ward staff" in page and action_url not in page
    assert lay.get(action_url).status_code == 404


def test_the_agency_leads_home_lists_their_returns(world, framework, client_for):
    round_ = make_round(world)
    round_services.round_open(round_=round_, actor=world.business_unit)
    page = client_for(world.agency_lead).get(reverse("partnership:home")).content.decode()
    assert round_.title in page
    assert round_.returns.get(agency=world.agency).get_absolute_url() in page
    assert round_.returns.get(agency=world.other_agency).get_absolute_url() not in page
