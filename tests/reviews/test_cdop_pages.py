"""Child death review learning and learning from reviews published elsewhere, in the browser
and through their services: CDOP annual reports whose figures must add up, referrals of cases
that only those who may see case reviews see, and public learning from elsewhere with themes.

`world.subgroup` plays the Child Death Overview Panel (its chair records the reports); a
separate "Practice Review" subgroup oversees a case review, which makes its members people
who may see case reviews.
"""

import datetime
from html import unescape

import pytest
from django.urls import reverse

from partnership.models import Role, Theme
from partnership.services import DomainError
from reviews.models import CdopReferral, CdopReport, ExternalReview
from reviews.services import cdop as cdop_services

from ..factories import (
    ActionFactory,
    ActionPlanFactory,
    CdopReferralFactory,
    CdopReportFactory,
    ExternalReviewFactory,
    FindingFactory,
    RecommendationFactory,
    ReviewFactory,
    RoleAssignmentFactory,
    SubgroupFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

CATEGORIES = cdop_services.CDOP_CATEGORIES
PERINATAL = CATEGORIES.index("Perinatal or neonatal event")
INFECTION = CATEGORIES.index("Infection")


def body(response) -> str:
    return unescape(response.content.decode())


def theme(name) -> Theme:
    return Theme.objects.get_or_create(name=name)[0]


def report_data(subgroup, *, year="2025", reviewed="10", modifiable="3", counts=None, **extra) -> dict:
    """The report form's fields; `counts` maps a category's position to what is typed."""
    counts = {PERINATAL: "7", INFECTION: "3"} if counts is None else counts
    data = {
        "year": year,
        "deaths_reviewed": reviewed,
        "modifiable_deaths": modifiable,
        "summary": "Unsafe sleep was the most common modifiable factor.",
        "published_on": "30/9/2026",
        "subgroup": subgroup.pk,
        **extra,
    }
    for i in range(len(CATEGORIES)):
        data[f"categories_{i}"] = counts.get(i, "")
    return data


@pytest.fixture
def report(world):
    return CdopReportFactory(subgroup=world.subgroup)


@pytest.fixture
def practice_review():
    """A Practice Review subgroup overseeing a case review, with one member."""
    subgroup = SubgroupFactory(name="Practice Review")
    member = UserFactory(full_name="Pru Review", email="pru.review@example.org")
    RoleAssignmentFactory(user=member, role=Role.SUBGROUP_MEMBER, subgroup=subgroup)
    review = ReviewFactory(
        subgroup=subgroup, reference="LLR-2026-001", title="Child V", kind="learning_review"
    )
    return subgroup, member, review


# --- recording and changing an annual report ----------------------------------------------------


def test_the_business_unit_records_a_report_whose_figures_add_up(world, client_for):
    client = client_for(world.business_unit)
    form_page = body(client.get(reverse("reviews:cdop-create")))
    for name in CATEGORIES:
        assert name in form_page
    assert 'inputmode="numeric"' in form_page

    response = client.post(reverse("reviews:cdop-create"), report_data(world.subgroup))
    report = CdopReport.objects.get()
    assert response.status_code == 302
    assert response["Location"] == report.get_absolute_url()
    assert (report.year, report.deaths_reviewed, report.modifiable_deaths) == (2025, 10, 3)
    assert report.categories == {"Perinatal or neonatal event": 7, "Infection": 3}
    assert report.published_on == datetime.date(2026, 9, 30)
    assert report.history.first().history_user == world.business_unit
    assert report.learning_source.subgroup == world.subgroup


def test_categories_that_do_not_add_up_are_refused_by_the_field_with_what_was_typed_kept(world, client_for):
    response = client_for(world.business_unit).post(
        reverse("reviews:cdop-create"),
        report_data(world.subgroup, reviewed="12", counts={PERINATAL: "7", INFECTION: "3"}),
    )
    assert response.status_code == 200
    assert not CdopReport.objects.exists()
    form = response.context["form"]
    assert form.errors["categories"] == [
        "The deaths by category add up to 10, but 12 deaths were reviewed: they must be the same."
    ]
    page = body(response)
    assert 'id="id_categories-error"' in page
    assert 'href="#id_categories_0"' in page  # the error summary links to the first category
    assert f'name="categories_{PERINATAL}" value="7"' in page
    assert 'value="12"' in page
    assert "Unsafe sleep was the most common modifiable factor." in page


def test_modifiable_deaths_cannot_be_more_than_deaths_reviewed(world, client_for):
    response = client_for(world.business_unit).post(
        reverse("reviews:cdop-create"), report_data(world.subgroup, modifiable="11")
    )
    assert response.status_code == 200
    assert response.context["form"].errors["modifiable_deaths"] == [
        "Deaths with modifiable factors (11) cannot be more than the deaths reviewed (10)."
    ]
    assert 'value="11"' in body(response)
    assert not CdopReport.objects.exists()


def test_a_count_that_is_not_a_whole_number_is_named_and_kept(world, client_for):
    response = client_for(world.business_unit).post(
        reverse("reviews:cdop-create"),
        report_data(world.subgroup, counts={PERINATAL: "seven", INFECTION: "3"}),
    )
    assert response.status_code == 200
    errors = response.context["form"].errors["categories"]
    assert "“Perinatal or neonatal event”" in errors[0]
    assert f'name="categories_{PERINATAL}" value="seven"' in body(response)


def test_a_second_report_for_the_same_year_is_refused_by_the_year(world, client_for, report):
    response = client_for(world.business_unit).post(
        reverse("reviews:cdop-create"), report_data(world.subgroup, year="2025")
    )
    assert response.status_code == 200
    assert response.context["form"].errors["year"] == ["There is already a report for this year"]


def test_the_panels_chair_changes_the_report(world, client_for, report):
    response = client_for(world.subgroup_chair).post(
        reverse("reviews:cdop-edit", args=[report.pk]),
        report_data(world.subgroup, year="2025", reviewed="31", modifiable="8", counts={PERINATAL: "31"}),
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.modifiable_deaths == 8
    assert report.categories == {"Perinatal or neonatal event": 31}
    assert report.history.first().history_user == world.subgroup_chair


def test_the_edit_form_shows_the_saved_counts(world, client_for, report):
    page = body(client_for(world.business_unit).get(reverse("reviews:cdop-edit", args=[report.pk])))
    assert f'name="categories_{PERINATAL}" value="20"' in page
    assert f'name="categories_{INFECTION}" value="11"' in page


# --- the report's page ----------------------------------------------------------------------------


def test_the_report_page_shows_the_figures_and_the_learning_panel(world, client_for, report):
    finding = FindingFactory(source=report.learning_source, title="Unsafe sleep advice was inconsistent")
    page = body(client_for(world.lay_member).get(report.get_absolute_url()))
    assert "Annual report 2025/26" in page
    assert "Deaths reviewed in 2025/26 by category" in page
    for name in CATEGORIES:
        assert name in page
    assert "9 with modifiable factors (29%)" in page
    assert 'id="findings-heading"' in page
    assert finding.title in page


@pytest.mark.parametrize("role", ["business_unit", "partnership_lead", "subgroup_member", "subgroup_chair"])
def test_referrals_show_to_those_who_may_see_case_reviews(world, client_for, report, role):
    CdopReferralFactory(report=report)
    page = body(client_for(world.person(role)).get(report.get_absolute_url()))
    assert "Cases referred for review" in page
    assert "Child V" in page


def test_referrals_show_to_the_practice_review_subgroup(world, client_for, report, practice_review):
    _subgroup, member, _review = practice_review
    CdopReferralFactory(report=report)
    page = body(client_for(member).get(report.get_absolute_url()))
    assert "Child V" in page
    assert reverse("reviews:referral-create", args=[report.pk]) not in page  # sees, does not refer


@pytest.mark.parametrize("role", ["agency_lead", "lay_member", "peer_challenger", "no_role"])
def test_referrals_are_not_shown_to_others_though_the_report_is(world, client_for, report, role):
    referral = CdopReferralFactory(report=report)
    client = client_for(world.person(role))
    response = client.get(report.get_absolute_url())
    assert response.status_code == 200
    page = body(response)
    assert "Child V" not in page
    assert "Cases referred for review" not in page
    assert "Unsafe sleep with a parent" not in page
    assert client.get(reverse("reviews:referral-link", args=[referral.pk])).status_code == 404


def test_the_business_unit_refers_a_case(world, client_for, report):
    client = client_for(world.business_unit)
    url = reverse("reviews:referral-create", args=[report.pk])
    assert 'Use the pseudonym only, for example "Child R".' in body(client.get(url))
    response = client.post(
        url,
        {
            "referred_on": "12/1/2026",
            "pseudonym": "Child W",
            "referred_for": "rapid_review",
            "reason": "Injuries not explained; the family was known to children's social care.",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == report.get_absolute_url() + "#referrals"
    referral = CdopReferral.objects.get()
    assert (referral.report, referral.pseudonym, referral.referred_for) == (report, "Child W", "rapid_review")
    assert referral.history.first().history_user == world.business_unit


def test_a_referral_without_a_pseudonym_is_refused_with_the_reason_kept(world, client_for, report):
    response = client_for(world.business_unit).post(
        reverse("reviews:referral-create", args=[report.pk]),
        {"referred_on": "12/1/2026", "pseudonym": "", "referred_for": "rapid_review", "reason": "Injuries."},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["pseudonym"] == [
        'Enter the child\'s pseudonym, for example "Child R"'
    ]
    assert "Injuries." in body(response)


def test_the_business_unit_links_a_referral_to_the_review_opened(world, client_for, report, practice_review):
    _subgroup, member, review = practice_review
    referral = CdopReferralFactory(report=report)
    client = client_for(world.business_unit)
    url = reverse("reviews:referral-link", args=[referral.pk])
    assert "LLR-2026-001: Child V" in body(client.get(url))
    response = client.post(url, {"review": review.pk})
    assert response.status_code == 302
    referral.refresh_from_db()
    assert referral.review == review
    assert referral.history.first().history_user == world.business_unit
    page = body(client_for(member).get(report.get_absolute_url()))
    assert "LLR-2026-001" in page


def test_a_partnership_lead_sees_a_referral_but_cannot_link_it(world, client_for, report):
    referral = CdopReferralFactory(report=report)
    assert (
        client_for(world.partnership_lead)
        .get(reverse("reviews:referral-link", args=[referral.pk]))
        .status_code
        == 403
    )


# --- the list of annual reports ---------------------------------------------------------------------


def test_the_report_list_shows_each_year_with_its_recommendations_and_plan_progress(
    world, client_for, report
):
    CdopReportFactory(
        subgroup=world.subgroup, year=2024, deaths_reviewed=0, modifiable_deaths=0, categories={}
    )
    first = RecommendationFactory(source=report.learning_source)
    RecommendationFactory(source=report.learning_source)
    plan = ActionPlanFactory(source=report.learning_source, subgroup=world.subgroup)
    ActionFactory(
        plan=plan, recommendation=first, status="complete", impact="Safe sleep advice at every visit."
    )
    ActionFactory(plan=plan, recommendation=first)
    response = client_for(world.business_unit).get(reverse("reviews:cdop-list"))
    rows = response.context["rows"]
    assert [row["year"] for row in rows] == ["2025/26", "2024/25"]
    assert rows[0]["modifiable_percent"] == 29
    assert rows[0]["report"].recommendations_count == 2
    assert rows[1]["modifiable_percent"] is None
    page = body(response)
    assert "(29%)" in page
    assert "1 of 2 actions complete (50%)" in page
    assert "No action plan yet" in page
    # An agency lead sees no other agency's progress, but that the plan exists.
    page = body(client_for(world.agency_lead).get(reverse("reviews:cdop-list")))
    assert "actions complete" not in page
    assert "Followed by its subgroup" in page
    assert reverse("reviews:external-list") in page


# --- learning from reviews published elsewhere -------------------------------------------------------


def test_a_chair_records_learning_from_a_review_elsewhere_with_themes(world, client_for):
    disability, voice = theme("Children with disabilities"), theme("Voice of the child")
    client = client_for(world.subgroup_chair)
    response = client.post(
        reverse("reviews:external-create"),
        {
            "title": "Child J: a review by Westshire SCP",
            "published_by": "Westshire Safeguarding Children Partnership",
            "published_on": "3/2/2026",
            "url": "https://westshire.example/reviews/child-j",
            "summary": "Professionals did not see Child J alone.",
            "themes": [disability.pk, voice.pk],
            "subgroup": world.subgroup.pk,
        },
    )
    review = ExternalReview.objects.get()
    assert response.status_code == 302
    assert response["Location"] == review.get_absolute_url()
    assert set(review.themes.all()) == {disability, voice}
    assert review.history.first().history_user == world.subgroup_chair
    page = body(client_for(world.lay_member).get(review.get_absolute_url()))
    assert "Children with disabilities" in page and "Voice of the child" in page
    assert 'href="https://westshire.example/reviews/child-j"' in page
    assert 'id="findings-heading"' in page


def test_learning_from_elsewhere_with_nothing_to_learn_is_refused_with_the_title_kept(world, client_for):
    response = client_for(world.business_unit).post(
        reverse("reviews:external-create"),
        {"title": "Child J", "published_by": "Westshire SCP", "published_on": "3/2/2026", "summary": "",
         "subgroup": world.subgroup.pk},
    )  # fmt: skip
    assert response.status_code == 200
    assert response.context["form"].errors["summary"] == ["Enter what we can learn from it"]
    assert 'value="Child J"' in body(response)


def test_the_list_of_reviews_elsewhere_filters_by_theme_year_and_words(world, client_for):
    neglect = theme("Neglect")
    old = ExternalReviewFactory(
        subgroup=world.subgroup, title="Neglect in rural families", published_on=datetime.date(2024, 5, 1)
    )
    old.themes.set([neglect])
    ExternalReviewFactory(
        subgroup=world.subgroup, title="Online harm", published_on=datetime.date(2026, 1, 9)
    )
    client = client_for(world.agency_lead)
    url = reverse("reviews:external-list")

    def titles(query):
        return [r.title for r in client.get(url, query).context["page_obj"]]

    assert titles({}) == ["Online harm", "Neglect in rural families"]
    assert titles({"theme": neglect.pk}) == ["Neglect in rural families"]
    assert titles({"year": "2026"}) == ["Online harm"]
    assert titles({"search": "rural"}) == ["Neglect in rural families"]
    assert titles({"sort": "title"}) == ["Neglect in rural families", "Online harm"]
    page = body(client.get(url, {"search": "nothing like it"}))
    assert "No reviews match these filters." in page
    assert reverse("reviews:cdop-list") in page


def test_the_empty_lists_say_what_to_do_next(world, client_for):
    client = client_for(world.business_unit)
    assert "Record an annual report" in body(client.get(reverse("reviews:cdop-list")))
    assert "Record learning from a review" in body(client.get(reverse("reviews:external-list")))


# --- the services refuse those who may not -------------------------------------------------------


@pytest.mark.parametrize("role", ["agency_lead", "subgroup_member", "partnership_lead", "lay_member"])
def test_only_the_business_unit_or_the_panels_chair_records_a_report(world, role):
    with pytest.raises(DomainError):
        cdop_services.cdop_report_save(
            report=CdopReport(year=2025, deaths_reviewed=0, modifiable_deaths=0, subgroup=world.subgroup),
            actor=world.person(role),
        )
    assert not CdopReport.objects.exists()


def test_a_chair_of_another_subgroup_cannot_change_the_report_or_move_it(world, report):
    other_chair = UserFactory(full_name="Oli Chair", email="oli.chair@example.org")
    RoleAssignmentFactory(user=other_chair, role=Role.SUBGROUP_CHAIR, subgroup=world.other_subgroup)
    report.summary = "Changed"
    with pytest.raises(DomainError):
        cdop_services.cdop_report_save(report=report, actor=other_chair)
    report.subgroup = world.other_subgroup
    with pytest.raises(DomainError) as exc:
        cdop_services.cdop_report_save(report=report, actor=world.subgroup_chair)
    assert "Only the business unit" in exc.value.message


def test_the_report_service_checks_the_figures_itself(world):
    report = CdopReport(
        year=2025,
        deaths_reviewed=3,
        modifiable_deaths=1,
        subgroup=world.subgroup,
        categories={"Infection": 2},
    )
    with pytest.raises(DomainError) as exc:
        cdop_services.cdop_report_save(report=report, actor=world.business_unit)
    assert exc.value.field == "categories"
    report.categories, report.modifiable_deaths = {"Infection": 3}, 4
    with pytest.raises(DomainError) as exc:
        cdop_services.cdop_report_save(report=report, actor=world.business_unit)
    assert exc.value.field == "modifiable_deaths"
    report.modifiable_deaths, report.categories = 1, {"Drowning": 3}
    with pytest.raises(DomainError) as exc:
        cdop_services.cdop_report_save(report=report, actor=world.business_unit)
    assert exc.value.field == "categories"


@pytest.mark.parametrize("role", ["subgroup_member", "partnership_lead", "agency_lead", "lay_member"])
def test_only_the_business_unit_or_the_panels_chair_refers_a_case(world, report, role):
    referral = CdopReferral(
        report=report, referred_on=datetime.date(2026, 1, 12), pseudonym="Child W",
        referred_for="rapid_review", reason="Injuries not explained.",
    )  # fmt: skip
    with pytest.raises(DomainError):
        cdop_services.referral_save(referral=referral, actor=world.person(role))


def test_a_referral_cannot_be_linked_to_a_review_the_actor_cannot_see(world, report):
    referral = CdopReferralFactory(report=report)
    hidden = ReviewFactory()  # overseen by a subgroup the chair is not on
    with pytest.raises(DomainError) as exc:
        cdop_services.referral_link_review(referral=referral, review=hidden, actor=world.subgroup_chair)
    assert exc.value.field == "review"
    with pytest.raises(DomainError):
        cdop_services.referral_link_review(referral=referral, review=hidden, actor=world.partnership_lead)
    referral.refresh_from_db()
    assert referral.review is None


@pytest.mark.parametrize("role", ["subgroup_member", "partnership_lead", "agency_lead", "lay_member"])
def test_only_the_business_unit_or_a_chair_records_learning_from_elsewhere(world, role):
    review = ExternalReview(
        title="Child J", published_by="Westshire SCP", published_on=datetime.date(2026, 2, 3),
        summary="Professionals did not see Child J alone.", subgroup=world.subgroup,
    )  # fmt: skip
    with pytest.raises(DomainError):
        cdop_services.external_review_save(review=review, actor=world.person(role))
    assert not ExternalReview.objects.exists()


@pytest.mark.parametrize(
    ("role", "sees"),
    [("business_unit", True), ("partnership_lead", True), ("subgroup_member", True),
     ("agency_lead", False), ("lay_member", False), ("peer_challenger", False), ("no_role", False)],
)  # fmt: skip
def test_a_referral_is_looked_up_through_the_selector(world, client_for, report, role, sees):
    from django.contrib.auth.models import AnonymousUser

    from reviews import selectors

    referral = CdopReferralFactory(report=report)
    person = world.person(role)
    assert list(selectors.cdop_referrals_visible_to(person)) == ([referral] if sees else [])
    assert not selectors.cdop_referrals_visible_to(AnonymousUser()).exists()
    response = client_for(person).get(reverse("reviews:referral-link", args=[referral.pk]))
    # Those who see referrals get the page or, if they may not link one, a 403; others a 404.
    assert (response.status_code in (200, 403)) if sees else response.status_code == 404
    assert client_for(person).get(reverse("reviews:referral-link", args=[referral.pk + 1])).status_code == 404
