"""The board pack's pages: the live draft and its PDF, choosing the deep dive, circulating it
(a frozen version, each recipient emailed once), and a circulated version that never changes."""

import datetime
import io
import uuid

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from pypdf import PdfReader

from governance.models import Body, PackRecipient, PackVersion
from tests.dashboards.factories import DeepDiveFactory
from tests.factories import ActionFactory, ActionPlanFactory, FindingFactory, ReviewFactory
from tests.governance.factories import AgendaItemFactory, MeetingFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 12, 1)


def _meeting(**fields):
    return MeetingFactory(
        body=Body.EXECUTIVE,
        subgroup=None,
        title="Executive",
        date=datetime.date(2026, 12, 9),
        status="planned",
        **fields,
    )


def _main(response) -> str:
    page = response.content.decode()
    return page[page.index("<h1") : page.index("</main>")]  # below the one-off messages


def _pdf_text(content: bytes) -> tuple[PdfReader, str]:
    reader = PdfReader(io.BytesIO(content))
    return reader, " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


@time_machine.travel(TODAY, tick=False)
def test_the_pack_pdf_is_tagged_titled_and_in_reading_order(world, client_for):
    source = DeepDiveFactory(title="Neglect in under-fives").learning_source
    FindingFactory(source=source, title="Chronologies are missing")
    meeting = _meeting(scrutiny_source=source)
    AgendaItemFactory(meeting=meeting, number=1, title="Approve the business plan", decision_needed=True)
    ActionFactory(
        owner_agency=world.agency, due_date=datetime.date(2026, 11, 21), description="Audit neglect cases"
    )

    response = client_for(world.business_unit).get(reverse("governance:pack-pdf", args=[meeting.pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    reader, text = _pdf_text(response.content)
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"]
    assert root["/Lang"] == "en-GB"
    assert reader.metadata.title == "Board pack: Executive, 9 December 2026"
    headings = [
        "1. Statutory clocks",
        "2. Overdue actions by agency",
        "3. Overdue actions by priority",
        "4. Section 11",
        "5. Performance indicators rated red",
        "6. Deep dive for scrutiny",
        "7. Subgroup highlight reports",
        "8. Decisions needed",
    ]
    after_contents = text.find("Decisions needed") + len("Decisions needed")  # the contents' last line
    places = [text.find(heading, after_contents) for heading in headings]
    assert all(p > 0 for p in places), (places, text)
    assert places == sorted(places)
    assert "Audit neglect cases" in text and "Chronologies are missing" in text
    assert "Approve the business plan" in text


@time_machine.travel(TODAY, tick=False)
def test_the_pack_page_shows_the_draft_with_captioned_tables(world, client_for):
    meeting = _meeting()
    ActionFactory(
        owner_agency=world.agency, due_date=datetime.date(2026, 11, 21), description="Audit neglect cases"
    )
    page = (
        client_for(world.partnership_lead).get(reverse("governance:pack", args=[meeting.pk])).content.decode()
    )
    assert "This is the draft, built from today" in page
    assert "Audit neglect cases" in page
    assert page.count("<table") == page.count("<caption")
    assert "Circulate the pack" not in page  # a partnership lead reads; the business unit circulates


@time_machine.travel(TODAY, tick=False)
def test_the_business_unit_chooses_the_deep_dive(world, client_for):
    meeting = _meeting()
    source = DeepDiveFactory(title="Neglect in under-fives").learning_source
    client = client_for(world.business_unit)
    response = client.post(
        reverse("governance:pack-scrutiny", args=[meeting.pk]), {"scrutiny_source": source.pk}
    )
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.scrutiny_source == source
    assert (
        "Neglect in under-fives" in client.get(reverse("governance:pack", args=[meeting.pk])).content.decode()
    )


@time_machine.travel(TODAY, tick=False)
def test_circulating_freezes_a_version_and_emails_each_recipient_once(
    world, client_for, django_capture_on_commit_callbacks
):
    meeting = _meeting()
    action = ActionFactory(
        plan=ActionPlanFactory(), owner_agency=world.agency, due_date=datetime.date(2026, 11, 21),
        description="Audit neglect cases",
    )  # fmt: skip
    client = client_for(world.business_unit)
    url = reverse("governance:pack-circulate", args=[meeting.pk])
    form = client.get(url).content.decode()
    assert "Pat Lead" in form  # the partnership lead is offered, and ticked by default
    ReviewFactory(subgroup=world.subgroup)  # the chair's subgroup oversees case reviews: they may have a pack
    data = {"recipients": [world.partnership_lead.pk, world.subgroup_chair.pk], "token": str(uuid.uuid4())}
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(url, data)
        second = client.post(url, data)  # a double submit

    assert first.status_code == second.status_code == 302
    version = PackVersion.objects.get(meeting=meeting)
    assert version.number == 1 and version.circulated_by == world.business_unit
    assert sorted(r.user.full_name for r in PackRecipient.objects.filter(version=version)) == [
        "Chris Chair",
        "Pat Lead",
    ]
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [world.partnership_lead.email, world.subgroup_chair.email]
    )
    assert reverse("governance:pack-version", args=[version.pk]) in mail.outbox[0].body

    version_url = reverse("governance:pack-version", args=[version.pk])
    pdf_url = reverse("governance:pack-version-pdf", args=[version.pk])
    before_page = _main(client.get(version_url))
    _reader, before_pdf = _pdf_text(client.get(pdf_url).content)
    assert "Audit neglect cases" in before_page and "Audit neglect cases" in before_pdf

    # The data changes: the overdue action is done, another falls overdue.
    action.description = "Something else entirely"
    action.save()
    meeting.title = "Renamed"
    meeting.save()
    ActionFactory(
        owner_agency=world.other_agency, due_date=datetime.date(2026, 11, 2), description="New late"
    )

    assert _main(client.get(version_url)) == before_page
    assert _pdf_text(client.get(pdf_url).content)[1] == before_pdf
    draft = client.get(reverse("governance:pack", args=[meeting.pk])).content.decode()
    assert "New late" in draft and "Version 1" in draft

    # A recipient reads the version sent to them; the meeting page lists it with its recipients.
    assert client_for(world.subgroup_chair).get(version_url).status_code == 200
    assert client_for(world.agency_lead).get(version_url).status_code == 404
    meeting_page = client.get(meeting.get_absolute_url()).content.decode()
    assert "Version 1" in meeting_page and "Chris Chair" in meeting_page

    # The next circulation is version 2.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"recipients": [world.partnership_lead.pk], "token": str(uuid.uuid4())})
    assert list(meeting.pack_versions.values_list("number", flat=True)) == [2, 1]


@time_machine.travel(TODAY, tick=False)
def test_circulating_to_nobody_is_refused_next_to_the_field(world, client_for):
    meeting = _meeting()
    response = client_for(world.business_unit).post(
        reverse("governance:pack-circulate", args=[meeting.pk]), {"token": str(uuid.uuid4())}
    )
    assert response.status_code == 200
    assert "Choose at least one person to send the pack to" in response.content.decode()
    assert not PackVersion.objects.exists()
