"""Writes to meetings: record and change a meeting, its attendance, agenda, papers and decisions.

Rules: the business unit records meetings (`permissions.can_record_meetings`); the business unit
and a subgroup's chair record decisions (`can_record_decision`) and write the subgroup's highlight
report to the executive or the board (`can_write_highlight`): a draft, then submitted with its
figures frozen (`highlights`, re-exported here). A decision that agrees an
action creates exactly one core action, through the core's `action_create` (which keeps its own
rules: the plan's recommendation, the lead, the dates), and keeps the link; a second
submission of the same form (the decision's one-time `token`) records nothing more.
"""

import datetime
import uuid

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from audits.selectors import rounds_to_escalate
from partnership.home import uk_date
from partnership.models import Action, ActionPlan, Agency, LearningSource, Recommendation
from partnership.services.actions import action_create
from partnership.services.guards import require, require_actor
from partnership.services.history import delete_tracked, save_tracked
from partnership.uploads import check_upload

from .. import permissions
from ..models import (
    AgendaItem,
    Attendance,
    AttendanceStatus,
    Body,
    Decision,
    DecisionKind,
    Meeting,
    PackRecipient,
    PackVersion,
    Paper,
)

RECORDERS_ONLY = "Only the business unit can record meetings."


def _locked(meeting: Meeting) -> Meeting:
    return Meeting.objects.select_for_update().get(pk=meeting.pk)


@transaction.atomic
def meeting_save(*, meeting: Meeting, actor) -> Meeting:
    """Record a new meeting or save changes to one. A subgroup's meeting names its subgroup;
    the executive's and the board's name none. A meeting is held only once its date has come."""
    require_actor(actor, permissions.can_record_meetings, RECORDERS_ONLY)
    if meeting.body == Body.SUBGROUP:
        require(meeting.subgroup_id is not None, "Choose the subgroup that meets.", field="subgroup")
    else:
        meeting.subgroup = None
    if meeting.status == Meeting.Status.HELD:
        require(
            meeting.date <= timezone.localdate(),
            "A meeting in the future cannot have been held yet: keep it planned.",
            field="status",
        )
    is_new = meeting.pk is None
    save_tracked(meeting, actor=actor, reason="Recorded" if is_new else "Changed")
    if meeting.body == Body.EXECUTIVE and meeting.status == Meeting.Status.PLANNED:
        transaction.on_commit(lambda: place_section11_escalations(today=timezone.localdate()))
    return meeting


def default_agencies(meeting: Meeting) -> list[Agency]:
    """The agencies whose attendance a meeting records: those already recorded, plus, for the
    executive, the statutory safeguarding partners; for a subgroup, the agencies of its chair
    and members; for the board, every active agency."""
    agencies = Agency.objects.filter(active=True)
    if meeting.body == Body.EXECUTIVE:
        agencies = agencies.filter(partner_status=Agency.PartnerStatus.STATUTORY_PARTNER)
    elif meeting.body == Body.SUBGROUP:
        agencies = agencies.filter(people__role_assignments__subgroup_id=meeting.subgroup_id)
    recorded = Agency.objects.filter(meeting_attendances__meeting=meeting)
    return list((agencies | recorded).distinct().order_by("name"))


@transaction.atomic
def attendance_record(*, meeting: Meeting, rows: list[dict], actor) -> list[Attendance]:
    """Record who attended, one row per agency: {agency, status, representative,
    representative_role}. A row with no status removes that agency's record."""
    require_actor(actor, permissions.can_record_meetings, RECORDERS_ONLY)
    meeting = _locked(meeting)
    existing = {a.agency_id: a for a in meeting.attendances.all()}
    saved = []
    for row in rows:
        agency, status = row["agency"], row.get("status") or ""
        current = existing.get(agency.pk)
        if not status:
            if current is not None:
                delete_tracked(current, actor=actor)
            continue
        if status == AttendanceStatus.PRESENT:
            require(
                meeting.status != Meeting.Status.PLANNED or meeting.date <= timezone.localdate(),
                "Attendance is recorded once the meeting has taken place.",
            )
        attendance = current or Attendance(meeting=meeting, agency=agency)
        attendance.status = status
        attendance.representative = (row.get("representative") or "").strip()
        attendance.representative_role = (row.get("representative_role") or "").strip()
        saved.append(save_tracked(attendance, actor=actor))
    return saved


