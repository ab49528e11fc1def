"""The emailed links (training:link): cancel and approve pages, and the plain page for a link
that is expired, used, tampered with or made up."""

import datetime

import pytest
from django.core import mail, signing
from django.test import TestCase
from django.urls import reverse

from training import links
from training.models import Attendee, FormLink, LinkPurpose
from training.services import booking

from .factories import NOW, AttendeeFactory, CourseFactory, SessionFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]

START = datetime.datetime(2026, 12, 15, 9, 30, tzinfo=datetime.UTC)


def session_for(capacity=1, approval=False):
    course = CourseFactory(title="Exploitation: contextual safeguarding", requires_manager_approval=approval)
    return SessionFactory(
        course=course, capacity=capacity, starts_at=START, ends_at=START + datetime.timedelta(hours=2)
    )


def url_of(attendee, purpose) -> str:
    link = links.link_for(attendee, purpose, attendee.session.starts_at)
    return reverse("training:link", args=[links.token_for(link)])


def post(client, url, data=None):
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(url, data or {})


# --- cancelling by link ---------------------------------------------------------------------


def test_the_cancel_link_shows_the_booking_then_cancels_once_and_promotes(client):
    session = session_for(capacity=1)
    booked = AttendeeFactory(session=session, name="Ruth Ahmed")
    waiting = AttendeeFactory(session=session, status=Attendee.Status.WAITING, email="next@example.org")
    url = url_of(booked, LinkPurpose.CANCEL)

    page = client.get(url)
    assert page.status_code == 200
    assert "Are you sure you want to cancel your place?" in page.text
    assert "Ruth Ahmed" in page.text
    assert "Tuesday 15 December 2026, 09:30 to 11:30" in page.text

    done = post(client, url)
    assert done.status_code == 200
    assert "Cancelled" in done.text
    booked.refresh_from_db()
    waiting.refresh_from_db()
    assert booked.status == "cancelled"
    assert waiting.status == "booked"
    assert FormLink.objects.get(attendee=booked, purpose=LinkPurpose.CANCEL).used
    assert any(
        "A place has become available" in m.subject for m in mail.outbox if m.to == ["next@example.org"]
    )

    # Used: a second submit (or a later visit) changes nothing and says so plainly.
    for again in (client.get(url), post(client, url)):
        assert again.status_code == 410
        assert "This link has already been used" in again.text
        assert "Ruth Ahmed" not in again.text


def test_a_waiting_person_leaves_the_waiting_list(client):
    session = session_for(capacity=1)
    AttendeeFactory(session=session)
    waiting = AttendeeFactory(session=session, status=Attendee.Status.WAITING)
    url = url_of(waiting, LinkPurpose.CANCEL)
    assert "leave the waiting list" in client.get(url).text
    post(client, url)
    waiting.refresh_from_db()
    assert waiting.status == "cancelled"


def test_an_expired_link_is_refused_plainly(client, frozen):
    attendee = AttendeeFactory(session=session_for())
    url = url_of(attendee, LinkPurpose.CANCEL)
    frozen.move_to(START + datetime.timedelta(minutes=1))
    for response in (client.get(url), client.post(url)):
        assert response.status_code == 410
        assert "This link has expired" in response.text
        assert attendee.name not in response.text
    attendee.refresh_from_db()
    assert attendee.status == "booked"


@pytest.mark.parametrize("tamper", ["swap_key", "altered_key", "other_purpose", "garbage", "no_signature"])
def test_tampered_or_made_up_tokens_are_not_valid(client, tamper):
    attendee = AttendeeFactory(session=session_for())
    link = links.link_for(attendee, LinkPurpose.CANCEL, attendee.session.starts_at)
    token = links.token_for(link)
    other = AttendeeFactory(session=attendee.session)
    other_link = links.link_for(other, LinkPurpose.CANCEL, other.session.starts_at)
    key, signature = token.split(":", 1)
    bad = {
        "swap_key": f"{other_link.key.hex}:{signature}",
        "altered_key": f"{key[:-1]}{'0' if key[-1] != '0' else '1'}:{signature}",
        # A genuine signature, but for another purpose than the link's.
        "other_purpose": signing.Signer(salt=f"{links.SALT}.{LinkPurpose.APPROVE}").sign(key),
        "garbage": "abc:def",
        "no_signature": key,
    }[tamper]
    response = client.post(reverse("training:link", args=[bad]))
    assert response.status_code == 404
    assert "This link is not valid" in response.text
    assert not Attendee.objects.filter(status="cancelled").exists()


