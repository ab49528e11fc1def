"""Changes to the partnership's organisation and people.

Records are deactivated, never deleted, so that history and reports keep them. Only the
business unit may make these changes; each service re-checks, because commands and tasks
have no view in front of them.
"""

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from .. import permissions
from ..emails import send_email_on_commit
from ..middleware_sessions import sessions_end
from ..models import AGENCY_ROLES, SUBGROUP_ROLES, Invitation, Role, RoleAssignment, SecurityEventKind, User
from ..security.events import record_event
from . import DomainError
from .guards import require_actor
from .history import delete_tracked, save_tracked

MANAGERS_ONLY = "Only the business unit can change the partnership's organisation."


@transaction.atomic
def record_save(*, instance, actor, reason: str = ""):
    """Create or update an organisational record (area, agency, subgroup, priority, theme)."""
    require_actor(actor, permissions.can_manage_organisation, MANAGERS_ONLY)
    return save_tracked(instance, actor=actor, reason=reason)


@transaction.atomic
def record_set_active(*, instance, active: bool, actor):
    """Deactivate (or reactivate) a record. Nothing is deleted; history keeps the change."""
    require_actor(actor, permissions.can_manage_organisation, MANAGERS_ONLY)
    field = "is_active" if isinstance(instance, User) else "active"
    if getattr(instance, field) == active:
        return instance
    setattr(instance, field, active)
    reason = "Reactivated" if active else "Deactivated"
    save_tracked(instance, actor=actor, reason=reason)
    if isinstance(instance, User) and not active:
        record_event(SecurityEventKind.PERSON_DEACTIVATED, user=instance, actor=actor)
    return instance


@transaction.atomic
def person_deactivate(*, person: User, actor) -> User:
    """Stop a person signing in, and end their open sessions at once (deleted, not left for
    Django's authentication backend to refuse an inactive user at their next request)."""
    if actor is not None and person.pk == actor.pk:
        raise DomainError("You cannot deactivate your own account.")
    person = record_set_active(instance=person, active=False, actor=actor)
    sessions_end(user=person)
    return person


def _hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def person_invite(*, person: User, actor) -> tuple[User, str]:
    """Save a new person (or an uninvited one) and email them a link to set their password.

    Any earlier invitation is revoked, so only the newest link works. Returns the person and the
    raw token (only the hash is stored).
    """
    require_actor(actor, permissions.can_manage_organisation, MANAGERS_ONLY)
    is_new = person.pk is None
    if is_new:
        person.set_unusable_password()
    save_tracked(person, actor=actor, reason="Invited" if is_new else "Invitation sent again")
    if not person.is_active:
        raise DomainError("This person is deactivated. Reactivate them before inviting them.")
    now = timezone.now()
    person.invitations.filter(accepted_at__isnull=True, revoked_at__isnull=True).update(revoked_at=now)
    token = secrets.token_urlsafe(32)
    invitation = Invitation.objects.create(
        user=person,
        token_hash=_hash_token(token),
        invited_by=actor,
        created_at=now,
        expires_at=now + timedelta(days=settings.INVITATION_DAYS),
    )
    send_email_on_commit(
        to=[person.email],
        template_prefix="partnership/invitation",
        context={
            "person": person,
            "invited_by": actor,
            "accept_url": settings.SITE_URL + reverse("partnership:invitation-accept", args=[token]),
            "expires_at": invitation.expires_at,
            "business_unit_email": settings.BUSINESS_UNIT_EMAIL,
        },
    )
    return person, token


class InvitationProblem(DomainError):
    """Why an invitation link cannot be used: unknown, used, expired or replaced."""

    def __init__(self, message: str, *, reason: str):
        super().__init__(message)
        self.reason = reason


