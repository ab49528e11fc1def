"""The demo year of meetings: the executive quarterly, each subgroup every two months, the past
ones held with their record, the next ones planned; a second `seed_demo` adds nothing."""

import pytest
from django.core.management import call_command
from django.utils import timezone

from governance.models import AgendaItem, Body, Decision, HighlightReport, Meeting, PackRecipient, PackVersion
from partnership import extensions
from partnership.models import Subgroup

pytestmark = pytest.mark.django_db


def test_the_demo_has_a_year_of_meetings_and_a_second_run_adds_nothing():
    call_command("seed_demo")
    counts = (
        Meeting.objects.count(), Decision.objects.count(), Meeting.history.count(),
        PackVersion.objects.count(), PackRecipient.objects.count(), AgendaItem.objects.count(),
        HighlightReport.objects.count(), HighlightReport.history.count(),
    )  # fmt: skip
    call_command("seed_demo")
    assert (
        Meeting.objects.count(), Decision.objects.count(), Meeting.history.count(),
        PackVersion.objects.count(), PackRecipient.objects.count(), AgendaItem.objects.count(),
        HighlightReport.objects.count(), HighlightReport.history.count(),
    ) == counts  # fmt: skip

    executive = Meeting.objects.filter(body=Body.EXECUTIVE)
    assert executive.count() == 4
    assert executive.filter(status=Meeting.Status.HELD).count() == 3
    today = timezone.localdate()
    for subgroup in Subgroup.objects.all():
        assert extensions.next_meeting_of(subgroup, today=today) is not None, subgroup
    held = Meeting.objects.filter(status=Meeting.Status.HELD)
    assert all(m.attendances.exists() and m.agenda_items.exists() for m in held)
    assert Meeting.objects.filter(papers__isnull=False).exists()
    assert Decision.objects.filter(kind=Decision.Kind.ACTION, action__isnull=False).count() >= 3
    assert Decision.objects.filter(kind=Decision.Kind.SOURCE).count() == 1


def test_the_demo_executive_has_a_pack_to_build_and_one_circulated(django_capture_on_commit_callbacks):
    # As in `make run`, recording a meeting runs its on-commit work (placing the Section 11
    # escalation on the executive's agenda) before the demo adds its own decision item.
    with django_capture_on_commit_callbacks(execute=True):
        call_command("seed_demo")
    today = timezone.localdate()
    executive = Meeting.objects.filter(body=Body.EXECUTIVE)
    upcoming = executive.upcoming(today).order_by("date").first()
    assert upcoming.scrutiny_source is not None and upcoming.scrutiny_source.kind == "deep_dive"
    # The business plan's priorities, and last year's Section 11 improvements still open, which
    # the framework places on the executive's agenda itself.
    assert upcoming.agenda_items.filter(decision_needed=True).count() == 2
    placed = upcoming.agenda_items.exclude(placed_for="").get()
    assert placed.placed_for.startswith("section11-escalation:") and "still open at" in placed.title
    last_held = executive.filter(status=Meeting.Status.HELD).order_by("-date").first()
    version = last_held.pack_versions.get()
    assert version.number == 1 and "Statutory clocks" in version.html
    assert version.recipients.exists()


def test_the_demo_executive_meetings_have_the_subgroups_highlight_reports():
    call_command("seed_demo")
    today = timezone.localdate()
    subgroups = Subgroup.objects.filter(active=True).count()
    executive = Meeting.objects.filter(body=Body.EXECUTIVE)
    for meeting in executive.filter(status=Meeting.Status.HELD):
        reports = meeting.highlight_reports.all()
        assert reports.count() == subgroups
        assert all(r.is_submitted and r.figures and r.submitted_at.date() < meeting.date for r in reports)
    upcoming = executive.upcoming(today).order_by("date").first()
    assert 0 < upcoming.highlight_reports.count() < subgroups
    assert not upcoming.highlight_reports.filter(status=HighlightReport.Status.SUBMITTED).exists()
    # The demo chair of Learning and Improvement has theirs to write.
    assert not upcoming.highlight_reports.filter(subgroup__name="Learning and Improvement").exists()
    last_held = executive.filter(status=Meeting.Status.HELD).order_by("-date").first()
    assert "Subgroup highlight reports" in last_held.pack_versions.get().html
