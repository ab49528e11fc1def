"""Retention: each rule finds what has outlived its period, a dry run changes nothing, a real
run deletes or anonymises it (files too) and logs it, and a second run does nothing.

Time is frozen at 30 November 2026 (today, for this project); records are made in the past by
travelling there first, so their timestamps and history are what they would really be.
"""

import datetime as dt
from io import StringIO

import pytest
import time_machine
from django.contrib.contenttypes.models import ContentType
from django.core.checks import Error
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.utils import timezone

from partnership.models import ActionStatus, Evidence, SecurityEvent, SecurityEventKind, SentReminder
from partnership.security.checks import check_retention_settings
from partnership.security.retention import apply_retention, retention_rules
from reviews.models import ReviewDocument
from tests.training.factories import AttendeeFactory, EvaluationFactory, SessionFactory
from training.models import Attendee

from ..factories import ActionFactory, ActionPlanFactory, ReviewFactory, UserFactory

TZ = timezone.get_current_timezone()
NOW = dt.datetime(2026, 11, 30, 12, 0, tzinfo=TZ)

pytestmark = pytest.mark.django_db


def at(year, month, day, hour=10):
    return dt.datetime(year, month, day, hour, 0, tzinfo=TZ)


@pytest.fixture
def today():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


def run(*, dry_run=False, capture=None):
    """apply_retention with files deleted as on commit; returns {rule key: Due}."""
    if capture is not None:
        with capture(execute=True):
            results = apply_retention(dry_run=dry_run)
    else:
        results = apply_retention(dry_run=dry_run)
    return {due.rule.key: due for due in results}


def retention_events():
    return list(SecurityEvent.objects.filter(kind=SecurityEventKind.RETENTION).order_by("pk"))


def test_every_kind_of_record_has_a_rule_with_a_setting():
    keys = {rule.key for rule in retention_rules()}
    assert {
        "security_events",
        "sent_reminders",
        "action_evidence",
        "review_documents",
        "training_attendees",
    } <= keys
    assert check_retention_settings() == []


# --- security events -------------------------------------------------------------------------


def make_security_events():
    old = SecurityEvent.objects.create(
        kind=SecurityEventKind.SIGN_IN, at=at(2024, 11, 1), ip_address="192.0.2.1"
    )
    older = SecurityEvent.objects.create(
        kind=SecurityEventKind.EXPORT, at=at(2023, 5, 1), email="x@example.org"
    )
    recent = SecurityEvent.objects.create(kind=SecurityEventKind.SIGN_IN, at=at(2025, 1, 5))
    return old, older, recent


def test_security_events_dry_run_lists_and_changes_nothing(today):
    make_security_events()
    due = run(dry_run=True)["security_events"]
    assert (due.count, due.action, due.months, due.done) == (2, "delete", 24, None)
    assert timezone.localtime(due.oldest).date() == dt.date(2023, 5, 1)
    assert SecurityEvent.objects.count() == 3
    assert not retention_events()


def test_security_events_older_than_24_months_are_deleted_once(today):
    old, older, recent = make_security_events()
    due = run()["security_events"]
    assert due.done == 2
    assert not SecurityEvent.objects.filter(pk__in=[old.pk, older.pk]).exists()
    assert SecurityEvent.objects.filter(pk=recent.pk).exists()
    [logged] = retention_events()
    assert "Security events: deleted 2" in logged.detail
    # Safe to re-run: nothing is due, nothing is logged.
    assert run()["security_events"].count == 0
    assert len(retention_events()) == 1


def test_security_events_can_be_anonymised_instead(today, settings):
    settings.RETENTION = {**settings.RETENTION, "security_events": {"months": 24, "action": "anonymise"}}
    person = UserFactory()
    old = SecurityEvent.objects.create(
        kind=SecurityEventKind.SIGN_IN_FAILED,
        at=at(2024, 1, 1),
        person=person,
        email="x@example.org",
        ip_address="192.0.2.1",
    )
    assert run()["security_events"].done == 1
    old.refresh_from_db()
    assert (old.person, old.email, old.ip_address, old.kind) == (
        None,
        "",
        None,
        SecurityEventKind.SIGN_IN_FAILED,
    )
    assert run()["security_events"].count == 0


# --- sent reminders --------------------------------------------------------------------------


