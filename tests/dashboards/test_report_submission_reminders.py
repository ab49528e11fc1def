"""The warning that the annual report's submission clock is about to run out: to the business
unit, once, from CLOCK_WARNING_WORKING_DAYS working days before it falls due; never once both
sendings are recorded; once under reruns and under two runs at once."""

import datetime
from collections import Counter

import pytest
from django.conf import settings
from django.core import mail
from django.core.files.base import ContentFile

from dashboards.reminders import send_submission_warnings
from dashboards.report.models import ReportPublication, ReportVersion
from partnership.services.reminders import run_reminders
from tests.workers import require_postgres, twice_at_once

D = datetime.date
# Published on Monday 5 October 2026: due Monday 12 October (7 calendar days). Three working
# days before it is Wednesday 7 October, when the warning goes.
PUBLISHED = D(2026, 10, 5)


def publication(world, year=2025, **sent) -> ReportPublication:
    version = ReportVersion(year=year, requested_by=world.business_unit, status="ready", size=9, page_count=1)
    version.file.save("x.pdf", ContentFile(b"%PDF-1.7\n"), save=False)
    version.save()
    return ReportPublication.objects.create(
        year=year,
        version=version,
        finalised_by=world.business_unit,
        published_url="https://northbrook.example/annual-report",
        published_on=PUBLISHED,
        **sent,
    )


@pytest.mark.django_db
def test_the_business_unit_is_warned_once_before_the_clock_runs_out(world):
    publication(world, panel_sent_on=D(2026, 10, 6), panel_sent_how="Email")
    assert send_submission_warnings(today=D(2026, 10, 6)) == []  # 4 working days left: not yet
    would = send_submission_warnings(today=D(2026, 10, 7), dry_run=True)
    assert [r.status for r in would] == ["would send"] and mail.outbox == []
    sent = send_submission_warnings(today=D(2026, 10, 7))
    assert [r.recipients for r in sent] == [[settings.BUSINESS_UNIT_EMAIL]]
    (message,) = mail.outbox
    assert message.subject == "Due soon: Annual report 2025/26 sent to the national Panel and Foundations"
    assert "Due: Monday 12 October 2026" in message.body and "Due in 5 days" in message.body
    assert (
        "Still to be sent to: Foundations" in message.body
        and "national Panel" not in message.body.split("Still to be sent to:")[1].splitlines()[0]
    )
    assert "/annual-report/2025/#publication" in message.body
    # A rerun, the next day's and the full daily run send nothing more.
    assert send_submission_warnings(today=D(2026, 10, 7)) == []
    assert send_submission_warnings(today=D(2026, 10, 8)) == []
    run_reminders(today=D(2026, 10, 9))
    assert len([m for m in mail.outbox if "Annual report" in m.subject]) == 1


@pytest.mark.django_db
def test_no_warning_once_both_are_sent_or_after_the_due_date(world):
    publication(
        world, panel_sent_on=D(2026, 10, 6), panel_sent_how="Email", foundations_sent_on=D(2026, 10, 6),
        foundations_sent_how="Email",
    )  # fmt: skip
    publication(world, year=2024)  # neither sent, but by the 13th it is overdue: no "due soon"
    assert send_submission_warnings(today=D(2026, 10, 7)) != []  # 2024's is due soon on the 7th
    mail.outbox.clear()
    assert send_submission_warnings(today=D(2026, 10, 13)) == []
    assert mail.outbox == []


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_two_runs_at_once_send_the_warning_once(world):
    require_postgres()
    publication(world)
    errors = twice_at_once(lambda: send_submission_warnings(today=D(2026, 10, 8)), timeout=120)
    assert not errors, errors
    assert Counter(m.to[0] for m in mail.outbox) == {settings.BUSINESS_UNIT_EMAIL: 1}
