"""How long a signed-in session lasts, and ending a person's sessions.

A session ends after SESSION_IDLE_TIMEOUT_MINUTES without a request, and after
SESSION_ABSOLUTE_TIMEOUT_HOURS from signing in however busy it is. The next request after
either is signed out and sent to sign in, with a message that says why. Each session keeps
when it signed in and when it was last used; SESSION_COOKIE_AGE (the absolute limit) makes the
stored session outlive the idle limit, so there is still a session to explain the sign-out.

`sessions_end(user)` deletes every stored session of a person, at once: used when they are
deactivated, and (keeping the current one) when they change their password.
"""

from importlib import import_module

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.utils import timezone

SIGNED_IN_AT = "signed_in_at"
LAST_SEEN_AT = "last_seen_at"


def idle_limit_seconds() -> int:
    return 60 * settings.SESSION_IDLE_TIMEOUT_MINUTES


def absolute_limit_seconds() -> int:
    return 60 * 60 * settings.SESSION_ABSOLUTE_TIMEOUT_HOURS


def _plural(number: int, word: str) -> str:
    return f"{number} {word}{'' if number == 1 else 's'}"


def timeout_reason(session, now: float) -> str | None:
    """Why this session has ended, in words for the sign-in page; None while it may go on."""
    signed_in_at = session.get(SIGNED_IN_AT)
    last_seen_at = session.get(LAST_SEEN_AT)
    if signed_in_at is not None and now - signed_in_at > absolute_limit_seconds():
        hours = _plural(settings.SESSION_ABSOLUTE_TIMEOUT_HOURS, "hour")
        return (
            f"You have been signed out because you signed in more than {hours} ago. Sign in again to carry on"
        )
    if last_seen_at is not None and now - last_seen_at > idle_limit_seconds():
        minutes = _plural(settings.SESSION_IDLE_TIMEOUT_MINUTES, "minute")
        return (
            f"You have been signed out because you had not used the service for {minutes}. "
            "Sign in again to carry on"
        )
    return None


class SessionTimeoutMiddleware:
    """Signs out a session past its idle or absolute limit. After MessageMiddleware (it leaves a
    message) and AuthenticationMiddleware (it needs the user)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = timezone.now().timestamp()
            reason = timeout_reason(request.session, now)
            if reason:
                path = request.get_full_path() if request.method == "GET" else None
                logout(request)
                messages.info(request, reason)
                return redirect_to_login(path) if path else redirect(settings.LOGIN_URL)
            request.session.setdefault(SIGNED_IN_AT, now)
            request.session[LAST_SEEN_AT] = now
        response = self.get_response(request)
        # Signed in by this request (the sign-in or code page): the clocks start now.
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and SIGNED_IN_AT not in request.session:
            now = timezone.now().timestamp()
            request.session[SIGNED_IN_AT] = now
            request.session[LAST_SEEN_AT] = now
        return response


def _session_store():
    return import_module(settings.SESSION_ENGINE).SessionStore


def sessions_end(*, user, keep_session_key: str | None = None) -> int:
    """Delete every stored session signed in as `user` (but `keep_session_key`), so each is
    signed out at its next request. Returns how many. Needs a database-backed session engine
    (the default, and cached_db), whose table can be searched."""
    store = _session_store()
    model = store.get_model_class()
    user_id = str(user.pk)
    ended = 0
    for session in model.objects.filter(expire_date__gt=timezone.now()).iterator():
        if session.session_key == keep_session_key:
            continue
        if str(session.get_decoded().get("_auth_user_id")) == user_id:
            store(session.session_key).delete()
            ended += 1
    return ended
