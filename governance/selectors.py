"""Reads of meetings, scoped to the person asking (see `permissions` for the rule)."""

import datetime

from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from partnership import selectors as core_selectors
from partnership.models import OPEN_STATUSES, Action, ActionStatus, LearningSource, Role, Subgroup, User
from partnership.permissions import roles_of, sees_everything
from reviews.models import CdopReport, Review

from . import permissions
from .models import (
    AgendaItem,
    Attendance,
    AttendanceStatus,
    Body,
    HighlightReport,
    HighlightStatus,
    Meeting,
    PackVersion,
)


def meetings_visible_to(user) -> QuerySet:
    """Every meeting for the business unit and the partnership leads; the meetings of a
    person's subgroups; and the meetings an agency they lead attended (was present at)."""
    if not user.is_authenticated:
        return Meeting.objects.none()
    qs = Meeting.objects.select_related("subgroup")
    if sees_everything(user):
        return qs
    r = roles_of(user)
    scope = Q(subgroup_id__in=r.subgroups)
    if r.lead_of:
        attended = Attendance.objects.filter(
            meeting=OuterRef("pk"), agency_id__in=r.lead_of, status=AttendanceStatus.PRESENT
        )
        scope |= Q(Exists(attended))
    return qs.filter(scope)


def agenda_items_visible_to(user) -> QuerySet:
    """The agenda items of the meetings the person may see."""

    return AgendaItem.objects.filter(meeting__in=meetings_visible_to(user)).select_related("meeting")


def papers_visible_to(user, meeting) -> QuerySet:
    papers = meeting.papers.select_related("added_by")
    if permissions.can_see_confidential_papers(user, meeting):
        return papers
    return papers.filter(confidential=False)


def decisions_with_actions(user, meeting) -> list:
    """The meeting's decisions, each with `live_action` (its action annotated with RAG) and
    `visible_source` set when the person may see them (None otherwise), in three queries."""
    decisions = list(meeting.decisions.select_related("source", "recorded_by"))
    action_ids = [d.action_id for d in decisions if d.action_id]
    actions = {a.pk: a for a in core_selectors.actions_visible_to(user).filter(pk__in=action_ids)}
    source_ids = [d.source_id for d in decisions if d.source_id]
    sources = set(
        core_selectors.sources_visible_to(user).filter(pk__in=source_ids).values_list("pk", flat=True)
    )
    for decision in decisions:
        decision.live_action = actions.get(decision.action_id)
        decision.visible_source = decision.source if decision.source_id in sources else None
    return decisions


def next_meetings(subgroup_ids, *, today: datetime.date) -> dict[int, Meeting]:
    """Subgroup id -> its next planned meeting on or after `today`, in one query however many
    meetings there are (PostgreSQL's DISTINCT ON)."""
    upcoming = (
        Meeting.objects.upcoming(today)
        .filter(subgroup_id__in=list(subgroup_ids))
        .order_by("subgroup_id", "date", "start_time", "pk")
        .distinct("subgroup_id")
    )
    return {meeting.subgroup_id: meeting for meeting in upcoming}


def next_meeting_date(subgroup, *, today: datetime.date) -> datetime.date | None:
    """The subgroup's next planned meeting on or after `today` (the core's NEXT_MEETING)."""
    meeting = (
        Meeting.objects.upcoming(today).filter(subgroup=subgroup).order_by("date").values("date").first()
    )
    return meeting["date"] if meeting else None


def meeting_years() -> list[int]:
    years = Meeting.objects.order_by().values_list("date__year", flat=True).distinct()
    return sorted(set(years), reverse=True)


def pack_versions_visible_to(user) -> QuerySet:
    """Circulated board packs: every one for those who read packs (the business unit and the
    partnership leads); otherwise the versions sent to the person."""

    if not user.is_authenticated:
        return PackVersion.objects.none()
    qs = PackVersion.objects.select_related("meeting", "meeting__subgroup", "circulated_by")
    if permissions.can_read_packs(user):
        return qs
    return qs.filter(recipients__user=user).distinct()


