"""The evaluation the morning after a session, and its one reminder (see the package docstring)."""

from datetime import date, datetime, timedelta

from django.conf import settings
from django.db.models import Exists, OuterRef, Prefetch
from django.utils import timezone

from partnership.services.reminders import Sent

from ...models import Attendee, AttendeeStatus, Evaluation, FormLink, LinkPurpose, SessionStatus
from .common import (
    EVALUATION_JOB,
    EVALUATION_MINUTES,
    EVALUATION_REMINDER_JOB,
    Run,
    email_context,
    end_of,
    make_links,
    open_link,
    sent_rows,
    start_of,
    subject_context,
)


def send_evaluations(*, today: date, dry_run: bool = False) -> list[Sent]:
    """The morning after a session: each attendee marked attended gets their evaluation link."""
    days = settings.TRAINING_EVALUATION_LINK_DAYS
    due = (
        Attendee.objects.filter(
            session__status=SessionStatus.SCHEDULED,
            session__ends_at__gte=start_of(today - timedelta(days=days)),
            session__ends_at__lt=start_of(today),
            status=AttendeeStatus.BOOKED,
            attended=True,
        )
        .filter(~Exists(Evaluation.objects.filter(attendee=OuterRef("pk"))))
        .filter(~Exists(sent_rows(EVALUATION_JOB).filter(object_id=OuterRef("pk"))))
        .select_related("session__course")
        .prefetch_related(
            Prefetch(
                "links",
                queryset=FormLink.objects.filter(purpose=LinkPurpose.EVALUATION),
                to_attr="feedback_links",
            )
        )
        .order_by("session__starts_at", "session_id", "pk")
    )
    expires_at = end_of(today + timedelta(days=days))
    due = list(due)
    if not dry_run:
        make_links(due, {LinkPurpose.EVALUATION: lambda a: True}, expires_at)
    run = Run("Training evaluation emails", dry_run=dry_run)
    for attendee in due:
        session = attendee.session
        run.send(
            EVALUATION_JOB, attendee, session.date, attendee.email,
            template_prefix="training/feedback_evaluation",
            context=lambda a=attendee: _evaluation_context(a, expires_at, reminder=False),
            preview=subject_context(attendee, reminder=False, minutes=EVALUATION_MINUTES),
            summary=f"{session}: {attendee.name}",
        )  # fmt: skip
    return run.finish()


def _evaluation_context(attendee: Attendee, expires_at: datetime, *, reminder: bool) -> dict | None:
    link = open_link(attendee, LinkPurpose.EVALUATION, expires_at)
    if link is None:
        return None
    return email_context(attendee, link, reminder=reminder, minutes=EVALUATION_MINUTES)


def send_evaluation_reminders(*, today: date, dry_run: bool = False) -> list[Sent]:
    """One reminder, TRAINING_EVALUATION_REMINDER_DAYS after the evaluation email, to those who
    have not answered while their link is open."""
    first_by = today - timedelta(days=settings.TRAINING_EVALUATION_REMINDER_DAYS)
    due = (
        FormLink.objects.filter(
            purpose=LinkPurpose.EVALUATION,
            used_at__isnull=True,
            expires_at__gt=timezone.now(),
            attendee__status=AttendeeStatus.BOOKED,
            attendee__session__status=SessionStatus.SCHEDULED,
        )
        .filter(~Exists(Evaluation.objects.filter(attendee=OuterRef("attendee_id"))))
        .filter(Exists(sent_rows(EVALUATION_JOB, before=first_by).filter(object_id=OuterRef("attendee_id"))))
        .filter(~Exists(sent_rows(EVALUATION_REMINDER_JOB).filter(object_id=OuterRef("attendee_id"))))
        .select_related("attendee__session__course")
        .order_by("attendee__session__starts_at", "attendee_id")
    )
    run = Run("Training evaluation reminders", dry_run=dry_run)
    for link in due:
        attendee = link.attendee
        session = attendee.session
        run.send(
            EVALUATION_REMINDER_JOB, attendee, session.date, attendee.email,
            template_prefix="training/feedback_evaluation",
            context=lambda a=attendee, k=link: email_context(a, k, reminder=True, minutes=EVALUATION_MINUTES),
            preview=subject_context(attendee, reminder=True, minutes=EVALUATION_MINUTES),
            summary=f"{session}: {attendee.name}",
        )  # fmt: skip
    return run.finish()
