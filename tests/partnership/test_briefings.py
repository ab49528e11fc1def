"""Learning briefings: writing, publishing and deleting them (services), who reads what
(drafts, and findings of confidential sources), their pages, CSV and two-page A4 PDF, and the
"Disseminated in" line on a finding in the learning panel. Also "you said, we did"."""

import csv
import datetime
import io
from html import unescape

import pytest
import time_machine
from django.urls import reverse
from pypdf import PdfReader

from partnership import selectors
from partnership.forms.briefings import BriefingForm
from partnership.models import Briefing, LearningSource, Theme
from partnership.services import DomainError
from partnership.services import briefings as services
from tests.queries import queries_for

from ..factories import ConsultationFactory, FindingFactory

pytestmark = pytest.mark.django_db

D = datetime.date
SECTIONS = {
    "background": "Agencies worked with the family for three years.",
    "why_it_matters": "Neglect harms children's development when nobody sees the whole picture.",
    "what_we_found": "Each agency saw part of the picture; nobody added it up.",
    "what_to_do": "Use the graded care profile whenever neglect is suspected.",
    "questions_for_practice": "When did you last look back over the whole history of a family?",
    "further_reading": "The partnership's neglect strategy and the graded care profile guidance.",
}


def body(response) -> str:
    return unescape(response.content.decode())


def theme(name) -> Theme:
    return Theme.objects.get_or_create(name=name)[0]


def confidential_finding(world, title="Cumulative neglect of Child Q was missed"):
    """A finding of a confidential source overseen by a subgroup none of the cast sits on: only
    the business unit and the partnership leads may see it."""
    source = LearningSource.objects.create(
        kind=LearningSource.Kind.CASE_REVIEW,
        title="LCSPR Child Q",
        date=D(2026, 1, 10),
        subgroup=world.other_subgroup,
        confidential=True,
    )
    return FindingFactory(source=source, title=title)


def open_finding(world, title="Young people do not know who to tell about online harm"):
    return FindingFactory(source=ConsultationFactory(subgroup=world.subgroup).learning_source, title=title)


def make_briefing(world, *, publish=False, findings=(), themes=(), channels=("newsletter",), **fields):
    values = {"title": "Recognising cumulative neglect", **SECTIONS, **fields}
    briefing = services.briefing_create(
        briefing=Briefing(**values),
        channels=channels,
        findings=list(findings),
        themes=list(themes),
        actor=world.business_unit,
    )
    if publish:
        briefing = services.briefing_publish(
            briefing=briefing,
            no_child_identified=True,
            published_on=D(2026, 11, 2),
            actor=world.business_unit,
        )
    return briefing


# --- services ----------------------------------------------------------------------------


def test_the_business_unit_writes_a_draft_with_its_links_and_history(world):
    found = open_finding(world)
    neglect = theme("Neglect")
    briefing = make_briefing(world, findings=[found], themes=[neglect], channels=["newsletter", "training"])

    assert briefing.status == Briefing.Status.DRAFT and briefing.published_on is None
    assert list(briefing.findings.all()) == [found]
    assert list(briefing.themes.all()) == [neglect]
    assert [c.value for c in briefing.channels] == ["newsletter", "training"]
    assert briefing.history.latest().history_user == world.business_unit


@pytest.mark.parametrize("role", ["partnership_lead", "subgroup_chair", "agency_lead", "no_role"])
def test_only_the_business_unit_writes_briefings(world, role):
    with pytest.raises(DomainError):
        services.briefing_create(briefing=Briefing(title="Mine"), actor=world.person(role))
    briefing = make_briefing(world)
    with pytest.raises(DomainError):
        services.briefing_publish(briefing=briefing, no_child_identified=True, actor=world.person(role))
    with pytest.raises(DomainError):
        services.briefing_delete(briefing=briefing, actor=world.person(role))


@time_machine.travel(datetime.datetime(2026, 11, 30, 10, 0), tick=False)
def test_publishing_needs_the_confirmation_that_no_child_is_identified_and_dates_it_today(world):
    briefing = make_briefing(world)
    with pytest.raises(DomainError) as refused:
        services.briefing_publish(briefing=briefing, no_child_identified=False, actor=world.business_unit)
    assert refused.value.field == "no_child_identified"

    published = services.briefing_publish(
        briefing=briefing, no_child_identified=True, actor=world.business_unit
    )
    assert published.status == Briefing.Status.PUBLISHED
    assert published.published_on == D(2026, 11, 30)
    assert published.history.latest().history_user == world.business_unit
    with pytest.raises(DomainError, match="already been published"):
        services.briefing_publish(briefing=published, no_child_identified=True, actor=world.business_unit)


