"""Writes to case reviews: notifications, Rapid Reviews, follow-on reviews, requests, documents.

Each service checks who is acting (tasks and commands have no view), keeps the rules of the
statutory process, and records the actor in the history of every row it changes.
"""

from datetime import date

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from partnership.emails import send_email_on_commit
from partnership.models import Role, RoleAssignment
from partnership.services import DomainError
from partnership.services.history import save_tracked
from partnership.uploads import check_upload

from . import permissions
from .models import (
    MAX_CHILDREN_PER_NOTIFICATION,
    AgencyRequest,
    ChronologyEntry,
    Decision,
    Notification,
    NotifiedChild,
    PanelMember,
    Review,
    ReviewAccess,
    ReviewDocument,
    ReviewEvent,
    ReviewKind,
    Stage,
)
from .stages import first_stage, missing_to_leave, next_stage

# The statutory criteria and the considerations the seeds list, as the Rapid Review's checklist.
CRITERIA = [
    ("abuse_or_neglect", "Abuse or neglect of the child is known or suspected"),
    ("child_died", "The child has died (including by suspected suicide)"),
    ("serious_harm", "The child has been seriously harmed"),
    ("multi_agency_concern", "There is cause for concern about how agencies worked together"),
    (
        "death_in_custody",
        "The child died in custody, on remand, in a young offender institution, secure "
        "training centre or secure children's home",
    ),
    ("mental_health_act", "The child was detained under the Mental Health Act 1983"),
    ("deprivation_of_liberty", "A child aged 16 or 17 was subject to a Deprivation of Liberty order"),
    ("national_importance", "The case may raise issues of importance to the national Panel"),
    ("new_learning", "The case highlights recurrent themes or new learning for the partnership"),
]
CRITERIA_KEYS = {key for key, _label in CRITERIA}


def _require(allowed: bool, message: str) -> None:
    if not allowed:
        raise DomainError(message)


def _check_not_future(day: date | None, field: str, label: str) -> None:
    if day and day > timezone.localdate():
        raise DomainError(f"{label} cannot be in the future.", field=field)


# --- notifications ---------------------------------------------------------------------------


@transaction.atomic
def notification_record(*, notification: Notification, children: list[dict], agencies, actor) -> Notification:
    """Record (or correct) a serious incident notification with up to four children by pseudonym."""
    _require(permissions.can_open_review(actor), "Only the business unit can record notifications.")
    if not children:
        raise DomainError("Add at least one child, by pseudonym.", field="children")
    if len(children) > MAX_CHILDREN_PER_NOTIFICATION:
        raise DomainError(
            f"A notification can name up to {MAX_CHILDREN_PER_NOTIFICATION} children.", field="children"
        )
    pseudonyms = [c["pseudonym"].strip() for c in children]
    if len(set(pseudonyms)) != len(pseudonyms):
        raise DomainError("Give each child a different pseudonym.", field="children")
    _check_not_future(
        notification.became_aware_on, "became_aware_on", "The date the local authority became aware"
    )
    _check_not_future(notification.notified_on, "notified_on", "The date notified to the Panel")
    if notification.notified_on and notification.notified_on < notification.became_aware_on:
        raise DomainError(
            "The Panel cannot be notified before the local authority became aware.", field="notified_on"
        )
    if notification.pk is None:
        notification.created_by = actor
    try:
        with transaction.atomic():
            save_tracked(notification, actor=actor)
    except IntegrityError:
        raise DomainError(notification.reference_taken_message(), field="reference") from None
    notification.agencies.set(agencies)
    existing = {c.pseudonym: c for c in notification.children.all()}
    for data in children:
        child = existing.pop(data["pseudonym"].strip(), None) or NotifiedChild(notification=notification)
        child.pseudonym = data["pseudonym"].strip()
        child.age_band = data["age_band"]
        child.looked_after = bool(data.get("looked_after"))
        save_tracked(child, actor=actor)
    for child in existing.values():
        child._history_user = actor
        child.delete()
    return notification


# --- opening reviews -----------------------------------------------------------------------


def _save_review(review: Review, actor) -> Review:
    try:
        with transaction.atomic():
            return save_tracked(review, actor=actor)
    except IntegrityError:
        raise DomainError(review.reference_taken_message(), field="reference") from None


