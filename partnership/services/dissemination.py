"""Writes for dissemination: a source's plan, the agencies' cascades of a briefing, feedback.

Rules enforced here (and nowhere else):
- a source's dissemination plan is changed by those who change its learning
  (`permissions.can_edit_dissemination`); a row names an agency or an audience, a message and a
  due date;
- when a briefing is published (`cascades_request`, called by `briefing_publish` in the same
  transaction), each agency named by the recommendations of the sources it draws on, or by those
  sources' dissemination plans, is asked once to cascade it, due on the plan's date for that
  agency (the earliest) or CASCADE_DUE_DAYS days after publishing;
- a cascade is confirmed once: through the emailed link (signed, spent on use, expired after
  CASCADE_LINK_DAYS days from the email), or signed in by the agency's lead or the business
  unit; it records how, and how many staff it reached;
- feedback is given on a published briefing only, once per signed-in person (a second time
  changes it), or through the briefing's feedback link without an account.
Every change is saved with history naming the actor (None: the product itself, or a person
without an account using an emailed link).
"""

import datetime
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from .. import permissions
from ..emails import build_email, render_subject
from ..models import (
    Agency,
    Briefing,
    BriefingFeedback,
    CascadeRequest,
    DisseminationItem,
    LearningSource,
    Recommendation,
    Role,
    RoleAssignment,
)
from . import DomainError
from .guards import require, require_actor
from .history import delete_tracked, save_tracked
from .reminders import Outbox, Sent, claim_for

CHANGE_PLAN = "Only the business unit or the overseeing subgroup's chair can change the dissemination plan."
CONFIRMERS_ONLY = "Only the agency's lead or the business unit can confirm this agency's cascade."
CASCADE_SALT = "partnership.cascade-link"
FEEDBACK_SALT = "partnership.briefing-feedback-link"


# --- the dissemination plan ---------------------------------------------------------------


@transaction.atomic
def dissemination_item_save(*, item: DisseminationItem, actor) -> DisseminationItem:
    """Add or change a row of a source's dissemination plan."""
    require_actor(actor, permissions.can_edit_dissemination, CHANGE_PLAN, item.source)
    item.audience = item.audience.strip()
    require(
        item.agency_id is not None or bool(item.audience),
        "Choose the agency, or say who else must hear it",
        field="agency",
    )
    require(bool(item.message.strip()), "Enter what they must hear", field="message")
    save_tracked(item, actor=actor, reason="Dissemination plan changed")
    return item


@transaction.atomic
def dissemination_item_remove(*, item: DisseminationItem, actor) -> None:
    require_actor(actor, permissions.can_edit_dissemination, CHANGE_PLAN, item.source)
    delete_tracked(item, actor=actor, reason="Removed from the dissemination plan")


# --- cascades ---------------------------------------------------------------------------------


def briefing_sources(briefing: Briefing):
    return LearningSource.objects.filter(findings__briefings=briefing).distinct()


def named_agencies(briefing: Briefing) -> dict[int, datetime.date | None]:
    """Agency id -> the earliest date a dissemination plan wants it by (None: no date), for
    every agency the recommendations of the briefing's sources name or their plans list."""
    sources = briefing_sources(briefing)
    named: dict[int, datetime.date | None] = dict.fromkeys(
        Recommendation.agencies.through.objects.filter(recommendation__source__in=sources).values_list(
            "agency_id", flat=True
        )
    )
    for agency_id, due_on in DisseminationItem.objects.filter(
        source__in=sources, agency__isnull=False
    ).values_list("agency_id", "due_on"):
        earlier = named.get(agency_id)
        named[agency_id] = due_on if earlier is None else min(earlier, due_on)
    return named


def cascades_request(*, briefing: Briefing) -> list[CascadeRequest]:
    """Ask each named agency (`named_agencies`) to cascade a published briefing, once. The
    product acts (no person): the reminder job emails each agency's leads."""
    require(not briefing.is_draft, "Publish the briefing before asking agencies to cascade it.")
    default_due = briefing.published_on + timedelta(days=settings.CASCADE_DUE_DAYS)
    existing = set(briefing.cascade_requests.values_list("agency_id", flat=True))
    named = named_agencies(briefing)
    made = []
    for agency in Agency.objects.filter(pk__in=named.keys()).exclude(pk__in=existing).order_by("name"):
        due_on = named[agency.pk] or default_due
        cascade = CascadeRequest(briefing=briefing, agency=agency, due_on=due_on)
        save_tracked(cascade, actor=None, reason="Cascade requested on publishing")
        made.append(cascade)
    return made


