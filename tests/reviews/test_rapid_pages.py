"""The notification and Rapid Review pages: the journey, form errors and who sees what."""

import datetime
import re
from html import unescape
from pathlib import Path

import pytest
import time_machine
from django.conf import settings
from django.core import mail
from django.urls import reverse

from reviews.models import Decision, Notification, Review, ReviewAccess, ReviewKind, Stage
from reviews.services import rapid as rapid_services
from tests.factories import NotificationFactory, ReviewFactory
from tests.queries import capturing

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture(autouse=True)
def frozen_today():
    with time_machine.travel(datetime.datetime(2027, 1, 15, 10, 0, tzinfo=datetime.UTC), tick=False):
        yield


def notification_data(world, **overrides):
    data = {
        "reference": "SIN-2027-01",
        "became_aware_on": "11/01/2027",
        "notified_on": "12/01/2027",
        "incident": "serious_harm",
        "abuse_or_neglect": "suspected",
        "summary": "Child Q and Child R were found alone at home.",
        "area": "",
        "agencies": [world.agency.pk, world.other_agency.pk],
        "child-TOTAL_FORMS": "4",
        "child-INITIAL_FORMS": "0",
        "child-MIN_NUM_FORMS": "0",
        "child-MAX_NUM_FORMS": "4",
        "child-0-pseudonym": "Child Q",
        "child-0-age_band": "1_4",
        "child-0-looked_after": "on",
        "child-1-pseudonym": "Child R",
        "child-1-age_band": "5_9",
    }
    data.update(overrides)
    return data


def rapid_review(world, **fields):
    """A Rapid Review overseen by world.subgroup, asking world.agency and world.other_agency."""
    review = ReviewFactory(subgroup=world.subgroup, **fields)
    for agency in (world.agency, world.other_agency):
        rapid_services.request_agency(
            review=review, agency=agency, due_on=D(2027, 1, 22), actor=world.business_unit
        )
    return review


def test_the_journey_from_notification_to_lcspr(client_for, world, django_capture_on_commit_callbacks):
    bu = client_for(world.business_unit)

    # Record the notification with two children.
    response = bu.post(reverse("reviews:notification-create"), notification_data(world))
    notification = Notification.objects.get(reference="SIN-2027-01")
    assert response.status_code == 302 and response.url == notification.get_absolute_url()
    assert [(c.pseudonym, c.looked_after) for c in notification.children.all()] == [
        ("Child Q", True),
        ("Child R", False),
    ]
    page = bu.get(notification.get_absolute_url()).content.decode()
    assert "Open the Rapid Review" in page and "Child R" in page

    # Open the Rapid Review: the form suggests a reference, the first child and the agencies.
    url = reverse("reviews:rapid-review-open", args=[notification.pk])
    form = bu.get(url).content.decode()
    assert 'value="RR-2027-1"' in form and 'value="Child Q"' in form
    assert all(f'name="due_on_{part}" type="text" inputmode="numeric" value="{value}"' in form
               for part, value in (("day", "22"), ("month", "1"), ("year", "2027")))  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        response = bu.post(
            url,
            {
                "reference": "RR-2027-1",
                "title": "Child Q",
                "lead": world.business_unit.pk,
                "subgroup": world.subgroup.pk,
                "agencies": [world.agency.pk, world.other_agency.pk],
                "due_on": "22/01/2027",
            },
        )
    review = Review.objects.get(reference="RR-2027-1")
    assert response.status_code == 302 and response.url == review.get_absolute_url()
    assert len(mail.outbox) == 2
    assert "Open the Rapid Review" not in bu.get(notification.get_absolute_url()).content.decode()

    # The agency lead answers their request.
    request = review.agency_requests.get(agency=world.agency)
    lead = client_for(world.agency_lead)
    assert "Your agency&#x27;s involvement" in lead.get(request.get_absolute_url()).content.decode()
    response = lead.post(
        request.get_absolute_url(),
        {"involvement": "Health visiting since May.", "analysis": "Missed the signs."},
    )
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.is_answered and request.responded_by == world.agency_lead

    # The panel reads it, and the read is logged.
    rapid_services.panel_member_add(
        review=review, user=world.no_role, role="member", actor=world.business_unit
    )
    panel = client_for(world.no_role)
    page = panel.get(request.get_absolute_url()).content.decode()
    assert "Health visiting since May." in page and "<textarea" not in page
    assert ReviewAccess.objects.filter(review=review, user=world.no_role, what="agency summary").exists()

    # A partnership lead records the decision.
    response = client_for(world.partnership_lead).post(
        reverse("reviews:decision", args=[review.pk]),
        {
            "criteria": ["abuse_or_neglect", "serious_harm", "multi_agency_concern"],
            "decision": Decision.LCSPR,
            "decision_rationale": "Concerns about information sharing.",
            "decided_by": "The three safeguarding partners",
            "decided_on": "15/01/2027",
        },
    )
    assert response.status_code == 302
    review.refresh_from_db()
    assert review.stage == Stage.DECIDED and review.criteria["multi_agency_concern"] is True

    # The business unit opens the LCSPR.
    url = reverse("reviews:follow-on-open", args=[review.pk])
    assert 'value="LCSPR-2027-1"' in bu.get(url).content.decode()
    response = bu.post(url, {"reference": "LCSPR-2027-1"})
    lcspr = Review.objects.get(reference="LCSPR-2027-1")
    assert lcspr.kind == ReviewKind.LCSPR and lcspr.rapid_review == review
    assert response.status_code == 302 and response.url == lcspr.get_absolute_url()


