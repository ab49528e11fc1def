"""The annual report's pages: narratives kept with history, producing a version through the task
(eager in tests), a double submit making one version, downloads and who may do what, and the
`annual_report` command."""

import io
import re
from unittest import mock

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.urls import reverse
from pypdf import PdfReader

from dashboards.report.models import ReportNarrative, ReportVersion

pytestmark = pytest.mark.django_db

READERS = ("business_unit", "partnership_lead", "subgroup_chair")
OTHERS = ("subgroup_member", "agency_lead", "other_agency_lead", "lay_member", "peer_challenger", "no_role")


def ready_version(world) -> ReportVersion:
    version = ReportVersion(year=2025, requested_by=world.business_unit, status="ready", size=9, page_count=1)
    version.file_name = "annual-report-2025-26.pdf"
    version.file.save("x.pdf", ContentFile(b"%PDF-1.7\n"), save=False)
    version.save()
    return version


def test_the_business_unit_saves_narratives_with_history_and_others_cannot(world, client_for):
    url = reverse("dashboards:report-year", args=[2025])
    client = client_for(world.business_unit)
    response = client.post(url, {"foreword": "First words.", "training": ""})
    assert response.status_code == 302
    client.post(url, {"foreword": "Better words."})
    narrative = ReportNarrative.objects.get(year=2025, section="foreword")
    assert narrative.text == "Better words." and narrative.updated_by == world.business_unit
    assert [h.text for h in narrative.history.order_by("history_date")] == ["First words.", "Better words."]
    assert narrative.history.first().history_user == world.business_unit
    assert not ReportNarrative.objects.filter(section="training").exists()  # empty and new: nothing saved
    page = client_for(world.partnership_lead).get(url)
    assert page.status_code == 200 and b"Better words." in page.content and b"<textarea" not in page.content
    assert client_for(world.partnership_lead).post(url, {"foreword": "Mine"}).status_code == 403
    assert ReportNarrative.objects.get(year=2025, section="foreword").text == "Better words."


