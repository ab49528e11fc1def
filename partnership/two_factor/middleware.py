"""Enforce two-factor sign-in for those who must use it.

Runs after Django's AuthenticationMiddleware and django-otp's OTPMiddleware (which sets
`request.user.is_verified()` from the device the session was verified with). A signed-in
session that is not verified, of someone who must use two-factor sign-in, reaches only the
pages that let them finish signing in or leave: sign-in, the code page, set-up, sign-out,
static files, the health check and the accessibility statement. Anything else sends them to the code page (if they have an
authenticator app) or to set it up (if not), coming back afterwards.

A signed-in session is unverified when the person has no app yet (they are sent to set one up
straight after their password), when their app was reset, or when they gained a role that
needs it after signing in.
"""

from urllib.parse import urlencode

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse

from .policy import two_factor_required
from .services import two_factor_enabled

# The pages an unverified session of someone who must use two-factor sign-in may open.
OPEN_URL_NAMES = (
    "partnership:login",
    "partnership:logout",
    "partnership:two-factor-verify",
    "partnership:two-factor-setup",
    "healthz",
    # A statement open to everyone, linked from every page's footer: no data in it.
    "partnership:accessibility",
)


class TwoFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self._open_paths = None

    def open_paths(self) -> frozenset:
        if self._open_paths is None:
            self._open_paths = frozenset(reverse(name) for name in OPEN_URL_NAMES)
        return self._open_paths

    def is_open(self, path: str) -> bool:
        return path in self.open_paths() or path.startswith(settings.STATIC_URL)

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and not self.is_open(request.path_info)
            and not user.is_verified()
            and two_factor_required(user)
        ):
            target = (
                "partnership:two-factor-verify"
                if two_factor_enabled(user)
                else "partnership:two-factor-setup"
            )
            query = urlencode({"next": request.get_full_path()}) if request.method == "GET" else ""
            return redirect(reverse(target) + (f"?{query}" if query else ""))
        return self.get_response(request)