def reminder(obj, period, recipient="chair@example.org", job="plan-chaser"):
    return SentReminder.objects.create(
        job=job,
        object_type=ContentType.objects.get_for_model(obj),
        object_id=obj.pk,
        period=period,
        recipient=recipient,
        sent_at=timezone.make_aware(dt.datetime.combine(period, dt.time(7))),
    )


def test_old_sent_reminders_go_but_the_latest_of_each_subject_stays(today):
    plan, quiet_plan, deleted_plan = ActionPlanFactory(), ActionPlanFactory(), ActionPlanFactory()
    superseded = reminder(plan, dt.date(2024, 1, 5))
    superseded_too = reminder(plan, dt.date(2024, 7, 5))
    recent = reminder(plan, dt.date(2026, 7, 5))
    # The only record of this plan's chaser: a sweeping job would send it again without it.
    latest_but_old = reminder(quiet_plan, dt.date(2023, 3, 1), job="round-outstanding")
    orphan = reminder(deleted_plan, dt.date(2024, 2, 1))
    deleted_plan_pk = deleted_plan.pk
    SentReminder.objects.filter(pk=orphan.pk).update(object_id=deleted_plan_pk + 10_000)

    dry = run(dry_run=True)["sent_reminders"]
    assert (dry.count, dry.oldest, dry.action) == (3, dt.date(2024, 1, 5), "delete")
    assert SentReminder.objects.count() == 5

    assert run()["sent_reminders"].done == 3
    assert set(SentReminder.objects.values_list("pk", flat=True)) == {recent.pk, latest_but_old.pk}
    assert not SentReminder.objects.filter(pk__in=[superseded.pk, superseded_too.pk, orphan.pk]).exists()
    assert run()["sent_reminders"].count == 0


# --- action evidence -------------------------------------------------------------------------


def file_evidence(action, name="minutes.pdf"):
    evidence = Evidence(
        action=action,
        description="Minutes",
        file_name=name,
        content_type="application/pdf",
        size=3,
        added_by=UserFactory(),
    )
    evidence.file.save(name, ContentFile(b"pdf"), save=False)
    evidence.save()
    return evidence


def closed_action(plan, closed_on):
    return ActionFactory(
        plan=plan,
        status=ActionStatus.COMPLETE,
        impact="Practitioners now ask children directly.",
        start_date=dt.date(2018, 1, 1),
        due_date=dt.date(2019, 1, 1),
        closed_on=closed_on,
    )


def test_evidence_files_of_plans_closed_six_years_ago_are_deleted_from_storage(
    today, django_capture_on_commit_callbacks
):
    closed_long_ago = ActionPlanFactory()
    old_file = file_evidence(closed_action(closed_long_ago, dt.date(2020, 6, 1)))
    first = closed_action(closed_long_ago, dt.date(2019, 3, 1))
    link = Evidence.objects.create(
        action=first, description="Intranet page", link="https://example.org/x", added_by=UserFactory()
    )
    closed_recently = ActionPlanFactory()
    recent_file = file_evidence(closed_action(closed_recently, dt.date(2021, 1, 1)))
    still_open = ActionPlanFactory()
    closed_action(still_open, dt.date(2018, 1, 1))
    open_file = file_evidence(
        ActionFactory(plan=still_open, start_date=dt.date(2018, 1, 1), due_date=dt.date(2019, 1, 1))
    )
    name = old_file.file.name
    assert default_storage.exists(name)

    dry = run(dry_run=True)["action_evidence"]
    assert (dry.count, dry.oldest, dry.action) == (1, dt.date(2020, 6, 1), "delete")
    assert default_storage.exists(name) and Evidence.objects.filter(pk=old_file.pk).exists()

    assert run(capture=django_capture_on_commit_callbacks)["action_evidence"].done == 1
    assert not Evidence.objects.filter(pk=old_file.pk).exists()
    assert not default_storage.exists(name)
    assert Evidence.objects.filter(pk__in=[link.pk, recent_file.pk, open_file.pk]).count() == 3
    assert default_storage.exists(recent_file.file.name)
    # The deletion is in the evidence's history, and in the security log.
    assert Evidence.history.filter(id=old_file.pk, history_type="-").exists()
    assert "Action plan evidence files: deleted 1" in retention_events()[-1].detail
    assert run()["action_evidence"].count == 0


# --- case review documents -------------------------------------------------------------------


