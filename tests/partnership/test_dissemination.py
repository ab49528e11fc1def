"""Dissemination that reaches people: a source's dissemination plan, the cascade each named
agency is asked for when a briefing is published (emailed once with a single-use, expiring link),
the reach on the briefing and the source, and practitioners' feedback on a briefing."""

import datetime
import re

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from partnership.models import Briefing, BriefingFeedback, CascadeRequest, DisseminationItem, LearningSource
from partnership.selectors import cascade_reach, cascades_visible_to
from partnership.services import DomainError
from partnership.services.briefings import briefing_publish
from partnership.services.dissemination import (
    CASCADE_JOB,
    cascade_confirm_by_link,
    cascade_for_token,
    feedback_url_for,
    send_cascade_requests,
    token_for,
)

from ..factories import AgencyFactory, FindingFactory, RecommendationFactory

pytestmark = pytest.mark.django_db

PUBLISHED = datetime.date(2026, 11, 2)


@pytest.fixture
def source(world):
    return LearningSource.objects.create(
        kind=LearningSource.Kind.DEEP_DIVE, title="Deep dive: neglect referrals", date=datetime.date(2026, 2, 1),
        subgroup=world.subgroup,
    )  # fmt: skip


@pytest.fixture
def draft(world, source):
    """A complete draft briefing drawing on the source's finding; the source's recommendation
    names both agencies."""
    finding = FindingFactory(source=source, title="Each agency saw part of the picture")
    recommendation = RecommendationFactory(source=source, to_partnership=False)
    recommendation.agencies.set([world.agency, world.other_agency])
    briefing = Briefing.objects.create(
        title="Recognising cumulative neglect", format=Briefing.Format.NEWSLETTER,
        what_we_found="Each agency saw part of the picture.", channel_newsletter=True,
    )  # fmt: skip
    briefing.findings.set([finding])
    return briefing


def publish(world, briefing):
    return briefing_publish(
        briefing=briefing, no_child_identified=True, published_on=PUBLISHED, actor=world.business_unit
    )


def link_in(message) -> str:
    return re.search(r"https?://\S+/cascade/\S+/", message.body).group(0)


# --- the dissemination plan -------------------------------------------------------------------


def test_the_chair_plans_who_must_hear_what_by_when_changes_it_and_removes_it(client_for, world, source):
    client = client_for(world.subgroup_chair)
    url = reverse("partnership:dissemination-create", args=[source.pk])
    data = {"agency": "", "audience": "", "message": "Ask about the history of neglect.",
            "due_on_day": "14", "due_on_month": "1", "due_on_year": "2027"}  # fmt: skip
    refused = client.post(url, data)
    assert refused.status_code == 200
    assert "Choose the agency, or say who else must hear it" in refused.text
    assert "Ask about the history of neglect." in refused.text  # what was typed is kept
    response = client.post(url, {**data, "audience": "GP practices"})
    assert response.status_code == 302
    item = DisseminationItem.objects.get()
    assert (item.who, item.due_on) == ("GP practices", datetime.date(2027, 1, 14))
    page = client.get(source.get_absolute_url())
    assert "GP practices" in page.text and "14 January 2027" in page.text
    client.post(
        reverse("partnership:dissemination-edit", args=[item.pk]), {**data, "agency": world.agency.pk}
    )
    item.refresh_from_db()
    assert item.agency == world.agency
    confirm = client.get(reverse("partnership:dissemination-remove", args=[item.pk]))
    assert "Are you sure" in confirm.text and DisseminationItem.objects.exists()
    client.post(reverse("partnership:dissemination-remove", args=[item.pk]))
    assert not DisseminationItem.objects.exists()


def test_only_those_who_change_the_learning_change_the_plan(client_for, world, source):
    url = reverse("partnership:dissemination-create", args=[source.pk])
    assert client_for(world.agency_lead).get(url).status_code == 403
    assert client_for(world.subgroup_member).get(url).status_code == 403


# --- cascades ---------------------------------------------------------------------------------


def test_publishing_asks_each_named_agency_once_due_by_the_plan_or_the_default(
    world, source, draft, settings
):
    settings.CASCADE_DUE_DAYS = 28
    extra = AgencyFactory(name="Northbrook Primary Academy Trust")
    DisseminationItem.objects.create(source=source, agency=extra, message="Tell the DSLs.",
                                     due_on=datetime.date(2026, 11, 20))  # fmt: skip
    DisseminationItem.objects.create(source=source, audience="GP practices", message="Tell GPs.",
                                     due_on=datetime.date(2026, 11, 10))  # fmt: skip
    publish(world, draft)
    due = dict(CascadeRequest.objects.values_list("agency__name", "due_on"))
    assert due == {
        world.agency.name: datetime.date(2026, 11, 30),
        world.other_agency.name: datetime.date(2026, 11, 30),
        extra.name: datetime.date(2026, 11, 20),
    }


