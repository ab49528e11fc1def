"""Writes for an LCSPR's publication duties: parallel proceedings that hold publication back,
the warnings recorded when their dates move, and the checks on the publication dates.

Rules: the report is published only after every parallel proceeding (criminal trial, inquest,
investigation) has concluded, so the latest expected date of those still running holds the
planned publication date to the next working day after it at the earliest; when a proceeding's
date moves, the review keeps a warning entry saying from when to when and what it did to the
planned date. A published report is kept published for at least 12 months (its check date).
"""

from dateutil.relativedelta import relativedelta
from django.db import transaction

from partnership.home import uk_date
from partnership.services.guards import require, require_actor
from partnership.services.history import save_tracked
from partnership.working_days import add_working_days

from .. import permissions
from ..models import ParallelProceeding, ProceedingKind, PublicationWarning, Review

KEPT_PUBLISHED_MONTHS = 12


def earliest_publication(held_until):
    """The first day the report may be published: the working day after the proceeding."""
    return add_working_days(held_until, 1)


def publication_hold_update(review: Review, *, actor) -> Review:
    """Hold the review's publication behind the latest proceeding still running (or release it
    when none is), pushing the planned publication date back when it falls on or before that
    proceeding's date. Returns the review, saved with history when anything changed."""
    running = review.proceedings.filter(concluded_on__isnull=True).order_by("-expected_on", "-pk").first()
    held_until = running.expected_on if running else None
    held_by = running.get_kind_display().lower() if running else ""
    planned = review.planned_publication_on
    if held_until and (planned is None or planned <= held_until) and not review.published_on:
        planned = earliest_publication(held_until)
    if (review.publication_held_until, review.publication_held_by, review.planned_publication_on) != (
        held_until,
        held_by,
        planned,
    ):
        review.publication_held_until, review.publication_held_by = held_until, held_by
        review.planned_publication_on = planned
        reason = (
            f"Publication held: {held_by} on {uk_date(held_until)}"
            if held_until
            else "Publication no longer held"
        )
        save_tracked(review, actor=actor, reason=reason[:100])
    return review


@transaction.atomic
def proceeding_save(*, proceeding: ParallelProceeding, actor) -> ParallelProceeding:
    """Record or change a parallel proceeding of a review. When its expected date moves, the
    review records a warning entry; the publication hold follows (`publication_hold_update`)."""
    review = Review.objects.select_for_update().get(pk=proceeding.review_id)
    require_actor(actor, permissions.can_manage_review, "You cannot change this review.", review)
    require(proceeding.kind in ProceedingKind.values, "Choose the kind of proceeding.", field="kind")
    require(proceeding.expected_on is not None, "Enter the expected date.", field="expected_on")
    proceeding.reference = (proceeding.reference or "").strip()
    before = (
        ParallelProceeding.objects.filter(pk=proceeding.pk).values_list("expected_on", flat=True).first()
        if proceeding.pk
        else None
    )
    save_tracked(proceeding, actor=actor)
    planned_before = review.planned_publication_on
    publication_hold_update(review, actor=actor)
    if before is not None and before != proceeding.expected_on:
        kind = proceeding.get_kind_display()
        message = f"The {kind.lower()} moved from {uk_date(before)} to {uk_date(proceeding.expected_on)}."
        if review.planned_publication_on != planned_before and review.planned_publication_on:
            message += f" Planned publication moved to {uk_date(review.planned_publication_on)}."
        elif review.publication_hold:
            message += f" Publication is held: {review.publication_hold}."
        PublicationWarning.objects.create(
            review=review, proceeding=proceeding, previous_on=before, expected_on=proceeding.expected_on,
            message=message, recorded_by=actor,
        )  # fmt: skip
    return proceeding


def check_publication_dates(review: Review) -> None:
    """The planned date comes after every running proceeding; the report stays published for at
    least 12 months (the check date is filled in as 12 months when left empty)."""
    if review.publication_held_until and review.planned_publication_on and not review.published_on:
        require(
            review.planned_publication_on > review.publication_held_until,
            f"Publication must wait until after the {review.publication_hold}: the earliest date is "
            f"{uk_date(earliest_publication(review.publication_held_until))}.",
            field="planned_publication_on",
        )
    if review.published_on:
        at_least = review.published_on + relativedelta(months=KEPT_PUBLISHED_MONTHS)
        if review.published_until is None:
            review.published_until = at_least
        require(
            review.published_until >= at_least,
            f"Keep the report published for at least 12 months: until {uk_date(at_least)} or later.",
            field="published_until",
        )
