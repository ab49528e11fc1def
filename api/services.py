"""Writes to API tokens: creating one (the key is returned once, never stored) and revoking.

A key is `lcp_` and 40 random URL-safe characters (from `secrets`); only its SHA-256 hash and
its first 8 characters are stored. `token_for_key` finds the live token of a key presented to
the API, for the authentication class.
"""

import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from partnership.services import DomainError
from partnership.services.guards import require

from .models import ApiToken
from .permissions import can_hold_tokens, can_revoke_token

KEY_PREFIX = "lcp_"
PREFIX_LENGTH = 8
# Recording when a token was last used costs a write: at most once a minute per token.
LAST_USED_EVERY = timedelta(minutes=1)


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class NewToken:
    token: ApiToken
    key: str  # shown to its owner once, then gone


@transaction.atomic
def token_create(*, name: str, actor) -> NewToken:
    """Create a token for `actor` named `name`; return it with its key (the only time the key
    exists outside the person's copy)."""
    require(can_hold_tokens(actor), "You cannot create API tokens.")
    name = (name or "").strip()
    if not name:
        raise DomainError("Enter a name for the token, for example “Power BI actions report”", field="name")
    if len(name) > 100:
        raise DomainError("The name must be 100 characters or fewer", field="name")
    key = KEY_PREFIX + secrets.token_urlsafe(30)
    token = ApiToken.objects.create(
        owner=actor, name=name, prefix=key[:PREFIX_LENGTH], key_hash=hash_key(key)
    )
    return NewToken(token=token, key=key)


@transaction.atomic
def token_revoke(*, token: ApiToken, actor) -> ApiToken:
    """Revoke a token: it stops working at once. Revoking a revoked token changes nothing."""
    token = ApiToken.objects.select_for_update().get(pk=token.pk)
    require(can_revoke_token(actor, token), "Only the token's owner or the business unit can revoke it.")
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.revoked_by = actor
        token.save(update_fields=["revoked_at", "revoked_by"])
    return token


def token_for_key(key: str) -> ApiToken | None:
    """The live token of `key` (not revoked, owner active), or None. Records its use."""
    if not key or not key.startswith(KEY_PREFIX):
        return None
    token = (
        ApiToken.objects.select_related("owner")
        .filter(key_hash=hash_key(key), revoked_at__isnull=True, owner__is_active=True)
        .first()
    )
    if token is None:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_EVERY:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token
