"""The issue's "done when", walked with the test client as the people themselves would:

- an agency lead completes a Section 11 return over two visits (a draft saved, answers still
  there on coming back), is refused on submitting with the list of what is missing, then submits;
  the submitted return cannot be changed;
- a lay member assigned to a peer challenge session records challenge on that return (and sees
  no other);
- the business unit accepts the return, whose planned improvements become actions in the
  agency's plan, and sees the heatmap and the change since the previous round;
- the lead of another agency gets a 404 on EVERY page, file and export of the return: every
  audits URL that takes a return or an evidence file is reversed from the URL configuration,
  so a page added later is walked too.
"""

import datetime
import re

import pytest
import time_machine
from django.core import mail
from django.urls import get_resolver, reverse

from audits.models import AnswerFile, PlannedImprovement, Return, ReturnStatus, Round
from audits.services.section11 import returns as return_services
from partnership.models import Action
from tests.audits.factories import PlannedImprovementFactory, make_round

pytestmark = pytest.mark.django_db

OPENED = datetime.datetime(2026, 9, 1, 9, 0, tzinfo=datetime.UTC)


def url(name, *args):
    return reverse(f"audits:{name}", args=args)


def standard_post(framework, number, *, rating=None, evidence="", button="continue"):
    data = {button: "1"}
    for requirement in framework.standards.get(number=number).requirements.all():
        prefix = f"r{requirement.pk}-"
        data.update({prefix + "rating": rating.pk if rating else "", prefix + "evidence": evidence,
                     prefix + "links": "", prefix + "improvement": ""})  # fmt: skip
    return data


@pytest.fixture
def previous_round(world, framework):
    """The round two years ago: our agency rated itself "Partially met" (1) throughout."""
    previous = make_round(world, year=2024, agencies=[world.agency])
    old = previous.returns.get()
    level = framework.rating_levels.get(score=1)
    for standard in framework.standards.all():
        for requirement in standard.requirements.all():
            return_services.answer_save(agency_return=old, requirement=requirement, rating=level, evidence="2024 evidence",
                                 links="", improvement="Audit every team", actor=world.agency_lead)  # fmt: skip
        # "Partially met" needs a planned improvement for the standard before submission.
        PlannedImprovementFactory(agency_return=old, standard=standard, description="Audit every team",
                                          due_on=datetime.date(2025, 6, 30))  # fmt: skip
    return_services.return_submit(agency_return=old, actor=world.agency_lead)
    return_services.return_accept(agency_return=old, actor=world.business_unit)
    return previous


def open_round(world, framework, client_for, django_capture_on_commit_callbacks) -> Round:
    """The business unit sets up this year's round in the browser and opens it."""
    bu = client_for(world.business_unit)
    bu.post(url("round-create"), {
        "framework": framework.pk, "title": "Section 11 self-assessment 2026", "year": "2026",
        "opens_on": "1/9/2026", "due_on": "30/11/2026", "subgroup": world.subgroup.pk,
        "agencies": [world.agency.pk, world.other_agency.pk],
    })  # fmt: skip
    round_ = Round.objects.get(year=2026)
    with django_capture_on_commit_callbacks(execute=True):
        bu.post(url("round-open", round_.pk))
    assert {tuple(m.to) for m in mail.outbox} == {
        (world.agency_lead.email,),
        (world.other_agency_lead.email,),
    }
    return round_


