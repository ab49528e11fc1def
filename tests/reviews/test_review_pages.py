"""The case review pages: an LCSPR taken from scoping to publication through the forms with its
clocks right at each stage, the access log, who sees what, joint reviews, the list's filters and
export, documents, and the query counts of the list and the clock board."""

import csv
import datetime
import io
from html import unescape

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from reviews.forms.reviews import ReviewDetailsForm
from reviews.models import PanelMember, Review, ReviewAccess, ReviewDocument
from tests.factories import (
    ActionPlanFactory,
    FindingFactory,
    NotificationFactory,
    RecommendationFactory,
    ReviewFactory,
    ThemeFactory,
)
from tests.queries import queries_for

pytestmark = pytest.mark.django_db
D = datetime.date
PDF = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"


def body(response) -> str:
    return unescape(response.content.decode())


def page(client, review) -> str:
    response = client.get(reverse("reviews:review-detail", args=[review.pk]))
    assert response.status_code == 200
    return body(response)


def details(review, **changes) -> dict:
    """What the details form would post back unchanged, with `changes` typed over it."""
    form = ReviewDetailsForm(instance=review)
    data = {}
    for name in form.fields:
        value = form[name].value()
        if isinstance(value, datetime.date):
            value = value.strftime("%d/%m/%Y")
        data[name] = "" if value is None else value
    data.update(changes)
    return data


def edit(client, review, **changes):
    response = client.post(reverse("reviews:review-edit", args=[review.pk]), details(review, **changes))
    assert response.status_code == 302 and response["Location"] == review.get_absolute_url(), body(response)
    review.refresh_from_db()
    return review


def advance(client, review):
    response = client.post(reverse("reviews:review-advance", args=[review.pk]), follow=True)
    review.refresh_from_db()
    return body(response)


# --- the journey ---------------------------------------------------------------------------


