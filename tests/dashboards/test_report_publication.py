"""The annual report's publication trail: finalise, publish, send to the national Panel and to
Foundations, in that order and each once; the submission clock from publication (its days a
setting); the narratives locked once finalised; the clock on the clock board; the pages."""

import datetime

import pytest
import time_machine
from django.core.files.base import ContentFile
from django.test import override_settings
from django.urls import reverse

from dashboards.report.models import ReportNarrative, ReportPublication, ReportVersion
from dashboards.report.services import (
    narratives_save,
    report_finalise,
    report_publish,
    report_submission_record,
    report_unfinalise,
)
from partnership.services import DomainError

pytestmark = pytest.mark.django_db

D = datetime.date


def ready_version(world, year=2025) -> ReportVersion:
    version = ReportVersion(year=year, requested_by=world.business_unit, status="ready", size=9, page_count=1)
    version.file_name = "annual-report-2025-26.pdf"
    version.file.save("x.pdf", ContentFile(b"%PDF-1.7\n"), save=False)
    version.save()
    return version


def published(world, *, on: datetime.date) -> ReportPublication:
    report_finalise(version=ready_version(world), actor=world.business_unit)
    return report_publish(
        year=2025, url="https://northbrook.example/annual-report", published_on=on, actor=world.business_unit
    )


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(datetime.datetime(2026, 9, 1, 10, 0), tick=False) as traveller:
        yield traveller


# --- order and once ---------------------------------------------------------------------------


def test_cannot_publish_before_finalising(world):
    with pytest.raises(DomainError, match="Finalise the report before"):
        report_publish(
            year=2025, url="https://x.example/r", published_on=D(2026, 9, 1), actor=world.business_unit
        )
    assert not ReportPublication.objects.filter(published_on__isnull=False).exists()


def test_cannot_record_a_sending_before_publication(world):
    report_finalise(version=ready_version(world), actor=world.business_unit)
    with pytest.raises(DomainError, match="Record the report's publication before"):
        report_submission_record(
            year=2025, recipient="panel", sent_on=D(2026, 9, 1), how="By email", actor=world.business_unit
        )


def test_only_a_ready_version_is_finalised_and_only_once(world):
    queued = ReportVersion.objects.create(year=2025, requested_by=world.business_unit)
    with pytest.raises(DomainError, match="ready"):
        report_finalise(version=queued, actor=world.business_unit)
    first = ready_version(world)
    publication = report_finalise(version=first, actor=world.business_unit)
    assert publication.version == first and publication.finalised_by == world.business_unit
    # The HTML edition is frozen with it: a whole document, in British English.
    assert (
        publication.edition_html.startswith("<!DOCTYPE html>") and 'lang="en-GB"' in publication.edition_html
    )
    with pytest.raises(DomainError, match="already finalised"):
        report_finalise(version=ready_version(world), actor=world.business_unit)
    assert ReportPublication.objects.get(year=2025).version == first


def test_each_sending_is_recorded_once(world):
    published(world, on=D(2026, 9, 1))
    report_submission_record(
        year=2025, recipient="panel", sent_on=D(2026, 9, 1), how="By email", actor=world.business_unit
    )
    with pytest.raises(DomainError, match="the national Panel has already been recorded"):
        report_submission_record(
            year=2025, recipient="panel", sent_on=D(2026, 9, 1), how="Again", actor=world.business_unit
        )
    publication = ReportPublication.objects.get(year=2025)
    assert publication.panel_sent_how == "By email" and publication.panel_sent_by == world.business_unit
    assert publication.foundations_sent_on is None


def test_publication_is_recorded_once_and_dates_are_checked(world):
    report_finalise(version=ready_version(world), actor=world.business_unit)
    with pytest.raises(DomainError, match="today or in the past") as error:
        report_publish(
            year=2025, url="https://x.example/r", published_on=D(2026, 9, 2), actor=world.business_unit
        )
    assert error.value.field == "published_on"
    report_publish(
        year=2025, url="https://x.example/r", published_on=D(2026, 9, 1), actor=world.business_unit
    )
    with pytest.raises(DomainError, match="already been recorded"):
        report_publish(
            year=2025, url="https://x.example/s", published_on=D(2026, 9, 1), actor=world.business_unit
        )
    with pytest.raises(DomainError, match="before the report was published"):
        report_submission_record(
            year=2025, recipient="foundations", sent_on=D(2026, 8, 31), how="Email", actor=world.business_unit
        )