def invitation_for_token(token: str) -> Invitation:
    """The usable invitation behind `token`, or an InvitationProblem that says plainly why not."""
    invitation = Invitation.objects.select_related("user").filter(token_hash=_hash_token(token)).first()
    if invitation is None:
        raise InvitationProblem("This invitation link is not valid.", reason="unknown")
    if invitation.accepted_at is not None:
        raise InvitationProblem("This invitation link has already been used.", reason="used")
    if invitation.revoked_at is not None:
        raise InvitationProblem("A newer invitation has replaced this link.", reason="replaced")
    if invitation.is_expired:
        raise InvitationProblem("This invitation link has expired.", reason="expired")
    if not invitation.user.is_active:
        raise InvitationProblem("This account has been deactivated.", reason="inactive")
    return invitation


@transaction.atomic
def invitation_accept(*, token: str, password: str) -> User:
    """Set the invited person's password and spend the invitation, so the link works once."""
    invitation = invitation_for_token(token)
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.accepted_at is not None:  # lost a race with a double-submit
        raise InvitationProblem("This invitation link has already been used.", reason="used")
    person = invitation.user
    person.set_password(password)
    person._history_user = person
    person._change_reason = "Accepted invitation"
    person.save()
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])
    return person


@transaction.atomic
def role_assign(*, person: User, role: str, actor, subgroup=None, agency=None) -> RoleAssignment:
    """Give a person a role; subgroup roles need a subgroup, the agency lead role an agency."""
    require_actor(actor, permissions.can_manage_organisation, MANAGERS_ONLY)
    if role in SUBGROUP_ROLES and subgroup is None:
        raise DomainError("Choose the subgroup for this role.", field="subgroup")
    if role in AGENCY_ROLES and agency is None:
        raise DomainError("Choose the agency this person leads for.", field="agency")
    if role not in SUBGROUP_ROLES:
        subgroup = None
    if role not in AGENCY_ROLES:
        agency = None
    assignment = RoleAssignment(user=person, role=role, subgroup=subgroup, agency=agency)
    assignment._history_user = actor
    try:
        with transaction.atomic():
            assignment.save()
    except IntegrityError:
        raise DomainError(f"{person} already holds this role.", field="role") from None
    permissions.forget_roles(person)
    record_event(
        SecurityEventKind.ROLE_GRANTED, user=person, actor=actor, detail=f"Given the role {assignment}"
    )
    return assignment


@transaction.atomic
def role_remove(*, assignment: RoleAssignment, actor) -> None:
    """Take a role away; history keeps the assignment and who removed it."""
    require_actor(actor, permissions.can_manage_organisation, MANAGERS_ONLY)
    if actor is not None and assignment.user_id == actor.pk and assignment.role == Role.BUSINESS_UNIT:
        raise DomainError("You cannot remove your own business unit role.")
    delete_tracked(assignment, actor=actor, reason="Role removed")
    permissions.forget_roles(assignment.user)
    record_event(
        SecurityEventKind.ROLE_REMOVED,
        user=assignment.user,
        actor=actor,
        detail=f"Lost the role {assignment}",
    )


@transaction.atomic
def person_update(*, person: User, actor) -> User:
    """Save changes to a person's details (name, email, job title, agency).

    Emails are kept lowercase, so that one person cannot hold two accounts by typing their
    address in a different case.
    """
    require_actor(actor, permissions.can_manage_organisation, MANAGERS_ONLY)
    person.email = User.objects.normalize_email(person.email)
    return save_tracked(person, actor=actor)


@transaction.atomic
def person_invite_with_role(
    *, person: User, actor, role: str = "", subgroup=None, agency=None
) -> tuple[User, str]:
    """Invite a new person and, when a first role is given, assign it: all or nothing.

    If the role cannot be assigned (a subgroup role with no subgroup, say) nobody is saved and
    no email is sent, because the invitation's email waits for the transaction to commit.
    """
    is_new = person.pk is None
    try:
        person, token = person_invite(person=person, actor=actor)
        if role:
            role_assign(person=person, role=role, subgroup=subgroup, agency=agency, actor=actor)
    except DomainError:
        if is_new:
            # The save is rolled back with this transaction: the object must say so too.
            person.pk = None
            person._state.adding = True
        raise
    return person, token
