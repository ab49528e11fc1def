"""The three-month follow-up to a sample of participants and their line managers, and its one
reminder (see the package docstring)."""

from datetime import date, datetime, timedelta

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.db.models import Exists, OuterRef, Prefetch
from django.utils import timezone

from partnership.services.reminders import Sent

from ...models import (
    Attendee,
    AttendeeStatus,
    FollowUp,
    FormLink,
    LinkPurpose,
    Respondent,
    Session,
    SessionStatus,
)
from ...services.feedback import choose_sample, follow_up_sample_draw
from .common import (
    BATCH,
    FOLLOW_UP_JOBS,
    FOLLOW_UP_MINUTES,
    RESPONDENT,
    TEMPLATES,
    Run,
    email_context,
    end_of,
    follow_up_due_on,
    make_links,
    open_link,
    sent_rows,
    start_of,
    subject_context,
)


def _follow_up_sessions(today: date) -> list[tuple[Session, date]]:
    """Sessions whose follow-up is due today or fell due within the link's lifetime, with
    attendance marked, each with the date it fell due."""
    months = relativedelta(months=settings.TRAINING_FOLLOW_UP_MONTHS)
    link_days = timedelta(days=settings.TRAINING_FOLLOW_UP_LINK_DAYS)
    # A few days' margin either side: month ends make relativedelta not quite invertible, so
    # the exact due date is checked below.
    candidates = (
        Session.objects.filter(
            status=SessionStatus.SCHEDULED,
            starts_at__gte=start_of(today - months - link_days - timedelta(days=4)),
            starts_at__lt=start_of(today - months + timedelta(days=4)),
        )
        .filter(Exists(Attendee.objects.filter(session=OuterRef("pk"), attended__isnull=False)))
        .select_related("course")
        .order_by("starts_at", "pk")
    )
    due = []
    for session in candidates:
        due_on = follow_up_due_on(session.date)
        if due_on <= today and today - due_on < link_days:
            due.append((session, due_on))
    return due