def pack_readers() -> QuerySet:
    """Who a board pack may go to. It names case reviews (reference and pseudonym) and lists
    every agency's overdue actions, so only people who may read all of that: the business unit,
    the partnership leads, and the chairs and members of the subgroups that oversee case reviews
    or own the Child Death Overview Panel's reports. Not an agency lead, a lay member, or a
    member of a subgroup with no case reviews (active people with an address)."""

    review_subgroups = Review.objects.values("subgroup_id").union(CdopReport.objects.values("subgroup_id"))
    scope = Q(role_assignments__role__in=[Role.BUSINESS_UNIT, Role.PARTNERSHIP_LEAD]) | Q(
        role_assignments__role__in=[Role.SUBGROUP_CHAIR, Role.SUBGROUP_MEMBER],
        role_assignments__subgroup_id__in=[row["subgroup_id"] for row in review_subgroups],
    )
    return User.objects.filter(scope, is_active=True).exclude(email="").distinct()


def pack_default_recipients(meeting) -> QuerySet:
    """Who a pack goes to unless the business unit chooses otherwise: the partnership leads
    and, for a subgroup's meeting, its chair and members, of those who may read a pack."""

    scope = Q(role_assignments__role=Role.PARTNERSHIP_LEAD)
    if meeting.subgroup_id:
        scope |= Q(
            role_assignments__role__in=[Role.SUBGROUP_CHAIR, Role.SUBGROUP_MEMBER],
            role_assignments__subgroup_id=meeting.subgroup_id,
        )
    return pack_readers().filter(pk__in=pack_readers().model.objects.filter(scope).values("pk"))


def pack_recipient_choices(meeting) -> QuerySet:
    """Who may be chosen: everyone who may read a pack (`pack_readers`), by name."""
    return pack_readers().order_by("full_name", "pk")


# --- highlight reports ----------------------------------------------------------------------


def report_meetings_for(user) -> QuerySet:
    """The executive's and the board's meetings a person may write a highlight report for (or
    see the reports of): every one for the business unit and the partnership leads and for a
    subgroup's chair (the chairs report to them); none for anyone else."""
    if not user.is_authenticated:
        return Meeting.objects.none()
    qs = Meeting.objects.exclude(body=Body.SUBGROUP)
    if sees_everything(user) or roles_of(user).chair_of:
        return qs
    return qs.none()


def report_subgroups_for(user) -> QuerySet:
    """The subgroups whose highlight report a person may open to write: every active one for
    the business unit and the partnership leads (who read; only the business unit writes), the
    subgroups they chair for a chair."""

    if not user.is_authenticated:
        return Subgroup.objects.none()
    if sees_everything(user):
        return Subgroup.objects.filter(active=True)
    return Subgroup.objects.filter(pk__in=roles_of(user).chair_of)


def highlight_reports_visible_to(user) -> QuerySet:
    """Every report for the business unit and the partnership leads; for a subgroup's chair,
    their own subgroups' reports (drafts too) and every submitted one (the chairs sit on the
    executive); for a member, their subgroups' submitted reports. A draft is never seen by the
    chair or members of another subgroup."""

    if not user.is_authenticated:
        return HighlightReport.objects.none()
    qs = HighlightReport.objects.select_related("meeting", "subgroup", "submitted_by", "written_by")
    if sees_everything(user):
        return qs
    r = roles_of(user)
    submitted = Q(status=HighlightStatus.SUBMITTED)
    scope = Q(subgroup_id__in=r.chair_of)
    if r.chair_of:
        scope |= submitted
    if r.subgroups:
        scope |= submitted & Q(subgroup_id__in=r.subgroups)
    return qs.filter(scope)