def test_only_the_business_unit_moves_the_trail(world):
    version = ready_version(world)
    for person in (world.partnership_lead, world.subgroup_chair, world.agency_lead, world.superuser):
        with pytest.raises(DomainError, match="Only the business unit"):
            report_finalise(version=version, actor=person)
    assert not ReportPublication.objects.filter(version__isnull=False).exists()


# --- finalising locks the narratives; un-finalising needs a reason and is refused once published


def test_finalising_locks_the_narratives_until_unfinalised_with_a_reason(world):
    narratives_save(year=2025, texts={"foreword": "Draft words."}, actor=world.business_unit)
    report_finalise(version=ready_version(world), actor=world.business_unit)
    with pytest.raises(DomainError, match="finalised"):
        narratives_save(year=2025, texts={"foreword": "Late change."}, actor=world.business_unit)
    # Another year is not locked.
    narratives_save(year=2026, texts={"foreword": "Next year."}, actor=world.business_unit)
    with pytest.raises(DomainError, match="Enter why") as error:
        report_unfinalise(year=2025, reason="  ", actor=world.business_unit)
    assert error.value.field == "reason"
    report_unfinalise(year=2025, reason="The executive changed the foreword", actor=world.business_unit)
    publication = ReportPublication.objects.get(year=2025)
    assert publication.version is None and publication.edition_html == ""
    latest = publication.history.order_by("-history_id").first()
    assert latest.history_change_reason == "Un-finalised: The executive changed the foreword"
    assert latest.history_user == world.business_unit
    narratives_save(year=2025, texts={"foreword": "Late change."}, actor=world.business_unit)
    assert ReportNarrative.objects.get(year=2025, section="foreword").text == "Late change."


def test_a_published_report_cannot_be_unfinalised(world):
    published(world, on=D(2026, 9, 1))
    with pytest.raises(DomainError, match="published"):
        report_unfinalise(year=2025, reason="Oops", actor=world.business_unit)


# --- the clock ----------------------------------------------------------------------------------


def test_publishing_starts_the_clock_and_both_sendings_stop_it(world, frozen):
    frozen.move_to(datetime.datetime(2026, 10, 20, 10, 0))
    publication = published(world, on=D(2026, 10, 20))
    # 20 October + 7 calendar days = 27 October.
    assert publication.submission_due == D(2026, 10, 27)
    assert publication.submission_state(D(2026, 10, 20)) == "running"
    assert publication.submission_description(D(2026, 10, 20)) == "Due in 7 days"
    assert publication.submission_state(D(2026, 10, 28)) == "overdue"
    assert publication.submission_description(D(2026, 10, 29)) == "Overdue by 2 days"
    frozen.move_to(datetime.datetime(2026, 10, 22, 10, 0))
    report_submission_record(
        year=2025, recipient="panel", sent_on=D(2026, 10, 21), how="By email", actor=world.business_unit
    )
    publication.refresh_from_db()
    assert publication.submission_state(D(2026, 10, 22)) == "running"  # one of two: still running
    report_submission_record(
        year=2025, recipient="foundations", sent_on=D(2026, 10, 22), how="By email", actor=world.business_unit
    )
    publication.refresh_from_db()
    # Stopped on 22 October, the later of the two: 5 days before the 27th.
    assert publication.submissions_done == D(2026, 10, 22)
    assert publication.submission_state(D(2026, 12, 1)) == "met"
    assert publication.submission_description(D(2026, 12, 1)) == "Met, 5 days early"