def test_a_7_minute_briefing_needs_all_six_sections_and_a_channel_before_publishing(world):
    briefing = make_briefing(world, channels=[], why_it_matters="", further_reading="")
    with pytest.raises(DomainError) as refused:
        services.briefing_publish(briefing=briefing, no_child_identified=True, actor=world.business_unit)
    message = refused.value.message
    assert '"Why it matters"' in message and '"Further reading"' in message and "channel" in message
    assert '"Background"' not in message
    briefing.refresh_from_db()
    assert briefing.is_draft


def test_another_format_needs_only_what_we_found(world):
    briefing = make_briefing(
        world,
        format=Briefing.Format.NEWSLETTER,
        **{name: "" for name in SECTIONS if name != "what_we_found"},
    )
    services.briefing_publish(briefing=briefing, no_child_identified=True, actor=world.business_unit)
    assert Briefing.objects.get().status == Briefing.Status.PUBLISHED


def test_only_a_draft_is_deleted(world):
    draft = make_briefing(world)
    services.briefing_delete(briefing=draft, actor=world.business_unit)
    assert not Briefing.objects.exists()
    assert Briefing.history.filter(history_type="-").get().history_user == world.business_unit

    published = make_briefing(world, publish=True)
    with pytest.raises(DomainError, match="Only a draft"):
        services.briefing_delete(briefing=published, actor=world.business_unit)
    assert Briefing.objects.filter(pk=published.pk).exists()


def test_a_published_briefing_can_be_corrected_but_keeps_a_published_date(world):
    briefing = make_briefing(world, publish=True)
    briefing.title = "Recognising cumulative neglect (corrected)"
    services.briefing_update(briefing=briefing, channels=["website"], actor=world.business_unit)
    briefing.refresh_from_db()
    assert briefing.title.endswith("(corrected)") and briefing.status == Briefing.Status.PUBLISHED
    assert [c.value for c in briefing.channels] == ["website"]
    briefing.published_on = None
    with pytest.raises(DomainError) as refused:
        services.briefing_update(briefing=briefing, actor=world.business_unit)
    assert refused.value.field == "published_on"


def test_the_service_refuses_findings_the_author_cannot_see_and_keeps_those_already_linked(
    world, monkeypatch
):
    """Were writing ever opened to a subgroup chair, they still could not link (or unlink) a
    case review's finding they may not see."""
    hidden = confidential_finding(world)
    shown = open_finding(world)
    briefing = make_briefing(world, findings=[hidden])
    monkeypatch.setattr("partnership.permissions.can_write_briefings", lambda user: True)

    with pytest.raises(DomainError) as refused:
        services.briefing_update(briefing=briefing, findings=[hidden], actor=world.subgroup_chair)
    assert refused.value.field == "findings"
    services.briefing_update(briefing=briefing, findings=[shown], actor=world.subgroup_chair)
    assert set(briefing.findings.all()) == {hidden, shown}


# --- who reads what ----------------------------------------------------------------------


def test_drafts_are_read_by_the_business_unit_and_partnership_leads_only(world):
    draft = make_briefing(world, title="Draft")
    published = make_briefing(world, title="Published", publish=True)
    for role in ("business_unit", "partnership_lead"):
        assert set(selectors.briefings_visible_to(world.person(role))) == {draft, published}
    for role in ("subgroup_chair", "subgroup_member", "agency_lead", "lay_member", "no_role"):
        assert list(selectors.briefings_visible_to(world.person(role))) == [published]


def test_a_published_briefings_confidential_findings_are_hidden_from_those_who_cannot_see_them(
    world, client_for
):
    hidden = confidential_finding(world)
    shown = open_finding(world)
    briefing = make_briefing(world, publish=True, findings=[hidden, shown])

    page = body(client_for(world.subgroup_member).get(briefing.get_absolute_url()))
    assert shown.title in page
    assert hidden.title not in page and "LCSPR Child Q" not in page
    assert "Draws on 1 source of learning" in page

    page = body(client_for(world.business_unit).get(briefing.get_absolute_url()))
    assert hidden.title in page and shown.title in page
    assert "Draws on 2 sources of learning" in page


