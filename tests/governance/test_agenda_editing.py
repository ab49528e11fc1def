"""The business unit keeps a meeting's agenda and papers right: change an item, move it up or
down, remove it (after a confirmation; the later items close the gap), remove a paper (its
file goes, the items that named it stay)."""

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse

from governance.models import AgendaItem, Paper

from .factories import AgendaItemFactory, MeetingFactory, PaperFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting(world):
    meeting = MeetingFactory(subgroup=world.subgroup)
    for number, title in enumerate(("Minutes", "Section 11", "Dataset", "Any other business"), start=1):
        AgendaItemFactory(meeting=meeting, number=number, title=title)
    return meeting


def agenda(meeting) -> list[str]:
    return list(meeting.agenda_items.order_by("number").values_list("title", flat=True))


def item(meeting, title) -> AgendaItem:
    return meeting.agenda_items.get(title=title)


def test_items_move_up_and_down_and_the_ends_stay_put(world, client_for, meeting):
    client = client_for(world.business_unit)
    move = lambda title, direction: client.post(  # noqa: E731
        reverse("governance:agenda-item-move", args=[item(meeting, title).pk]), {"direction": direction}
    )
    assert move("Dataset", "up").status_code == 302
    assert agenda(meeting) == ["Minutes", "Dataset", "Section 11", "Any other business"]
    move("Minutes", "down")
    assert agenda(meeting) == ["Dataset", "Minutes", "Section 11", "Any other business"]
    move("Dataset", "up")  # already first
    move("Any other business", "down")  # already last
    assert agenda(meeting) == ["Dataset", "Minutes", "Section 11", "Any other business"]
    assert list(meeting.agenda_items.order_by("number").values_list("number", flat=True)) == [1, 2, 3, 4]
    # A GET changes nothing (the move is a form's POST).
    get = client.get(reverse("governance:agenda-item-move", args=[item(meeting, "Minutes").pk]))
    assert get.status_code == 405


def test_removing_an_item_asks_first_then_closes_the_gap(world, client_for, meeting):
    client = client_for(world.business_unit)
    url = reverse("governance:agenda-item-remove", args=[item(meeting, "Section 11").pk])
    confirm = client.get(url).content.decode()
    assert "Remove agenda item 2?" in confirm and "The items after it move up one." in confirm
    assert agenda(meeting) == ["Minutes", "Section 11", "Dataset", "Any other business"]
    assert client.post(url).status_code == 302
    assert agenda(meeting) == ["Minutes", "Dataset", "Any other business"]
    assert list(meeting.agenda_items.order_by("number").values_list("number", flat=True)) == [1, 2, 3]


def test_changing_an_item_keeps_what_was_typed_when_the_title_is_missing(world, client_for, meeting):
    client = client_for(world.business_unit)
    paper = PaperFactory(meeting=meeting, title="Dataset, quarter 2")
    url = reverse("governance:agenda-item-edit", args=[item(meeting, "Dataset").pk])
    page = client.get(url).content.decode()
    assert 'value="Dataset"' in page
    refused = client.post(url, {"title": "", "presenter": "Dr Kim Analyst"}).content.decode()
    assert "Enter the item&#x27;s title" in refused and 'value="Dr Kim Analyst"' in refused
    saved = client.post(
        url,
        {
            "title": "Performance dataset",
            "presenter": "Dr Kim Analyst",
            "paper": paper.pk,
            "decision_needed": "on",
        },
    )
    assert saved.status_code == 302
    changed = meeting.agenda_items.get(number=3)
    assert (changed.title, changed.presenter, changed.paper, changed.decision_needed) == (
        "Performance dataset", "Dr Kim Analyst", paper, True,
    )  # fmt: skip


def test_removing_a_paper_deletes_its_file_and_keeps_the_items_that_named_it(
    world, client_for, meeting, django_capture_on_commit_callbacks
):
    paper = PaperFactory(meeting=meeting, title="Dataset, quarter 2")
    stored = paper.file.name
    AgendaItem.objects.filter(pk=item(meeting, "Dataset").pk).update(paper=paper)
    assert default_storage.exists(stored)
    client = client_for(world.business_unit)
    url = reverse("governance:paper-remove", args=[paper.pk])
    assert "1 agenda item names it" in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url).status_code == 302
    assert not Paper.objects.exists() and not default_storage.exists(stored)
    assert item(meeting, "Dataset").paper is None


def test_the_meeting_page_offers_the_tools_only_to_the_business_unit(world, client_for, meeting):
    page = client_for(world.business_unit).get(meeting.get_absolute_url()).content.decode()
    assert reverse("governance:agenda-item-remove", args=[item(meeting, "Minutes").pk]) in page
    assert 'Move up<span class="govuk-visually-hidden"> item 2' in page
    assert 'Move up<span class="govuk-visually-hidden"> item 1' not in page  # the first cannot go up
    chair_page = client_for(world.subgroup_chair).get(meeting.get_absolute_url()).content.decode()
    assert (
        "Minutes" in chair_page
        and "agenda/" not in chair_page.split('id="agenda"')[1].split('id="papers"')[0]
    )
