"""Reads of API tokens, scoped to the person asking."""

from django.db.models import QuerySet

from .models import ApiToken
from .permissions import can_hold_tokens, can_see_all_tokens


def tokens_visible_to(user) -> QuerySet:
    """The person's own tokens; every token for the business unit."""
    if not can_hold_tokens(user):
        return ApiToken.objects.none()
    qs = ApiToken.objects.select_related("owner", "owner__agency", "revoked_by")
    return qs if can_see_all_tokens(user) else qs.filter(owner=user)


def own_tokens(user) -> QuerySet:
    return tokens_visible_to(user).filter(owner_id=user.pk)
