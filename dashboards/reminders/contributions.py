"""The annual report's contribution emails, sent once each by the daily reminder run.

- The request: to the person asked for a contribution (the scrutineer's assessment, a subgroup's
  section, an agency's contribution) that is still with them, once per request (a new person
  asked is a new request), with the link to write it in the product; they sign in as usual.
- The chaser: once, on the first run after the due date with the contribution still not
  submitted (a due date moved later, then missed again, is chased again).

Each email is claimed through `partnership.services.reminders.claim_for` before it is sent, so a
rerun, or two runs at once, send it once.
"""

from __future__ import annotations

import datetime

from django.conf import settings

from partnership.emails import build_email, render_subject
from partnership.services.reminders import Outbox, Sent, claim_for

from .. import periods
from ..report.models import ContributionStatus, ReportContribution

REQUEST_JOB = "report-contribution-request"
CHASER_JOB = "report-contribution-chaser"


def _send(outbox: Outbox, job, template, contribution, period, today) -> None:
    recipient = contribution.author.email
    claimed, items = claim_for(job, [(contribution, period)], recipient, dry_run=outbox.dry_run)
    if not items:
        return
    context = {
        "contribution": contribution,
        "year_label": periods.year_label(contribution.year),
        "person": contribution.author,
        "today": today,
        "overdue_days": (today - contribution.due_on).days,
        "url": settings.SITE_URL + contribution.get_absolute_url(),
    }
    summary = f"{contribution.title}, due {contribution.due_on:%d %B %Y}"
    if outbox.dry_run:
        outbox.would_send(job, [recipient], render_subject(template, context), summary)
        return
    message = build_email(to=[recipient], template_prefix=template, context=context)
    outbox.send(job, claimed, message, summary)


def send_contribution_emails(*, today: datetime.date, dry_run: bool = False) -> list[Sent]:
    """Every request not yet emailed, then every chaser due (see the module docstring)."""
    waiting = (
        ReportContribution.objects.filter(status=ContributionStatus.REQUESTED, author__is_active=True)
        .select_related("author", "subgroup", "agency")
        .order_by("due_on", "pk")
    )
    outbox = Outbox("Annual report contribution emails", dry_run=dry_run)
    for contribution in waiting:
        _send(outbox, REQUEST_JOB, "dashboards/contribution_request", contribution, contribution.requested_on,
              today)  # fmt: skip
        if contribution.due_on < today:
            _send(outbox, CHASER_JOB, "dashboards/contribution_chaser", contribution, contribution.due_on,
                  today)  # fmt: skip
    return outbox.finish()