def test_a_draft_is_a_404_for_those_who_may_not_read_drafts(world, client_for):
    draft = make_briefing(world, findings=[confidential_finding(world)])
    assert client_for(world.partnership_lead).get(draft.get_absolute_url()).status_code == 200
    for role in ("subgroup_chair", "agency_lead", "other_agency_lead", "no_role"):
        assert client_for(world.person(role)).get(draft.get_absolute_url()).status_code == 404
        assert (
            client_for(world.person(role))
            .get(reverse("partnership:briefing-pdf", args=[draft.pk]))
            .status_code
            == 404
        )


def test_the_finding_chooser_offers_only_findings_the_author_may_see(world):
    hidden = confidential_finding(world)
    shown = open_finding(world)
    offered = set(BriefingForm(instance=Briefing(), user=world.subgroup_member).fields["findings"].queryset)
    assert offered == {shown}
    offered = set(BriefingForm(instance=Briefing(), user=world.business_unit).fields["findings"].queryset)
    assert offered == {shown, hidden}


def test_a_finding_on_its_source_page_says_where_it_was_disseminated(world, client_for):
    finding = open_finding(world)
    consultation = finding.source.concrete
    make_briefing(world, title="Who to tell: a 7-minute briefing", publish=True, findings=[finding])
    make_briefing(world, title="Online harm: newsletter draft", findings=[finding])

    page = body(client_for(world.subgroup_member).get(consultation.get_absolute_url()))
    assert "Disseminated in" in page and "Who to tell: a 7-minute briefing" in page
    assert "Online harm: newsletter draft" not in page

    page = body(client_for(world.business_unit).get(consultation.get_absolute_url()))
    assert "Online harm: newsletter draft</a> (draft)" in page


# --- pages -------------------------------------------------------------------------------


def test_the_business_unit_writes_publishes_and_reads_a_briefing_in_the_browser(world, client_for):
    found = open_finding(world)
    hidden = confidential_finding(world)
    neglect = theme("Neglect")
    client = client_for(world.business_unit)

    form_page = body(client.get(reverse("partnership:briefing-create")))
    assert "LCSPR Child Q (case review, 2026)" in form_page  # findings grouped by source
    assert f'value="{hidden.pk}"' in form_page and f'value="{found.pk}"' in form_page

    response = client.post(
        reverse("partnership:briefing-create"),
        {
            "title": "Who to tell about online harm",
            "format": "seven_minute",
            "audience": "practitioners",
            **SECTIONS,
            "channels": ["newsletter", "website"],
            "findings": [found.pk],
            "themes": [neglect.pk],
        },
    )
    briefing = Briefing.objects.get()
    assert response.status_code == 302 and response["Location"] == briefing.get_absolute_url()
    assert briefing.is_draft and list(briefing.findings.all()) == [found]

    publish_url = reverse("partnership:briefing-publish", args=[briefing.pk])
    refused = client.post(publish_url, {"published_on": ""})
    assert (
        refused.status_code == 200
        and "Confirm that nothing in the briefing could identify a child" in body(refused)
    )
    response = client.post(publish_url, {"no_child_identified": "on", "published_on": "2/11/2026"})
    assert response.status_code == 302
    briefing.refresh_from_db()
    assert briefing.status == Briefing.Status.PUBLISHED and briefing.published_on == D(2026, 11, 2)

    page = body(client.get(briefing.get_absolute_url()))
    for heading in ("1. Background", "2. Why it matters", "4. What to do", "6. Further reading"):
        assert heading in page
    assert SECTIONS["what_to_do"] in page and "2 November 2026" in page
    assert (
        "Delete draft" not in page and reverse("partnership:briefing-publish", args=[briefing.pk]) not in page
    )


def test_the_form_keeps_what_was_typed_and_says_what_is_missing(world, client_for):
    response = client_for(world.business_unit).post(
        reverse("partnership:briefing-create"),
        {"format": "newsletter", "audience": "managers", "background": "Kept"},
    )
    page = body(response)
    assert response.status_code == 200 and "Enter a title for the briefing" in page and "Kept" in page
    assert not Briefing.objects.exists()


def test_publishing_a_briefing_drawing_on_a_case_review_warns_about_identifying_children(world, client_for):
    briefing = make_briefing(world, findings=[confidential_finding(world)])
    page = body(
        client_for(world.business_unit).get(reverse("partnership:briefing-publish", args=[briefing.pk]))
    )
    assert "draws on confidential learning (LCSPR Child Q)" in page


def test_deleting_a_draft_asks_first(world, client_for):
    briefing = make_briefing(world)
    client = client_for(world.business_unit)
    url = reverse("partnership:briefing-delete", args=[briefing.pk])
    assert "Are you sure you want to delete the draft briefing" in body(client.get(url))
    assert Briefing.objects.exists()
    response = client.post(url)
    assert response.status_code == 302 and response["Location"] == reverse("partnership:briefing-list")
    assert not Briefing.objects.exists()