@transaction.atomic
def agenda_item_add(
    *,
    meeting: Meeting,
    title: str,
    presenter: str = "",
    paper: Paper | None,
    decision_needed: bool = False,
    actor,
) -> AgendaItem:
    """Add an item at the end of the agenda."""
    require_actor(actor, permissions.can_record_meetings, RECORDERS_ONLY)
    meeting = _locked(meeting)
    require(bool(title.strip()), "Enter the item's title.", field="title")
    require(
        paper is None or paper.meeting_id == meeting.pk, "Choose one of this meeting's papers.", field="paper"
    )
    last = meeting.agenda_items.order_by("-number").values_list("number", flat=True).first() or 0
    item = AgendaItem(
        meeting=meeting,
        number=last + 1,
        title=title.strip(),
        presenter=presenter.strip(),
        paper=paper,
        decision_needed=decision_needed,
    )
    return save_tracked(item, actor=actor)


@transaction.atomic
def agenda_item_change(
    *,
    item: AgendaItem,
    title: str,
    presenter: str = "",
    paper: Paper | None,
    decision_needed: bool = False,
    actor,
) -> AgendaItem:
    """Change an item's wording, presenter, paper or whether a decision is needed."""
    require_actor(actor, permissions.can_record_meetings, RECORDERS_ONLY)
    require(bool(title.strip()), "Enter the item's title.", field="title")
    require(
        paper is None or paper.meeting_id == item.meeting_id,
        "Choose one of this meeting's papers.",
        field="paper",
    )
    item.title, item.presenter, item.paper, item.decision_needed = (
        title.strip(),
        presenter.strip(),
        paper,
        decision_needed,
    )
    return save_tracked(item, actor=actor, reason="Changed")


@transaction.atomic
def agenda_item_remove(*, item: AgendaItem, actor) -> None:
    """Take an item off the agenda; the items after it move up one, so the numbers stay 1, 2, 3…"""
    require_actor(actor, permissions.can_record_meetings, RECORDERS_ONLY)
    meeting = _locked(item.meeting)
    delete_tracked(item, actor=actor, reason="Removed from the agenda")
    for later in meeting.agenda_items.filter(number__gt=item.number).order_by("number"):
        later.number -= 1
        save_tracked(later, actor=actor, reason="Renumbered: an earlier item was removed")


@transaction.atomic
def agenda_item_move(*, item: AgendaItem, up: bool, actor) -> AgendaItem:
    """Swap an item with the one before it (`up`) or after it; the first cannot go up nor the
    last down (nothing changes)."""
    require_actor(actor, permissions.can_record_meetings, RECORDERS_ONLY)
    meeting = _locked(item.meeting)
    item = meeting.agenda_items.get(pk=item.pk)
    neighbours = (
        meeting.agenda_items.filter(number__lt=item.number)
        if up
        else meeting.agenda_items.filter(number__gt=item.number)
    )
    other = neighbours.order_by("-number" if up else "number").first()
    if other is None:
        return item
    mine, theirs = item.number, other.number
    # Numbers are unique per meeting: park this item at 0 while the other takes its place.
    AgendaItem.objects.filter(pk=item.pk).update(number=0)
    other.number = mine
    save_tracked(other, actor=actor, reason="Moved " + ("down" if up else "up"))
    item.number = theirs
    return save_tracked(item, actor=actor, reason="Moved " + ("up" if up else "down"))


@transaction.atomic
def paper_remove(*, paper: Paper, actor) -> None:
    """Remove a paper from the meeting (an agenda item that named it keeps its place, with no
    paper); its stored file is deleted once the removal is saved."""
    require_actor(actor, permissions.can_record_meetings, RECORDERS_ONLY)
    stored = paper.file.name
    storage = paper.file.storage
    delete_tracked(paper, actor=actor, reason="Removed from the meeting")
    if stored:
        transaction.on_commit(lambda: storage.delete(stored))


