"""Reads of meetings, scoped to the person asking (see `permissions` for the rule)."""

import datetime

from django.db.models import Exists, OuterRef, Q, QuerySet

from partnership import selectors as core_selectors
from partnership.permissions import roles_of, sees_everything

from . import permissions
from .models import Attendance, AttendanceStatus, Meeting


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
    from .models import AgendaItem

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
    from .models import PackVersion

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
    from partnership.models import Role, User
    from reviews.models import CdopReport, Review

    review_subgroups = Review.objects.values("subgroup_id").union(CdopReport.objects.values("subgroup_id"))
    scope = Q(role_assignments__role__in=[Role.BUSINESS_UNIT, Role.PARTNERSHIP_LEAD]) | Q(
        role_assignments__role__in=[Role.SUBGROUP_CHAIR, Role.SUBGROUP_MEMBER],
        role_assignments__subgroup_id__in=[row["subgroup_id"] for row in review_subgroups],
    )
    return User.objects.filter(scope, is_active=True).exclude(email="").distinct()


def pack_default_recipients(meeting) -> QuerySet:
    """Who a pack goes to unless the business unit chooses otherwise: the partnership leads
    and, for a subgroup's meeting, its chair and members, of those who may read a pack."""
    from partnership.models import Role

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