def _notify_agency_leads(request: AgencyRequest) -> None:
    leads = RoleAssignment.objects.filter(role=Role.AGENCY_LEAD, agency=request.agency, user__is_active=True)
    emails = sorted({a.user.email for a in leads.select_related("user")})
    if emails:
        send_email_on_commit(
            to=emails,
            template_prefix="reviews/agency_request",
            context={"request": request, "review": request.review, "agency": request.agency,
                     "url": settings.SITE_URL + request.get_absolute_url()},
        )  # fmt: skip


@transaction.atomic
def rapid_review_open(
    *, notification: Notification, reference: str, title: str, subgroup, lead, agencies, due_on: date, actor
) -> Review:
    """Open the Rapid Review of a notification and ask each involved agency for its summary
    (their agency leads are emailed a link to answer in the service)."""
    _require(permissions.can_open_review(actor), "Only the business unit can open reviews.")
    if Review.objects.filter(notification=notification, kind=ReviewKind.RAPID_REVIEW).exists():
        raise DomainError("This notification already has a Rapid Review.")
    today = timezone.localdate()
    if due_on < today:
        raise DomainError("The date agencies must reply by cannot be in the past.", field="due_on")
    review = Review(
        reference=reference, title=title, kind=ReviewKind.RAPID_REVIEW, stage=first_stage(ReviewKind.RAPID_REVIEW),
        notification=notification, subgroup=subgroup, lead=lead, opened_on=today,
    )  # fmt: skip
    _save_review(review, actor)
    for agency in agencies:
        request_agency(review=review, agency=agency, due_on=due_on, actor=actor)
    return review


@transaction.atomic
def review_open(*, review: Review, actor) -> Review:
    """Open a review of any kind other than a Rapid Review (or a follow-on of one)."""
    _require(permissions.can_open_review(actor), "Only the business unit can open reviews.")
    if review.kind == ReviewKind.RAPID_REVIEW:
        raise DomainError("Open a Rapid Review from its notification.", field="kind")
    review.stage = first_stage(review.kind)
    return _save_review(review, actor)


@transaction.atomic
def review_open_follow_on(*, rapid_review: Review, reference: str, actor) -> Review:
    """Open the review a Rapid Review decided on (an LCSPR or a local learning review)."""
    _require(permissions.can_open_review(actor), "Only the business unit can open reviews.")
    kinds = {Decision.LCSPR: ReviewKind.LCSPR, Decision.LEARNING_REVIEW: ReviewKind.LEARNING_REVIEW}
    if rapid_review.decision not in kinds:
        raise DomainError("The Rapid Review did not decide on an LCSPR or a learning review.")
    if rapid_review.follow_on_reviews.exists():
        raise DomainError("The review this Rapid Review decided on is already open.")
    kind = kinds[Decision(rapid_review.decision)]
    review = Review(
        reference=reference, title=rapid_review.title, kind=kind, stage=first_stage(kind),
        notification=rapid_review.notification, rapid_review=rapid_review, subgroup=rapid_review.subgroup,
        lead=rapid_review.lead, opened_on=timezone.localdate(), summary=rapid_review.summary,
    )  # fmt: skip
    _save_review(review, actor)
    for member in rapid_review.panel_members.all():
        PanelMember(review=review, user=member.user, role=member.role).save()
    return review


# --- the Rapid Review ------------------------------------------------------------------------


@transaction.atomic
def request_agency(*, review: Review, agency, due_on: date, actor, questions: str = "") -> AgencyRequest:
    _require(permissions.can_manage_review(actor, review), "You cannot send requests for this review.")
    if review.agency_requests.filter(agency=agency).exists():
        raise DomainError(f"{agency} has already been asked.", field="agency")
    request = AgencyRequest(
        review=review, agency=agency, requested_on=timezone.localdate(), due_on=due_on, questions=questions
    )
    save_tracked(request, actor=actor)
    _notify_agency_leads(request)
    return request


def request_open_to_answer(request: AgencyRequest) -> bool:
    """Whether an agency's summary can still be given or changed: until the panel has met (its
    meeting date has passed, or the review has moved past the panel stage)."""
    review = request.review
    if review.stage not in (Stage.GATHERING, Stage.PANEL):
        return False
    return not (review.panel_meeting_on and review.panel_meeting_on < timezone.localdate())