@transaction.atomic
def paper_add(*, meeting: Meeting, title: str, upload, confidential: bool, actor) -> Paper:
    """Attach a paper: its type is read from its content and its size limited (the core's
    `check_upload`); it is stored under a random name and served only through a checked view."""
    require_actor(actor, permissions.can_record_meetings, RECORDERS_ONLY)
    require(bool(title.strip()), "Enter the paper's title.", field="title")
    require(bool(upload), "Choose the paper's file.", field="file")
    paper = Paper(meeting=meeting, title=title.strip(), confidential=confidential, added_by=actor)
    paper.content_type, paper.file_name = check_upload(upload)
    paper.size = upload.size
    paper.file.save(paper.file_name, upload, save=False)
    paper._history_user = actor
    paper.save()
    return paper


@transaction.atomic
def decision_record(
    *,
    meeting: Meeting,
    kind: str,
    text: str,
    actor,
    token: uuid.UUID | None = None,
    plan: ActionPlan | None = None,
    recommendation: Recommendation | None = None,
    owner_agency: Agency | None = None,
    lead_user=None,
    lead_name: str = "",
    due_date: datetime.date | None = None,
    source: LearningSource | None = None,
) -> Decision:
    """Record what the meeting decided. "Action agreed" creates a core action on an open plan
    (with its owning agency, lead and due date) and links it; "decision on a source of
    learning" links the source; "noted" links nothing. The same `token` twice (a double
    submission) returns the decision already recorded, so exactly one action is created."""
    require_actor(
        actor,
        permissions.can_record_decision,
        "Only the business unit or the subgroup's chair can record decisions.",
        meeting,
    )
    meeting = _locked(meeting)
    if token is not None and (done := Decision.objects.filter(token=token, meeting=meeting).first()):
        return done
    require(meeting.status != Meeting.Status.CANCELLED, "This meeting was cancelled: it made no decisions.")
    require(kind in DecisionKind.values, "Choose what kind of decision this is.", field="kind")
    text = text.strip()
    require(bool(text), "Enter the decision.", field="text")
    decision = Decision(meeting=meeting, kind=kind, text=text, recorded_by=actor)
    if token is not None:
        decision.token = token
    if kind == DecisionKind.ACTION:
        require(plan is not None, "Choose the action plan the action goes on.", field="plan")
        require(
            recommendation is not None,
            "Choose the recommendation the action answers.",
            field="recommendation",
        )
        require(due_date is not None, "Enter the action's due date.", field="due_date")
        start = min(meeting.date, due_date)
        decision.action = action_create(
            action=Action(
                plan=plan,
                recommendation=recommendation,
                description=text,
                owner_agency=owner_agency,
                lead_user=lead_user,
                lead_name=lead_name.strip(),
                start_date=start,
                due_date=due_date,
            ),
            actor=actor,
        )
    elif kind == DecisionKind.SOURCE:
        require(source is not None, "Choose the review, audit or other source of learning.", field="source")
        decision.source = source
    return save_tracked(decision, actor=actor, reason="Recorded")


PACK_BUILDERS_ONLY = "Only the business unit can build and circulate board packs."


@transaction.atomic
def meeting_scrutiny_set(*, meeting: Meeting, source: LearningSource | None, actor) -> Meeting:
    """Choose the deep dive the meeting scrutinises (or none): it goes into the board pack."""
    require_actor(actor, permissions.can_build_packs, PACK_BUILDERS_ONLY)
    require(
        source is None or source.kind == LearningSource.Kind.DEEP_DIVE,
        "Choose a performance deep dive.",
        field="scrutiny_source",
    )
    meeting = _locked(meeting)
    meeting.scrutiny_source = source
    return save_tracked(meeting, actor=actor, reason="Deep dive for scrutiny chosen")