def test_bad_input_keeps_what_was_typed_with_errors_by_the_field(client_for, world):
    bu = client_for(world.business_unit)
    data = notification_data(
        world,
        became_aware_on="31/02/2027",
        summary="Typed summary stays",
        **{"child-1-age_band": "", "child-2-pseudonym": "Child S"},
    )
    response = bu.post(reverse("reviews:notification-create"), data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert "Enter the date as day/month/year" in page
    assert "Choose the child&#x27;s age band" in page
    assert "Typed summary stays" in page and 'value="Child S"' in page
    assert 'id="id_child-1-age_band-error"' in page
    assert not Notification.objects.exists()


def test_a_service_refusal_is_shown_by_its_field(client_for, world):
    bu = client_for(world.business_unit)
    data = notification_data(world, notified_on="10/01/2027", **{"child-1-pseudonym": "Child Q"})
    page = bu.post(reverse("reviews:notification-create"), data).content.decode()
    assert "Give each child a different pseudonym." in page
    data = notification_data(world, notified_on="10/01/2027")
    page = bu.post(reverse("reviews:notification-create"), data).content.decode()
    assert 'id="id_notified_on-error"' in page and "cannot be notified before" in page


def test_an_answer_without_involvement_is_refused_by_the_field(client_for, world):
    review = rapid_review(world)
    request = review.agency_requests.get(agency=world.agency)
    page = client_for(world.agency_lead).post(
        request.get_absolute_url(), {"involvement": "", "analysis": "Kept"}
    )
    assert "Describe your agency&#x27;s involvement" in page.content.decode()
    assert "Kept" in page.content.decode()


def test_an_agency_lead_sees_only_their_agencys_request(client_for, world):
    review = rapid_review(world)
    mine = review.agency_requests.get(agency=world.agency)
    theirs = review.agency_requests.get(agency=world.other_agency)
    rapid_services.request_answer(
        request=theirs, involvement="Other agency secret", analysis="", actor=world.other_agency_lead
    )
    rapid_services.chronology_add(
        entry=review.chronology.model(
            review=review, date=D(2027, 1, 2), agency=world.other_agency, event="Chronology secret"
        ),
        actor=world.business_unit,
    )
    lead = client_for(world.agency_lead)
    assert lead.get(theirs.get_absolute_url()).status_code == 404
    assert lead.get(reverse("reviews:review-detail", args=[review.pk])).status_code == 404
    assert lead.get(reverse("reviews:notification-detail", args=[review.notification.pk])).status_code == 404
    page = lead.get(mine.get_absolute_url()).content.decode()
    assert "Other agency secret" not in page and "Chronology secret" not in page
    assert reverse("reviews:review-detail", args=[review.pk]) not in page
    listing = lead.get(reverse("reviews:request-list")).content.decode()
    assert mine.get_absolute_url() in listing and theirs.get_absolute_url() not in listing


@pytest.mark.parametrize("role", ["lay_member", "peer_challenger"])
def test_lay_members_and_peer_challengers_see_nothing_here(client_for, world, role):
    review = rapid_review(world)
    request = review.agency_requests.first()
    member = rapid_services.panel_member_add(
        review=review, user=world.no_role, role="member", actor=world.business_unit
    )
    client = client_for(world.person(role))
    for url in (
        reverse("reviews:notification-detail", args=[review.notification.pk]),
        reverse("reviews:notification-edit", args=[review.notification.pk]),
        reverse("reviews:rapid-review-open", args=[review.notification.pk]),
        reverse("reviews:request-detail", args=[request.pk]),
        reverse("reviews:request-add", args=[review.pk]),
        reverse("reviews:chronology-add", args=[review.pk]),
        reverse("reviews:panel-add", args=[review.pk]),
        reverse("reviews:panel-remove", args=[member.pk]),
        reverse("reviews:panel-dates", args=[review.pk]),
        reverse("reviews:decision", args=[review.pk]),
        reverse("reviews:follow-on-open", args=[review.pk]),
    ):
        assert client.get(url).status_code == 404, url
    assert review.reference not in client.get(reverse("reviews:request-list")).content.decode()
    assert (
        review.notification.reference not in client.get(reverse("reviews:notification-list")).content.decode()
    )


def test_a_partnership_lead_decides_but_does_not_open_reviews(client_for, world):
    review = rapid_review(world)
    lead = client_for(world.partnership_lead)
    assert lead.get(reverse("reviews:decision", args=[review.pk])).status_code == 200
    assert lead.get(reverse("reviews:notification-create")).status_code == 403
    notification = NotificationFactory()
    assert lead.get(reverse("reviews:rapid-review-open", args=[notification.pk])).status_code == 403
    decided = ReviewFactory(subgroup=world.subgroup, stage=Stage.DECIDED, decision=Decision.LCSPR)
    assert lead.get(reverse("reviews:follow-on-open", args=[decided.pk])).status_code == 403
    response = lead.post(reverse("reviews:follow-on-open", args=[decided.pk]), {"reference": "LCSPR-2027-9"})
    assert response.status_code == 403
    assert not Review.objects.filter(reference="LCSPR-2027-9").exists()


def test_a_custody_death_cannot_be_decided_no_further_review(client_for, world):
    review = rapid_review(world)
    response = client_for(world.business_unit).post(
        reverse("reviews:decision", args=[review.pk]),
        {
            "criteria": ["death_in_custody"],
            "decision": Decision.NO_FURTHER,
            "decision_rationale": "Typed rationale",
            "decided_by": "Partners",
            "decided_on": "15/01/2027",
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_decision-error"' in page and "always needs an LCSPR" in page
    assert "Typed rationale" in page
    assert "Deprivation of Liberty Order" in page  # the statutory criteria beside the checklist


def test_the_review_page_shows_the_rapid_review_section(client_for, world):
    review = rapid_review(world)
    rapid_services.chronology_add(
        entry=review.chronology.model(
            review=review, date=D(2027, 1, 2), agency=world.agency, event="GP visit"
        ),
        actor=world.business_unit,
    )
    page = client_for(world.subgroup_member).get(review.get_absolute_url()).content.decode()
    assert "Agency summaries" in page and "GP visit" in page
    assert "Panel members can see this review" in page
    assert "Due in 5 working days" in page


def test_the_notification_list_filters_and_has_an_empty_state(client_for, world):
    bu = client_for(world.business_unit)
    page = bu.get(reverse("reviews:notification-list")).content.decode()
    assert "No notifications have been recorded yet" in page
    rapid_review(world)
    NotificationFactory(reference="SIN-2027-77", became_aware_on=D(2027, 1, 3))
    page = bu.get(reverse("reviews:notification-list"), {"has_rapid_review": "no"}).content.decode()
    assert "SIN-2027-77" in page
    page = bu.get(reverse("reviews:notification-list"), {"has_rapid_review": "yes", "sort": "-reference"})
    assert "SIN-2027-77" not in page.content.decode()


def test_panel_members_are_removed_after_confirmation(client_for, world):
    review = rapid_review(world)
    member = rapid_services.panel_member_add(
        review=review, user=world.no_role, role="member", actor=world.business_unit
    )
    chair = client_for(world.subgroup_chair)
    url = reverse("reviews:panel-remove", args=[member.pk])
    assert "Remove from the panel" in chair.get(url).content.decode()
    assert review.panel_members.exists()
    assert chair.post(url).status_code == 302
    assert not review.panel_members.exists()


@pytest.mark.parametrize("url_name", ["reviews:notification-list", "reviews:request-list"])
def test_the_lists_cost_the_same_queries_at_two_sizes(client_for, world, url_name):
    bu = client_for(world.business_unit)
    rapid_review(world)
    with capturing() as small:
        assert bu.get(reverse(url_name)).status_code == 200
    for _ in range(4):
        rapid_review(world)
    with capturing() as large:
        assert bu.get(reverse(url_name)).status_code == 200
    assert len(large.captured_queries) == len(small.captured_queries)


# --- recording a notification is where the business unit looks first ---------------------------


def hrefs(page: str) -> set[str]:
    return set(re.findall(r'href="([^"#?]+)', page))


def test_the_business_unit_is_offered_record_a_notification_wherever_it_starts(client_for, world):
    """A partnership with no review yet: the list, its empty state, the "Open a case review" page,
    the home page and the menu all lead to recording a notification and to the notifications."""
    bu = client_for(world.business_unit)
    create, listing = reverse("reviews:notification-create"), reverse("reviews:notification-list")
    empty = bu.get(reverse("reviews:review-list")).content.decode()
    assert empty.count(f'href="{create}"') == 2  # the button, and the empty state's sentence
    assert listing in hrefs(empty)
    assert {create, listing} <= hrefs(bu.get(reverse("reviews:review-create")).content.decode())
    assert {create, listing} <= hrefs(bu.get(reverse("partnership:home")).content.decode())
    nav = bu.get(reverse("partnership:home")).context["nav_items"]
    item = next(i for i in nav if i["label"] == "Case reviews")
    section = bu.get(item["url"]).content.decode()
    assert {reverse("reviews:review-list"), listing} <= hrefs(section)
    assert "Case reviews" in [i["label"] for i in bu.get(listing).context["nav_items"] if i["active"]]
    rapid_review(world)
    assert create in hrefs(bu.get(reverse("reviews:review-list")).content.decode())


@pytest.mark.parametrize("role", ["partnership_lead", "subgroup_chair", "subgroup_member"])
def test_only_those_who_record_notifications_are_offered_it(client_for, world, role):
    rapid_review(world)
    client = client_for(world.person(role))
    create, listing = reverse("reviews:notification-create"), reverse("reviews:notification-list")
    for url in (reverse("reviews:review-list"), reverse("partnership:home")):
        assert create not in hrefs(client.get(url).content.decode())
    nav = client.get(reverse("partnership:home")).context["nav_items"]
    assert all(listing != url for i in nav for url in [i["url"], *i.get("also", [])])


# --- the decision, with the agencies that had not answered ------------------------------------


def decision_data(**overrides):
    data = {
        "criteria": ["abuse_or_neglect", "serious_harm", "multi_agency_concern"],
        "decision": Decision.LCSPR,
        "decision_rationale": "Concerns about information sharing.",
        "decided_by": "The three safeguarding partners",
        "decided_on": "15/01/2027",
    }
    data.update(overrides)
    return data


def test_the_decision_page_warns_of_unanswered_summaries_and_the_review_records_it(client_for, world):
    review = rapid_review(world)
    rapid_services.request_answer(
        request=review.agency_requests.get(agency=world.agency),
        involvement="Health visiting since May.",
        analysis="",
        actor=world.agency_lead,
    )
    lead = client_for(world.partnership_lead)
    url = reverse("reviews:decision", args=[review.pk])
    page = unescape(lead.get(url).content.decode())
    warning = page.split('class="govuk-warning-text"', 1)[1].split("</div>", 1)[0]
    assert "Eastmoor Health Trust" in warning and "Northbrook" not in warning
    assert "1 agency has not given its summary" in warning
    response = lead.post(url, decision_data())
    assert response.status_code == 302  # a warning, not a refusal
    review.refresh_from_db()
    assert review.decided_without == ["Eastmoor Health Trust"]
    shown = unescape(lead.get(review.get_absolute_url()).content.decode())
    assert "Decided without the summaries of" in shown and "Eastmoor Health Trust" in shown


def test_the_decision_page_has_no_warning_once_every_agency_has_answered(client_for, world):
    review = rapid_review(world)
    for request, lead in ((review.agency_requests.get(agency=world.agency), world.agency_lead),
                          (review.agency_requests.get(agency=world.other_agency), world.other_agency_lead)):  # fmt: skip
        rapid_services.request_answer(request=request, involvement="Known.", analysis="", actor=lead)
    bu = client_for(world.business_unit)
    page = bu.get(reverse("reviews:decision", args=[review.pk])).content.decode()
    assert "has not given its summary" not in page and "have not given their summaries" not in page
    assert bu.post(reverse("reviews:decision", args=[review.pk]), decision_data()).status_code == 302
    review.refresh_from_db()
    assert review.decided_without == []
    assert "Decided without the summaries of" not in bu.get(review.get_absolute_url()).content.decode()


# --- the notification page: due dates and a stage tag that does not wrap -----------------------


def words(page: str) -> str:
    """The page's text as a person reads it: tags dropped, spaces collapsed."""
    return " ".join(re.sub(r"<[^>]+>", " ", page).split())


def test_the_notification_page_shows_its_due_dates_and_its_reviews_stage(client_for, world):
    """Aware on Monday 11 January 2027: the Panel is told within 5 working days (Monday 18th);
    notified on Tuesday 12th, the Rapid Review is due 15 working days later (2 February)."""
    review = rapid_review(world, notification=NotificationFactory(became_aware_on=D(2027, 1, 11),
                                                                 notified_on=D(2027, 1, 12)))  # fmt: skip
    page = unescape(
        client_for(world.business_unit).get(review.notification.get_absolute_url()).content.decode()
    )
    text = words(page)
    assert "Notify the national Panel by 18 January 2027" in text
    assert "Met, 4 working days early" in text
    assert "Rapid Review sent to the national Panel by 2 February 2027" in text
    assert "Due in 12 working days" in text
    assert re.search(
        r'<strong class="govuk-tag [^"]*app-tag--nowrap[^"]*">Gathering agency information</strong>', page
    )


def test_a_notification_without_its_rapid_review_shows_the_clock_counting(client_for, world):
    notification = NotificationFactory(became_aware_on=D(2027, 1, 11), notified_on=None)
    text = words(
        unescape(client_for(world.business_unit).get(notification.get_absolute_url()).content.decode())
    )
    assert "Notify the national Panel by 18 January 2027" in text and "Due in 1 working day" in text
    assert "Rapid Review sent to the national Panel by 1 February 2027" in text


def test_tags_in_tables_and_summary_lists_do_not_wrap():
    """GOV.UK Frontend caps a tag at 160px, so "Gathering agency information" broke over three
    lines in a table cell; the project's modifier lifts the cap and keeps the tag on one line."""
    scss = (Path(settings.BASE_DIR) / "static" / "src" / "_app.scss").read_text()
    rule = re.search(r"\.app-tag--nowrap\s*\{([^}]*)\}", scss)
    assert rule and "white-space: nowrap" in rule.group(1) and "max-width: none" in rule.group(1)
