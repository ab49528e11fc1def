"""Warnings that a review's statutory clock is about to run out, or has: sent once each.

CLOCK_WARNING_WORKING_DAYS working days before a clock is due (and every run until the due
date, if the first was missed) the business unit's mailbox and the review's lead are warned;
on the first run after the due date with the thing still not done, they are told it was missed.
"""

from django.conf import settings

from partnership.emails import build_email
from partnership.home import uk_date
from partnership.services.reminders import Outbox, Sent, claim_for
from partnership.working_days import add_working_days

from .clocks import State, running_clocks
from .models import Review, Stage


def _recipients(review: Review) -> list[str]:
    emails = [settings.BUSINESS_UNIT_EMAIL]
    if review.lead_id and review.lead.is_active:
        emails.append(review.lead.email)
    return sorted(set(emails))


def send_clock_warnings(*, today, dry_run=False) -> list[Sent]:
    reviews = Review.objects.exclude(stage=Stage.CLOSED).select_related(
        "notification", "lead", "rapid_review"
    )
    warn_from = settings.CLOCK_WARNING_WORKING_DAYS
    outbox = Outbox("Clock warnings", dry_run=dry_run)
    for review, clock in running_clocks(reviews, today):
        state = clock.state(today)
        if state == State.RUNNING and today < add_working_days(clock.due, -warn_from):
            continue
        job = f"clock-{'missed' if state == State.OVERDUE else 'soon'}:{clock.key}"
        for recipient in _recipients(review):
            summary = f"{clock.describe(today)} (due {uk_date(clock.due)})"
            claimed, items = claim_for(job, [(review, clock.due)], recipient, dry_run=dry_run)
            if not items:
                continue
            message = build_email(
                to=[recipient],
                template_prefix="reviews/clock_warning",
                context={"review": review, "clock": clock, "state": state, "today": today,
                         "description": clock.describe(today), "missed": state == State.OVERDUE,
                         "url": settings.SITE_URL + review.get_absolute_url()},
            )  # fmt: skip
            outbox.send(job, claimed, message, summary)
    return outbox.finish()


JOBS = [send_clock_warnings]