def read_csv(response) -> list[dict]:
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_the_list_filters_sorts_and_exports_what_the_person_may_read(world, client_for):
    neglect = theme("Neglect")
    make_briefing(world, title="Neglect 7-minute", publish=True, themes=[neglect], channels=["training"])
    make_briefing(
        world, title="Newsletter: online harm", publish=True, format="newsletter", channels=["newsletter"]
    )
    make_briefing(world, title="Draft practice note", format="practice_note")

    member = client_for(world.subgroup_member)
    rows = read_csv(member.get(reverse("partnership:briefing-export")))
    assert {r["Title"] for r in rows} == {"Neglect 7-minute", "Newsletter: online harm"}
    rows = read_csv(member.get(reverse("partnership:briefing-export") + f"?theme={neglect.pk}"))
    assert [r["Title"] for r in rows] == ["Neglect 7-minute"]
    assert rows[0]["Channels"] == "Training" and rows[0]["What to do"] == SECTIONS["what_to_do"]
    rows = read_csv(member.get(reverse("partnership:briefing-export") + "?channel=newsletter&year=2026"))
    assert [r["Title"] for r in rows] == ["Newsletter: online harm"]
    rows = read_csv(member.get(reverse("partnership:briefing-export") + "?sort=title"))
    assert [r["Title"] for r in rows] == ["Neglect 7-minute", "Newsletter: online harm"]

    page = body(member.get(reverse("partnership:briefing-list") + "?format=newsletter"))
    assert "Newsletter: online harm" in page and "Neglect 7-minute" not in page
    assert "Draft practice note" not in body(member.get(reverse("partnership:briefing-list")))

    unit = client_for(world.business_unit)
    rows = read_csv(unit.get(reverse("partnership:briefing-export") + "?status=draft"))
    assert [r["Title"] for r in rows] == ["Draft practice note"]


def test_a_published_briefing_is_corrected_in_the_browser_with_its_date_kept(world, client_for):
    briefing = make_briefing(world, publish=True)
    client = client_for(world.business_unit)
    url = reverse("partnership:briefing-edit", args=[briefing.pk])
    form = body(client.get(url))
    assert all(f'name="published_on_{part}" type="text" inputmode="numeric" value="{value}"' in form
               for part, value in (("day", "2"), ("month", "11"), ("year", "2026")))  # fmt: skip
    data = {
        "title": "Recognising cumulative neglect",
        "format": "seven_minute",
        "audience": "managers",
        **SECTIONS,
        "channels": ["website"],
        "published_on": "",
    }
    assert "Enter the date it was published" in body(client.post(url, data))
    response = client.post(url, {**data, "published_on": "3/11/2026"})
    assert response.status_code == 302
    briefing.refresh_from_db()
    assert briefing.published_on == D(2026, 11, 3) and briefing.audience == "managers"


@pytest.mark.parametrize("name", ["partnership:briefing-list", "partnership:briefing-export"])
def test_the_list_and_export_cost_the_same_queries_at_two_sizes(world, client_for, name):
    neglect = theme("Neglect")
    client = client_for(world.business_unit)
    make_briefing(world, publish=True, themes=[neglect])
    small = queries_for(client, reverse(name))
    for n in range(6):
        make_briefing(world, title=f"Briefing {n}", publish=n % 2 == 0, themes=[neglect, theme(f"T{n}")])
    assert queries_for(client, reverse(name)) == small


# --- the PDF -----------------------------------------------------------------------------