def token_for(cascade: CascadeRequest) -> str:
    return signing.Signer(salt=CASCADE_SALT).sign(cascade.key.hex)


def url_for(cascade: CascadeRequest) -> str:
    return settings.SITE_URL.rstrip("/") + reverse("partnership:cascade-link", args=[token_for(cascade)])


@dataclass(frozen=True)
class ResolvedCascade:
    cascade: CascadeRequest | None
    problem: str = ""  # "", "invalid", "used", "expired"

    @property
    def usable(self) -> bool:
        return self.cascade is not None and not self.problem


def cascade_for_token(token: str) -> ResolvedCascade:
    """Check a link's token: the signature first (a made-up token never reaches the database),
    then whether the cascade is already confirmed, or the link has expired. Never raises."""
    try:
        key = signing.Signer(salt=CASCADE_SALT).unsign(token)
    except signing.BadSignature:
        return ResolvedCascade(None, "invalid")
    cascade = CascadeRequest.objects.select_related("agency", "briefing").filter(key=key).first()
    if cascade is None:
        return ResolvedCascade(None, "invalid")
    if cascade.confirmed_at is not None:
        return ResolvedCascade(cascade, "used")
    if cascade.expires_at is None or cascade.expires_at <= timezone.now():
        return ResolvedCascade(cascade, "expired")
    return ResolvedCascade(cascade)


def _confirm(
    cascade: CascadeRequest, *, method: str, staff_reached: int, confirmed_by: str, notes: str, actor
):
    locked = CascadeRequest.objects.select_for_update().get(pk=cascade.pk)
    if locked.confirmed_at is not None:  # a double submit, or the other lead was first
        raise DomainError("This cascade has already been confirmed.")
    require(method in CascadeRequest.Method.values, "Choose how it was cascaded", field="method")
    require(staff_reached is not None and staff_reached >= 0, "Enter how many staff it reached",
            field="staff_reached")  # fmt: skip
    require(bool(confirmed_by.strip()), "Enter your name", field="confirmed_by")
    locked.method = method
    locked.staff_reached = staff_reached
    locked.confirmed_by = confirmed_by.strip()
    locked.notes = notes.strip()
    locked.confirmed_at = timezone.now()
    save_tracked(locked, actor=actor, reason="Cascade confirmed")
    return locked


@transaction.atomic
def cascade_confirm_by_link(
    *, token: str, method: str, staff_reached: int, confirmed_by: str, notes: str = ""
) -> CascadeRequest:
    """Confirm a cascade through the emailed link, which it spends: it works once."""
    resolved = cascade_for_token(token)
    if not resolved.usable:
        raise DomainError(
            {
                "used": "This link has already been used.",
                "expired": "This link has expired.",
            }.get(resolved.problem, "This link is not valid.")
        )
    return _confirm(resolved.cascade, method=method, staff_reached=staff_reached, confirmed_by=confirmed_by,
                    notes=notes, actor=None)  # fmt: skip


@transaction.atomic
def cascade_confirm(
    *, cascade: CascadeRequest, method: str, staff_reached: int, notes: str = "", actor
) -> CascadeRequest:
    """Confirm a cascade signed in: the agency's lead (say, after the link expired), or the
    business unit on the agency's behalf."""
    require_actor(actor, permissions.can_confirm_cascade, CONFIRMERS_ONLY, cascade)
    name = getattr(actor, "full_name", "") or getattr(actor, "email", "") or "The business unit"
    return _confirm(cascade, method=method, staff_reached=staff_reached, confirmed_by=name, notes=notes,
                    actor=actor)  # fmt: skip


@transaction.atomic
def confirm_as_product(*, cascade: CascadeRequest, method: str, staff_reached: int, confirmed_by: str):
    """Record a cascade the product is told of (the demo data): no person acts."""
    return _confirm(cascade, method=method, staff_reached=staff_reached, confirmed_by=confirmed_by, notes="",
                    actor=None)  # fmt: skip


# --- feedback -----------------------------------------------------------------------------------


def feedback_token_for(briefing: Briefing) -> str:
    return signing.Signer(salt=FEEDBACK_SALT).sign(str(briefing.pk))


def feedback_url_for(briefing: Briefing) -> str:
    return settings.SITE_URL.rstrip("/") + reverse(
        "partnership:briefing-feedback-link", args=[feedback_token_for(briefing)]
    )