def test_the_clock_is_missed_when_the_second_sending_is_late(world, frozen):
    frozen.move_to(datetime.datetime(2026, 11, 30, 10, 0))
    published(world, on=D(2026, 10, 1))
    for recipient, on in (("panel", D(2026, 10, 3)), ("foundations", D(2026, 10, 10))):
        report_submission_record(
            year=2025, recipient=recipient, sent_on=on, how="Email", actor=world.business_unit
        )
    publication = ReportPublication.objects.get(year=2025)
    # Due 8 October; Foundations on the 10th: 2 days late.
    assert publication.submission_state(D(2026, 11, 30)) == "missed"
    assert publication.submission_description(D(2026, 11, 30)) == "Missed by 2 days"


@override_settings(ANNUAL_REPORT_SUBMISSION_DAYS=14)
def test_the_clocks_days_are_a_setting(world, frozen, client_for):
    frozen.move_to(datetime.datetime(2026, 10, 20, 10, 0))
    publication = published(world, on=D(2026, 10, 20))
    assert publication.submission_due == D(2026, 11, 3)  # 20 October + 14 days
    page = (
        client_for(world.business_unit).get(reverse("dashboards:report-year", args=[2025])).content.decode()
    )
    assert "Sent within 14 days" in page and "Due in 14 days (due 3 November 2026)" in page


def test_the_clock_board_lists_the_running_submission_clock_to_the_reports_readers(world, client_for, frozen):
    frozen.move_to(datetime.datetime(2026, 10, 20, 10, 0))
    published(world, on=D(2026, 10, 18))
    client = client_for(world.business_unit)
    page = client.get(reverse("reviews:clock-board")).content.decode()
    assert "Other statutory clocks" in page
    assert "Annual report 2025/26 sent to the national Panel and Foundations" in page
    assert "25 October 2026" in page and "Due in 5 days" in page  # 18 October + 7; 5 days from the 20th
    assert reverse("dashboards:report-year", args=[2025]) + "#publication" in page
    # A person who may not read the report does not see it on the board.
    other = client_for(world.agency_lead).get(reverse("reviews:clock-board"))
    assert other.status_code == 200 and "Annual report 2025/26" not in other.content.decode()
    # Both sent: the clock stops and leaves the board.
    for recipient in ("panel", "foundations"):
        report_submission_record(
            year=2025, recipient=recipient, sent_on=D(2026, 10, 19), how="Email", actor=world.business_unit
        )
    page = client_for(world.business_unit).get(reverse("reviews:clock-board")).content.decode()
    assert "Annual report 2025/26" not in page


# --- the pages ----------------------------------------------------------------------------------


def test_the_business_unit_walks_the_trail_from_the_years_page(world, client_for, frozen):
    frozen.move_to(datetime.datetime(2026, 10, 20, 10, 0))
    version = ready_version(world)
    client = client_for(world.business_unit)
    year_url = reverse("dashboards:report-year", args=[2025])
    page = client.get(year_url).content.decode()
    assert reverse("dashboards:report-finalise", args=[2025]) in page
    assert reverse("dashboards:report-publish", args=[2025]) not in page  # not before finalising
    # Finalise: a confirmation with a warning, then the post.
    confirm = client.get(reverse("dashboards:report-finalise", args=[2025])).content.decode()
    assert "can no longer be changed" in confirm
    response = client.post(reverse("dashboards:report-finalise", args=[2025]), {"version": version.pk})
    assert response.status_code == 302 and response["Location"] == year_url + "#publication"
    # Publish: a missing address is shown next to its field, and what was typed is kept.
    url = reverse("dashboards:report-publish", args=[2025])
    response = client.post(
        url, {"url": "", "published_on_day": "18", "published_on_month": "10", "published_on_year": "2026"}
    )
    body = response.content.decode()
    assert response.status_code == 200 and "Enter the address where the report is published" in body
    assert 'name="published_on_day" type="text" inputmode="numeric" value="18"' in body
    response = client.post(
        url,
        {
            "url": "https://northbrook.example/annual-report",
            "published_on_day": "18",
            "published_on_month": "10",
            "published_on_year": "2026",
        },
    )
    assert response.status_code == 302
    response = client.post(
        reverse("dashboards:report-submission", args=[2025, "panel"]),
        {"sent_on_day": "19", "sent_on_month": "10", "sent_on_year": "2026", "how": "By email to the Panel"},
    )
    assert response.status_code == 302
    page = client.get(year_url).content.decode()
    assert "https://northbrook.example/annual-report" in page and "18 October 2026" in page
    assert "19 October 2026, By email to the Panel" in page
    assert reverse("dashboards:report-submission", args=[2025, "foundations"]) in page
    assert "Due in 5 days" in page
    # The sections are read-only now, for the business unit too.
    assert "<textarea" not in page and "can no longer be changed" in page
    assert client.get(reverse("dashboards:report-submission", args=[2025, "nobody"])).status_code == 404