def pdf_for(client, briefing) -> PdfReader:
    response = client.get(reverse("partnership:briefing-pdf", args=[briefing.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    return PdfReader(io.BytesIO(response.content))


def test_a_typical_briefing_is_a_tagged_two_page_a4_pdf_holding_every_section(world, client_for, settings):
    briefing = make_briefing(world, publish=True, themes=[theme("Neglect")])
    reader = pdf_for(client_for(world.subgroup_member), briefing)

    assert len(reader.pages) == 2
    width, height = reader.pages[0].mediabox.width, reader.pages[0].mediabox.height
    assert (round(float(width) / 72 * 25.4), round(float(height) / 72 * 25.4)) == (210, 297)
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    for section in SECTIONS.values():
        assert section in text
    for words in (settings.PARTNERSHIP_NAME, "Published 2 November 2026", "Neglect", "7-minute briefing"):
        assert words in text
    # Sections 1 to 3 on the first page, 4 to 6 on the second.
    first = " ".join(reader.pages[0].extract_text().split())
    assert SECTIONS["what_we_found"] in first and SECTIONS["what_to_do"] not in first
    assert "/StructTreeRoot" in reader.trailer["/Root"]
    assert reader.trailer["/Root"]["/MarkInfo"]["/Marked"]
    assert reader.metadata.title == briefing.title


def test_the_pdf_uses_its_own_stylesheet(world, client_for):
    """Styled: the title band is filled with the partnership's blue, so the CSS was loaded."""
    briefing = make_briefing(world, publish=True)
    reader = pdf_for(client_for(world.business_unit), briefing)
    content = reader.pages[0].get_contents().get_data()
    assert b"0.113725 0.439216 0.721569 rg" in content  # #1d70b8, the band and the boxes


def test_a_very_long_briefing_still_renders_running_on_over_more_pages(world, client_for):
    long_text = "Practitioners should record the child's lived experience every visit. " * 120
    briefing = make_briefing(world, publish=True, what_we_found=long_text, what_to_do=long_text)
    reader = pdf_for(client_for(world.business_unit), briefing)
    assert len(reader.pages) > 2
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    assert SECTIONS["further_reading"] in text


# --- you said, we did --------------------------------------------------------------------


def test_you_said_we_did_sets_what_children_said_beside_what_changed_by_year_and_theme(world, client_for):
    online = theme("Online safety")
    recent = ConsultationFactory(
        title="Youth forum: online harm",
        date=D(2026, 3, 14),
        what_they_said="Adults do not understand the apps we use.",
        what_changed="School nurses now ask about online life at every health review.",
    )
    recent.themes.set([online])
    ConsultationFactory(
        title="Survey: feeling safe at school", date=D(2025, 6, 1), what_they_said="Corridors feel unsafe."
    )
    client = client_for(world.no_role)

    page = body(client.get(reverse("partnership:you-said-we-did")))
    assert "Adults do not understand the apps we use." in page
    assert "School nurses now ask about online life" in page
    assert "Corridors feel unsafe." in page and "Not yet recorded" in page

    page = body(client.get(reverse("partnership:you-said-we-did") + "?year=2025"))
    assert "Corridors feel unsafe." in page and "Adults do not understand" not in page

    rows = read_csv(client.get(reverse("partnership:you-said-we-did-export") + f"?theme={online.pk}"))
    assert rows == [
        {
            "Date": "14 March 2026",
            "Consultation": "Youth forum: online harm",
            "Who took part": recent.group,
            "Topic": recent.topic,
            "You said": "Adults do not understand the apps we use.",
            "We did": "School nurses now ask about online life at every health review.",
            "Themes": "Online safety",
        }
    ]


def test_you_said_we_did_leaves_out_consultations_the_person_may_not_see(world, client_for):
    hidden = ConsultationFactory(title="Confidential session", subgroup=world.other_subgroup)
    LearningSource.objects.filter(pk=hidden.learning_source_id).update(confidential=True)
    page = body(client_for(world.agency_lead).get(reverse("partnership:you-said-we-did")))
    assert "Confidential session" not in page
    assert "Confidential session" in body(
        client_for(world.business_unit).get(reverse("partnership:you-said-we-did"))
    )


# --- the demo ----------------------------------------------------------------------------


def test_the_demo_writes_its_briefings_once_and_its_7_minute_briefing_is_two_pages(client_for):
    from django.core.management import call_command

    from partnership.models import User

    call_command("seed_demo", stdout=io.StringIO())
    history = Briefing.history.count()
    call_command("seed_demo", stdout=io.StringIO())
    assert Briefing.objects.count() == 5  # 4, and the annual report demo's previous-year article
    assert Briefing.history.count() == history  # the second run changes nothing
    assert (
        Briefing.history.filter(history_user__email="business.unit@northbrook-scp.example").count() == history
    )
    seven = Briefing.objects.get(format=Briefing.Format.SEVEN_MINUTE)
    assert seven.status == Briefing.Status.PUBLISHED
    assert seven.findings.filter(source__kind="case_review").exists()
    assert Briefing.objects.filter(format="practice_note", findings__source__kind="audit").exists()
    assert Briefing.objects.filter(status=Briefing.Status.DRAFT).count() == 1

    member = User.objects.get(email="subgroup.member@northbrook-scp.example")
    reader = pdf_for(client_for(member), seven)
    assert len(reader.pages) == 2
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    assert " ".join(seven.what_to_do.split()) in text