@time_machine.travel(OPENED, tick=False)
def test_done_when(world, framework, previous_round, client_for, django_capture_on_commit_callbacks):
    round_ = open_round(world, framework, client_for, django_capture_on_commit_callbacks)
    assert round_.previous_round == previous_round
    ours = round_.returns.get(agency=world.agency)
    fully, mostly = framework.rating_levels.get(score=3), framework.rating_levels.get(score=2)

    # --- the agency lead, first visit: home page, the return, standard 1 saved as a draft -------
    lead = client_for(world.agency_lead)
    home = lead.get(reverse("partnership:home")).content.decode()
    assert ours.get_absolute_url() in home and "due 30 November 2026" in home
    assert "Last round's answer" in lead.get(ours.get_absolute_url()).content.decode()
    draft = standard_post(framework, 1, rating=fully, evidence="Board minutes, March 2026", button="draft")
    assert lead.post(url("return-standard", ours.pk, 1), draft)["Location"] == ours.get_absolute_url()
    requirement = framework.standards.get(number=1).requirements.first()
    with django_capture_on_commit_callbacks(execute=True):
        upload = lead.post(url("return-answer-file", ours.pk, requirement.pk), {
            "description": "Board minutes", "file": _upload("minutes.txt", b"Minutes of the board, March 2026"),
        })  # fmt: skip
    assert upload.status_code == 302
    lead.post(url("return-improvement-add", ours.pk), {"standard": framework.standards.get(number=5).pk,
              "description": "Level 2 training for all ward staff", "due_on": "30/6/2027", "lead_name": "Named nurse"})  # fmt: skip

    # --- second visit, signed in afresh: the answers are kept ----------------------------------
    lead = client_for(world.agency_lead)
    page = lead.get(url("return-standard", ours.pk, 1))
    assert "Board minutes, March 2026" in page.content.decode()
    assert all(form.initial["rating"] == fully.pk for form in page.context["forms"])
    for number in range(2, 8):  # standards 2 to 7, standard 8 left for later
        response = lead.post(url("return-standard", ours.pk, number),
                             standard_post(framework, number, rating=mostly, evidence=f"Evidence for {number}"))  # fmt: skip
        assert response.status_code == 302, response.content.decode()[:500]

    # --- submitting with standard 8 unanswered is refused, listing what is missing -------------
    missing = [r.reference for r in framework.standards.get(number=8).requirements.all()]
    check = lead.get(url("return-submit", ours.pk))
    assert [r.reference for r in check.context["missing"]] == missing
    refused = lead.post(url("return-submit", ours.pk))
    assert refused.status_code == 200
    assert all(reference in refused.content.decode() for reference in missing)
    assert Return.objects.get(pk=ours.pk).status == ReturnStatus.DRAFT
    lead.post(
        url("return-standard", ours.pk, 8), standard_post(framework, 8, rating=mostly, evidence="ISA audit")
    )
    assert lead.post(url("return-submit", ours.pk))["Location"] == ours.get_absolute_url()
    ours.refresh_from_db()
    assert ours.status == ReturnStatus.SUBMITTED and ours.submitted_by == world.agency_lead

    # --- a submitted return cannot be changed ---------------------------------------------------
    assert lead.post(url("return-standard", ours.pk, 1), standard_post(framework, 1, rating=mostly,
                     evidence="Changed after submitting")).status_code == 403  # fmt: skip
    assert (
        lead.post(
            url("return-improvement-add", ours.pk), {"description": "Late", "due_on": "1/1/2027"}
        ).status_code
        == 403
    )
    assert not ours.answers.filter(evidence="Changed after submitting").exists()
    assert PlannedImprovement.objects.filter(agency_return=ours).count() == 1

    # --- the business unit sets up a peer challenge session with the lay member -----------------
    bu = client_for(world.business_unit)
    response = bu.post(url("session-create", round_.pk), {
        "title": "Peer challenge panel A", "date": "10/12/2026", "members": [world.lay_member.pk, world.business_unit.pk],
        "returns": [ours.pk],
    })  # fmt: skip
    assert response.status_code == 302

    # --- the lay member records challenge on the assigned return, and sees no other -------------
    lay = client_for(world.lay_member)
    home = lay.get(reverse("partnership:home")).content.decode()
    assert url("challenge-summary", ours.pk) in home
    theirs = round_.returns.get(agency=world.other_agency)
    assert lay.get(theirs.get_absolute_url()).status_code == 404
    assert lay.get(url("challenge-summary", theirs.pk)).status_code == 404
    standard5 = framework.standards.get(number=5)
    form = lay.get(url("challenge", ours.pk, 5))
    assert "Evidence for 5" in form.content.decode()  # the agency's answers beside the form
    partially = framework.rating_levels.get(score=1)
    response = lay.post(url("challenge", ours.pk, 5), {
        "challenge": "Training records cover only 60% of ward staff.",
        "agency_response": "Agreed: a training plan is in place.", "moderated_rating": partially.pk,
    })  # fmt: skip
    assert response.status_code == 302
    summary = lay.get(url("challenge-summary", ours.pk)).content.decode()
    assert "Mostly met" in summary and "Partially met" in summary  # both ratings side by side
    challenge = ours.challenges.get(standard=standard5)
    assert challenge.recorded_by == world.lay_member and challenge.moderated_rating == partially
    assert Return.objects.get(pk=ours.pk).status == ReturnStatus.CHALLENGE

    # --- the business unit accepts it: the planned improvement becomes the agency's action -------
    confirm = bu.get(url("return-accept", ours.pk)).content.decode()
    assert "1 planned improvement will become" in confirm
    assert bu.post(url("return-accept", ours.pk))["Location"] == ours.get_absolute_url()
    ours.refresh_from_db()
    assert ours.status == ReturnStatus.ACCEPTED
    action = Action.objects.get(plan__source=round_.learning_source)
    assert action.owner_agency == world.agency and action.description == "Level 2 training for all ward staff"
    assert action.due_date == datetime.date(2027, 6, 30)
    assert lead.get(action.get_absolute_url()).status_code == 200  # the agency follows its own action

    # --- the heatmap and the change since the previous round ------------------------------------
    overview = bu.get(url("overview", round_.pk))
    grid = overview.context["grid"]
    row = next(r for r in grid["rows"] if r["return"] == ours)
    cells = {c["standard"].number: c for c in row["cells"]}
    assert cells[1]["text"] == "Fully met (self)" and cells[1]["change"] == 2
    assert cells[5]["text"] == "Partially met" and cells[5]["moderated"] and cells[5]["change"] == 0
    assert cells[2]["change"] == 1
    body = overview.content.decode()
    assert "up 2 since the last round" in body and "no change since the last round" in body
    assert bu.get(url("round-detail", round_.pk)).content.decode().count(url("overview", round_.pk)) >= 1

    # --- the other agency's lead: a 404 on every page, file and export of our return ------------
    walk_as_another_agency(world, ours, client_for)


