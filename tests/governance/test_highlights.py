"""The subgroups' highlight reports: written by the chair from a template pre-filled with the
subgroup's figures since its last report, submitted (the figures then frozen), seen by the
business unit meeting by meeting, on the chair's home page, and in the board pack."""

import datetime
from html import unescape

import pytest
import time_machine
from django.urls import reverse

from governance import packs, selectors, services
from governance.models import Body, HighlightReport, Meeting
from partnership.models import ActionStatus, LearningSource
from partnership.services import DomainError
from tests.factories import ActionFactory, ActionPlanFactory, SubgroupFactory
from tests.queries import capturing

from .factories import AttendanceFactory, HighlightReportFactory, MeetingFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 11, 30)
PLANNED = Meeting.Status.PLANNED


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(datetime.datetime(2026, 11, 30, 9, 0), tick=False):
        yield


def executive(**fields):
    fields.setdefault("date", datetime.date(2026, 12, 16))
    fields.setdefault("status", PLANNED)
    return MeetingFactory(body=Body.EXECUTIVE, subgroup=None, title="Executive Group, quarter 3", **fields)


def save(meeting, subgroup, actor, **words):
    words = {"went_well": "Audit done.", "concerns": "Attendance.", "support_needed": "", **words}
    return services.highlight_report_save(meeting=meeting, subgroup=subgroup, actor=actor, **words)


def figures_of(rows):
    return {row["key"]: row["value"] for row in rows}


@pytest.fixture
def remit(world):
    """The subgroup's world, counted by hand for 1 September to 30 November 2026: a plan with
    two open actions (one overdue), one completed on 10 November, one completed before the
    period; another subgroup's overdue action; two held meetings in the period (4 places, 3
    filled) and one before it."""
    plan = ActionPlanFactory(subgroup=world.subgroup)
    ActionFactory(plan=plan, due_date=datetime.date(2026, 11, 1))  # open, overdue
    ActionFactory(plan=plan, due_date=datetime.date(2027, 2, 1))  # open
    ActionFactory(
        plan=plan, status=ActionStatus.COMPLETE, impact="Done", closed_on=datetime.date(2026, 11, 10)
    )
    ActionFactory(plan=plan, status=ActionStatus.COMPLETE, impact="Done", closed_on=datetime.date(2026, 6, 1))
    ActionFactory(plan=ActionPlanFactory(subgroup=world.other_subgroup), due_date=datetime.date(2026, 10, 1))
    for day, statuses in (
        (datetime.date(2026, 9, 16), ["present", "present"]),
        (datetime.date(2026, 11, 11), ["present", "apologies"]),
        (datetime.date(2026, 7, 8), ["absent", "absent"]),
    ):
        meeting = MeetingFactory(subgroup=world.subgroup, date=day)
        for agency, status in zip((world.agency, world.other_agency), statuses, strict=True):
            AttendanceFactory(meeting=meeting, agency=agency, status=status)
    return plan


def test_the_figures_count_the_subgroups_remit_in_the_period(world, remit):
    figures = figures_of(selectors.subgroup_figures(world.subgroup, datetime.date(2026, 9, 1), TODAY))
    assert figures["plans"] == 1
    assert (figures["open"], figures["overdue"], figures["completed"]) == (2, 1, 1)
    assert figures["meetings"] == 2
    assert figures["attendance"] == "3 of 4 agency places filled (75%)"
    assert figures["sources"] == LearningSource.objects.filter(subgroup=world.subgroup).count()


def test_the_period_runs_from_the_last_submitted_report(world):
    first = executive(date=datetime.date(2026, 9, 16), status=Meeting.Status.HELD)
    HighlightReportFactory(meeting=first, subgroup=world.subgroup, submitted=True,
                           period_end=datetime.date(2026, 9, 2))  # fmt: skip
    meeting = executive()
    assert selectors.highlight_period(world.subgroup, meeting, today=TODAY) == (
        datetime.date(2026, 9, 3),
        TODAY,
    )
    # The first report of another subgroup covers the quarter before.
    assert selectors.highlight_period(world.other_subgroup, meeting, today=TODAY) == (
        datetime.date(2026, 8, 31),
        TODAY,
    )


def test_the_chair_writes_a_draft_then_submits_it_and_the_figures_are_frozen(world, remit):
    meeting = executive()
    report = save(meeting, world.subgroup, world.subgroup_chair, support_needed="Health to attend.")
    assert report.status == HighlightReport.Status.DRAFT and report.figures == []
    again = save(meeting, world.subgroup, world.subgroup_chair, went_well="Audit reported on time.")
    assert again.pk == report.pk and again.went_well == "Audit reported on time."

    submitted = services.highlight_report_submit(report=again, actor=world.subgroup_chair)

    assert submitted.status == HighlightReport.Status.SUBMITTED
    assert submitted.submitted_by == world.subgroup_chair
    assert (submitted.period_start, submitted.period_end) == (datetime.date(2026, 8, 31), TODAY)
    assert figures_of(submitted.figures)["overdue"] == 1
    # Later data changes leave the submitted report as it was.
    ActionFactory(plan=remit, due_date=datetime.date(2026, 10, 1))
    submitted.refresh_from_db()
    assert figures_of(submitted.figures)["overdue"] == 1
    with pytest.raises(DomainError, match="already been submitted"):
        services.highlight_report_submit(report=submitted, actor=world.subgroup_chair)
    with pytest.raises(DomainError, match="no longer be changed"):
        save(meeting, world.subgroup, world.business_unit)