@transaction.atomic
def request_answer(*, request: AgencyRequest, involvement: str, analysis: str, actor) -> AgencyRequest:
    """The agency lead's answer. It can be corrected until the panel has met."""
    request = (
        AgencyRequest.objects.select_for_update(of=("self",))
        .select_related("review", "agency")
        .get(pk=request.pk)
    )
    _require(
        permissions.can_answer_request(actor, request), "Only the agency's lead can answer this request."
    )
    if not request_open_to_answer(request):
        raise DomainError("The panel has met: this request can no longer be changed.")
    if not involvement.strip():
        raise DomainError(
            "Describe your agency's involvement with the child and family.", field="involvement"
        )
    request.involvement, request.analysis = involvement.strip(), analysis.strip()
    request.responded_at, request.responded_by = timezone.now(), actor
    return save_tracked(request, actor=actor)


@transaction.atomic
def chronology_add(*, entry: ChronologyEntry, actor) -> ChronologyEntry:
    _require(
        permissions.can_manage_review(actor, entry.review), "You cannot change this review's chronology."
    )
    _check_not_future(entry.date, "date", "A chronology entry")
    entry.added_by = actor
    return save_tracked(entry, actor=actor)


@transaction.atomic
def panel_member_add(*, review: Review, user, role: str, actor) -> PanelMember:
    _require(permissions.can_manage_review(actor, review), "You cannot change this review's panel.")
    if not user.is_active:
        raise DomainError("This person's account is deactivated.", field="user")
    member = PanelMember(review=review, user=user, role=role)
    try:
        with transaction.atomic():
            save_tracked(member, actor=actor)
    except IntegrityError:
        raise DomainError(f"{user} is already on the panel.", field="user") from None
    return member


@transaction.atomic
def panel_member_remove(*, member: PanelMember, actor) -> None:
    _require(permissions.can_manage_review(actor, member.review), "You cannot change this review's panel.")
    member._history_user = actor
    member.delete()


@transaction.atomic
def rapid_review_decide(
    *, review: Review, criteria: dict, considerations: str, decision: str, rationale: str,
    decided_by: str, decided_on: date, actor,
) -> Review:  # fmt: skip
    """Record the decision against the statutory criteria, with the rationale and who decided.

    The partners may decide before every agency asked has given its summary (the timescale is
    statutory, an agency's silence is not a veto): the decision then records which agencies it
    was made without (`decided_without`, named in the history's reason too), so the review page
    and anyone scrutinising it later can see what the partners did not have."""
    review = Review.objects.select_for_update().get(pk=review.pk)
    _require(
        permissions.can_decide(actor, review),
        "Only the business unit or a partnership lead can record the decision.",
    )
    if review.kind != ReviewKind.RAPID_REVIEW:
        raise DomainError("Only a Rapid Review decides whether to hold an LCSPR.")
    if review.stage not in (Stage.GATHERING, Stage.PANEL):
        raise DomainError("The decision has already been recorded.")
    if decision not in Decision.values:
        raise DomainError("Choose the outcome.", field="decision")
    if not rationale.strip():
        raise DomainError("Explain the decision against the criteria.", field="decision_rationale")
    if not decided_by.strip():
        raise DomainError("Say which safeguarding partners decided.", field="decided_by")
    _check_not_future(decided_on, "decided_on", "The date of the decision")
    if review.panel_meeting_on and decided_on < review.panel_meeting_on:
        raise DomainError("The decision cannot come before the panel meeting.", field="decided_on")
    met = {key: bool(criteria.get(key)) for key in CRITERIA_KEYS}
    if (
        decision == Decision.NO_FURTHER
        and met["death_in_custody"] | met["mental_health_act"] | met["deprivation_of_liberty"]
    ):
        raise DomainError("A death in custody or detention always needs an LCSPR: this outcome is not open.",
                          field="decision")  # fmt: skip
    review.criteria, review.considerations = met, considerations.strip()
    review.decision, review.decision_rationale = decision, rationale.strip()
    review.decided_by, review.decided_on = decided_by.strip(), decided_on
    review.panel_meeting_on = review.panel_meeting_on or decided_on
    review.decided_without = unanswered_agencies(review)
    review.stage = Stage.DECIDED
    reason = f"Decision: {Decision(decision).label}"
    missing = len(review.decided_without)
    if missing:
        # The history's reason holds 100 characters: the count here, the names in the field.
        reason += (
            " (made without 1 agency's summary)"
            if missing == 1
            else f" (made without {missing} agencies' summaries)"
        )
    return save_tracked(review, actor=actor, reason=reason)