def test_an_approve_token_cannot_be_used_as_a_cancel_token(client):
    """The purpose is part of the signature: a manager's link only ever approves."""
    attendee = AttendeeFactory(session=session_for(approval=True), status=Attendee.Status.AWAITING_APPROVAL)
    response = client.get(url_of(attendee, LinkPurpose.APPROVE))
    assert "Do you approve" in response.text
    assert "cancel your place" not in response.text


# --- the manager's approval -----------------------------------------------------------------


def test_the_manager_approves_from_the_link(client):
    attendee = AttendeeFactory(
        session=session_for(approval=True),
        status=Attendee.Status.AWAITING_APPROVAL,
        name="Tom Okafor",
        job_role="Youth worker",
    )
    url = url_of(attendee, LinkPurpose.APPROVE)
    page = client.get(url)
    assert page.status_code == 200
    assert "Do you approve Tom Okafor" in page.text
    assert "Youth worker" in page.text

    done = post(client, url, {"decision": "approve"})
    assert done.status_code == 200
    assert "Place approved" in done.text
    attendee.refresh_from_db()
    assert attendee.status == "booked"
    assert mail.outbox[-1].to == [attendee.email]
    assert client.get(url).status_code == 410


def test_the_manager_declines_with_a_reason_and_the_place_goes_to_the_waiting_list(client):
    session = session_for(capacity=1, approval=True)
    attendee = AttendeeFactory(session=session, status=Attendee.Status.AWAITING_APPROVAL)
    waiting = AttendeeFactory(session=session, status=Attendee.Status.WAITING)
    done = post(
        client, url_of(attendee, LinkPurpose.APPROVE), {"decision": "decline", "reason": "Not this term"}
    )
    assert "Place declined" in done.text
    attendee.refresh_from_db()
    waiting.refresh_from_db()
    assert attendee.status == "declined"
    assert waiting.status == "awaiting_approval"
    declined_email = next(m for m in mail.outbox if m.to == [attendee.email])
    assert "Not this term" in declined_email.body


def test_the_decision_is_required_and_what_was_typed_is_kept(client):
    attendee = AttendeeFactory(session=session_for(approval=True), status=Attendee.Status.AWAITING_APPROVAL)
    url = url_of(attendee, LinkPurpose.APPROVE)
    response = client.post(url, {"reason": "Ask me next month"})
    assert response.status_code == 200
    assert "Choose whether you approve the place" in response.text
    assert "Ask me next month" in response.text
    assert not FormLink.objects.get(attendee=attendee, purpose=LinkPurpose.APPROVE).used
    attendee.refresh_from_db()
    assert attendee.status == "awaiting_approval"


def test_nothing_to_approve_once_the_practitioner_has_cancelled(client):
    attendee = AttendeeFactory(session=session_for(approval=True), status=Attendee.Status.AWAITING_APPROVAL)
    url = url_of(attendee, LinkPurpose.APPROVE)
    with TestCase.captureOnCommitCallbacks(execute=True):
        booking.place_cancel(attendee=attendee)
    response = client.get(url)
    assert response.status_code == 200
    assert "There is nothing to approve" in response.text
    response = client.post(url, {"decision": "approve"})
    attendee.refresh_from_db()
    assert attendee.status == "cancelled"


@pytest.mark.parametrize(
    "purpose, view",
    [
        (LinkPurpose.EVALUATION, "evaluation_link_view"),
        (LinkPurpose.FOLLOW_UP_PARTICIPANT, "follow_up_link_view"),
        (LinkPurpose.FOLLOW_UP_MANAGER, "follow_up_link_view"),
    ],
)
def test_feedback_links_are_handed_to_the_feedback_forms(client, monkeypatch, purpose, view):
    """Only usable links are handed on; the feedback area's own views are stood in for here."""
    from django.http import HttpResponse

    from training.views.feedback import answers as feedback_answers

    seen = []

    def stand_in(request, link):
        seen.append(link)
        return HttpResponse("feedback form")

    monkeypatch.setattr(feedback_answers, view, stand_in)
    attendee = AttendeeFactory(session=session_for(), attended=True)
    url = url_of(attendee, purpose)
    assert client.get(url).text == "feedback form"
    assert [link.purpose for link in seen] == [purpose]
    FormLink.objects.filter(attendee=attendee).update(used_at=NOW)
    assert client.get(url).status_code == 410
    assert len(seen) == 1