def test_the_lead_is_emailed_once_and_confirms_from_the_link_which_then_says_it_was_used(
    client, client_for, world, draft
):
    publish(world, draft)
    today = datetime.date(2026, 11, 3)
    sent = send_cascade_requests(today=today)
    assert sorted(s.recipients[0] for s in sent) == sorted(
        [world.agency_lead.email, world.other_agency_lead.email]
    )
    assert send_cascade_requests(today=today) == []  # a rerun sends nothing
    assert len(mail.outbox) == 2
    message = next(m for m in mail.outbox if m.to == [world.agency_lead.email])
    assert message.subject == (
        f'Please cascade "Recognising cumulative neglect" in {world.agency.name} by 30 November 2026'
    )
    assert "no need to sign in" in message.body and "works once" in message.body
    url = link_in(message)
    path = url.split("://", 1)[1].split("/", 1)[1]
    page = client.get("/" + path)
    assert page.status_code == 200 and "Recognising cumulative neglect" in page.text
    refused = client.post(
        "/" + path, {"method": "team_meeting", "staff_reached": "lots", "confirmed_by": "Ada"}
    )
    assert "Enter the number of staff as a whole number" in refused.text
    done = client.post(
        "/" + path, {"method": "team_meeting", "staff_reached": "42", "confirmed_by": "Ada Lead"}
    )
    assert done.status_code == 200 and "Cascade confirmed" in done.text
    cascade = CascadeRequest.objects.get(agency=world.agency)
    assert (cascade.method, cascade.staff_reached, cascade.confirmed_by) == ("team_meeting", 42, "Ada Lead")
    again = client.get("/" + path)
    assert again.status_code == 410 and "This link has already been used" in again.text
    # A confirmed cascade is not emailed again.
    assert send_cascade_requests(today=today) == []


def test_an_expired_link_says_so_and_offers_the_signed_in_way(client, client_for, world, draft, settings):
    settings.CASCADE_LINK_DAYS = 3
    publish(world, draft)
    send_cascade_requests(today=datetime.date(2026, 11, 3))
    cascade = CascadeRequest.objects.get(agency=world.agency)
    path = reverse("partnership:cascade-link", args=[token_for(cascade)])
    with time_machine.travel(timezone.now() + datetime.timedelta(days=4)):
        page = client.get(path)
        assert page.status_code == 410 and "This link has expired" in page.text
        confirm_url = reverse("partnership:cascade-confirm", args=[cascade.pk])
        assert confirm_url in page.text
        with pytest.raises(DomainError, match="expired"):
            cascade_confirm_by_link(
                token=token_for(cascade), method="email", staff_reached=3, confirmed_by="Ada"
            )
    lead = client_for(world.agency_lead)
    response = lead.post(confirm_url, {"method": "supervision", "staff_reached": "12"})
    assert response.status_code == 302
    cascade.refresh_from_db()
    assert cascade.staff_reached == 12 and cascade.confirmed_by == world.agency_lead.full_name
    # The other agency's lead cannot confirm for it (they cannot even see it).
    other = CascadeRequest.objects.get(agency=world.other_agency)
    assert lead.get(reverse("partnership:cascade-confirm", args=[other.pk])).status_code == 404


def test_a_made_up_or_altered_link_is_not_valid(client, world, draft):
    publish(world, draft)
    cascade = CascadeRequest.objects.get(agency=world.agency)
    assert cascade_for_token("nonsense").problem == "invalid"
    assert cascade_for_token(token_for(cascade)[:-2] + "xx").problem == "invalid"
    page = client.get(reverse("partnership:cascade-link", args=["nonsense"]))
    assert page.status_code == 404 and "This link is not valid" in page.text


# --- reach --------------------------------------------------------------------------------------


def test_the_reach_shows_on_the_briefing_and_the_source_against_the_named_agencies(
    client_for, world, source, draft
):
    third = AgencyFactory(name="Westfield Police")
    draft.findings.first().source.recommendations.first().agencies.add(third)
    publish(world, draft)
    cascades = {c.agency_id: c for c in CascadeRequest.objects.all()}
    now = timezone.now()
    CascadeRequest.objects.filter(pk=cascades[world.agency.pk].pk).update(
        confirmed_at=now, method="team_meeting", staff_reached=42, confirmed_by="Ada"
    )
    CascadeRequest.objects.filter(pk=cascades[third.pk].pk).update(
        confirmed_at=now, method="email", staff_reached=8, confirmed_by="Pat"
    )
    CascadeRequest.objects.filter(pk=cascades[world.other_agency.pk].pk).update(
        due_on=datetime.date(2026, 11, 10)
    )
    # By hand: 3 named; 2 confirmed reaching 42 + 8 = 50; the third due 10 November, overdue on the 20th.
    reach = cascade_reach(
        cascades_visible_to(world.business_unit).filter(briefing=draft), datetime.date(2026, 11, 20)
    )
    assert (reach["named"], reach["confirmed"], reach["awaiting"], reach["overdue"], reach["staff_reached"]) == (
        3, 2, 0, 1, 50,
    )  # fmt: skip
    reach = cascade_reach(
        cascades_visible_to(world.business_unit).filter(briefing=draft), datetime.date(2026, 11, 5)
    )
    assert (reach["awaiting"], reach["overdue"]) == (1, 0)
    page = client_for(world.business_unit).get(draft.get_absolute_url())
    assert "2 of 3 agencies confirmed, reaching 50 staff" in page.text
    source_page = client_for(world.subgroup_chair).get(source.get_absolute_url())
    assert "2 of 3 agencies confirmed, reaching 50 staff" in source_page.text
    # An agency lead sees their own agency's cascade only.
    lead_page = client_for(world.agency_lead).get(draft.get_absolute_url())
    assert "1 of 1 agency confirmed, reaching 42 staff" in lead_page.text
    assert "Westfield Police" not in lead_page.text


