"""Demo data: a year of meetings for the demo partnership (registered as a DEMO_DATA step after
the sources of learning, whose plans and reviews its decisions link).

Four quarterly meetings of the executive and a meeting of each subgroup every two months: the
past ones held, with attendance, an agenda, a paper or two and decisions (some agreeing actions
on the demo's open plans, one deciding on a review or an audit); the future ones planned, so
the six-monthly chasers and the chairs' home pages name a next meeting. Each subgroup's
highlight report to each executive meeting held (submitted); for the next one, two drafts and the
others still to write. Idempotent: once any meeting exists it makes no meeting, and each report
and pack step is made only if missing.
"""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from partnership.models import OPEN_STATUSES, ActionPlan, Agency, LearningSource, Subgroup, User

from . import services
from .models import AttendanceStatus, Body, DecisionKind, Meeting

BUSINESS_UNIT = "business.unit@northbrook-scp.example"
EXECUTIVE_DAYS = (-273, -182, -91, 21)  # quarterly: three held, the next one planned
SUBGROUP_DAYS = (-300, -240, -180, -120, -60, 7, 67)  # every two months: five held, two planned


def _wednesday(day: datetime.date) -> datetime.date:
    return day + datetime.timedelta(days=(2 - day.weekday()) % 7)


def _paper(title: str, body: str):
    return SimpleUploadedFile(
        f"{title.lower().replace(' ', '-')}.txt", body.encode(), content_type="text/plain"
    )


def seed(stdout=None) -> None:
    if not User.objects.filter(email=BUSINESS_UNIT).exists():
        return
    if Meeting.objects.exists():
        if stdout:
            stdout.write("Demo meetings: already there.")
    else:
        with transaction.atomic():
            made = _seed_executive() + sum(
                _seed_subgroup(s, i) for i, s in enumerate(Subgroup.objects.order_by("name"))
            )
        if stdout:
            stdout.write(f"Demo meetings: added {made} meetings of the executive and the subgroups.")
    _seed_highlights(stdout)
    _seed_pack(stdout)


# What each subgroup's chair wrote, by subgroup: (what went well, concerns and risks, support).
HIGHLIGHT_WORDS = {
    "Learning and Improvement": (
        "The multi-agency neglect audit reported on time and its learning went out as a 7-minute briefing.",
        "Health attendance at the subgroup has fallen; two actions from the last review are overdue.",
        "The executive to ask the ICB to name a standing health representative.",
    ),
    "Training": (
        "Every level 3 course ran full; three-month follow-ups show most practitioners changed their practice.",
        "Few line managers answer the three-month follow-up.",
        "",
    ),
    "Quality and Performance": (
        "The quarterly dataset now includes re-referrals within twelve months, by agency.",
        "Re-referrals are red for the second quarter running.",
        "The executive to choose re-referrals as the next area for particular scrutiny.",
    ),
    "Practice Review": (
        "Rapid Reviews met the 15 working day timescale.",
        "One LCSPR is at risk of passing its six-month clock while the family's involvement is arranged.",
        "",
    ),
    "Child Death Overview Panel": (
        "The annual report was agreed; its safer sleep recommendations are with the Training subgroup.",
        "Modifiable factors in two sudden infant deaths point to unsafe sleeping arrangements again.",
        "",
    ),
}
DRAFTS_FOR_NEXT = ("Quality and Performance", "Child Death Overview Panel")


