"""The learning chain in the browser: findings and recommendations on a source's page, the
learning panel, and the pages of consultations with children and young people."""

import csv
import datetime
import io
from html import unescape

import pytest
from django.urls import reverse

from partnership.models import Consultation, Finding, LearningSource, Recommendation, Theme
from tests.queries import queries_for

from ..factories import (
    ActionFactory,
    ActionPlanFactory,
    ConsultationFactory,
    FindingFactory,
    RecommendationFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db


def theme(name) -> Theme:
    """One of the default themes (seeded by a migration), or a new one."""
    return Theme.objects.get_or_create(name=name)[0]


def body(response) -> str:
    return unescape(response.content.decode())


@pytest.fixture
def consultation(world):
    return ConsultationFactory(title="Feeling safe online", subgroup=world.subgroup)


def test_a_chair_adds_a_finding_and_a_recommendation_and_sees_them_on_the_consultation(
    world, client_for, consultation
):
    online = theme("Online safety")
    voice = theme("Voice of the child")
    client = client_for(world.subgroup_chair)
    source = consultation.learning_source

    response = client.post(
        reverse("partnership:finding-create", args=[source.pk]),
        {
            "kind": "improvement",
            "title": "Adults rarely ask about online lives",
            "detail": "Most said no adult had asked them which apps they use.",
            "themes": [online.pk],
        },
    )
    finding = Finding.objects.get()
    assert response.status_code == 302
    assert response["Location"] == consultation.get_absolute_url() + f"#finding-{finding.pk}"
    assert finding.history.first().history_user == world.subgroup_chair

    form_page = client.get(reverse("partnership:recommendation-create", args=[source.pk]))
    assert form_page.context["form"]["reference"].value() == "1"
    response = client.post(
        reverse("partnership:recommendation-create", args=[source.pk]),
        {
            "reference": "1",
            "text": "Ask children about the apps they use at every assessment.",
            "agencies": [world.agency.pk],
            "themes": [online.pk, voice.pk],
            "findings": [finding.pk],
        },
    )
    recommendation = Recommendation.objects.get()
    assert response.status_code == 302
    assert response["Location"].endswith(f"#recommendation-{recommendation.pk}")
    assert list(recommendation.agencies.all()) == [world.agency]
    assert list(recommendation.findings.all()) == [finding]

    page = body(client.get(consultation.get_absolute_url()))
    assert f'id="finding-{finding.pk}"' in page
    assert "Adults rarely ask about online lives" in page
    assert f'id="recommendation-{recommendation.pk}"' in page
    assert "Ask children about the apps they use at every assessment." in page
    assert world.agency.name in page
    assert "Online safety" in page and "Voice of the child" in page
    assert reverse("partnership:finding-edit", args=[finding.pk]) in page
    assert "Start the action plan" in page
    # The next recommendation is offered the next number.
    form_page = client.get(reverse("partnership:recommendation-create", args=[source.pk]))
    assert form_page.context["form"]["reference"].value() == "2"


def test_a_finding_can_be_changed(world, client_for, consultation):
    finding = FindingFactory(source=consultation.learning_source, title="Old title")
    response = client_for(world.business_unit).post(
        reverse("partnership:finding-edit", args=[finding.pk]),
        {"kind": "strength", "title": "Young people trust school nurses", "detail": ""},
    )
    assert response.status_code == 302
    finding.refresh_from_db()
    assert (finding.kind, finding.title) == ("strength", "Young people trust school nurses")


def test_a_recommendation_for_nobody_is_refused_next_to_the_agencies(world, client_for, consultation):
    url = reverse("partnership:recommendation-create", args=[consultation.learning_source.pk])
    response = client_for(world.business_unit).post(
        url, {"reference": "R1", "text": "Train every practitioner in online safety."}
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["agencies"] == [
        "Choose the agencies this recommendation is for, or address it to the partnership."
    ]
    page = body(response)
    assert "Train every practitioner in online safety." in page
    assert 'value="R1"' in page
    assert 'id="id_agencies-error"' in page
    assert not Recommendation.objects.exists()


def test_a_duplicate_reference_is_refused_next_to_the_reference(world, client_for, consultation):
    RecommendationFactory(source=consultation.learning_source, reference="R1")
    response = client_for(world.business_unit).post(
        reverse("partnership:recommendation-create", args=[consultation.learning_source.pk]),
        {"reference": "R1", "text": "Another one.", "to_partnership": "on"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["reference"] == [
        "This source of learning already has a recommendation with reference R1. Use a different reference."
    ]
    assert Recommendation.objects.count() == 1


def test_changing_a_recommendation_keeps_its_own_reference(world, client_for, consultation):
    recommendation = RecommendationFactory(source=consultation.learning_source, reference="R1")
    response = client_for(world.subgroup_chair).post(
        reverse("partnership:recommendation-edit", args=[recommendation.pk]),
        {"reference": "R1", "text": "Changed text.", "to_partnership": "on"},
    )
    assert response.status_code == 302
    recommendation.refresh_from_db()
    assert recommendation.text == "Changed text."


@pytest.mark.parametrize("name", ["finding-create", "recommendation-create"])
def test_a_subgroup_member_may_not_add_learning(world, client_for, consultation, name):
    url = reverse(f"partnership:{name}", args=[consultation.learning_source.pk])
    client = client_for(world.subgroup_member)
    assert client.get(url).status_code == 403
    assert client.post(url, {"title": "x", "kind": "strength"}).status_code == 403
    assert not Finding.objects.exists()


def test_a_subgroup_member_sees_the_learning_without_change_links(world, client_for, consultation):
    finding = FindingFactory(source=consultation.learning_source)
    page = body(client_for(world.subgroup_member).get(consultation.get_absolute_url()))
    assert finding.title in page
    assert reverse("partnership:finding-edit", args=[finding.pk]) not in page
    assert "Start the action plan" not in page
    assert "No action plan has been started yet" in page


def test_an_agency_lead_sees_every_recommendation_of_an_open_source(world, client_for, consultation):
    source = consultation.learning_source
    theirs = RecommendationFactory(source=source, reference="1", to_partnership=False)
    theirs.agencies.set([world.agency])
    others = RecommendationFactory(source=source, reference="2", to_partnership=False)
    others.agencies.set([world.other_agency])
    partnership = RecommendationFactory(source=source, reference="3", to_partnership=True)

    response = client_for(world.agency_lead).get(consultation.get_absolute_url())
    shown = {r.pk for r in response.context["learning_panel"].recommendations}
    # A source open to everyone: recommendations_visible_to gives them all its recommendations.
    assert shown == {theirs.pk, others.pk, partnership.pk}
    assert not response.context["learning_panel"].can_edit


@pytest.fixture
def confidential(world):
    consultation = ConsultationFactory(title="Confidential session", subgroup=world.subgroup)
    LearningSource.objects.filter(pk=consultation.learning_source_id).update(confidential=True)
    return consultation


@pytest.mark.parametrize(
    "role, status",
    [
        ("agency_lead", 404),
        ("lay_member", 404),
        ("business_unit", 200),
        ("partnership_lead", 200),
        ("subgroup_chair", 200),
        ("subgroup_member", 200),
    ],
)
def test_a_confidential_source_is_open_only_to_those_with_a_need_to_know(
    world, client_for, confidential, role, status
):
    client = client_for(world.person(role))
    assert client.get(confidential.get_absolute_url()).status_code == status
    source_page = client.get(reverse("partnership:source-detail", args=[confidential.learning_source_id]))
    assert source_page.status_code == (302 if status == 200 else 404)
    listed = client.get(reverse("partnership:consultation-list")).context["page_obj"].object_list
    assert (confidential in listed) == (status == 200)


def test_the_source_page_sends_a_source_with_its_own_page_there(world, client_for, consultation):
    response = client_for(world.lay_member).get(
        reverse("partnership:source-detail", args=[consultation.learning_source_id])
    )
    assert response.status_code == 302
    assert response["Location"] == consultation.get_absolute_url()


def test_a_source_without_a_page_of_its_own_gets_the_generic_page(world, client_for):
    source = LearningSource.objects.create(
        kind=LearningSource.Kind.DEEP_DIVE,
        title="Deep dive: neglect referrals",
        date=datetime.date(2026, 2, 1),
        subgroup=world.subgroup,
    )
    FindingFactory(source=source, title="Referrals lacked the child's view")
    response = client_for(world.business_unit).get(reverse("partnership:source-detail", args=[source.pk]))
    page = body(response)
    assert response.status_code == 200
    assert "Deep dive: neglect referrals" in page
    assert "Performance deep dive" in page
    assert "1 February 2026" in page
    assert "Referrals lacked the child's view" in page


def test_the_panel_says_what_to_do_when_there_is_nothing_yet(world, client_for, consultation):
    page = body(client_for(world.business_unit).get(consultation.get_absolute_url()))
    assert "No findings recorded yet. " in page
    assert reverse("partnership:finding-create", args=[consultation.learning_source_id]) in page
    assert reverse("partnership:recommendation-create", args=[consultation.learning_source_id]) in page
    assert reverse("partnership:plan-create", args=[consultation.learning_source_id]) in page


def test_the_panel_shows_the_plan_and_its_progress(world, client_for, consultation):
    plan = ActionPlanFactory(source=consultation.learning_source, subgroup=world.subgroup)
    recommendation = RecommendationFactory(source=plan.source)
    ActionFactory(
        plan=plan,
        recommendation=recommendation,
        status="complete",
        impact="Practitioners now ask about apps.",
    )
    ActionFactory(plan=plan, recommendation=recommendation)
    page = body(client_for(world.subgroup_member).get(consultation.get_absolute_url()))
    assert reverse("partnership:plan-detail", args=[plan.pk]) in page
    assert "1 of 2 actions complete" in page
    assert "2 actions" in page


def add_learning(source, plan, count, agencies, themes):
    for _ in range(count):
        finding = FindingFactory(source=source)
        finding.themes.set(themes)
        recommendation = RecommendationFactory(source=source)
        recommendation.agencies.set(agencies)
        recommendation.themes.set(themes)
        recommendation.findings.set([finding])
        ActionFactory(plan=plan, recommendation=recommendation)


@pytest.mark.parametrize("role", ["business_unit", "agency_lead"])
def test_the_panel_costs_the_same_queries_with_2_and_12_findings(world, client_for, consultation, role):
    source = consultation.learning_source
    plan = ActionPlanFactory(source=source, subgroup=world.subgroup)
    themes = [ThemeFactory(), ThemeFactory()]
    agencies = [world.agency, world.other_agency]
    client = client_for(world.person(role))
    url = consultation.get_absolute_url()

    add_learning(source, plan, 2, agencies, themes)
    small = queries_for(client, url)
    add_learning(source, plan, 10, agencies, themes)
    large = queries_for(client, url)
    assert small == large


# --- consultations ------------------------------------------------------------------------


def test_a_chair_records_a_consultation(world, client_for):
    online = theme("Online safety")
    client = client_for(world.subgroup_chair)
    form_page = body(client.get(reverse("partnership:consultation-create")))
    assert "Do not include anything that could identify a child" in form_page
    response = client.post(
        reverse("partnership:consultation-create"),
        {
            "title": "Youth forum: feeling safe online",
            "date": "14/3/2026",
            "method": "youth_forum",
            "group": "Northbrook Youth Forum, 12 young people aged 13 to 17",
            "topic": "Feeling safe online",
            "what_they_said": "Adults do not understand the apps we use.",
            "what_changed": "",
            "subgroup": world.subgroup.pk,
            "themes": [online.pk],
        },
    )
    consultation = Consultation.objects.get()
    assert response.status_code == 302
    assert response["Location"] == consultation.get_absolute_url()
    assert consultation.date == datetime.date(2026, 3, 14)
    assert list(consultation.themes.all()) == [online]
    assert consultation.learning_source.subgroup == world.subgroup
    assert consultation.history.first().history_user == world.subgroup_chair
    page = body(client.get(consultation.get_absolute_url()))
    assert "What children and young people said" in page
    assert "What changed as a result (you said, we did)" in page
    assert "Online safety" in page


def test_a_consultation_form_keeps_what_was_typed_and_says_what_is_missing(world, client_for):
    response = client_for(world.business_unit).post(
        reverse("partnership:consultation-create"),
        {"title": "Survey of care leavers", "date": "31/2/2026", "method": "survey"},
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "date" in errors and "group" in errors and "what_they_said" in errors
    assert "Survey of care leavers" in body(response)


def test_only_the_business_unit_and_chairs_record_consultations(world, client_for, consultation):
    for role in ("subgroup_member", "agency_lead", "partnership_lead", "lay_member"):
        client = client_for(world.person(role))
        assert client.get(reverse("partnership:consultation-create")).status_code == 403
        assert client.get(reverse("partnership:consultation-edit", args=[consultation.pk])).status_code == 403


def make_consultations(world):
    online = theme("Online safety")
    forum = ConsultationFactory(
        title="Forum on online safety", date=datetime.date(2025, 5, 1), subgroup=world.subgroup
    )
    forum.themes.set([online])
    survey = ConsultationFactory(
        title="Care leavers survey",
        date=datetime.date(2026, 2, 1),
        method=Consultation.Method.SURVEY,
        subgroup=world.other_subgroup,
        topic="Leaving care",
    )
    FindingFactory(source=survey.learning_source)
    return forum, survey, online


def listed(client, query=""):
    response = client.get(reverse("partnership:consultation-list") + query)
    assert response.status_code == 200
    return [c.title for c in response.context["page_obj"].object_list]


def test_the_consultation_list_filters_and_sorts(world, client_for):
    forum, survey, online = make_consultations(world)
    client = client_for(world.lay_member)
    assert listed(client) == [survey.title, forum.title]  # newest first
    assert listed(client, "?sort=title") == [survey.title, forum.title]
    assert listed(client, "?sort=date") == [forum.title, survey.title]
    assert listed(client, "?method=survey") == [survey.title]
    assert listed(client, "?year=2025") == [forum.title]
    assert listed(client, f"?theme={online.pk}") == [forum.title]
    assert listed(client, f"?subgroup={world.other_subgroup.pk}") == [survey.title]
    assert listed(client, "?search=leaving+care") == [survey.title]
    assert listed(client, "?search=nothing+like+this") == []


def test_the_consultation_list_says_what_to_do_when_empty(world, client_for):
    page = body(client_for(world.business_unit).get(reverse("partnership:consultation-list")))
    assert "No consultations recorded yet." in page
    assert reverse("partnership:consultation-create") in page


def test_the_consultation_list_pages(world, client_for, settings):
    settings.PAGE_SIZE = 2
    for n in range(5):
        ConsultationFactory(title=f"Session {n}", date=datetime.date(2026, 1, n + 1))
    client = client_for(world.business_unit)
    assert listed(client, "?sort=title&page=3") == ["Session 4"]


def test_the_consultation_export_follows_the_filters(world, client_for):
    forum, survey, _online = make_consultations(world)
    client = client_for(world.lay_member)
    response = client.get(reverse("partnership:consultation-export") + "?method=survey")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["Title", "Date", "How they took part"]
    assert len(rows) == 2
    row = dict(zip(rows[0], rows[1], strict=True))
    assert row["Title"] == survey.title
    assert row["Date"] == "1 February 2026"
    assert row["Findings"] == "1"
    all_rows = list(
        csv.reader(
            io.StringIO(client.get(reverse("partnership:consultation-export")).content.decode("utf-8-sig"))
        )
    )
    assert {r[0] for r in all_rows[1:]} == {forum.title, survey.title}
    forum_row = dict(zip(all_rows[0], next(r for r in all_rows if r[0] == forum.title), strict=True))
    assert forum_row["Themes"] == "Online safety"


def test_the_consultation_list_query_count_is_constant(world, client_for):
    client = client_for(world.business_unit)
    url = reverse("partnership:consultation-list")
    for _ in range(2):
        ConsultationFactory(subgroup=world.subgroup)
    small = queries_for(client, url)
    for _ in range(10):
        ConsultationFactory(subgroup=world.subgroup)
    assert queries_for(client, url) == small


# --- navigation ---------------------------------------------------------------------------


def nav_labels(client):
    return [item["label"] for item in client.get(reverse("partnership:home")).context["nav_items"]]


def test_the_business_unit_finds_the_organisation_lists_on_one_page(world, client_for):
    client = client_for(world.business_unit)
    labels = nav_labels(client)
    # Eight items at most (tests/partnership/test_navigation.py checks every role).
    assert labels == [
        "Home", "Dashboard", "Actions", "Consultations", "Case reviews", "Audits", "Training", "Organisation",
    ]  # fmt: skip
    page = body(client.get(reverse("partnership:organisation")))
    for name in ("agency", "subgroup", "person", "priority", "theme", "area"):
        assert reverse(f"partnership:{name}-list") in page
    agencies = client.get(reverse("partnership:agency-list"))
    active = [item["label"] for item in agencies.context["nav_items"] if item["active"]]
    assert active == ["Organisation"]


def test_others_keep_their_few_lists_in_the_navigation(world, client_for):
    labels = nav_labels(client_for(world.lay_member))
    assert labels == ["Home", "Actions", "Consultations", "Audits", "Performance data", "Organisation"]
    page = body(client_for(world.lay_member).get(reverse("partnership:organisation")))
    assert reverse("partnership:person-list") not in page
    assert reverse("partnership:subgroup-list") in page and reverse("partnership:agency-list") in page


def test_the_consultation_service_checks_who_records_again(world):
    from partnership.services import DomainError
    from partnership.services.voice import consultation_save

    consultation = Consultation(
        title="Survey",
        date=datetime.date(2026, 1, 5),
        group="Young carers group",
        topic="Being heard",
        what_they_said="Nobody asks us.",
    )
    with pytest.raises(DomainError):
        consultation_save(consultation=consultation, actor=world.subgroup_member)
    assert not Consultation.objects.exists()
    consultation_save(
        consultation=consultation, themes=[theme("Voice of the child")], actor=world.business_unit
    )
    assert consultation.learning_source.kind == LearningSource.Kind.CONSULTATION
    assert consultation.learning_source.history.first().history_user == world.business_unit


def test_the_chair_links_any_source_to_the_priorities_it_serves(world, client_for):
    """Any kind of source (here a deep dive, which has no form of its own) is linked to the
    priorities it serves from the learning panel, and the priority's page then lists it."""
    from ..factories import PriorityFactory

    source = LearningSource.objects.create(
        kind=LearningSource.Kind.DEEP_DIVE, title="Deep dive: neglect referrals", date=datetime.date(2026, 2, 1),
        subgroup=world.subgroup,
    )  # fmt: skip
    neglect, online = PriorityFactory(title="Neglect"), PriorityFactory(title="Safety online")
    client = client_for(world.subgroup_chair)
    page = body(client.get(source.get_absolute_url()))
    assert "Not linked to any of the partnership's priorities yet" in page
    url = reverse("partnership:source-priorities", args=[source.pk])
    assert url in page
    response = client.post(url, {"priorities": [neglect.pk]})
    assert response.status_code == 302
    assert list(source.priorities.all()) == [neglect]
    page = body(client.get(source.get_absolute_url()))
    assert "Neglect" in page and "Change the priorities" in page
    assert source.title in body(client.get(reverse("partnership:priority-detail", args=[neglect.pk])))
    assert source.title not in body(client.get(reverse("partnership:priority-detail", args=[online.pk])))
    # A subgroup member reads the link but may not change it.
    member_page = body(client_for(world.subgroup_member).get(source.get_absolute_url()))
    assert "Neglect" in member_page and url not in member_page
