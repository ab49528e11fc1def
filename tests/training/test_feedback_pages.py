"""The evaluation and follow-up forms behind emailed links, and the impact examples pages."""

import csv
import datetime
import io
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import ActionFactory, ActionPlanFactory, FindingFactory, ThemeFactory
from tests.queries import capturing
from training import links
from training.models import Evaluation, FollowUp, LinkPurpose

from .factories import (
    AttendeeFactory,
    CourseFactory,
    FollowUpFactory,
    LearningOutcomeFactory,
    ProgrammeFactory,
    SessionFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def attendee(world):
    course = CourseFactory(title="Recognising neglect", programme=ProgrammeFactory(subgroup=world.subgroup))
    LearningOutcomeFactory(course=course, number=1, text="Recognise the signs of neglect")
    LearningOutcomeFactory(course=course, number=2, text="Use the Graded Care Profile")
    return AttendeeFactory(session=SessionFactory(course=course), attended=True, name="Robin Practitioner")


def link_url(attendee, purpose):
    link = links.link_for(attendee, purpose, timezone.now() + datetime.timedelta(days=7))
    return reverse("training:link", args=[links.token_for(link)]), link


def evaluation_data(attendee, **overrides):
    data = {"overall_rating": "4", "will_do_differently": "Ask about the home", "comments": ""}
    for outcome in attendee.session.course.outcomes.all():
        data[f"outcome_{outcome.pk}_before"] = "2"
        data[f"outcome_{outcome.pk}_after"] = "4"
    data.update(overrides)
    return data


# --- the forms behind links ------------------------------------------------------------------


def test_the_evaluation_form_asks_each_outcome_before_and_after(client, attendee):
    url, _link = link_url(attendee, LinkPurpose.EVALUATION)
    response = client.get(url)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Evaluate Recognising neglect" in page and "Robin Practitioner" in page
    assert page.count('<fieldset class="govuk-fieldset">') >= 2  # one per learning outcome
    assert "Recognise the signs of neglect" in page and "Use the Graded Care Profile" in page
    assert page.count('type="radio"') == 5 + 2 * 2 * 5
    assert "1: poor" in page and "5: very confident" in page


def test_sending_the_evaluation_saves_it_and_thanks_the_person(client, attendee):
    url, _link = link_url(attendee, LinkPurpose.EVALUATION)
    response = client.post(url, evaluation_data(attendee))
    assert response.status_code == 200
    assert "Evaluation sent" in response.content.decode()
    evaluation = Evaluation.objects.get(attendee=attendee)
    assert evaluation.overall_rating == 4 and evaluation.confidences.count() == 2
    # Sending again (a reload, a double click): the plain "already used" page, nothing saved twice.
    again = client.post(url, evaluation_data(attendee, overall_rating="1"))
    assert again.status_code == 410 and "already been used" in again.content.decode()
    assert Evaluation.objects.get().overall_rating == 4


def test_a_missing_answer_is_shown_in_the_summary_and_by_the_field_keeping_what_was_typed(client, attendee):
    url, link = link_url(attendee, LinkPurpose.EVALUATION)
    first = attendee.session.course.outcomes.get(number=1)
    data = evaluation_data(attendee, will_do_differently="Ask to see the child's bedroom")
    del data["overall_rating"]
    del data[f"outcome_{first.pk}_after"]
    response = client.post(url, data)
    page = response.content.decode()
    assert response.status_code == 200 and "There is a problem" in page
    assert page.count("Choose a rating for the session, from 1 to 5.") == 2  # summary and field
    assert page.count("Choose how confident you are now in outcome 1.") == 2
    assert f'href="#id_outcome_{first.pk}_after_0"' in page
    assert "Ask to see the child&#x27;s bedroom" in page
    kept = rf'name="outcome_{first.pk}_before"\s+type="radio"\s+value="2"\s+checked'
    assert re.search(kept, page) and len(re.findall(r"\bchecked\b", page)) == 3  # 2nd outcome, both
    assert not Evaluation.objects.exists()
    link.refresh_from_db()
    assert not link.used


def test_the_participant_follow_up(client, attendee):
    url, _link = link_url(attendee, LinkPurpose.FOLLOW_UP_PARTICIPANT)
    page = client.get(url).content.decode()
    assert "Has your practice changed since the course?" in page
    assert "What difference has it made for children and families?" in page
    response = client.post(url, {"practice_changed": "yes", "how": "Chronologies", "example": "Child A",
                                 "difference_for_children": "Earlier help", "barriers": ""})  # fmt: skip
    assert "Answers sent" in response.content.decode()
    answer = FollowUp.objects.get()
    assert answer.respondent == "participant" and answer.example == "Child A"


def test_the_manager_follow_up_asks_two_questions_about_the_participant(client, attendee):
    url, _link = link_url(attendee, LinkPurpose.FOLLOW_UP_MANAGER)
    page = client.get(url).content.decode()
    assert "Have you seen a change in Robin Practitioner&#x27;s practice since the course?" in page
    assert "What difference has it made" not in page
    response = client.post(url, {"practice_changed": ""})
    assert "Say whether you have seen a change in their practice." in response.content.decode()
    response = client.post(url, {"practice_changed": "partly", "example": "Better referrals"})
    assert "Answers sent" in response.content.decode()
    assert FollowUp.objects.get().respondent == "manager"


def test_an_expired_or_tampered_link_is_refused(client, attendee):
    link = links.link_for(attendee, LinkPurpose.EVALUATION, timezone.now() - datetime.timedelta(minutes=1))
    token = links.token_for(link)
    assert client.get(reverse("training:link", args=[token])).status_code == 410
    assert client.get(reverse("training:link", args=[token[:-2] + "xx"])).status_code == 404


# --- impact examples ---------------------------------------------------------------------------


@pytest.fixture
def examples(world):
    programme = ProgrammeFactory(year=2026, subgroup=world.subgroup)
    older = ProgrammeFactory(year=2025, subgroup=world.subgroup)
    theme = ThemeFactory()
    one = FollowUpFactory(
        attendee__session__course=CourseFactory(programme=programme, title="Neglect"),
        example="Used the Graded Care Profile",
    )
    one.themes.add(theme)
    two = FollowUpFactory(
        attendee__session__course=CourseFactory(programme=older, title="Exploitation"),
        respondent="manager",
        example="Spotted grooming signs",
    )
    FollowUpFactory(attendee__session__course=one.attendee.session.course, example="")  # no example
    return {"tagged": one, "untagged": two, "theme": theme, "programme": programme}


def rows_of(client, query=""):
    response = client.get(reverse("training:impact-example-export") + query)
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_the_list_shows_examples_and_filters_them(world, client_for, examples):
    client = client_for(world.partnership_lead)
    page = client.get(reverse("training:impact-example-list")).content.decode()
    assert "Used the Graded Care Profile" in page and "Spotted grooming signs" in page
    assert "Showing 1 to 2 of 2 examples" in page
    for query, shown in [
        ("?tagged=yes", "Used the Graded Care Profile"),
        ("?tagged=no", "Spotted grooming signs"),
        ("?year=2025", "Spotted grooming signs"),
        ("?respondent=manager", "Spotted grooming signs"),
        (f"?theme={examples['theme'].pk}", "Used the Graded Care Profile"),
        (f"?course={examples['tagged'].attendee.session.course_id}", "Used the Graded Care Profile"),
    ]:
        page = client.get(reverse("training:impact-example-list") + query).content.decode()
        assert "Showing 1 to 1 of 1 example." in page and shown in page, query


def test_the_csv_has_the_same_filters(world, client_for, examples):
    client = client_for(world.business_unit)
    header, *rows = rows_of(client)
    assert header[:3] == ["Submitted", "Programme year", "Course"] and len(rows) == 2
    [row] = rows_of(client, "?tagged=yes")[1:]
    assert (
        row[1] == "2026/27" and row[2] == "Neglect" and row[header.index("Themes")] == examples["theme"].name
    )


def test_the_list_costs_the_same_queries_for_more_examples(world, client_for, examples):
    client = client_for(world.business_unit)
    client.get(reverse("training:impact-example-list"))
    with capturing() as small:
        client.get(reverse("training:impact-example-list"))
    for _ in range(5):
        FollowUpFactory(attendee__session__course=examples["tagged"].attendee.session.course).themes.add(
            examples["theme"]
        )
    with capturing() as large:
        client.get(reverse("training:impact-example-list"))
    assert len(large) == len(small)


def test_the_business_unit_tags_an_example(world, client_for, examples):
    example = examples["untagged"]
    action = ActionFactory(plan=ActionPlanFactory(subgroup=world.subgroup), description="Neglect briefing")
    finding = FindingFactory(title="Grooming was missed")
    url = reverse("training:impact-example-tag", args=[example.pk])
    client = client_for(world.business_unit)
    page = client.get(url).content.decode()
    assert "Neglect briefing" in page and "Grooming was missed" in page
    response = client.post(
        url, {"themes": [examples["theme"].pk], "action": action.pk, "finding": finding.pk}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("training:impact-example-detail", args=[example.pk])
    example.refresh_from_db()
    assert example.action == action and example.finding == finding
    assert list(example.themes.all()) == [examples["theme"]]
    detail = client.get(response["Location"]).content.decode()
    assert "Impact example tagged" in detail and "Grooming was missed" in detail


def test_an_action_not_offered_is_refused(world, client_for, examples):
    url = reverse("training:impact-example-tag", args=[examples["untagged"].pk])
    response = client_for(world.business_unit).post(url, {"action": "999999"})
    assert response.status_code == 200 and "There is a problem" in response.content.decode()


def test_an_answer_without_an_example_is_not_an_impact_example(world, client_for, examples):
    no_example = FollowUp.objects.get(example="")
    url = reverse("training:impact-example-detail", args=[no_example.pk])
    assert client_for(world.business_unit).get(url).status_code == 404


def test_the_empty_list_says_what_happens_next(world, client_for):
    page = client_for(world.business_unit).get(reverse("training:impact-example-list")).content.decode()
    assert "No impact examples yet" in page and "Three months after each session" in page
