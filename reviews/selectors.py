"""Reads of case reviews, scoped to the person asking (see reviews/permissions.py)."""

from django.db.models import Exists, OuterRef, Q, QuerySet

from partnership import permissions as core

from .models import (
    AgencyRequest,
    CdopReferral,
    CdopReport,
    ExternalReview,
    Notification,
    Review,
    ReviewAccess,
    Stage,
)


def _review_scope(user) -> Q | None:
    """Reviews the person may read in full; None means all of them."""
    if core.sees_everything(user):
        return None
    q = Q(panel_members__user_id=user.pk)
    subgroups = core.roles_of(user).subgroups
    if subgroups:
        q |= Q(subgroup_id__in=subgroups)
    return q


def reviews_visible_to(user) -> QuerySet:
    """The reviews the person may read, each annotated `has_follow_on` (whether the review a
    Rapid Review decided on has been opened: its clocks depend on it, see clocks.py)."""
    if not user.is_authenticated:
        return Review.objects.none()
    qs = Review.objects.select_related(
        "notification", "subgroup", "lead", "rapid_review", "learning_source"
    ).annotate(has_follow_on=Exists(Review.objects.filter(rapid_review=OuterRef("pk"))))
    scope = _review_scope(user)
    if scope is None:
        return qs
    return qs.filter(pk__in=Review.objects.filter(scope).values("pk"))


def clock_board_reviews(user) -> QuerySet:
    """The open reviews the person may read, loading only what their clocks and the clock board
    show (the board reads hundreds of reviews, each with a few dates)."""
    from .clocks import CLOCK_FIELDS

    return (
        reviews_visible_to(user)
        .exclude(stage=Stage.CLOSED)
        .select_related(None)
        .select_related("notification", "rapid_review", "lead")
        .only(*CLOCK_FIELDS, "reference", "title", "lead__full_name", "lead__email")
    )


def review_clocks(review: Review) -> list:
    """The review's statutory clocks (`clocks.Clock`: Rapid Review, LCSPR, publication), each
    able to say its state on a day, for the pages, the dashboards and the API."""
    from .clocks import clocks_for

    return clocks_for(review)


def notifications_visible_to(user) -> QuerySet:
    """Notifications for those who may read a review of them (and all for the business unit)."""
    if not user.is_authenticated:
        return Notification.objects.none()
    if core.sees_everything(user):
        return Notification.objects.all()
    return Notification.objects.filter(pk__in=reviews_visible_to(user).values("notification_id"))


def requests_visible_to(user) -> QuerySet:
    """Agency summary requests: those of reviews the person may read, and those addressed to an
    agency they lead."""
    if not user.is_authenticated:
        return AgencyRequest.objects.none()
    qs = AgencyRequest.objects.select_related("review", "agency", "responded_by")
    if core.sees_everything(user):
        return qs
    scope = Q(review__in=reviews_visible_to(user))
    lead_of = core.roles_of(user).lead_of
    if lead_of:
        scope |= Q(agency_id__in=lead_of)
    return qs.filter(scope)


def requests_for_agency_lead(user) -> QuerySet:
    """The requests addressed to the agencies a person leads (their home page lists these)."""
    return AgencyRequest.objects.filter(agency_id__in=core.roles_of(user).lead_of).select_related(
        "review", "agency"
    )


def cdop_reports_visible_to(user) -> QuerySet:
    """CDOP annual reports are published documents: anyone signed in may read them."""
    return CdopReport.objects.all() if user.is_authenticated else CdopReport.objects.none()


def cdop_referrals_visible_to(user) -> QuerySet:
    """The Child Death Overview Panel's referrals name a child (by pseudonym): only for those who
    may see case reviews (permissions.can_see_referrals); for anyone else none exist."""
    from .permissions import can_see_referrals

    if not user.is_authenticated or not can_see_referrals(user):
        return CdopReferral.objects.none()
    return CdopReferral.objects.select_related("report", "review")


def external_reviews_visible_to(user) -> QuerySet:
    return (
        ExternalReview.objects.prefetch_related("themes")
        if user.is_authenticated
        else ExternalReview.objects.none()
    )


def access_log_visible_to(user) -> QuerySet:
    from .permissions import can_read_access_log

    if not can_read_access_log(user):
        return ReviewAccess.objects.none()
    return ReviewAccess.objects.select_related("review", "user")


def learning_referrals_visible_to(user) -> QuerySet:
    """Referrals for a learning review: all of them for the business unit and the partnership
    leads; for anyone else those they made and, for an agency's lead, their agency's. Never
    another agency's."""
    from .models import Referral
    from .permissions import can_see_all_referrals

    if not user.is_authenticated or not user.is_active:
        return Referral.objects.none()
    qs = Referral.objects.select_related("agency", "referred_by", "screened_by", "review", "rapid_review")
    if can_see_all_referrals(user):
        return qs
    scope = Q(referred_by_id=user.pk)
    lead_of = core.roles_of(user).lead_of
    if lead_of:
        scope |= Q(agency_id__in=lead_of)
    return qs.filter(scope)


def referrals_awaiting_screening(user) -> QuerySet:
    """The referrals the person may see that the business unit has not yet screened."""
    return learning_referrals_visible_to(user).filter(decision="")
