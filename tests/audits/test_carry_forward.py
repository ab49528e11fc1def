"""Carrying last round's answers forward: the answers (rating, evidence, links, areas for
improvement) are copied into the new return; the evidence files are not, and nothing that gave
anyone access to last round's return (colleagues added, peer challenge sessions) reaches the new
one, so nobody outside the agency gains sight of anything through carrying forward."""

import datetime

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from audits.models import Answer, AnswerFile, Return, ReturnStatus
from audits.services.section11 import returns as return_services
from tests.audits.factories import ChallengeSessionFactory, make_round

pytestmark = pytest.mark.django_db


@pytest.fixture
def last_round(world, framework):
    """Last round: our agency answered standard 1 in full, with an evidence file on 1.1, a
    colleague (no_role) added, and the return in a peer challenge session with the lay member.
    The other agency answered every requirement too."""
    previous = make_round(world, year=2024)
    ours = previous.returns.get(agency=world.agency)
    ours.contributors.add(world.no_role)
    requirements = list(framework.standards.get(number=1).requirements.all())
    for requirement in requirements:
        return_services.answer_save(
            agency_return=ours, requirement=requirement, rating=framework.rating_levels.get(score=2),
            evidence=f"Board minutes for {requirement.reference}", links="https://intranet.example.org/board",
            improvement=f"Refresh training ({requirement.reference})", actor=world.agency_lead,
        )  # fmt: skip
    answer = ours.answers.get(requirement=requirements[0])
    record = AnswerFile(answer=answer, file_name="minutes.txt", content_type="text/plain", size=7,
                        uploaded_by=world.agency_lead)  # fmt: skip
    record.file.save("minutes.txt", ContentFile(b"Minutes"), save=True)
    theirs = previous.returns.get(agency=world.other_agency)
    for requirement in framework.standards.get(number=2).requirements.all():
        return_services.answer_save(agency_return=theirs, requirement=requirement, rating=framework.rating_levels.get(score=0),
                             evidence="Theirs", links="", improvement="", actor=world.other_agency_lead)  # fmt: skip
    Return.objects.filter(pk=ours.pk).update(status=ReturnStatus.SUBMITTED)
    ChallengeSessionFactory(
        round=previous,
        title="Panel 2024",
        date=datetime.date(2024, 12, 1),
        members=[world.lay_member],
        returns=[ours],
    )
    return {"round": previous, "return": ours, "requirements": requirements, "file": record}


def test_carry_forward_copies_the_answers_themselves(world, framework, last_round):
    current = make_round(world, year=2026)
    ours = current.returns.get(agency=world.agency)
    copied = return_services.answers_carry_forward(agency_return=ours, actor=world.agency_lead)
    assert copied == len(last_round["requirements"])
    for requirement in last_round["requirements"]:
        old = last_round["return"].answers.get(requirement=requirement)
        new = ours.answers.get(requirement=requirement)
        assert new.pk != old.pk
        assert (new.rating, new.evidence, new.links, new.improvement) == (
            old.rating, old.evidence, old.links, old.improvement,
        )  # fmt: skip
    # Only our agency's answers: the other agency's answers to standard 2 are not ours to carry.
    assert not ours.answers.filter(requirement__standard__number=2).exists()
    ours.refresh_from_db()
    assert ours.status == ReturnStatus.DRAFT
    carried = ours.answers.first().history.first()
    assert carried.history_user == world.agency_lead
    assert carried.history_change_reason == "Carried forward from the previous round"


def test_carry_forward_does_not_copy_evidence_files(world, framework, last_round, client_for):
    current = make_round(world, year=2026)
    ours = current.returns.get(agency=world.agency)
    return_services.answers_carry_forward(agency_return=ours, actor=world.agency_lead)
    assert AnswerFile.objects.count() == 1
    assert not AnswerFile.objects.filter(answer__agency_return=ours).exists()
    assert AnswerFile.objects.get().answer.agency_return == last_round["return"]
    new_answer = ours.answers.get(requirement=last_round["requirements"][0])
    assert not new_answer.files.exists()
    # The new return's page lists no file, so it offers no download of last round's evidence.
    page = client_for(world.agency_lead).get(ours.get_absolute_url()).content.decode()
    assert reverse("audits:answer-file-download", args=[last_round["file"].pk]) not in page


def test_carry_forward_gives_no_access_beyond_the_agency(world, framework, last_round, client_for):
    current = make_round(world, year=2026)
    ours = current.returns.get(agency=world.agency)
    return_services.answers_carry_forward(agency_return=ours, actor=world.agency_lead)
    ours.refresh_from_db()
    # Last round's colleague and panel do not come with the answers.
    assert not ours.contributors.exists()
    assert not ours.challenge_sessions.exists()
    for person in (world.no_role, world.lay_member, world.other_agency_lead, world.peer_challenger):
        client = client_for(person)
        assert client.get(ours.get_absolute_url()).status_code == 404, person
        assert client.get(reverse("audits:return-standard", args=[ours.pk, 1])).status_code == 404, person
    # Those who could see last round's evidence file still can; nobody new can.
    download = reverse("audits:answer-file-download", args=[last_round["file"].pk])
    assert client_for(world.agency_lead).get(download).status_code == 200
    assert client_for(world.other_agency_lead).get(download).status_code == 404


def test_carry_forward_keeps_answers_already_given(world, framework, last_round):
    current = make_round(world, year=2026)
    ours = current.returns.get(agency=world.agency)
    first = last_round["requirements"][0]
    return_services.answer_save(agency_return=ours, requirement=first, rating=framework.rating_levels.get(score=3),
                         evidence="New policy, 2026", links="", improvement="", actor=world.agency_lead)  # fmt: skip
    copied = return_services.answers_carry_forward(agency_return=ours, actor=world.agency_lead)
    assert copied == len(last_round["requirements"]) - 1
    assert ours.answers.get(requirement=first).evidence == "New policy, 2026"
    assert Answer.objects.filter(agency_return=ours).count() == len(last_round["requirements"])


def test_another_agency_cannot_carry_forward_into_our_return(world, framework, last_round, client_for):
    current = make_round(world, year=2026)
    ours = current.returns.get(agency=world.agency)
    url = reverse("audits:return-carry-forward", args=[ours.pk])
    assert client_for(world.other_agency_lead).post(url).status_code == 404
    assert client_for(world.business_unit).post(url).status_code == 403
    assert not ours.answers.exists()