def test_an_lcspr_from_scoping_to_publication_with_its_clocks_right_at_each_stage(world, client_for):
    client = client_for(world.business_unit)
    with time_machine.travel(datetime.datetime(2026, 3, 2, 10, 0), tick=False) as traveller:
        response = client.post(
            reverse("reviews:review-create"),
            {
                "kind": "lcspr",
                "reference": "LCSPR-2026-01",
                "title": "Child T",
                "subgroup": world.subgroup.pk,
                "lead": world.business_unit.pk,
                "opened_on": "02/03/2026",
                "summary": "Child T, aged 4, was found alone at home.",
            },
        )
        review = Review.objects.get(reference="LCSPR-2026-01")
        assert response.status_code == 302 and response["Location"] == review.get_absolute_url()
        assert review.stage == "scoping"
        text = page(client, review)
        assert "Scoping and terms of reference" in text and "Current stage" in text
        assert "Move to review under way" in text
        assert "LCSPR final report" in text and "Not started" in text

        # Something missing: the button still shows; the service's message is displayed.
        text = advance(client, review)
        assert review.stage == "scoping"
        assert (
            "Before moving on, record the terms of reference, the independent reviewer, the methodology."
            in text
        )

        edit(
            client,
            review,
            decided_on="02/02/2026",
            terms_of_reference="How agencies responded to Child T's missed nursery sessions.",
            scope_from="01/03/2025",
            scope_to="01/02/2026",
            reviewer_name="Dr Ada Reviewer",
            reviewer_organisation="Independent Reviews Ltd",
            methodology="scie",
            family_involvement="invited",
        )
        text = page(client, review)
        assert "Dr Ada Reviewer" in text and "SCIE Learning Together" in text
        # Six calendar months from the decision: due 2 August 2026, still running.
        assert "due 2 August 2026" in text and "Running" in text and "Due in 105 working days" in text
        assert "Child T moved to: Review under way" in advance(client, review)
        assert review.stage == "in_review"

        traveller.move_to(datetime.datetime(2026, 6, 2, 10, 0))
        client = client_for(world.business_unit)  # months later: a new session
        client.post(
            reverse("reviews:review-event-add", args=[review.pk]),
            {"kind": "practitioner", "date": "20/05/2026", "title": "Practitioner learning event"},
        )
        edit(client, review, draft_report_on="01/06/2026")
        advance(client, review)
        assert review.stage == "draft_report"

        traveller.move_to(datetime.datetime(2026, 7, 21, 10, 0))
        client = client_for(world.business_unit)  # months later: a new session
        edit(client, review, final_report_on="20/07/2026")
        advance(client, review)
        assert review.stage == "final_report"
        text = page(client, review)
        assert "Practitioner learning event" in text
        assert "Met, 9 working days early" in text  # 20 July against 31 July (2 August is a Sunday)

        # The publication decision is needed before publication.
        text = advance(client, review)
        assert review.stage == "final_report"
        assert "record the publication decision, the reasons for the publication decision" in text
        edit(
            client,
            review,
            publication_decision="full",
            publication_reasons="The learning is of wide interest and the family agreed.",
            planned_publication_on="14/09/2026",
        )
        text = page(client, review)
        # At least 7 working days before 14 September: by Thursday 3 September.
        assert "due 3 September 2026" in text and "Due in 31 working days" in text
        advance(client, review)
        assert review.stage == "publication"

        traveller.move_to(datetime.datetime(2026, 9, 7, 10, 0))
        client = client_for(world.business_unit)  # months later: a new session
        text = page(client, review)
        assert "Overdue by 2 working days" in text
        list_text = body(client.get(reverse("reviews:review-list")))
        assert "Overdue by 2 working days" in list_text
        board = body(client.get(reverse("reviews:clock-board")))
        assert "LCSPR-2026-01" in board and "Overdue by 2 working days" in board

        edit(client, review, sent_to_panel_and_sos_on="07/09/2026")
        text = page(client, review)
        assert "Missed by 2 working days" in text

        traveller.move_to(datetime.datetime(2026, 9, 15, 10, 0))
        client = client_for(world.business_unit)  # months later: a new session
        edit(client, review, published_on="14/09/2026", publication_url="https://example.org/child-t")
        advance(client, review)
        assert review.stage == "closed"
        text = page(client, review)
        assert "This review is closed." in text
        assert "LCSPR-2026-01" not in body(client.get(reverse("reviews:clock-board")))


def test_the_details_form_asks_only_what_the_kind_records_in_fieldsets(world, client_for):
    client = client_for(world.business_unit)
    lcspr = ReviewFactory(kind="lcspr", stage="scoping", subgroup=world.subgroup)
    text = body(client.get(reverse("reviews:review-edit", args=[lcspr.pk])))
    for legend in ("Terms of reference", "Reviewer", "Family involvement", "Reports", "Publication"):
        assert f'<h2 class="govuk-fieldset__heading">{legend}</h2>' in text
    thematic = ReviewFactory(kind="thematic", stage="scoping", subgroup=world.subgroup)
    text = body(client.get(reverse("reviews:review-edit", args=[thematic.pk])))
    assert "Publication</h2>" not in text and "Family involvement</h2>" not in text
    assert 'name="final_report_on_day"' in text and 'name="draft_report_on_day"' not in text


def test_a_future_report_date_is_refused_next_to_its_field_and_typed_values_stay(world, client_for):
    client = client_for(world.business_unit)
    review = ReviewFactory(kind="lcspr", stage="in_review", subgroup=world.subgroup)
    future = (datetime.date.today() + datetime.timedelta(days=30)).strftime("%d/%m/%Y")
    response = client.post(
        reverse("reviews:review-edit", args=[review.pk]),
        details(review, draft_report_on=future, reviewer_name="Dr Typed Name"),
    )
    assert response.status_code == 200
    assert "cannot be in the future" in response.context["form"].errors["draft_report_on"][0]
    assert "Dr Typed Name" in body(response)