def review_document(review, name="chronology.docx"):
    document = ReviewDocument(
        review=review, kind="chronology", file_name=name, content_type="application/octet-stream", size=3,
        uploaded_by=UserFactory(),
    )  # fmt: skip
    document.file.save(name, ContentFile(b"doc"), save=False)
    document.save()
    return document


def close(review, when):
    with time_machine.travel(when, tick=False):
        review.stage = "closed"
        review.save()


def test_documents_of_reviews_closed_fifteen_years_ago_are_deleted(today, django_capture_on_commit_callbacks):
    with time_machine.travel(at(2009, 1, 5), tick=False):
        old = ReviewFactory(opened_on=dt.date(2009, 1, 5))
        reopened = ReviewFactory(opened_on=dt.date(2009, 1, 5))
        still_open = ReviewFactory(opened_on=dt.date(2009, 1, 5))
        old_doc, reopened_doc, open_doc = (
            review_document(old),
            review_document(reopened),
            review_document(still_open),
        )
    close(old, at(2011, 6, 1))
    close(reopened, at(2011, 6, 1))
    with time_machine.travel(at(2013, 1, 1), tick=False):
        reopened.stage = "in_review"
        reopened.save()
    close(reopened, at(2015, 2, 1))  # closed again: under fifteen years ago
    with time_machine.travel(at(2018, 3, 1), tick=False):
        recent = ReviewFactory(opened_on=dt.date(2018, 3, 1))
        recent_doc = review_document(recent)
    close(recent, at(2020, 1, 1))
    name = old_doc.file.name

    dry = run(dry_run=True)["review_documents"]
    assert (dry.count, dry.action, dry.months) == (1, "delete", 180)
    assert timezone.localtime(dry.oldest).date() == dt.date(2011, 6, 1)
    assert ReviewDocument.objects.count() == 4

    assert run(capture=django_capture_on_commit_callbacks)["review_documents"].done == 1
    assert set(ReviewDocument.objects.values_list("pk", flat=True)) == {
        reopened_doc.pk,
        open_doc.pk,
        recent_doc.pk,
    }
    assert not default_storage.exists(name)
    old.refresh_from_db()  # the review itself stays
    assert run()["review_documents"].count == 0


# --- training attendees ----------------------------------------------------------------------


def session_ended(when):
    return SessionFactory(starts_at=when - dt.timedelta(hours=3), ends_at=when)


def test_attendees_are_anonymised_36_months_after_their_session(today):
    old_session = session_ended(at(2023, 10, 2))
    recent_session = session_ended(at(2024, 3, 4))
    attendee = AttendeeFactory(session=old_session, name="Sam Smith", email="sam@example.org",
                               manager_name="Mo Manager", manager_email="mo@example.org", job_role="Health visitor")  # fmt: skip
    colleague = AttendeeFactory(session=old_session, manager_email="mo@example.org")
    EvaluationFactory(attendee=colleague, comments="Useful")
    recent = AttendeeFactory(session=recent_session, email="sam@example.org")
    sent_to_manager = reminder(
        attendee, dt.date(2023, 12, 1), recipient="mo@example.org", job="follow-up-manager"
    )
    sent_to_attendee = reminder(attendee, dt.date(2023, 12, 1), recipient="sam@example.org", job="follow-up")
    attendee.name = "Sam Smyth"  # a change, so that the history holds the old values twice
    attendee.save()

    dry = run(dry_run=True)["training_attendees"]
    assert (dry.count, dry.action, dry.months) == (2, "anonymise", 36)
    assert timezone.localtime(dry.oldest) == at(2023, 10, 2)
    assert Attendee.objects.get(pk=attendee.pk).email == "sam@example.org"

    assert run()["training_attendees"].done == 2
    attendee.refresh_from_db()
    colleague.refresh_from_db()
    assert attendee.name == "Anonymised attendee"
    assert attendee.email.endswith("@anonymised.invalid")
    assert (attendee.job_role, attendee.manager_name) == ("", "")
    assert attendee.manager_email.endswith("@anonymised.invalid")
    assert colleague.manager_email == attendee.manager_email  # the same manager, the same stand-in
    # What the training reports count stays: the session, agency, attendance and evaluation.
    assert attendee.session_id == old_session.pk and colleague.evaluation.comments == "Useful"
    history = set(Attendee.history.filter(id=attendee.pk).values_list("name", "email", "manager_email"))
    assert history == {("Anonymised attendee", attendee.email, attendee.manager_email)}
    sent_to_manager.refresh_from_db()
    sent_to_attendee.refresh_from_db()
    assert (sent_to_manager.recipient, sent_to_attendee.recipient) == (attendee.manager_email, attendee.email)
    assert sent_to_manager.sent_at is not None  # still marked sent: no job sends it again
    recent.refresh_from_db()
    assert recent.email == "sam@example.org"  # a later session is not due yet

    assert run()["training_attendees"].count == 0
    assert "Training attendees' personal details: anonymised 2" in retention_events()[-1].detail