@transaction.atomic
def pack_circulate(
    *, meeting: Meeting, recipients, token: uuid.UUID, actor, notify: bool = True
) -> PackVersion:
    """Freeze the meeting's board pack as built now (for the person circulating it) as the next
    version, record who it went to and email each of them a link once. A second submission of
    the same form (the same `token`) returns the version already made and sends nothing more.
    A cancelled meeting's pack is not circulated. `notify=False` records the circulation
    without emailing (the demo's past meeting: its pack went out before the product did)."""
    from django.urls import reverse

    from partnership.emails import send_email_on_commit

    from ..packs import meeting_label, render_pack_body

    require_actor(actor, permissions.can_build_packs, PACK_BUILDERS_ONLY)
    meeting = _locked(meeting)
    existing = PackVersion.objects.filter(token=token).first()
    if existing is not None:
        return existing
    require(meeting.status != Meeting.Status.CANCELLED, "The meeting was cancelled: its pack cannot go out.")
    recipients = list(recipients)
    require(bool(recipients), "Choose at least one person to send the pack to.", field="recipients")
    from ..selectors import pack_readers

    readers = set(pack_readers().filter(pk__in=[r.pk for r in recipients]).values_list("pk", flat=True))
    require(
        all(r.pk in readers for r in recipients),
        "A board pack names case reviews and lists every agency's actions: it goes only to the business unit, "
        "the partnership leads and the subgroups that oversee case reviews.",
        field="recipients",
    )
    last = meeting.pack_versions.order_by("-number").values_list("number", flat=True).first() or 0
    now = timezone.now()
    version = save_tracked(
        PackVersion(
            meeting=meeting,
            number=last + 1,
            title=meeting_label(meeting),
            html=render_pack_body(meeting, actor, timezone.localdate()),
            circulated_at=now,
            circulated_by=actor,
            token=token,
        ),
        actor=actor,
        reason="Circulated",
    )
    url = settings.SITE_URL + reverse("governance:pack-version", args=[version.pk])
    for person in recipients:
        save_tracked(
            PackRecipient(version=version, user=person, email=person.email, sent_at=now), actor=actor
        )
        send_email_on_commit(
            to=[person.email],
            template_prefix="governance/pack_circulated",
            context={"person": person, "meeting": meeting, "version": version, "url": url},
        )
    return version


ESCALATION_ITEM = "section11-escalation:{}"


def place_section11_escalations(*, today: datetime.date) -> list[AgendaItem]:
    """Put each Section 11 round's outstanding improvements on the executive's agenda, as the
    framework says (the partnership, not the subgroup, chases an agency six months after the
    round's overview): on the first planned executive meeting on or after the day escalation
    became due (and not in the past), once, as an item needing a decision. The daily job and
    recording an executive meeting run this; running it again, or two runs at once, adds
    nothing more (the meeting is locked and `placed_for` is unique per meeting). An item on a
    meeting later cancelled is placed again on the next one."""
    meetings = list(
        Meeting.objects.filter(body=Body.EXECUTIVE, status=Meeting.Status.PLANNED, date__gte=today).order_by(
            "date", "pk"
        )
    )
    if not meetings:
        return []
    placed = set(
        AgendaItem.objects.exclude(placed_for="")
        .exclude(meeting__status=Meeting.Status.CANCELLED)
        .values_list("placed_for", flat=True)
    )
    added = []
    for due in rounds_to_escalate(by=meetings[-1].date):
        key = ESCALATION_ITEM.format(due["round"].pk)
        meeting = next((m for m in meetings if m.date >= due["due_on"]), None)
        if key in placed or meeting is None:
            continue
        with transaction.atomic():
            meeting = _locked(meeting)
            if meeting.agenda_items.filter(placed_for=key).exists():
                continue
            last = meeting.agenda_items.order_by("-number").values_list("number", flat=True).first() or 0
            improvements, agencies = due["improvements"], due["agencies"]
            item = AgendaItem(
                meeting=meeting,
                number=last + 1,
                title=(
                    f"{due['round'].title}: {improvements} improvement{'s' if improvements != 1 else ''} still "
                    f"open at {agencies} agenc{'ies' if agencies != 1 else 'y'} six months after the overview "
                    f"(escalation due {uk_date(due['due_on'])}): the chair's letters to their senior managers"
                ),
                presenter="Business unit",
                decision_needed=True,
                placed_for=key,
            )
            added.append(
                save_tracked(item, actor=None, reason="Placed by the framework: Section 11 escalation")
            )
    return added


# The highlight reports' writes live in their own module; callers name them here as the rest.
from .highlights import highlight_report_save, highlight_report_submit  # noqa: E402, F401