def _seed_highlights(stdout=None) -> None:
    """Each subgroup's highlight report to each of the executive's meetings: submitted, two
    weeks before, for the meetings held; for the next one, some subgroups have a draft and the
    others (Learning and Improvement among them) have not started. A report already there is
    left as it is, so a second run adds nothing."""
    from partnership.services.history import save_tracked

    from .models import HighlightReport, due_on

    today = timezone.localdate()
    business_unit = User.objects.get(email=BUSINESS_UNIT)
    chairs = _chairs()
    made = 0
    for meeting in (
        Meeting.objects.filter(body=Body.EXECUTIVE).exclude(status=Meeting.Status.CANCELLED).order_by("date")
    ):
        held = meeting.date < today
        for subgroup in Subgroup.objects.filter(active=True).order_by("name"):
            if not held and subgroup.name not in DRAFTS_FOR_NEXT:
                continue
            if HighlightReport.objects.filter(meeting=meeting, subgroup=subgroup).exists():
                continue
            went_well, concerns, support = HIGHLIGHT_WORDS.get(
                subgroup.name, ("Work on the plan is on track.", "None.", "")
            )
            writer = chairs.get(subgroup.pk, business_unit)
            report = services.highlight_report_save(
                meeting=meeting, subgroup=subgroup, went_well=went_well, concerns=concerns if held else "",
                support_needed=support, actor=writer,
            )  # fmt: skip
            made += 1
            if held:
                report = services.highlight_report_submit(report=report, actor=writer, today=due_on(meeting))
                # Submitted on the day it was due, as the chairs did before the product.
                report.submitted_at = timezone.make_aware(
                    datetime.datetime.combine(due_on(meeting), datetime.time(9))
                )
                save_tracked(report, actor=writer, reason="Submitted on its due date")
    if stdout and made:
        stdout.write(f"Demo highlight reports: added {made}.")


def _chairs() -> dict:
    from partnership.models import Role, RoleAssignment

    return {
        a.subgroup_id: a.user
        for a in RoleAssignment.objects.filter(role=Role.SUBGROUP_CHAIR).select_related("user").order_by("pk")
    }


def _seed_pack(stdout=None) -> None:
    """The board pack: the next executive meeting scrutinises a deep dive and is asked for a
    decision; the last one held had its pack circulated (version 1) to the partnership leads.
    Each part is made only if missing, so a second run adds nothing."""
    import uuid

    from .selectors import pack_default_recipients

    today = timezone.localdate()
    business_unit = User.objects.get(email=BUSINESS_UNIT)
    executive = Meeting.objects.filter(body=Body.EXECUTIVE)
    upcoming = executive.upcoming(today).order_by("date").first()
    if upcoming is not None:
        deep_dive = LearningSource.objects.filter(kind="deep_dive").order_by("-date", "pk").first()
        if upcoming.scrutiny_source_id is None and deep_dive is not None:
            services.meeting_scrutiny_set(meeting=upcoming, source=deep_dive, actor=business_unit)
        if not upcoming.agenda_items.filter(decision_needed=True, placed_for="").exists():
            services.agenda_item_add(
                meeting=upcoming, title="Agree the priorities for next year's business plan",
                presenter="Independent scrutineer", paper=None, decision_needed=True, actor=business_unit,
            )  # fmt: skip
        # What the framework sends to the executive: last year's Section 11 improvements still open.
        services.place_section11_escalations(today=today)
    last_held = executive.filter(status=Meeting.Status.HELD).order_by("-date").first()
    if last_held is not None and not last_held.pack_versions.exists():
        services.pack_circulate(
            meeting=last_held, recipients=pack_default_recipients(last_held), token=uuid.uuid4(),
            actor=business_unit, notify=False,
        )  # fmt: skip
        if stdout:
            stdout.write(f"Demo board pack: version 1 of {last_held} circulated.")


def _meeting(body, subgroup, title, day, today) -> Meeting:
    held = day < today
    return services.meeting_save(
        meeting=Meeting(
            body=body, subgroup=subgroup, title=title, date=day, start_time=datetime.time(10, 0),
            place="Online" if day.month % 2 else "Committee Room 2, Northbrook Civic Centre",
            status=Meeting.Status.HELD if held else Meeting.Status.PLANNED,
            minutes_summary="Quorate. Minutes of the last meeting agreed; action log reviewed." if held else "",
        ),
        actor=None,
    )  # fmt: skip