def unanswered_agencies(review: Review) -> list[str]:
    """The agencies asked for a summary on this review that have not given it, by name."""
    return list(
        review.agency_requests.filter(responded_at__isnull=True)
        .order_by("agency__name")
        .values_list("agency__name", flat=True)
    )


@transaction.atomic
def review_update(*, review: Review, actor, reason: str = "") -> Review:
    """Save changes to a review's details (dates, reviewer, terms of reference, publication)."""
    _require(permissions.can_manage_review(actor, review), "You cannot change this review.")
    for field in ("panel_meeting_on", "sent_to_panel_on", "draft_report_on", "final_report_on",
                  "sent_to_panel_and_sos_on", "published_on"):  # fmt: skip
        _check_not_future(
            getattr(review, field), field, review._meta.get_field(field).verbose_name.capitalize()
        )
    if review.scope_from and review.scope_to and review.scope_to < review.scope_from:
        raise DomainError("The end of the scope period must be after its start.", field="scope_to")
    return save_tracked(review, actor=actor, reason=reason)


@transaction.atomic
def review_advance(*, review: Review, actor) -> Review:
    """Move a review to its next stage, once what its current stage is for is recorded."""
    review = Review.objects.select_for_update().get(pk=review.pk)
    _require(permissions.can_manage_review(actor, review), "You cannot change this review.")
    target = next_stage(review)
    if target is None:
        raise DomainError("This review is closed.")
    missing = missing_to_leave(review)
    if missing:
        raise DomainError("Before moving on, record " + ", ".join(missing) + ".")
    review.stage = target
    return save_tracked(review, actor=actor, reason=f"Moved to: {Stage(target).label}")


@transaction.atomic
def reviews_link_joint(*, dhr: Review, lcspr: Review, actor) -> Review:
    """Hold a DHR and an LCSPR jointly: one panel, linked records and one action plan (the
    LCSPR's; the DHR must not have a plan of its own)."""
    _require(permissions.can_manage_review(actor, dhr), "You cannot change this review.")
    if dhr.kind != ReviewKind.DHR or lcspr.kind != ReviewKind.LCSPR:
        raise DomainError("A joint review links a DHR with an LCSPR.", field="joint_with")
    if getattr(dhr.learning_source, "action_plan", None) is not None:
        raise DomainError("The DHR already has its own action plan; a joint review shares the LCSPR's.")
    dhr.joint_with = lcspr
    save_tracked(dhr, actor=actor, reason=f"Joint review with {lcspr.reference}")
    for member in lcspr.panel_members.exclude(user__in=dhr.panel_members.values("user")):
        PanelMember(review=dhr, user=member.user, role=member.role).save()
    return dhr


def joint_review(review: Review) -> Review | None:
    if review.joint_with_id:
        return review.joint_with
    return getattr(review, "joint_partner", None)


def plan_for(review: Review):
    """The action plan a review's actions go in: its own, or its joint review's."""
    for candidate in (review, joint_review(review)):
        if candidate is not None:
            plan = getattr(candidate.learning_source, "action_plan", None)
            if plan is not None:
                return plan
    return None


@transaction.atomic
def review_event_add(*, event: ReviewEvent, actor) -> ReviewEvent:
    """Record a review's practitioner event, family meeting, panel meeting or other milestone
    (past or planned)."""
    _require(permissions.can_manage_review(actor, event.review), "You cannot change this review.")
    if not event.title.strip():
        raise DomainError("Enter a title for the event.", field="title")
    event.title, event.notes = event.title.strip(), event.notes.strip()
    return save_tracked(event, actor=actor)


# --- documents and the access log ----------------------------------------------------------


@transaction.atomic
def document_upload(*, review: Review, kind: str, upload, description: str, actor) -> ReviewDocument:
    _require(permissions.can_manage_review(actor, review), "You cannot add documents to this review.")
    content_type, file_name = check_upload(upload)
    document = ReviewDocument(
        review=review, kind=kind, description=description.strip(), file_name=file_name,
        content_type=content_type, size=upload.size, uploaded_by=actor,
    )  # fmt: skip
    document.file.save(file_name, upload, save=False)
    return save_tracked(document, actor=actor)


def log_access(*, review: Review, user, what: str) -> None:
    """Record that someone viewed a review's detail or a document (special-category data)."""
    ReviewAccess.objects.create(review=review, user=user, what=what[:100])
