"""Checking and submitting a Section 11 return: a standard rated "Partially met" or "Not met"
needs its area for improvement and a planned improvement before the return can be submitted
(the rule is the service's, so the API and commands obey it too); "Check your answers" shows
every answer with a "Change" link naming the standard; a standard saved with nothing entered
is not said to be "saved as a draft"."""

import datetime
import html

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from audits.models import PlannedImprovement, Return, ReturnStatus
from audits.services.section11 import returns as return_services
from partnership.services import DomainError
from tests.audits.factories import PlannedImprovementFactory, make_round

pytestmark = pytest.mark.django_db


@pytest.fixture
def ours(world):
    return make_round(world, agencies=[world.agency]).returns.get()


def answer_all(agency_return, actor, *, low_standard=None, low_score=1, improvement=""):
    """Every requirement "Fully met" with evidence, except standard `low_standard`'s first
    requirement, rated `low_score` with `improvement` as its area for improvement."""
    framework = agency_return.round.framework
    for standard in framework.standards.all():
        for index, requirement in enumerate(standard.requirements.all()):
            low = standard.number == low_standard and index == 0
            return_services.answer_save(
                agency_return=agency_return, requirement=requirement,
                rating=framework.rating_levels.get(score=low_score if low else 3),
                evidence=f"Evidence for {requirement.reference}", links="",
                improvement=improvement if low else "", actor=actor,
            )  # fmt: skip


def text(response) -> str:
    return html.unescape(response.content.decode())


def url(name, *args):
    return reverse(f"audits:{name}", args=args)


@pytest.mark.parametrize("score", [1, 0], ids=["partially met", "not met"])
def test_a_low_rating_without_its_improvements_cannot_be_submitted(world, framework, ours, score):
    answer_all(ours, world.agency_lead, low_standard=3, low_score=score)
    with pytest.raises(DomainError) as refused:
        return_services.return_submit(agency_return=ours, actor=world.agency_lead)
    assert "Standard 3" in refused.value.message
    problems = return_services.submission_problems(ours)
    assert {p.standard.number for p in problems} == {3}
    assert Return.objects.get(pk=ours.pk).status == ReturnStatus.DRAFT

    # The area for improvement alone is not enough: the agency says what it will do about it.
    requirement = framework.standards.get(number=3).requirements.first()
    return_services.answer_save(agency_return=ours, requirement=requirement, rating=framework.rating_levels.get(score=score),
                         evidence="Evidence", links="", improvement="Supervision records are patchy.",
                         actor=world.agency_lead)  # fmt: skip
    with pytest.raises(DomainError, match="planned improvement"):
        return_services.return_submit(agency_return=ours, actor=world.agency_lead)
    return_services.improvement_save(
        improvement=PlannedImprovement(agency_return=ours, standard=framework.standards.get(number=3),
                                       description="Audit supervision quarterly", due_on=datetime.date(2027, 3, 31)),
        actor=world.agency_lead,
    )  # fmt: skip
    return_services.return_submit(agency_return=ours, actor=world.agency_lead)
    assert Return.objects.get(pk=ours.pk).status == ReturnStatus.SUBMITTED


def test_mostly_met_needs_no_improvement(world, ours):
    answer_all(ours, world.agency_lead, low_standard=3, low_score=2)
    return_services.return_submit(agency_return=ours, actor=world.agency_lead)
    assert Return.objects.get(pk=ours.pk).status == ReturnStatus.SUBMITTED


def test_check_your_answers_shows_every_answer_with_a_change_link(world, framework, ours, client_for):
    answer_all(ours, world.agency_lead, low_standard=3, improvement="Supervision records are patchy.")
    ours.answers.filter(requirement__reference="1.1").update(links="https://intranet.example.org/policy")
    PlannedImprovementFactory(agency_return=ours, standard=framework.standards.get(number=3),
                                      description="Audit supervision quarterly", due_on=datetime.date(2027, 3, 31))  # fmt: skip
    page = client_for(world.agency_lead).get(url("return-submit", ours.pk))
    body = text(page)
    assert 'class="govuk-summary-list' in body
    assert "Evidence for 1.1" in body and "Evidence for 8.1" in body  # every answer's evidence
    assert "https://intranet.example.org/policy" in body
    assert "Supervision records are patchy." in body  # the area for improvement
    assert "Audit supervision quarterly" in body and "By 31 March 2027" in body
    change = url("return-standard", ours.pk, 3)
    assert change in body
    assert 'Change<span class="govuk-visually-hidden"> evidence for 3.1, standard 3</span>' in body
    assert 'Change<span class="govuk-visually-hidden"> planned improvement for standard 3</span>' in body
    assert "Submit the return" in body


def test_submitting_refuses_with_an_error_summary_linking_to_each_standard(world, ours, client_for):
    answer_all(ours, world.agency_lead, low_standard=3)
    client = client_for(world.agency_lead)
    response = client.post(url("return-submit", ours.pk))
    assert response.status_code == 200
    body = text(response)
    assert "There is a problem" in body and 'class="govuk-error-summary"' in body
    summary = body[body.index("govuk-error-summary__list") :]
    summary = summary[: summary.index("</ul>")]
    assert url("return-standard", ours.pk, 3) in summary
    assert "Standard 3" in summary and "area for improvement" in summary and "planned improvement" in summary
    assert Return.objects.get(pk=ours.pk).status == ReturnStatus.DRAFT


def test_continuing_with_a_low_rating_asks_for_the_area_for_improvement_and_keeps_what_was_typed(
    world, framework, ours, client_for
):
    partially = framework.rating_levels.get(score=1)
    standard = framework.standards.get(number=2)
    data = {"continue": "1"}
    for requirement in standard.requirements.all():
        prefix = f"r{requirement.pk}-"
        data.update({prefix + "rating": partially.pk, prefix + "evidence": "Our typed recruitment evidence",
                     prefix + "links": "", prefix + "improvement": ""})  # fmt: skip
    response = client_for(world.agency_lead).post(url("return-standard", ours.pk, 2), data)
    assert response.status_code == 200
    body = text(response)
    first = standard.requirements.first()
    assert f"Describe the area for improvement for {first.reference}" in body
    assert "Our typed recruitment evidence" in body
    assert not ours.answers.exists()


def test_saving_a_standard_with_nothing_entered_does_not_say_saved(world, ours, client_for):
    response = client_for(world.agency_lead).post(url("return-standard", ours.pk, 4), {"draft": "1"})
    assert response.status_code == 302
    said = " ".join(str(m) for m in get_messages(response.wsgi_request))
    assert "saved as a draft" not in said
    assert "Nothing was entered for standard 4" in said
    assert not ours.answers.exists()