def briefing_for_feedback_token(token: str) -> Briefing | None:
    """The published briefing a feedback link is for, or None (made up, or not published)."""
    try:
        pk = signing.Signer(salt=FEEDBACK_SALT).unsign(token)
    except signing.BadSignature:
        return None
    return Briefing.objects.filter(pk=int(pk)).exclude(status=Briefing.Status.DRAFT).first()


def _check_feedback(briefing: Briefing, rating: int) -> None:
    require(not briefing.is_draft, "Feedback is given on a published briefing.")
    require(rating in range(1, 6), "Choose how useful it was, from 1 to 5", field="rating")


@transaction.atomic
def briefing_feedback_give(
    *, briefing: Briefing, rating: int, will_do_differently: str = "", actor
) -> BriefingFeedback:
    """A signed-in practitioner's feedback; given again, it replaces their earlier one."""
    require_actor(actor, permissions.can_give_briefing_feedback, "Sign in to give feedback.", briefing)
    _check_feedback(briefing, rating)
    feedback = BriefingFeedback.objects.filter(briefing=briefing, given_by=actor).first() or BriefingFeedback(
        briefing=briefing, given_by=actor
    )
    feedback.rating = rating
    feedback.will_do_differently = will_do_differently.strip()
    feedback.save()
    return feedback


@transaction.atomic
def briefing_feedback_give_by_link(
    *, token: str, rating: int, will_do_differently: str = ""
) -> BriefingFeedback:
    """Feedback through the briefing's link, without an account (anonymous)."""
    briefing = briefing_for_feedback_token(token)
    require(briefing is not None, "This feedback link is not valid.")
    _check_feedback(briefing, rating)
    return BriefingFeedback.objects.create(
        briefing=briefing, rating=rating, will_do_differently=will_do_differently.strip()
    )


# --- the emailed request ------------------------------------------------------------------------

CASCADE_JOB = "cascade-request"


def _leads_by_agency(agency_ids) -> dict[int, list[str]]:
    leads: dict[int, list[str]] = {}
    for agency_id, email in RoleAssignment.objects.filter(
        role=Role.AGENCY_LEAD, agency_id__in=agency_ids, user__is_active=True
    ).values_list("agency_id", "user__email"):
        leads.setdefault(agency_id, []).append(email)
    return leads


def _link_expiry(cascade: CascadeRequest) -> None:
    """Start the link's life when it is first emailed (it lasts CASCADE_LINK_DAYS days)."""
    if cascade.expires_at is None:
        now = timezone.now()
        CascadeRequest.objects.filter(pk=cascade.pk, expires_at__isnull=True).update(
            emailed_at=now, expires_at=now + timedelta(days=settings.CASCADE_LINK_DAYS)
        )
        cascade.refresh_from_db(fields=["emailed_at", "expires_at"])


def send_cascade_requests(*, today: datetime.date, dry_run: bool = False) -> list[Sent]:
    """Email each lead of each agency asked to cascade a published briefing, once: the signed
    link to confirm it. Claimed through `reminders.claim_for`, so two runs at once, or a rerun,
    send each email once; a confirmed cascade is not emailed."""
    pending = list(
        CascadeRequest.objects.filter(confirmed_at__isnull=True, briefing__status=Briefing.Status.PUBLISHED)
        .select_related("agency", "briefing")
        .order_by("pk")
    )
    leads = _leads_by_agency({c.agency_id for c in pending})
    outbox = Outbox("Cascade requests", dry_run=dry_run)
    for cascade in pending:
        for recipient in sorted(leads.get(cascade.agency_id, [])):
            period = cascade.briefing.published_on
            claimed, items = claim_for(CASCADE_JOB, [(cascade, period)], recipient, dry_run=dry_run)
            if not items:
                continue
            summary = f"{cascade.agency.display_name} to cascade {cascade.briefing.title}"
            context = {"cascade": cascade, "briefing": cascade.briefing, "agency": cascade.agency,
                       "link_days": settings.CASCADE_LINK_DAYS}  # fmt: skip
            if dry_run:
                subject = render_subject("partnership/cascade_request", context)
                outbox.would_send(CASCADE_JOB, [recipient], subject, summary)
                continue
            _link_expiry(cascade)
            context.update(
                url=url_for(cascade), briefing_url=settings.SITE_URL + cascade.briefing.get_absolute_url()
            )
            message = build_email(
                to=[recipient], template_prefix="partnership/cascade_request", context=context
            )
            outbox.send(CASCADE_JOB, claimed, message, summary)
    return outbox.finish()