def _upload(name, content):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content, content_type="text/plain")


def return_url_patterns() -> list[tuple[str, str, list[str]]]:
    """(name, route, parameter names) of every audits URL that takes a return or an evidence file."""
    found = []
    for pattern in get_resolver().url_patterns:
        if getattr(pattern, "namespace", None) != "audits":
            continue
        for child in pattern.url_patterns:
            route = str(child.pattern)
            if route.startswith(("returns/", "answer-files/")):
                found.append((child.name, route, re.findall(r"<int:(\w+)>", route)))
    return found


def walk_as_another_agency(world, ours, client_for):
    patterns = return_url_patterns()
    names = {name for name, _route, _params in patterns}
    # The walk covers the pages this issue added, not only those it started with.
    assert {"return-detail", "return-standard", "answer-file-download", "return-improvement-edit",
            "return-improvement-delete", "return-contributor-remove", "return-answer-file-delete", "challenge",
            "challenge-summary"} <= names  # fmt: skip
    status_before = Return.objects.get(pk=ours.pk).status
    evidence = AnswerFile.objects.get(answer__agency_return=ours)
    improvement = PlannedImprovement.objects.get(agency_return=ours)
    ours.contributors.add(world.no_role)
    values = {
        "pk": ours.pk,
        "number": 1,
        "requirement_pk": ours.round.framework.standards.get(number=1).requirements.first().pk,
        "improvement_pk": improvement.pk,
        "user_pk": world.no_role.pk,
        "file_pk": evidence.pk,
    }
    other = client_for(world.other_agency_lead)
    walked = []
    for name, route, params in patterns:
        kwargs = {p: values[p] for p in params}
        if route.startswith("answer-files/"):
            kwargs["pk"] = evidence.pk
        target = reverse(f"audits:{name}", kwargs=kwargs)
        assert other.get(target).status_code == 404, f"GET {target}"
        assert other.post(target, {"draft": "1", "comments": "x", "description": "x"}).status_code == 404, (
            f"POST {target}"
        )
        walked.append(name)
    assert len(walked) == len(patterns) >= 16
    # Nothing changed by all that posting.
    ours.refresh_from_db()
    assert ours.status == status_before and list(ours.contributors.all()) == [world.no_role]
    assert PlannedImprovement.objects.filter(pk=improvement.pk).exists()
    assert AnswerFile.objects.filter(pk=evidence.pk).exists()

    # The exports: the returns list's CSV holds none of our rows; the round's overview and its
    # exports (which show every agency) are not theirs to open.
    export = other.get(url("return-export") + f"?round={ours.round_id}")
    content = b"".join(export.streaming_content).decode("utf-8-sig")
    assert world.agency.name not in content and world.other_agency.name in content
    for name in ("overview", "overview-csv", "overview-xlsx", "overview-pdf"):
        assert other.get(url(name, ours.round_id)).status_code == 403, name
    listing = other.get(url("return-list")).content.decode()
    assert ours.get_absolute_url() not in listing
    round_page = other.get(url("round-detail", ours.round_id)).content.decode()
    assert ours.get_absolute_url() not in round_page and world.agency.name not in round_page
    # Our own lead still reaches the evidence file.
    assert client_for(world.agency_lead).get(url("answer-file-download", evidence.pk)).status_code == 200


def test_another_agency_gets_404_on_every_url_of_a_return_in_progress(world, framework, client_for):
    """The same walk while the return is a draft (the pages that edit it are live then)."""
    round_ = make_round(world)
    ours = round_.returns.get(agency=world.agency)
    requirement = framework.standards.get(number=1).requirements.first()
    return_services.answer_file_add(agency_return=ours, requirement=requirement, upload=_upload("policy.txt", b"Policy v4"),
                             description="Policy", actor=world.agency_lead)  # fmt: skip
    PlannedImprovementFactory(
        agency_return=ours, description="Audit supervision", due_on=datetime.date(2027, 3, 31)
    )
    assert Return.objects.get(pk=ours.pk).status == ReturnStatus.DRAFT
    walk_as_another_agency(world, ours, client_for)
    assert not ours.answers.exclude(evidence="").exists()  # nothing saved by the other agency's posts
    # The return's own lead, by contrast, opens the editing pages.
    lead = client_for(world.agency_lead)
    assert lead.get(url("return-standard", ours.pk, 1)).status_code == 200
    improvement = PlannedImprovement.objects.get()
    assert lead.get(url("return-improvement-edit", ours.pk, improvement.pk)).status_code == 200