def _held(meeting: Meeting, agencies, items: list[tuple[str, str]], paper: tuple[str, str] | None) -> None:
    rows = [
        {"agency": agency, "status": AttendanceStatus.APOLOGIES if (i + meeting.date.month) % 5 == 0 else AttendanceStatus.PRESENT,
         "representative": "", "representative_role": "Safeguarding lead"}
        for i, agency in enumerate(agencies)
    ]  # fmt: skip
    services.attendance_record(meeting=meeting, rows=rows, actor=None)
    tabled = services.paper_add(meeting=meeting, title=paper[0], upload=_paper(*paper), confidential=False, actor=None) if paper else None  # fmt: skip
    for title, presenter in items:
        services.agenda_item_add(
            meeting=meeting, title=title, presenter=presenter, paper=tabled if "dataset" in title.lower() or "report" in title.lower() else None, actor=None
        )  # fmt: skip
    services.decision_record(meeting=meeting, kind=DecisionKind.NOTED, text="The minutes of the last meeting were agreed.", actor=None)  # fmt: skip


def _seed_executive() -> int:
    today = timezone.localdate()
    partners = list(
        Agency.objects.filter(partner_status=Agency.PartnerStatus.STATUTORY_PARTNER).order_by("name")
    )
    source = LearningSource.objects.filter(Q(kind="case_review") | Q(kind="audit")).order_by("-date").first()
    made = 0
    for number, offset in enumerate(EXECUTIVE_DAYS, start=1):
        day = _wednesday(today + datetime.timedelta(days=offset))
        meeting = _meeting(Body.EXECUTIVE, None, f"Executive Group, quarter {number}", day, today)
        made += 1
        if meeting.status != Meeting.Status.HELD:
            continue
        _held(
            meeting, partners,
            [("Minutes and action log", "Business unit"),
             ("Quarterly multi-agency dataset", "Chair of Quality and Performance"),
             ("Area for particular scrutiny", "Independent scrutineer")],
            ("Quarterly multi-agency dataset", f"Multi-agency performance dataset, quarter {number}.\n"),
        )  # fmt: skip
        if number == 3 and source is not None:
            services.decision_record(
                meeting=meeting, kind=DecisionKind.SOURCE, source=source, actor=None,
                text=f"The executive agreed the learning from {source.title} and asked for a re-audit in six months.",
            )  # fmt: skip
    return made


def _seed_subgroup(subgroup: Subgroup, index: int) -> int:
    today = timezone.localdate()
    agencies = list(
        Agency.objects.filter(people__role_assignments__subgroup=subgroup).distinct().order_by("name")
    ) or list(Agency.objects.filter(partner_status=Agency.PartnerStatus.STATUTORY_PARTNER).order_by("name"))
    plan = (
        ActionPlan.objects.filter(subgroup=subgroup, actions__status__in=OPEN_STATUSES)
        .select_related("source").distinct().order_by("pk").first()
    )  # fmt: skip
    recommendation = plan.source.recommendations.order_by("pk").first() if plan else None
    made, held = 0, []
    for number, offset in enumerate(SUBGROUP_DAYS, start=1):
        day = _wednesday(today + datetime.timedelta(days=offset + 7 * index))
        meeting = _meeting(Body.SUBGROUP, subgroup, f"{subgroup.name} subgroup", day, today)
        made += 1
        if meeting.status == Meeting.Status.HELD:
            _held(
                meeting, agencies,
                [("Minutes and action log", "Chair"), ("Action plan progress report", "Business unit"),
                 ("Any other business", "")],
                ("Action plan progress report", f"{subgroup.name}: progress on open actions.\n") if number % 2 else None,
            )  # fmt: skip
            held.append(meeting)
    if held and plan and recommendation:
        services.decision_record(
            meeting=held[-1], kind=DecisionKind.ACTION, plan=plan, recommendation=recommendation, actor=None,
            text=f"Re-audit the learning from {plan.source.title} and report the findings to the subgroup.",
            owner_agency=agencies[0] if agencies else None, lead_name="Owen Price",
            due_date=today + datetime.timedelta(days=120),
        )  # fmt: skip
    return made