def test_the_html_edition_has_the_reports_sections_in_order_with_accessible_tables(world, client_for):
    narratives_save(year=2025, texts={"foreword": "Our year, in brief."}, actor=world.business_unit)
    page = client_for(world.partnership_lead).get(reverse("dashboards:report-edition", args=[2025]))
    body = page.content.decode()
    assert page.status_code == 200 and "Our year, in brief." in body
    foreword, partnership, next_year = (
        body.index('id="section-foreword-heading"'),
        body.index('id="section-partnership-heading"'),
        body.index('id="section-next-priorities-heading"'),
    )
    assert foreword < partnership < next_year
    assert 'href="#section-foreword"' in body  # the contents list links to each section
    assert "<caption" in body and 'scope="col"' in body and 'scope="row"' in body
    download = client_for(world.partnership_lead).get(
        reverse("dashboards:report-edition-download", args=[2025])
    )
    assert download["Content-Disposition"] == 'attachment; filename="annual-report-2025-26.html"'
    html = download.content.decode()
    # Self-contained: inlined style, no external asset, no script.
    assert "<style>" in html and "<link" not in html and "<script" not in html and " src=" not in html
    assert "<title>Annual report 2025/26: " in html and "Our year, in brief." in html


def test_the_download_is_the_frozen_edition_once_finalised(world, client_for):
    narratives_save(year=2025, texts={"foreword": "As finalised."}, actor=world.business_unit)
    report_finalise(version=ready_version(world), actor=world.business_unit)
    ReportNarrative.objects.filter(year=2025, section="foreword").update(text="Changed behind its back.")
    html = client_for(world.business_unit).get(reverse("dashboards:report-edition-download", args=[2025]))
    assert "As finalised." in html.content.decode() and "Changed behind" not in html.content.decode()


# --- the demo -----------------------------------------------------------------------------------


def test_the_demo_publishes_the_last_complete_year_and_sends_it_on_time_once(frozen, client_for):
    from django.core.management import call_command

    from partnership.models import Role, User

    frozen.move_to(datetime.datetime(2026, 12, 6, 10, 0))
    call_command("seed_demo", verbosity=0)
    publication = ReportPublication.objects.get(year=2025)
    # Published 28 days before 6 December: 8 November; the Panel on the 10th, Foundations on the
    # 13th, within the 7 days (due the 15th): met, 2 days early.
    assert publication.version.status == "ready" and publication.version.page_count > 1
    assert publication.published_on == D(2026, 11, 8)
    assert (publication.panel_sent_on, publication.foundations_sent_on) == (D(2026, 11, 10), D(2026, 11, 13))
    assert publication.submission_description(D(2026, 12, 6)) == "Met, 2 days early"
    assert 'lang="en-GB"' in publication.edition_html
    assert not ReportPublication.objects.filter(year=2026, version__isnull=False).exists()
    counts = (ReportVersion.objects.count(), publication.history.count(), ReportNarrative.objects.count())
    call_command("seed_demo", verbosity=0)
    assert (
        ReportVersion.objects.count(),
        publication.history.count(),
        ReportNarrative.objects.count(),
    ) == counts
    unit = User.objects.filter(role_assignments__role=Role.BUSINESS_UNIT).first()
    page = client_for(unit).get(reverse("dashboards:report-year", args=[2025])).content.decode()
    for shown in (
        "8 November 2026",
        "Sent to the national Panel",
        "Sent to Foundations",
        "Met, 2 days early",
    ):
        assert shown in page
