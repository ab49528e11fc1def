"""The dashboards' reminder job: the annual report's submission clock is about to run out.

Publishing the year's report starts a clock (`ReportPublication.submission_due`: sent to the
national Panel and to Foundations within ANNUAL_REPORT_SUBMISSION_DAYS calendar days). From
CLOCK_WARNING_WORKING_DAYS working days before it falls due, as the review clocks warn, the
business unit's mailbox is told once which of the two is still to be sent; a rerun, or two runs
at once, send nothing more (`claim_for`, keyed on the publication and its due date).
"""

from django.conf import settings
from django.urls import reverse

from partnership.emails import build_email
from partnership.home import uk_date
from partnership.services.reminders import Outbox, Sent, claim_for
from partnership.working_days import add_working_days

from .. import periods
from ..report.clocks import SOURCE
from ..report.models import Recipient, ReportPublication, SubmissionState
from ..report.models.publication import SHORT_NAMES

JOB = "report-submission-soon"


def send_submission_warnings(*, today, dry_run=False) -> list[Sent]:
    outbox = Outbox("Annual report submission warnings", dry_run=dry_run)
    recipient = settings.BUSINESS_UNIT_EMAIL
    pending = ReportPublication.objects.filter(published_on__isnull=False).order_by("year")
    for publication in pending:
        if publication.submission_state(today) != SubmissionState.RUNNING:
            continue
        due = publication.submission_due
        if today < add_working_days(due, -settings.CLOCK_WARNING_WORKING_DAYS):
            continue
        claimed, items = claim_for(JOB, [(publication, due)], recipient, dry_run=dry_run)
        if not items:
            continue
        label = periods.year_label(publication.year)
        description = publication.submission_description(today)
        waiting = [SHORT_NAMES[r] for r in Recipient if publication.sent_on(r) is None]
        message = build_email(
            to=[recipient],
            template_prefix="dashboards/submission_warning",
            context={
                "clock": {"name": f"Annual report {label} sent to the national Panel and Foundations",
                          "due": due, "source": SOURCE},
                "description": description, "waiting": waiting, "published_on": publication.published_on,
                "published_url": publication.published_url,
                "url": settings.SITE_URL + reverse("dashboards:report-year", args=[publication.year]) + "#publication",
            },
        )  # fmt: skip
        outbox.send(JOB, claimed, message, f"{description} (due {uk_date(due)})")
    return outbox.finish()
