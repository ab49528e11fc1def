"""Who may do what with API tokens.

Everyone signed in may hold tokens: a token sees exactly what its owner sees on the pages, no
more. A person lists, creates and revokes their own; the business unit sees every token and
may revoke anyone's (a leaver, a lost laptop, a leaked key).
"""

from partnership import permissions as core


def can_hold_tokens(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active)


def can_see_all_tokens(user) -> bool:
    return core.is_business_unit(user)


def can_revoke_token(user, token) -> bool:
    return can_hold_tokens(user) and (token.owner_id == user.pk or core.is_business_unit(user))