def test_only_the_chair_or_the_business_unit_writes_and_the_words_are_needed(world):
    meeting = executive()
    for person in (world.partnership_lead, world.subgroup_member, world.agency_lead):
        with pytest.raises(DomainError, match="chair or the business unit"):
            save(meeting, world.subgroup, person)
    with pytest.raises(DomainError, match="chair or the business unit"):
        save(meeting, world.other_subgroup, world.subgroup_chair)
    with pytest.raises(DomainError, match="executive's and the board's"):
        save(MeetingFactory(subgroup=world.subgroup), world.subgroup, world.business_unit)
    report = save(meeting, world.other_subgroup, world.business_unit, concerns="")
    with pytest.raises(DomainError) as refused:
        services.highlight_report_submit(report=report, actor=world.business_unit)
    assert refused.value.field == "concerns"


def test_the_chair_of_another_subgroup_never_sees_a_draft(world):
    draft = HighlightReportFactory(subgroup=world.other_subgroup)
    sent = HighlightReportFactory(subgroup=SubgroupFactory(), submitted=True)
    own = HighlightReportFactory(subgroup=world.subgroup)
    assert set(selectors.highlight_reports_visible_to(world.subgroup_chair)) == {sent, own}
    assert set(selectors.highlight_reports_visible_to(world.subgroup_member)) == set()
    assert set(selectors.highlight_reports_visible_to(world.partnership_lead)) == {draft, sent, own}


def test_the_form_shows_the_prefilled_figures_keeps_what_was_typed_and_saves(world, remit, client_for):
    meeting = executive()
    client = client_for(world.subgroup_chair)
    url = reverse("governance:highlight-write", args=[meeting.pk, world.subgroup.pk])
    page = unescape(client.get(url).content.decode())
    assert "3 of 4 agency places filled (75%)" in page and "Due by 2 December 2026" in page

    response = client.post(url, {"went_well": "The audit reported.", "concerns": "", "support_needed": ""})
    report = HighlightReport.objects.get()
    assert response.status_code == 302 and response["Location"] == report.get_absolute_url()

    detail = unescape(client.get(report.get_absolute_url()).content.decode())
    assert "Before you can submit it, write the concerns and risks." in detail
    assert reverse("governance:highlight-submit", args=[report.pk]) not in detail
    submit = reverse("governance:highlight-submit", args=[report.pk])
    assert "Submit the report" in client.get(submit).content.decode()
    client.post(submit)  # no concerns: the service refuses too
    report.refresh_from_db()
    assert report.status == HighlightReport.Status.DRAFT
    client.post(url, {"went_well": "The audit reported.", "concerns": "None.", "support_needed": ""})
    client.post(submit)
    report.refresh_from_db()
    assert report.status == HighlightReport.Status.SUBMITTED
    assert client.get(url)["Location"] == report.get_absolute_url()  # it can no longer be changed


def test_the_business_unit_sees_who_has_and_has_not_submitted(world, client_for):
    meeting = executive()
    HighlightReportFactory(meeting=meeting, subgroup=world.subgroup, submitted=True)
    HighlightReportFactory(meeting=meeting, subgroup=world.other_subgroup)
    page = unescape(
        client_for(world.business_unit)
        .get(reverse("governance:highlight-list", args=[meeting.pk]))
        .content.decode()
    )
    assert "1 of 2 submitted" in page
    assert "Submitted" in page and "Draft" in page


def test_the_pack_shows_submitted_reports_before_decisions_and_names_the_missing(world):
    meeting = executive()
    HighlightReportFactory(meeting=meeting, subgroup=world.subgroup, submitted=True,
                           went_well="The neglect audit reported.")  # fmt: skip
    HighlightReportFactory(meeting=meeting, subgroup=world.other_subgroup, went_well="Draft words")
    sections = packs.pack_sections(meeting, world.business_unit, TODAY)
    assert [s.key for s in sections][-2:] == ["highlights", "decisions"]
    data = sections[-2].data
    assert [r.subgroup for r in data["reports"]] == [world.subgroup]
    assert data["missing"] == [world.other_subgroup.name]
    html = packs.render_pack_body(meeting, world.business_unit, TODAY)
    assert "The neglect audit reported." in html and "Draft words" not in html
    assert "Not submitted: Training." in html
    # A subgroup's own meeting has no such section.
    assert "highlights" not in [
        s.key for s in packs.pack_sections(MeetingFactory(), world.business_unit, TODAY)
    ]


def test_the_chairs_home_asks_for_the_report_until_it_is_submitted(world, client_for):
    meeting = executive()
    client = client_for(world.subgroup_chair)
    home = reverse("partnership:home")
    body = unescape(client.get(home).content.decode())
    assert "Write your highlight report for Executive Group, quarter 3 by 2 December 2026" in body
    assert reverse("governance:highlight-write", args=[meeting.pk, world.subgroup.pk]) in body

    def count():
        with capturing() as ctx:
            assert client.get(home).status_code == 200
        return len(ctx.captured_queries)

    small = count()
    for month in (1, 4, 7):
        executive(date=datetime.date(2027, month, 13))
        HighlightReportFactory(meeting=executive(date=datetime.date(2026, month, 8), status=Meeting.Status.HELD),
                               subgroup=world.subgroup, submitted=True)  # fmt: skip
    assert count() == small

    HighlightReportFactory(meeting=meeting, subgroup=world.subgroup, submitted=True)
    assert "Write your highlight report" not in client.get(home).content.decode()
