"""Writes for child death review learning and for learning from reviews published elsewhere.

The Child Death Overview Panel's annual report is a source of learning (its findings,
recommendations and action plan come through the core's learning chain); its figures must add
up, and its referrals of cases to the Practice Review subgroup name a child only by pseudonym.
A review published elsewhere is public learning recorded with its themes. Each service checks
who is acting again (commands and tasks have no view) and names them in the history.
"""

from django.db import IntegrityError, transaction
from django.utils import timezone

from partnership.services import DomainError
from partnership.services.guards import require, require_actor
from partnership.services.history import save_tracked

from .. import permissions, selectors
from ..models import CdopReferral, CdopReport, ExternalReview

# The national child death review categories (the NCMD's categories of death), in the order
# the national reports use. Counts are recorded against these names, never free text.
CDOP_CATEGORIES = (
    "Deliberately inflicted injury, abuse or neglect",
    "Suicide or deliberate self-inflicted harm",
    "Trauma and other external factors",
    "Malignancy",
    "Acute medical or surgical condition",
    "Chronic medical condition",
    "Chromosomal, genetic and congenital anomalies",
    "Perinatal or neonatal event",
    "Infection",
    "Sudden unexpected, unexplained death",
)


def check_cdop_figures(reviewed: int | None, modifiable: int | None, categories: dict | None) -> dict:
    """The report's figures add up: no more deaths with modifiable factors than deaths
    reviewed, and the deaths by category (national categories only, whole numbers, none
    negative) add up to the deaths reviewed. Returns the categories without empty ones, in
    the national order. The form asks this too, so that its errors come before the save."""
    if reviewed is None or reviewed < 0:
        raise DomainError("Enter the number of deaths reviewed.", field="deaths_reviewed")
    if modifiable is None or modifiable < 0:
        raise DomainError("Enter the number of deaths with modifiable factors.", field="modifiable_deaths")
    if modifiable > reviewed:
        raise DomainError(
            f"Deaths with modifiable factors ({modifiable}) cannot be more than the deaths reviewed "
            f"({reviewed}).",
            field="modifiable_deaths",
        )
    counted = {}
    for name, count in (categories or {}).items():
        if name not in CDOP_CATEGORIES:
            raise DomainError(f"“{name}” is not one of the national categories.", field="categories")
        if not isinstance(count, int) or isinstance(count, bool) or count < 0:
            raise DomainError(
                f"Enter the deaths for “{name}” as a whole number, 0 or more.", field="categories"
            )
        if count:
            counted[name] = count
    total = sum(counted.values())
    if total != reviewed:
        raise DomainError(
            f"The deaths by category add up to {total}, but {reviewed} "
            f"{'death was' if reviewed == 1 else 'deaths were'} reviewed: they must be the same.",
            field="categories",
        )
    return {name: counted[name] for name in CDOP_CATEGORIES if name in counted}


@transaction.atomic
def cdop_report_save(*, report: CdopReport, actor) -> CdopReport:
    """Record or change a CDOP annual report (one per reporting year).

    Only the business unit or the chair of the report's subgroup (the Child Death Overview
    Panel) may; moving a report to another subgroup needs the chair of both. The figures must
    add up (see `check_cdop_figures`). Its learning source is kept in step by the model's save.
    """
    refused = "Only the business unit or the chair of the Child Death Overview Panel can record its reports."
    if report.pk is not None:
        before = CdopReport.objects.select_for_update().get(pk=report.pk)
        # Both the subgroup it was in and the one it goes to (a chair cannot move it away).
        require_actor(actor, permissions.can_record_cdop_report, refused, before)
    require_actor(actor, permissions.can_record_cdop_report, refused, report)
    this_year = timezone.localdate().year
    if report.year is None or not 2000 <= report.year <= this_year:
        raise DomainError(f"Enter the year the reporting year starts in, 2000 to {this_year}.", field="year")
    if CdopReport.objects.filter(year=report.year).exclude(pk=report.pk).exists():
        raise DomainError(
            f"There is already a report for {report.year}/{str(report.year + 1)[-2:]}.", field="year"
        )
    report.categories = check_cdop_figures(
        report.deaths_reviewed, report.modifiable_deaths, report.categories
    )
    report.summary = (report.summary or "").strip()
    try:
        with transaction.atomic():
            save_tracked(report, actor=actor)
    except IntegrityError:
        raise DomainError("There is already a report for this year.", field="year") from None
    return report


@transaction.atomic
def referral_save(*, referral: CdopReferral, actor) -> CdopReferral:
    """Record a case the Child Death Overview Panel refers to the Practice Review subgroup for
    a Rapid Review or a learning review. The child is named by pseudonym only; the referral
    cannot come before the year the report covers starts, nor be dated in the future."""
    report = referral.report
    refused = "Only the business unit or the chair of the Child Death Overview Panel can refer cases."
    require(report is not None, refused)
    require_actor(actor, permissions.can_record_cdop_report, refused, report)
    referral.pseudonym = (referral.pseudonym or "").strip()
    referral.reason = (referral.reason or "").strip()
    if not referral.pseudonym:
        raise DomainError('Enter the child\'s pseudonym, for example "Child R".', field="pseudonym")
    if not referral.reason:
        raise DomainError("Say why the case is referred.", field="reason")
    if referral.referred_on and referral.referred_on > timezone.localdate():
        raise DomainError("The date of the referral cannot be in the future.", field="referred_on")
    if referral.referred_for not in CdopReferral.ReferredFor.values:
        raise DomainError("Choose what the case is referred for.", field="referred_for")
    return save_tracked(referral, actor=actor)


@transaction.atomic
def referral_link_review(*, referral: CdopReferral, review, actor) -> CdopReferral:
    """Record the review the Practice Review subgroup opened in response to a referral. The
    actor must be able to record the report's referrals and to see the review itself."""
    referral = (
        CdopReferral.objects.select_for_update(of=("self",)).select_related("report").get(pk=referral.pk)
    )
    require_actor(
        actor,
        permissions.can_manage_referral,
        "Only the business unit or the chair of the Child Death Overview Panel can link referrals.",
        referral,
    )
    if review is None or not selectors.reviews_visible_to(actor).filter(pk=review.pk).exists():
        raise DomainError("Choose a review you can see.", field="review")
    referral.review = review
    return save_tracked(referral, actor=actor, reason=f"Review opened in response: {review.reference}")


@transaction.atomic
def external_review_save(*, review: ExternalReview, themes=None, actor) -> ExternalReview:
    """Record or change learning from a review published elsewhere, with its themes so that
    it can feed audits and training. The business unit or any subgroup chair may."""
    require_actor(
        actor,
        permissions.can_record_external_review,
        "Only the business unit or a subgroup chair can record learning from reviews elsewhere.",
    )
    review.title = (review.title or "").strip()
    review.summary = (review.summary or "").strip()
    if not review.summary:
        raise DomainError("Say what we can learn from it.", field="summary")
    save_tracked(review, actor=actor)
    if themes is not None:
        review.themes.set(themes)
    return review
