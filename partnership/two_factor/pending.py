"""Between the password and the code: a sign-in that has passed its first step.

Someone with two-factor sign-in on who types the right password is not signed in yet: the
session only remembers who they are, for PENDING_MINUTES, and the code page finishes the
sign-in (Django's `login`, then django-otp's). So `user_logged_in` fires once, when both steps
are done: django-axes resets the count of wrong tries only then, and a wrong code counts
toward the same lockout as a wrong password.
"""

from django.contrib.auth import get_user_model
from django.utils import timezone

PENDING_KEY = "two_factor_pending"
PENDING_MINUTES = 10


def pending_start(request, user, *, next_url: str) -> None:
    """Remember that `user` typed the right password; a new session key guards against fixation."""
    request.session.cycle_key()
    request.session[PENDING_KEY] = {
        "user_id": user.pk,
        "backend": getattr(user, "backend", "django.contrib.auth.backends.ModelBackend"),
        "at": timezone.now().timestamp(),
        "next": next_url,
    }


def pending_clear(request) -> None:
    request.session.pop(PENDING_KEY, None)


def pending_sign_in(request):
    """(user, backend, next URL) of the sign-in waiting for its code, or None (none, expired,
    or the person has been deactivated meanwhile)."""
    pending = request.session.get(PENDING_KEY)
    if not pending:
        return None
    if timezone.now().timestamp() - pending.get("at", 0) > PENDING_MINUTES * 60:
        pending_clear(request)
        return None
    user = get_user_model().objects.filter(pk=pending.get("user_id"), is_active=True).first()
    if user is None:
        pending_clear(request)
        return None
    return user, pending["backend"], pending.get("next") or ""
