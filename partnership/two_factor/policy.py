"""Who must sign in with two-factor authentication, with each app adding its own rule.

The core's rule: the business unit and the partnership leads (who may read everything) and
superusers (who may use the admin site) must; so must everyone when the setting
TWO_FACTOR_REQUIRED_FOR_ALL is on. Apps above the core add who else must, registering an
`extensions.TwoFactorRequirement(reason, rule)` (`extensions.TWO_FACTOR_REQUIREMENTS`), as they
add who may see their confidential sources: the core never imports them. The case
reviews app registers "everyone who can see case reviews" this way.

The rules are asked afresh on each request of a session not yet verified with a code, so a
person who gains a role that needs it (joins a review's panel, say) is asked to set it up at
their next request.
"""

from django.conf import settings

from .. import extensions, permissions


def two_factor_reasons(user) -> list[str]:
    """Why this person must use two-factor sign-in, as sentences; empty when it is optional.

    The core's reasons are checked first and, when one applies, the apps' rules (which may
    query) are not asked."""
    if user is None or not getattr(user, "is_authenticated", False):
        return []
    reasons = []
    if getattr(settings, "TWO_FACTOR_REQUIRED_FOR_ALL", False):
        reasons.append("Everyone who uses this service must use it.")
    if permissions.is_business_unit(user):
        reasons.append("You are in the business unit.")
    if permissions.is_partnership_lead(user):
        reasons.append("You are a partnership lead.")
    if getattr(user, "is_superuser", False):
        reasons.append("You can use the admin site.")
    if reasons:
        return reasons
    for requirement in extensions.registered(extensions.TWO_FACTOR_REQUIREMENTS):
        if requirement.rule(user):
            return [requirement.reason]
    return []


def two_factor_required(user) -> bool:
    """Whether the person must verify a code before they may use the service."""
    return bool(two_factor_reasons(user))