def test_attendees_can_be_deleted_instead(today, settings):
    settings.RETENTION = {**settings.RETENTION, "training_attendees": {"months": 36, "action": "delete"}}
    attendee = AttendeeFactory(session=session_ended(at(2022, 5, 1)))
    assert run()["training_attendees"].done == 1
    assert not Attendee.objects.filter(pk=attendee.pk).exists()


# --- the command and the settings ------------------------------------------------------------


def test_the_command_dry_run_lists_each_kind_and_changes_nothing(today):
    make_security_events()
    out = StringIO()
    call_command("apply_retention", "--dry-run", stdout=out)
    text = out.getvalue()
    assert (
        "Security events (security_events): kept 24 months from when the event happened. 2 due to be deleted, the oldest from 01/05/2023."
        in text
    )
    assert "Training attendees' personal details (training_attendees)" in text
    assert "Dry run: 2 record(s) due; nothing was changed." in text
    assert SecurityEvent.objects.count() == 3


def test_the_command_acts_and_says_what_it_did(today):
    make_security_events()
    out = StringIO()
    call_command("apply_retention", stdout=out)
    assert "Deleted 2, the oldest from 01/05/2023." in out.getvalue()
    assert SecurityEvent.objects.filter(kind=SecurityEventKind.RETENTION).count() == 1
    out = StringIO()
    call_command("apply_retention", stdout=out)
    assert "0 record(s) deleted or anonymised." in out.getvalue()


@pytest.mark.parametrize(
    ("policy", "message"),
    [
        (None, 'RETENTION has no entry for "security_events"'),
        ({"months": 0, "action": "delete"}, "at least 1"),
        ({"months": 24, "action": "shred"}, 'must be "delete" or "anonymise"'),
        ({"months": 24, "action": "anonymise"}, None),
    ],
)
def test_the_system_check_refuses_a_bad_retention_setting(settings, policy, message):
    retention = {k: v for k, v in settings.RETENTION.items() if k != "security_events"}
    if policy is not None:
        retention["security_events"] = policy
    settings.RETENTION = retention
    errors = [e for e in check_retention_settings() if isinstance(e, Error)]
    if message is None:
        assert errors == []
    else:
        assert len(errors) == 1 and message in errors[0].msg


def test_a_rule_that_only_deletes_refuses_anonymise(settings):
    settings.RETENTION = {**settings.RETENTION, "review_documents": {"months": 180, "action": "anonymise"}}
    [error] = check_retention_settings()
    assert 'must be "delete" for case review documents' in error.msg


def test_periods_and_actions_come_from_the_environment():
    import os
    import subprocess
    import sys
    from pathlib import Path

    env = {
        **os.environ,
        "RETENTION_SECURITY_EVENTS_MONTHS": "12",
        "RETENTION_TRAINING_ATTENDEES_ACTION": "delete",
    }
    code = (
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.RETENTION['security_events']['months'], settings.RETENTION['training_attendees']['action'])"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=Path(__file__).resolve().parents[2], env=env,
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["12", "delete"]


def test_beat_runs_retention_every_day_through_the_task(today, settings):
    """What Celery beat runs each night: the task does what the command does, and is safe to
    run again."""
    from celery.schedules import crontab

    from partnership.tasks import apply_retention_task

    [entry] = [
        e for e in settings.CELERY_BEAT_SCHEDULE.values() if e["task"].endswith(".apply_retention_task")
    ]
    assert entry["schedule"] == crontab(hour=2, minute=30)
    *_old_ones, recent = make_security_events()
    assert apply_retention_task.apply().get() == 2
    assert list(SecurityEvent.objects.exclude(kind=SecurityEventKind.RETENTION)) == [recent]
    assert apply_retention_task.apply().get() == 0
    assert len(retention_events()) == 1