def _preview_sample(session: Session) -> set[int]:
    """The ids a draw would pick (for a dry run, which records nothing)."""
    attended = list(
        Attendee.objects.filter(session=session, status=AttendeeStatus.BOOKED, attended=True)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    return set(choose_sample(session.pk, session.course.follow_up_sample_percent, attended))


def send_follow_ups(*, today: date, dry_run: bool = False) -> list[Sent]:
    """Three months after a session: draw the sample (once), then email each sampled
    participant and their line manager their own follow-up link."""
    sessions = _follow_up_sessions(today)
    preview: set[int] = set()
    for session, _due_on in sessions:
        if session.follow_up_sampled_at is None:
            if dry_run:
                preview |= _preview_sample(session)
            else:
                follow_up_sample_draw(session)
    due_on_by_session = {session.pk: due_on for session, due_on in sessions}
    participant_job, manager_job = (FOLLOW_UP_JOBS[p][0] for p in RESPONDENT)
    answered = FollowUp.objects.filter(attendee=OuterRef("pk"))
    attendees = (
        Attendee.objects.filter(
            session_id__in=list(due_on_by_session),
            status=AttendeeStatus.BOOKED,
            attended=True,
        )
        .annotate(
            participant_done=Exists(answered.filter(respondent=Respondent.PARTICIPANT))
            | Exists(sent_rows(participant_job).filter(object_id=OuterRef("pk"))),
            manager_done=Exists(answered.filter(respondent=Respondent.MANAGER))
            | Exists(sent_rows(manager_job).filter(object_id=OuterRef("pk"))),
        )
        .select_related("session__course")
        .prefetch_related(
            Prefetch(
                "links",
                queryset=FormLink.objects.filter(purpose__in=list(RESPONDENT)),
                to_attr="feedback_links",
            )
        )
        .order_by("session__starts_at", "session_id", "pk")
    )
    attendees = attendees.filter(follow_up_sampled=True) if not dry_run else attendees
    expires_at = end_of(today + timedelta(days=settings.TRAINING_FOLLOW_UP_LINK_DAYS))
    attendees = list(attendees)
    if not dry_run:
        needs = {
            LinkPurpose.FOLLOW_UP_PARTICIPANT: lambda a: not a.participant_done,
            LinkPurpose.FOLLOW_UP_MANAGER: lambda a: bool(a.manager_email) and not a.manager_done,
        }
        make_links(attendees, needs, expires_at)
    run = Run("Training follow-up emails", dry_run=dry_run)
    for index, attendee in enumerate(attendees):
        if index % BATCH == 0:  # claim the next batch's emails in a few queries
            batch = attendees[index : index + BATCH]
            run.claim_ahead(participant_job, [
                (a, due_on_by_session[a.session_id], a.email) for a in batch if not a.participant_done
            ])  # fmt: skip
            run.claim_ahead(manager_job, [
                (a, due_on_by_session[a.session_id], a.manager_email)
                for a in batch if a.manager_email and not a.manager_done
            ])  # fmt: skip
        if dry_run and not (attendee.follow_up_sampled or attendee.pk in preview):
            continue
        due_on = due_on_by_session[attendee.session_id]
        if not attendee.participant_done:
            run.send(
                participant_job, attendee, due_on, attendee.email,
                template_prefix=TEMPLATES[LinkPurpose.FOLLOW_UP_PARTICIPANT],
                context=lambda a=attendee: _follow_up_context(a, LinkPurpose.FOLLOW_UP_PARTICIPANT, expires_at),
                preview=_follow_up_preview(attendee, LinkPurpose.FOLLOW_UP_PARTICIPANT),
                summary=f"{attendee.session}: {attendee.name}",
            )  # fmt: skip
        if attendee.manager_email and not attendee.manager_done:
            run.send(
                manager_job, attendee, due_on, attendee.manager_email,
                template_prefix=TEMPLATES[LinkPurpose.FOLLOW_UP_MANAGER],
                context=lambda a=attendee: _follow_up_context(a, LinkPurpose.FOLLOW_UP_MANAGER, expires_at),
                preview=_follow_up_preview(attendee, LinkPurpose.FOLLOW_UP_MANAGER),
                summary=f"{attendee.session}: {attendee.name}'s line manager",
            )  # fmt: skip
    return run.finish()


def _follow_up_context(
    attendee: Attendee, purpose: str, expires_at: datetime, *, reminder=False
) -> dict | None:
    link = open_link(attendee, purpose, expires_at)
    if link is None:
        return None
    return email_context(
        attendee, link, reminder=reminder, minutes=FOLLOW_UP_MINUTES[purpose],
        months=settings.TRAINING_FOLLOW_UP_MONTHS,
    )  # fmt: skip


def _follow_up_preview(attendee: Attendee, purpose: str, *, reminder=False) -> dict:
    return subject_context(
        attendee,
        reminder=reminder,
        minutes=FOLLOW_UP_MINUTES[purpose],
        months=settings.TRAINING_FOLLOW_UP_MONTHS,
    )


def send_follow_up_reminders(*, today: date, dry_run: bool = False) -> list[Sent]:
    """One reminder, TRAINING_FOLLOW_UP_REMINDER_DAYS after the follow-up email, to each
    participant or manager who has not answered while their link is open."""
    first_by = today - timedelta(days=settings.TRAINING_FOLLOW_UP_REMINDER_DAYS)
    run = Run("Training follow-up reminders", dry_run=dry_run)
    for purpose, (first_job, reminder_job) in FOLLOW_UP_JOBS.items():
        due = (
            FormLink.objects.filter(
                purpose=purpose,
                used_at__isnull=True,
                expires_at__gt=timezone.now(),
                attendee__status=AttendeeStatus.BOOKED,
                attendee__follow_up_sampled=True,
            )
            .filter(
                ~Exists(
                    FollowUp.objects.filter(attendee=OuterRef("attendee_id"), respondent=RESPONDENT[purpose])
                )
            )
            .filter(Exists(sent_rows(first_job, before=first_by).filter(object_id=OuterRef("attendee_id"))))
            .filter(~Exists(sent_rows(reminder_job).filter(object_id=OuterRef("attendee_id"))))
            .select_related("attendee__session__course")
            .order_by("attendee__session__starts_at", "attendee_id")
        )
        for link in due:
            attendee = link.attendee
            recipient = (
                attendee.email if purpose == LinkPurpose.FOLLOW_UP_PARTICIPANT else attendee.manager_email
            )
            if not recipient:
                continue
            run.send(
                reminder_job, attendee, follow_up_due_on(attendee.session.date), recipient,
                template_prefix=TEMPLATES[purpose],
                context=lambda a=attendee, k=link, p=purpose: email_context(
                    a, k, reminder=True, minutes=FOLLOW_UP_MINUTES[p], months=settings.TRAINING_FOLLOW_UP_MONTHS
                ),
                preview=_follow_up_preview(attendee, purpose, reminder=True),
                summary=f"{attendee.session}: {attendee.name}"
                + ("'s line manager" if purpose == LinkPurpose.FOLLOW_UP_MANAGER else ""),
            )  # fmt: skip
    return run.finish()
