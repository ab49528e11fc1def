"""Each person's home page and navigation show what exists for their roles."""

from html import unescape

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def nav_labels(response):
    return [item["label"] for item in response.context["nav_items"]]


def test_business_unit_home_shows_the_partnership_and_management_navigation(world, client_for):
    response = client_for(world.business_unit).get(reverse("partnership:home"))
    assert response.status_code == 200
    assert response.context["counts"]["agencies"] == 2
    # The organisation's six lists sit behind one "Organisation" item, to keep the header short.
    assert "Organisation" in nav_labels(response)
    organisation = client_for(world.business_unit).get(reverse("partnership:organisation"))
    assert {"Agencies", "Subgroups", "People", "Priorities", "Themes", "Areas"} <= {
        item["label"] for item in organisation.context["lists"]
    }
    assert b"Invite a person" in response.content


def test_chair_home_shows_their_subgroup(world, client_for):
    response = client_for(world.subgroup_chair).get(reverse("partnership:home"))
    assert response.status_code == 200
    assert "You chair this subgroup" in response.content.decode()
    assert world.subgroup.name in response.content.decode()
    assert world.other_subgroup.name not in response.content.decode()
    assert "counts" not in response.context
    assert "Priorities" not in nav_labels(response)


def test_agency_lead_home_shows_their_agency_only(world, client_for):
    body = unescape(client_for(world.agency_lead).get(reverse("partnership:home")).content.decode())
    assert world.agency.name in body
    assert world.other_agency.name not in body
    assert "Invite a person" not in body


def test_lay_member_home_explains_what_they_will_see(world, client_for):
    body = client_for(world.lay_member).get(reverse("partnership:home")).content.decode()
    assert "Peer challenge" in body
    assert "only the returns assigned to you" in body


def test_lay_member_home_lists_upcoming_sessions_soonest_first_then_past_ones_newest_first(world, client_for):
    """What a lay member needs first is the next panel they sit on; past panels follow, latest
    first, under their own heading."""
    import datetime

    from django.utils import timezone

    from audits.frameworks import PAN_LONDON_NAME
    from audits.models import ChallengeSession, Framework, Round

    round_ = Round.objects.create(
        framework=Framework.objects.get(name=PAN_LONDON_NAME), title="Section 11 self-assessment 2026",
        year=2026, status="open", opens_on=datetime.date(2026, 9, 1), due_on=datetime.date(2026, 11, 30),
        subgroup=world.subgroup,
    )  # fmt: skip
    today = timezone.localdate()
    for title, days in [("Panel long ago", -60), ("Panel next month", 30), ("Panel today", 0),
                        ("Panel last week", -7), ("Panel tomorrow", 1)]:  # fmt: skip
        session = ChallengeSession.objects.create(
            round=round_, title=title, date=today + datetime.timedelta(days)
        )
        session.members.add(world.lay_member)
    body = client_for(world.lay_member).get(reverse("partnership:home")).content.decode()
    expected = [
        "Upcoming sessions", "Panel today", "Panel tomorrow", "Panel next month",
        "Past sessions", "Panel last week", "Panel long ago",
    ]  # fmt: skip
    positions = [body.index(label) for label in expected]
    assert positions == sorted(positions)


def test_a_person_with_no_role_is_told_what_to_do(world, client_for):
    body = client_for(world.no_role).get(reverse("partnership:home")).content.decode()
    assert "You have no role in the partnership yet" in body


def test_signed_in_pages_are_never_cached(world, client_for):
    response = client_for(world.business_unit).get(reverse("partnership:home"))
    assert response["Cache-Control"] == "no-store"


def test_signed_out_visitors_are_sent_to_sign_in(client):
    response = client.get(reverse("partnership:home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("partnership:login"))


def test_the_admin_is_for_superusers_and_signs_in_through_the_service(world, client_for):
    assert client_for(world.superuser).get("/admin/").status_code == 200
    assert client_for(world.business_unit).get("/admin/").status_code == 302
    response = client_for(None).get("/admin/login/?next=/admin/")
    assert response.status_code == 302
    assert response["Location"] == reverse("partnership:login") + "?next=/admin/"


def test_home_shows_the_persons_actions_by_rag_and_the_most_overdue(world, client_for):
    import datetime

    from tests.factories import ActionFactory, ActionPlanFactory

    today = datetime.date.today()
    plan = ActionPlanFactory(subgroup=world.other_subgroup, start_date=today - datetime.timedelta(days=200))
    mine = ActionFactory(plan=plan, owner_agency=world.agency, description="Our overdue briefing",
                         start_date=plan.start_date, due_date=today - datetime.timedelta(days=3))  # fmt: skip
    ActionFactory(plan=plan, owner_agency=world.other_agency, description="Their overdue audit",
                  start_date=plan.start_date, due_date=today - datetime.timedelta(days=3))  # fmt: skip
    response = client_for(world.agency_lead).get(reverse("partnership:home"))
    body = unescape(response.content.decode())
    assert response.context["actions"]["red"] == 1
    assert "Our overdue briefing" in body
    assert mine.get_absolute_url() in body
    assert "Their overdue audit" not in body
    everyone = client_for(world.business_unit).get(reverse("partnership:home")).context["actions"]
    assert everyone["red"] == 2
    assert client_for(world.lay_member).get(reverse("partnership:home")).context["actions"] is None