def highlight_period(subgroup, meeting, *, today: datetime.date) -> tuple[datetime.date, datetime.date]:
    """(first day, last day) a report's figures cover: from the day after the period of the
    subgroup's last submitted report to an earlier meeting (or, for its first report, the
    quarter before), to today, or the meeting's day if that has passed."""

    end = min(today, meeting.date)
    last = (
        HighlightReport.objects.filter(
            subgroup=subgroup, status=HighlightStatus.SUBMITTED, meeting__date__lt=meeting.date
        )
        .order_by("-meeting__date", "-pk")
        .values_list("period_end", flat=True)
        .first()
    )
    start = last + datetime.timedelta(days=1) if last else end - datetime.timedelta(days=91)
    return min(start, end), end


def subgroup_figures(subgroup, start: datetime.date, end: datetime.date) -> list[dict]:
    """A subgroup's figures for its highlight report, as [{key, label, value}]: what the
    framework asks a subgroup to report (progress against its action plans, the sources of
    learning it oversees, its meetings and who came), for its whole remit (the report goes to
    the executive, who see everything). Five queries however much data there is."""

    actions = Action.objects.filter(plan__subgroup=subgroup)
    counts = actions.aggregate(
        open=Count("pk", filter=Q(status__in=OPEN_STATUSES)),
        overdue=Count("pk", filter=Q(status__in=OPEN_STATUSES, due_date__lt=end)),
        completed=Count("pk", filter=Q(status=ActionStatus.COMPLETE, closed_on__range=(start, end))),
        added=Count("pk", filter=Q(created_at__date__range=(start, end))),
        plans=Count("plan", filter=Q(status__in=OPEN_STATUSES), distinct=True),
    )
    sources = LearningSource.objects.filter(subgroup=subgroup).aggregate(
        overseen=Count("pk"), new=Count("pk", filter=Q(date__range=(start, end)))
    )
    held = Meeting.objects.filter(
        subgroup=subgroup, status=Meeting.Status.HELD, date__range=(start, end)
    ).count()
    attendance = Attendance.objects.filter(
        meeting__subgroup=subgroup, meeting__status=Meeting.Status.HELD, meeting__date__range=(start, end)
    ).aggregate(recorded=Count("pk"), present=Count("pk", filter=Q(status=AttendanceStatus.PRESENT)))
    recorded, present = attendance["recorded"], attendance["present"]
    came = (
        f"{present} of {recorded} agency places filled ({round(100 * present / recorded)}%)"
        if recorded
        else "No attendance recorded"
    )
    return [
        {"key": "plans", "label": "Action plans with open actions", "value": counts["plans"]},
        {"key": "open", "label": "Open actions", "value": counts["open"]},
        {"key": "overdue", "label": "Overdue actions", "value": counts["overdue"]},
        {"key": "added", "label": "Actions added in the period", "value": counts["added"]},
        {"key": "completed", "label": "Actions completed in the period", "value": counts["completed"]},
        {"key": "sources", "label": "Reviews, audits and other sources of learning it oversees",
         "value": sources["overseen"]},
        {"key": "new_sources", "label": "Of which reported or started in the period", "value": sources["new"]},
        {"key": "meetings", "label": "Meetings held in the period", "value": held},
        {"key": "attendance", "label": "Attendance at those meetings", "value": came},
    ]  # fmt: skip


def highlight_status_for(meeting) -> list[dict]:
    """For a meeting of the executive or the board: each active subgroup (and any inactive one
    that has a report) with its report, or None when it has not started one (two queries)."""

    reports = {r.subgroup_id: r for r in meeting.highlight_reports.select_related("subgroup", "submitted_by")}
    subgroups = Subgroup.objects.filter(Q(active=True) | Q(pk__in=list(reports))).order_by("name")
    return [{"subgroup": s, "report": reports.get(s.pk)} for s in subgroups]


def next_report_meeting(*, today: datetime.date) -> Meeting | None:
    """The next planned meeting of the executive or the board, on or after `today`."""
    return Meeting.objects.upcoming(today).exclude(body=Body.SUBGROUP).order_by("date", "pk").first()
