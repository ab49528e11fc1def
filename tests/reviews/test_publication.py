"""An LCSPR's publication duties: parallel proceedings hold the planned publication back until
the working day after the latest one still running, a moved date leaves a warning entry and the
clock board says why publication is held; the report stays published for at least 12 months;
the reviewer's appointment and the notifications of the decision are recorded.

Dates by hand: Wednesday 3 March 2027 -> the next working day is Thursday 4 March 2027;
Friday 26 March 2027 is Good Friday and Monday 29 March 2027 Easter Monday, so the working day
after Thursday 25 March 2027 is Tuesday 30 March 2027.
"""

import datetime
from html import unescape

import pytest
from django.urls import reverse

from partnership.services import DomainError
from reviews.clocks import clocks_for
from reviews.models import ParallelProceeding, PublicationWarning
from reviews.services import publication as publication_services
from reviews.services import reviews as review_services

from ..factories import ReviewFactory

pytestmark = pytest.mark.django_db

D = datetime.date


def body(response) -> str:
    return unescape(response.content.decode())


@pytest.fixture
def lcspr(world):
    return ReviewFactory(
        kind="lcspr", stage="final_report", subgroup=world.subgroup, title="Child T", reference="LCSPR-2026-01",
        notification=None, opened_on=D(2026, 6, 1), decided_on=D(2026, 6, 1),
        planned_publication_on=D(2027, 2, 1),
    )  # fmt: skip


def add(review, actor, kind="inquest", expected=None, **fields):
    expected = expected or D(2027, 3, 3)
    return publication_services.proceeding_save(
        proceeding=ParallelProceeding(review=review, kind=kind, expected_on=expected, **fields), actor=actor
    )


def test_an_inquest_pushes_the_planned_publication_to_the_working_day_after_it(world, lcspr):
    add(lcspr, world.business_unit)
    lcspr.refresh_from_db()
    assert lcspr.planned_publication_on == D(2027, 3, 4)
    assert lcspr.publication_hold == "inquest on 3 March 2027"
    notice = next(c for c in clocks_for(lcspr) if c.key == "publication_notice")
    assert notice.held == "Held: inquest on 3 March 2027"
    assert lcspr.history.first().history_user == world.business_unit


def test_the_latest_running_proceeding_holds_and_a_concluded_one_does_not(world, lcspr):
    add(lcspr, world.business_unit, kind="criminal_trial", expected=D(2027, 3, 25))
    inquest = add(lcspr, world.business_unit, expected=D(2027, 3, 3))
    lcspr.refresh_from_db()
    assert (lcspr.publication_hold, lcspr.planned_publication_on) == (
        "criminal trial on 25 March 2027",
        D(2027, 3, 30),
    )
    inquest.expected_on = D(2027, 5, 10)
    inquest.concluded_on = D(2027, 5, 10)
    publication_services.proceeding_save(proceeding=inquest, actor=world.business_unit)
    lcspr.refresh_from_db()
    assert lcspr.publication_hold == "criminal trial on 25 March 2027"


def test_a_later_planned_date_is_kept(world, lcspr):
    lcspr.planned_publication_on = D(2027, 6, 1)
    lcspr.save()
    add(lcspr, world.business_unit)
    lcspr.refresh_from_db()
    assert lcspr.planned_publication_on == D(2027, 6, 1)


def test_when_an_inquest_moves_the_review_records_a_warning_and_the_clock_board_says_why(
    world, lcspr, client_for
):
    inquest = add(lcspr, world.business_unit, expected=D(2027, 2, 3))
    client = client_for(world.business_unit)
    response = client.post(
        reverse("reviews:proceeding-edit", args=[inquest.pk]),
        {"kind": "inquest", "reference": "Coroner 123", "expected_on_day": "3", "expected_on_month": "3",
         "expected_on_year": "2027"},
    )  # fmt: skip
    assert response.status_code == 302
    warning = PublicationWarning.objects.get()
    assert (warning.previous_on, warning.expected_on, warning.recorded_by) == (
        D(2027, 2, 3), D(2027, 3, 3), world.business_unit,
    )  # fmt: skip
    assert warning.message == (
        "The inquest moved from 3 February 2027 to 3 March 2027. Planned publication moved to 4 March 2027."
    )
    board = body(client.get(reverse("reviews:clock-board")))
    assert "Held: inquest on 3 March 2027" in board
    page = body(client.get(lcspr.get_absolute_url()))
    assert "Publication held: inquest on 3 March 2027" in page
    assert warning.message in page


def test_a_planned_date_before_the_proceeding_ends_is_refused_by_its_field(world, lcspr):
    add(lcspr, world.business_unit)
    lcspr.refresh_from_db()
    lcspr.planned_publication_on = D(2027, 3, 3)
    with pytest.raises(DomainError) as refused:
        review_services.review_update(review=lcspr, actor=world.business_unit)
    assert refused.value.field == "planned_publication_on"
    assert "after the inquest on 3 March 2027: the earliest date is 4 March 2027" in refused.value.message


def test_a_published_report_is_kept_published_for_at_least_12_months(world, lcspr):
    lcspr.published_on = D(2026, 11, 30)
    review_services.review_update(review=lcspr, actor=world.business_unit)
    assert lcspr.published_until == D(2027, 11, 30)
    lcspr.published_until = D(2027, 11, 29)
    with pytest.raises(DomainError) as refused:
        review_services.review_update(review=lcspr, actor=world.business_unit)
    assert refused.value.field == "published_until"
    assert "until 30 November 2027 or later" in refused.value.message


def test_the_reviewer_appointment_notifications_and_response_are_recorded_and_shown(world, lcspr, client_for):
    client = client_for(world.business_unit)
    form = client.get(reverse("reviews:review-edit", args=[lcspr.pk])).context["form"]
    for name in ("reviewer_appointed_on", "reviewer_rationale", "decision_notified_to_panel_on",
                 "decision_notified_to_ofsted_on", "partnership_response", "response_published_on",
                 "published_until"):  # fmt: skip
        assert name in form.fields
    lcspr.reviewer_name = "Dr Ada Reviewer"
    lcspr.reviewer_appointed_on = D(2026, 7, 1)
    lcspr.reviewer_rationale = "Independent of every agency; led three systems reviews."
    lcspr.decision_notified_to_panel_on = D(2026, 6, 3)
    lcspr.decision_notified_to_ofsted_on = D(2026, 6, 4)
    lcspr.partnership_response = "The partners accept all five findings."
    review_services.review_update(review=lcspr, actor=world.business_unit)
    page = body(client.get(lcspr.get_absolute_url()))
    for text in ("Independent of every agency", "3 June 2026", "4 June 2026", "1 July 2026",
                 "The partners accept all five findings."):  # fmt: skip
        assert text in page


def test_only_those_who_manage_the_review_record_proceedings(world, lcspr):
    with pytest.raises(DomainError):
        add(lcspr, world.partnership_lead)
    assert not ParallelProceeding.objects.exists()