def test_only_a_dhr_links_to_an_lcspr_and_only_the_business_unit_opens_reviews(world, client_for):
    assert client_for(world.subgroup_chair).get(reverse("reviews:review-create")).status_code == 403
    lcspr = ReviewFactory(kind="lcspr", stage="scoping", subgroup=world.subgroup)
    assert (
        client_for(world.business_unit).get(reverse("reviews:review-joint", args=[lcspr.pk])).status_code
        == 404
    )


# --- the access log and who sees what --------------------------------------------------------


def upload(client, review, name="terms.pdf", content=PDF, description="Agreed terms"):
    return client.post(
        reverse("reviews:document-upload", args=[review.pk]),
        {"kind": "terms_of_reference", "description": description, "file": SimpleUploadedFile(name, content)},
    )


def test_every_view_and_download_is_logged_and_the_business_unit_reads_the_log(world, client_for):
    review = ReviewFactory(kind="lcspr", stage="scoping", subgroup=world.subgroup, title="Child T")
    bu, member = client_for(world.business_unit), client_for(world.subgroup_member)
    assert upload(bu, review).status_code == 302
    document = ReviewDocument.objects.get(review=review)
    page(bu, review)
    page(member, review)
    response = member.get(reverse("reviews:document-download", args=[document.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Disposition"].startswith("attachment")
    log = list(ReviewAccess.objects.order_by("pk").values_list("user__full_name", "what"))
    assert log == [
        ("Bea Unit", "review page"),
        ("Sam Member", "review page"),
        ("Sam Member", "document: terms.pdf"),
    ]

    text = body(bu.get(reverse("reviews:access-log")))
    assert "Sam Member" in text and "document: terms.pdf" in text and review.reference in text
    filtered = body(bu.get(reverse("reviews:access-log"), {"user": world.business_unit.pk}))
    assert "document: terms.pdf" not in filtered
    export = bu.get(reverse("reviews:access-log-export"))
    rows = list(csv.reader(io.StringIO(export.content.decode("utf-8-sig"))))
    assert rows[0] == ["When", "Person", "Email", "Review", "Pseudonym", "What was viewed"]
    assert len(rows) == 4  # the header, and the three entries before the log page was read
    assert member.get(reverse("reviews:access-log")).status_code == 403


def test_an_upload_of_the_wrong_type_is_refused_on_the_file_field_keeping_what_was_typed(world, client_for):
    review = ReviewFactory(kind="lcspr", stage="scoping", subgroup=world.subgroup)
    response = upload(
        client_for(world.business_unit),
        review,
        name="run.exe",
        content=b"MZ\x90\x00binary",
        description="Kept",
    )
    assert response.status_code == 200
    assert response.context["form"].errors["file"]
    assert 'value="Kept"' in body(response)
    assert not ReviewDocument.objects.exists()


def test_an_agency_lead_not_on_the_panel_sees_nothing_of_the_review(world, client_for):
    notification = NotificationFactory(became_aware_on=datetime.date.today())
    notification.agencies.set([world.agency])
    review = ReviewFactory(notification=notification, subgroup=world.subgroup, reference="RR-SECRET-1")
    upload(client_for(world.business_unit), review)
    document = ReviewDocument.objects.get()
    lead = client_for(world.agency_lead)
    assert lead.get(reverse("reviews:review-detail", args=[review.pk])).status_code == 404
    assert lead.get(reverse("reviews:document-download", args=[document.pk])).status_code == 404
    assert "RR-SECRET-1" not in body(lead.get(reverse("reviews:clock-board")))
    assert "RR-SECRET-1" not in body(lead.get(reverse("reviews:review-list")))
    assert "RR-SECRET-1" not in lead.get(reverse("reviews:review-export")).content.decode()
    assert not ReviewAccess.objects.filter(user=world.agency_lead).exists()
    nav = [item["label"] for item in lead.get(reverse("partnership:home")).context["nav_items"]]
    assert "Case reviews" not in nav


def test_a_lay_member_on_the_panel_can_read_the_review(world, client_for):
    review = ReviewFactory(kind="lcspr", stage="scoping", subgroup=world.other_subgroup, title="Child V")
    client = client_for(world.lay_member)
    assert client.get(reverse("reviews:review-detail", args=[review.pk])).status_code == 404
    PanelMember.objects.create(review=review, user=world.lay_member, role="member")
    assert "Child V" in page(client, review)
    assert "Child V" in body(client.get(reverse("reviews:review-list")))
    nav = [item["label"] for item in client.get(reverse("partnership:home")).context["nav_items"]]
    assert "Case reviews" in nav


def test_a_joint_dhr_and_lcspr_show_the_same_action_plan(world, client_for):
    client = client_for(world.business_unit)
    lcspr = ReviewFactory(kind="lcspr", stage="in_review", subgroup=world.subgroup, reference="LCSPR-J")
    dhr = ReviewFactory(kind="dhr", stage="scoping", subgroup=world.subgroup, reference="DHR-J")
    plan = ActionPlanFactory(
        source=lcspr.learning_source, subgroup=world.subgroup, title="Joint plan for Child Q"
    )
    form = client.get(reverse("reviews:review-joint", args=[dhr.pk]))
    assert "LCSPR-J: Child Q" in body(form)
    response = client.post(reverse("reviews:review-joint", args=[dhr.pk]), {"joint_with": lcspr.pk})
    assert response.status_code == 302
    dhr.refresh_from_db()
    assert dhr.joint_with == lcspr
    plan_url = reverse("partnership:plan-detail", args=[plan.pk])
    for review in (lcspr, dhr):
        text = page(client, review)
        assert plan_url in text and "Joint plan for Child Q" in text
    assert "held jointly with" in page(client, dhr)
    # A subgroup member sees the shared plan on both pages too (it is their subgroup's plan).
    member = client_for(world.subgroup_member)
    assert plan_url in page(member, dhr)


# --- the list, its filters and export ----------------------------------------------------------


def test_the_list_filters_by_kind_stage_clock_theme_year_and_agency(world, client_for):
    today = D(2026, 3, 2)
    theme = ThemeFactory(name="Missed nursery sessions")
    overdue = ReviewFactory(
        reference="RR-OVERDUE",
        subgroup=world.subgroup,
        notification=NotificationFactory(became_aware_on=D(2026, 2, 2)),
        opened_on=D(2026, 2, 2),
    )
    overdue.notification.agencies.set([world.other_agency])
    ReviewFactory(
        reference="RR-RUNNING",
        subgroup=world.subgroup,
        notification=NotificationFactory(became_aware_on=D(2026, 2, 27)),
        opened_on=D(2026, 2, 27),
    )
    lcspr = ReviewFactory(reference="LCSPR-OLD", kind="lcspr", stage="in_review", opened_on=D(2025, 6, 1))
    FindingFactory(source=lcspr.learning_source).themes.set([theme])
    thematic = ReviewFactory(reference="TH-1", kind="thematic", stage="scoping", notification=None)
    RecommendationFactory(source=thematic.learning_source).themes.set([theme])
    client = client_for(world.business_unit)

    def listed(**query) -> set[str]:
        with time_machine.travel(datetime.datetime(2026, 3, 2, 10, 0), tick=False):
            response = client.get(reverse("reviews:review-list"), query)
        assert response.status_code == 200
        return {row.review.reference for row in response.context["rows"]}

    assert listed() == {"RR-OVERDUE", "RR-RUNNING", "LCSPR-OLD", "TH-1"}
    assert listed(kind="rapid_review") == {"RR-OVERDUE", "RR-RUNNING"}
    assert listed(kind="other") == {"TH-1"}
    assert listed(stage="in_review") == {"LCSPR-OLD"}
    assert listed(clock="overdue") == {"RR-OVERDUE"}
    assert listed(clock="running") == {"RR-RUNNING"}
    assert listed(theme=theme.pk) == {"LCSPR-OLD", "TH-1"}
    assert listed(year=2025) == {"LCSPR-OLD"}
    assert listed(agency=world.other_agency.pk) == {"RR-OVERDUE"}
    with time_machine.travel(datetime.datetime(2026, 3, 2, 10, 0), tick=False):
        text = body(client.get(reverse("reviews:review-list"), {"kind": "rapid_review", "sort": "clock"}))
    assert '<h1 class="govuk-heading-xl">Rapid Reviews</h1>' in text
    assert text.index("RR-OVERDUE") < text.index("RR-RUNNING")
    assert "Notification to the national Panel: due in 4 working days" in text
    assert "Overdue by" in text and "govuk-tag--red" in text

    with time_machine.travel(datetime.datetime(2026, 3, 2, 10, 0), tick=False):
        export = client.get(reverse("reviews:review-export"), {"kind": "rapid_review", "sort": "clock"})
    rows = list(csv.reader(io.StringIO(export.content.decode("utf-8-sig"))))
    assert rows[0][:4] == ["Reference", "Pseudonym", "Kind", "Stage"]
    assert [row[0] for row in rows[1:]] == ["RR-OVERDUE", "RR-RUNNING"]
    assert "injuries" not in export.content.decode()  # never what happened to the child
    assert today  # the fixed day the expectations above count from


def test_the_clock_board_filters_and_its_empty_state(world, client_for):
    client = client_for(world.business_unit)
    assert "No statutory clock is running" in body(client.get(reverse("reviews:clock-board")))
    ReviewFactory(reference="RR-1", notification=NotificationFactory(became_aware_on=D(2026, 2, 2)))
    with time_machine.travel(datetime.datetime(2026, 3, 2, 10, 0), tick=False):
        text = body(client.get(reverse("reviews:clock-board"), {"state": "overdue"}))
        assert "RR-1" in text and "Notification to the national Panel" in text
        text = body(client.get(reverse("reviews:clock-board"), {"clock": "dhr_review"}))
        assert "No running clock matches these filters" in text


def test_the_clock_board_rows_link_each_review_with_its_due_dates(world, client_for):
    """Aware on Monday 2 February 2026: the Panel is told within 5 working days (Monday 9
    February) and the Rapid Review runs 15 (Monday 23 February). On Wednesday 4 February the
    first is due in 3 working days, the second in 13; soonest first."""
    review = ReviewFactory(reference="RR-9", title="Child R", lead=world.business_unit,
                           notification=NotificationFactory(became_aware_on=D(2026, 2, 2)))  # fmt: skip
    ReviewFactory(reference="RR-10", notification=NotificationFactory(became_aware_on=D(2026, 2, 3)))
    with time_machine.travel(datetime.datetime(2026, 2, 4, 10, 0), tick=False):
        text = body(client_for(world.business_unit).get(reverse("reviews:clock-board")))
    link = f'href="{reverse("reviews:review-detail", args=[review.pk])}#clocks">RR-9: Child R</a>'
    assert text.count(link) == 2
    rows = [" ".join(row.split()) for row in text.split('<tr class="govuk-table__row">')[2:]]
    due = [row.split('<td class="govuk-table__cell">', 1)[1].split("</td>", 1)[0] for row in rows]
    assert due == ["9 February 2026", "10 February 2026", "23 February 2026", "24 February 2026"]
    assert "Due in 3 working days" in rows[0] and "Due in 13 working days" in rows[2]
    assert str(world.business_unit) in rows[0] and "Not yet chosen" in rows[1]


# --- query counts ----------------------------------------------------------------------------


def add_reviews(world, count):
    for n in range(count):
        notification = NotificationFactory(became_aware_on=D(2026, 2, 2 + n % 20))
        notification.agencies.set([world.agency])
        kind = ("rapid_review", "lcspr", "dhr")[n % 3]
        ReviewFactory(
            kind=kind,
            stage={"rapid_review": "gathering", "lcspr": "scoping", "dhr": "scoping"}[kind],
            notification=notification,
            subgroup=world.subgroup,
            lead=world.business_unit,
            decided_on=D(2026, 2, 1) if kind != "rapid_review" else None,
        )


@pytest.mark.parametrize(
    "url",
    [
        reverse("reviews:review-list"),
        reverse("reviews:review-list") + "?clock=running&sort=clock&agency=1",
        reverse("reviews:review-export"),
        reverse("reviews:clock-board"),
    ],
)
@pytest.mark.parametrize("role", ["business_unit", "subgroup_member"])
def test_the_list_and_clock_board_keep_a_constant_number_of_queries(world, client_for, url, role):
    client = client_for(world.person(role))
    add_reviews(world, 3)
    client.get(url)  # warm caches (content types, session)
    small = queries_for(client, url)
    add_reviews(world, 12)
    assert queries_for(client, url) == small


# --- what was decided, and the LCSPR's clock from the decision ----------------------------------


def test_the_list_the_review_page_and_the_clock_board_show_the_decision_and_the_lcspr_clock(
    world, client_for
):
    """A Rapid Review decided on 12 March 2026 to hold an LCSPR: everyone sees the decision, not
    only "Decision made", and the LCSPR's six months run from that day, before anyone opens it."""
    rapid = ReviewFactory(reference="RR-7", title="Child T", subgroup=world.subgroup, stage="decided",
                          decision="lcspr", decided_on=D(2026, 3, 12), decided_by="The partners",
                          decision_rationale="Concerns.")  # fmt: skip
    client = client_for(world.subgroup_member)
    decision = "Decision: LCSPR to be held, 12 March 2026"
    with time_machine.travel(datetime.datetime(2026, 4, 1, 10, 0), tick=False):
        listing = " ".join(body(client.get(reverse("reviews:review-list"))).split())
        board = " ".join(body(client.get(reverse("reviews:clock-board"))).split())
        detail = " ".join(page(client, rapid).split())
    assert decision in listing and decision in detail and decision in board
    rows = board.split('<tbody class="govuk-table__body">', 1)[1].split('<tr class="govuk-table__row">')
    row = next(r for r in rows if "LCSPR final report" in r)
    assert ("12/09/2026" in row or "12 September 2026" in row) and "RR-7: Child T" in row
    assert "LCSPR final report" in detail


def test_the_list_and_board_show_other_decisions_in_words(world, client_for):
    ReviewFactory(reference="RR-8", subgroup=world.subgroup, stage="decided", decision="no_further",
                  decided_on=D(2026, 3, 12), notification=NotificationFactory(became_aware_on=D(2026, 3, 2)))  # fmt: skip
    with time_machine.travel(datetime.datetime(2026, 3, 13, 10, 0), tick=False):
        listing = " ".join(body(client_for(world.business_unit).get(reverse("reviews:review-list"))).split())
    assert "Decision: no further review, 12 March 2026" in listing


@pytest.mark.parametrize("url", [reverse("reviews:review-list"), reverse("reviews:clock-board")])
def test_decided_rapid_reviews_keep_the_list_and_board_queries_constant(world, client_for, url):
    def add_decided(count):
        for _ in range(count):
            ReviewFactory(
                subgroup=world.subgroup, stage="decided", decision="lcspr", decided_on=D(2026, 3, 12)
            )

    client = client_for(world.business_unit)
    add_decided(2)
    client.get(url)
    small = queries_for(client, url)
    add_decided(8)
    assert queries_for(client, url) == small
