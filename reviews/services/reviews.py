"""Writes to case reviews of every kind: opening one, its details, moving it through its stages,
holding a DHR jointly with an LCSPR, its events and documents, and the access log.

Each service checks who is acting (tasks and commands have no view), keeps the rules of the
statutory process, and records the actor in the history of every row it changes. The Rapid
Review's own writes (notifications, requests, panel, decision) are in `rapid.py`.
"""

from datetime import date

from django.db import IntegrityError, transaction
from django.utils import timezone

from partnership.services import DomainError
from partnership.services.guards import check_transition, require, require_actor
from partnership.services.history import save_tracked
from partnership.uploads import check_upload

from .. import permissions
from ..models import PanelMember, Review, ReviewAccess, ReviewDocument, ReviewEvent, ReviewKind, Stage
from ..stages import TRANSITIONS, first_stage, missing_to_leave, next_stage
from .publication import check_publication_dates


def check_not_future(day: date | None, field: str, label: str) -> None:
    """Refuse a date after today: `label` names it for the person, `field` places the error."""
    require(not day or day <= timezone.localdate(), f"{label} cannot be in the future.", field=field)


def save_review(review: Review, actor) -> Review:
    """Save a review with history, a duplicate reference refused next to its field."""
    try:
        with transaction.atomic():
            return save_tracked(review, actor=actor)
    except IntegrityError:
        raise DomainError(review.reference_taken_message(), field="reference") from None


@transaction.atomic
def review_open(*, review: Review, actor) -> Review:
    """Open a review of any kind other than a Rapid Review (or a follow-on of one)."""
    require_actor(actor, permissions.can_open_review, "Only the business unit can open reviews.")
    if review.kind == ReviewKind.RAPID_REVIEW:
        raise DomainError("Open a Rapid Review from its notification.", field="kind")
    review.stage = first_stage(review.kind)
    return save_review(review, actor)


@transaction.atomic
def review_update(*, review: Review, actor, reason: str = "") -> Review:
    """Save changes to a review's details (dates, reviewer, terms of reference, publication)."""
    require_actor(actor, permissions.can_manage_review, "You cannot change this review.", review)
    for field in ("panel_meeting_on", "sent_to_panel_on", "draft_report_on", "final_report_on",
                  "sent_to_panel_and_sos_on", "published_on", "reviewer_appointed_on",
                  "decision_notified_to_panel_on", "decision_notified_to_ofsted_on"):  # fmt: skip
        check_not_future(
            getattr(review, field), field, review._meta.get_field(field).verbose_name.capitalize()
        )
    if review.scope_from and review.scope_to and review.scope_to < review.scope_from:
        raise DomainError("The end of the scope period must be after its start.", field="scope_to")
    check_publication_dates(review)
    return save_tracked(review, actor=actor, reason=reason)


@transaction.atomic
def review_advance(*, review: Review, actor) -> Review:
    """Move a review to its next stage, once what its current stage is for is recorded."""
    review = Review.objects.select_for_update().get(pk=review.pk)
    require_actor(actor, permissions.can_manage_review, "You cannot change this review.", review)
    target = next_stage(review)
    check_transition(TRANSITIONS[review.kind], review.stage, target, message="This review is closed.")
    missing = missing_to_leave(review)
    if missing:
        raise DomainError("Before moving on, record " + ", ".join(missing) + ".")
    review.stage = target
    return save_tracked(review, actor=actor, reason=f"Moved to: {Stage(target).label}")


@transaction.atomic
def reviews_link_joint(*, dhr: Review, lcspr: Review, actor) -> Review:
    """Hold a DHR and an LCSPR jointly: one panel, linked records and one action plan (the
    LCSPR's; the DHR must not have a plan of its own)."""
    require_actor(actor, permissions.can_manage_review, "You cannot change this review.", dhr)
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
    require_actor(actor, permissions.can_manage_review, "You cannot change this review.", event.review)
    if not event.title.strip():
        raise DomainError("Enter a title for the event.", field="title")
    event.title, event.notes = event.title.strip(), event.notes.strip()
    return save_tracked(event, actor=actor)


# --- documents and the access log ----------------------------------------------------------


@transaction.atomic
def document_upload(*, review: Review, kind: str, upload, description: str, actor) -> ReviewDocument:
    require_actor(actor, permissions.can_manage_review, "You cannot add documents to this review.", review)
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
