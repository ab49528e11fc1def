"""Writes to serious incident notifications and Rapid Reviews: recording a notification,
opening its Rapid Review, the agency summary requests and their answers, the chronology and the
panel, the decision against the criteria and opening the review it decided on.

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
from partnership.services.guards import check_transition, require_actor
from partnership.services.history import save_tracked

from .. import permissions
from ..models import (
    MAX_CHILDREN_PER_NOTIFICATION,
    AgencyRequest,
    ChronologyEntry,
    Decision,
    Notification,
    NotifiedChild,
    PanelMember,
    Review,
    ReviewKind,
    Stage,
)
from ..stages import BEFORE_DECISION, TRANSITIONS, first_stage
from .reviews import check_not_future, save_review

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


# --- notifications ---------------------------------------------------------------------------


@transaction.atomic
def notification_record(*, notification: Notification, children: list[dict], agencies, actor) -> Notification:
    """Record (or correct) a serious incident notification with up to four children by pseudonym."""
    require_actor(actor, permissions.can_open_review, "Only the business unit can record notifications.")
    if not children:
        raise DomainError("Add at least one child, by pseudonym.", field="children")
    if len(children) > MAX_CHILDREN_PER_NOTIFICATION:
        raise DomainError(
            f"A notification can name up to {MAX_CHILDREN_PER_NOTIFICATION} children.", field="children"
        )
    pseudonyms = [c["pseudonym"].strip() for c in children]
    if len(set(pseudonyms)) != len(pseudonyms):
        raise DomainError("Give each child a different pseudonym.", field="children")
    check_not_future(
        notification.became_aware_on, "became_aware_on", "The date the local authority became aware"
    )
    check_not_future(notification.notified_on, "notified_on", "The date notified to the Panel")
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
    require_actor(actor, permissions.can_open_review, "Only the business unit can open reviews.")
    if Review.objects.filter(notification=notification, kind=ReviewKind.RAPID_REVIEW).exists():
        raise DomainError("This notification already has a Rapid Review.")
    today = timezone.localdate()
    if due_on < today:
        raise DomainError("The date agencies must reply by cannot be in the past.", field="due_on")
    review = Review(
        reference=reference, title=title, kind=ReviewKind.RAPID_REVIEW, stage=first_stage(ReviewKind.RAPID_REVIEW),
        notification=notification, subgroup=subgroup, lead=lead, opened_on=today,
    )  # fmt: skip
    save_review(review, actor)
    for agency in agencies:
        request_agency(review=review, agency=agency, due_on=due_on, actor=actor)
    return review


@transaction.atomic
def review_open_follow_on(*, rapid_review: Review, reference: str, actor) -> Review:
    """Open the review a Rapid Review decided on (an LCSPR or a local learning review)."""
    require_actor(actor, permissions.can_open_review, "Only the business unit can open reviews.")
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
    save_review(review, actor)
    for member in rapid_review.panel_members.all():
        PanelMember(review=review, user=member.user, role=member.role).save()
    return review


# --- the Rapid Review ------------------------------------------------------------------------


@transaction.atomic
def request_agency(*, review: Review, agency, due_on: date, actor, questions: str = "") -> AgencyRequest:
    require_actor(actor, permissions.can_manage_review, "You cannot send requests for this review.", review)
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
    if review.stage not in BEFORE_DECISION:
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
    require_actor(
        actor, permissions.can_answer_request, "Only the agency's lead can answer this request.", request
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
    require_actor(
        actor, permissions.can_manage_review, "You cannot change this review's chronology.", entry.review
    )
    check_not_future(entry.date, "date", "A chronology entry")
    entry.added_by = actor
    return save_tracked(entry, actor=actor)


@transaction.atomic
def panel_member_add(*, review: Review, user, role: str, actor) -> PanelMember:
    require_actor(actor, permissions.can_manage_review, "You cannot change this review's panel.", review)
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
    require_actor(
        actor, permissions.can_manage_review, "You cannot change this review's panel.", member.review
    )
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
    require_actor(
        actor,
        permissions.can_decide,
        "Only the business unit or a partnership lead can record the decision.",
        review,
    )
    if review.kind != ReviewKind.RAPID_REVIEW:
        raise DomainError("Only a Rapid Review decides whether to hold an LCSPR.")
    check_transition(
        TRANSITIONS[review.kind],
        review.stage,
        Stage.DECIDED,
        message="The decision has already been recorded.",
    )
    if decision not in Decision.values:
        raise DomainError("Choose the outcome.", field="decision")
    if not rationale.strip():
        raise DomainError("Explain the decision against the criteria.", field="decision_rationale")
    if not decided_by.strip():
        raise DomainError("Say which safeguarding partners decided.", field="decided_by")
    check_not_future(decided_on, "decided_on", "The date of the decision")
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