# --- feedback -------------------------------------------------------------------------------------


def test_practitioners_give_feedback_signed_in_or_by_the_link_and_the_briefing_sums_it_up(
    client, client_for, world, draft
):
    publish(world, draft)
    url = reverse("partnership:briefing-feedback", args=[draft.pk])
    member = client_for(world.subgroup_member)
    refused = member.post(url, {"will_do_differently": "Ask about history."})
    assert "Choose how useful it was, from 1 to 5" in refused.text and "Ask about history." in refused.text
    member.post(url, {"rating": "4", "will_do_differently": "Ask about history."})
    member.post(url, {"rating": "5", "will_do_differently": "Ask about the history of neglect."})  # replaces
    link = feedback_url_for(draft).split("://", 1)[1].split("/", 1)[1]
    done = client.post("/" + link, {"rating": "2", "will_do_differently": ""})
    assert "Feedback sent" in done.text
    assert BriefingFeedback.objects.count() == 2
    # By hand: ratings 5 and 2, average 3.5, one "do differently" line.
    page = client_for(world.business_unit).get(draft.get_absolute_url())
    assert "2 practitioners gave feedback: on average 3.5 out of 5" in page.text
    assert "Ask about the history of neglect." in page.text
    assert client.get(reverse("partnership:briefing-feedback-link", args=["made-up"])).status_code == 404


def test_a_draft_takes_no_feedback(client_for, world, draft):
    url = reverse("partnership:briefing-feedback", args=[draft.pk])
    assert client_for(world.business_unit).get(url).status_code == 403


def test_the_cascade_job_is_listed_in_a_dry_run_without_sending(world, draft):
    publish(world, draft)
    would = send_cascade_requests(today=datetime.date(2026, 11, 3), dry_run=True)
    assert {s.status for s in would} == {"would send"} and len(would) == 2
    assert mail.outbox == [] and {s.job for s in would} == {CASCADE_JOB}


# --- demo -----------------------------------------------------------------------------------------


def test_the_demo_has_confirmed_and_awaiting_cascades_and_a_second_run_changes_nothing():
    from django.core.management import call_command

    from partnership.demo_dissemination import seed_dissemination

    call_command("seed_demo")
    counts = (
        DisseminationItem.objects.count(),
        CascadeRequest.objects.count(),
        BriefingFeedback.objects.count(),
    )
    seed_dissemination()
    assert counts == (
        DisseminationItem.objects.count(),
        CascadeRequest.objects.count(),
        BriefingFeedback.objects.count(),
    )
    child_p = Briefing.objects.get(title="Child P: recognising cumulative neglect")
    states = sorted(c.state(timezone.localdate()) for c in child_p.cascade_requests.all())
    assert states.count("confirmed") == 2 and len(states) > 2
    # The plan's early years alliance, which no recommendation names, is asked too.
    assert child_p.cascade_requests.filter(agency__short_name="EYA").exists()


def test_a_finding_linked_after_publishing_asks_its_agencies_too_once(world, draft):
    from partnership.services.briefings import briefing_update

    draft = publish(world, draft)
    later = LearningSource.objects.create(kind=LearningSource.Kind.DEEP_DIVE, title="Deep dive: missing episodes",
                                          date=datetime.date(2026, 6, 1), subgroup=world.subgroup)  # fmt: skip
    police = AgencyFactory(name="Westfield Police")
    RecommendationFactory(source=later, to_partnership=False).agencies.set([police])
    finding = FindingFactory(source=later)
    briefing_update(briefing=draft, findings=[*draft.findings.all(), finding], actor=world.business_unit)
    briefing_update(briefing=draft, actor=world.business_unit)
    assert sorted(CascadeRequest.objects.values_list("agency__name", flat=True)) == sorted(
        [world.agency.name, world.other_agency.name, police.name]
    )