def test_producing_the_report_runs_the_task_and_the_version_is_ready_with_its_pdf(
    world, client_for, django_capture_on_commit_callbacks
):
    client = client_for(world.business_unit)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("dashboards:report-produce", args=[2025]))
    version = ReportVersion.objects.get()
    assert response.status_code == 302 and response["Location"] == version.get_absolute_url()
    assert (
        version.status == "ready" and version.progress == 100 and version.requested_by == world.business_unit
    )
    assert version.page_count > 14 and version.size == version.file.size
    page = client.get(version.get_absolute_url())
    assert b"Your report is ready" in page.content and b'http-equiv="refresh"' not in page.content
    download = client_for(world.subgroup_chair).get(
        reverse("dashboards:report-version-download", args=[version.pk])
    )
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith("attachment")
    assert download["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(b"".join(download.streaming_content)))
    assert len(reader.pages) == version.page_count
    listing = client.get(reverse("dashboards:report-year", args=[2025]))
    assert b"Bea Unit" in listing.content and b"Download" in listing.content


def test_a_double_submit_queues_one_version_and_its_page_refreshes_itself(
    world, client_for, django_capture_on_commit_callbacks
):
    client = client_for(world.business_unit)
    with (
        mock.patch("dashboards.tasks.render_annual_report_task.delay") as delay,
        django_capture_on_commit_callbacks(execute=True),
    ):
        first = client.post(reverse("dashboards:report-produce", args=[2025]))
        second = client.post(reverse("dashboards:report-produce", args=[2025]))
    assert ReportVersion.objects.count() == 1
    assert first["Location"] == second["Location"]
    assert delay.call_count == 1
    version = ReportVersion.objects.get()
    page = client.get(version.get_absolute_url())
    assert b"Preparing your report" in page.content and b'http-equiv="refresh"' in page.content
    # Without JavaScript the page reloads itself; with it, htmx swaps in the progress instead (a
    # page reloading under the reader fails WCAG 2.2.1, and axe).
    html = page.content.decode()
    assert re.search(r'<noscript>\s*<meta http-equiv="refresh" content="3">\s*</noscript>', html)
    assert 'hx-trigger="every 3s"' in html and 'hx-select="#report-progress"' in html
    # Not ready: nothing to download yet.
    assert client.get(reverse("dashboards:report-version-download", args=[version.pk])).status_code == 404
    # Another year is a separate report.
    with mock.patch("dashboards.tasks.render_annual_report_task.delay"):
        client.post(reverse("dashboards:report-produce", args=[2024]))
    assert ReportVersion.objects.count() == 2


def test_a_version_abandoned_by_a_dead_worker_does_not_block_the_next(world, client_for):
    import datetime

    from django.utils import timezone

    stuck = ReportVersion.objects.create(year=2025, requested_by=world.business_unit, status="rendering")
    ReportVersion.objects.filter(pk=stuck.pk).update(
        requested_at=timezone.now() - datetime.timedelta(hours=1)
    )
    with mock.patch("dashboards.tasks.render_annual_report_task.delay"):
        client_for(world.business_unit).post(reverse("dashboards:report-produce", args=[2025]))
    stuck.refresh_from_db()
    assert stuck.status == "failed" and "too long" in stuck.error
    assert ReportVersion.objects.filter(status="queued").count() == 1


def test_a_task_delivered_twice_renders_once(world):
    from dashboards.report.services import report_version_render

    version = ready_version(world)
    assert report_version_render(version_id=version.pk).file.name == version.file.name
    assert report_version_render(version_id=999999) is None


def test_a_failed_render_is_recorded_on_the_version(world):
    from dashboards.report.services import report_version_render

    version = ReportVersion.objects.create(year=2025, requested_by=world.business_unit)
    with mock.patch(
        "dashboards.report.services.versions.annual_report_pdf", side_effect=ValueError("Refused to load x")
    ):
        report_version_render(version_id=version.pk)
    version.refresh_from_db()
    assert version.status == "failed" and "Refused to load x" in version.error


@pytest.mark.parametrize("role", OTHERS)
def test_those_outside_the_reports_readers_get_403(world, client_for, role):
    version = ready_version(world)
    client = client_for(world.person(role))
    assert client.get(reverse("dashboards:report-year", args=[2025])).status_code == 403
    assert client.get(reverse("dashboards:report-version-download", args=[version.pk])).status_code == 403
    assert client.post(reverse("dashboards:report-produce", args=[2025])).status_code == 403


@pytest.mark.parametrize("role", READERS[1:])
def test_leads_and_chairs_read_and_download_but_do_not_produce(world, client_for, role):
    version = ready_version(world)
    client = client_for(world.person(role))
    assert client.get(reverse("dashboards:report-version-download", args=[version.pk])).status_code == 200
    assert client.post(reverse("dashboards:report-produce", args=[2025])).status_code == 403
    assert ReportVersion.objects.count() == 1


def test_the_command_writes_the_pdf(world, tmp_path):
    output = tmp_path / "report.pdf"
    out = io.StringIO()
    call_command("annual_report", "--year", "2025", "--output", str(output), stdout=out)
    reader = PdfReader(str(output))
    assert len(reader.pages) > 14 and reader.metadata.title == "Annual report 2025/26"
    assert "written to" in out.getvalue()


def test_the_dashboards_link_to_the_report_for_its_readers_only(world, client_for):
    link = reverse("dashboards:report-index").encode()
    assert link in client_for(world.partnership_lead).get(reverse("dashboards:themes")).content
    assert link not in client_for(world.agency_lead).get(reverse("dashboards:themes")).content
    response = client_for(world.business_unit).get(link.decode())
    assert response.status_code == 302 and "/annual-report/" in response["Location"]
