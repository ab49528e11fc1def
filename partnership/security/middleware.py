"""Middleware for what every response must do, whichever view made it.

- `NoStoreMiddleware`: nothing shown to a signed-in person, and no download, is kept by the
  browser or a proxy (`Cache-Control: no-store`, and `Pragma: no-cache` for old HTTP/1.0
  caches), so the back button after signing out, or a shared computer's cache, shows nothing.
- `SecurityEventMiddleware`: every refusal (a 403, whether a view raised PermissionDenied or
  returned one, or CSRF refused a form) and every file or export handed to a signed-in person
  (a response with `Content-Disposition: attachment`) is written to the security log. It also
  makes the request known to `record_event`, so events recorded by services carry the address
  and page they came from.

The Content-Security-Policy header comes from django-csp's `csp.middleware.CSPMiddleware`
(settings.CONTENT_SECURITY_POLICY); HSTS, X-Frame-Options and Referrer-Policy from Django's own
security and clickjacking middleware. tests/partnership/test_security_headers.py checks them all.
"""

from ..models import SecurityEventKind
from .events import attachment_filename, record_event, reset_current_request, set_current_request


def _signed_in(request) -> bool:
    user = getattr(request, "user", None)
    return user is not None and user.is_authenticated


class NoStoreMiddleware:
    """`Cache-Control: no-store` on every response to a signed-in person and on every
    attachment (see the module docstring). Must come after AuthenticationMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        is_attachment = attachment_filename(response.get("Content-Disposition", "")) is not None
        if _signed_in(request) or is_attachment:
            if "no-store" not in response.get("Cache-Control", ""):
                response["Cache-Control"] = "no-store"
            response["Pragma"] = "no-cache"
        return response


class SecurityEventMiddleware:
    """Logs refusals and downloads (see the module docstring). Must come after
    AuthenticationMiddleware, so that it knows who asked."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = set_current_request(request)
        try:
            response = self.get_response(request)
            self._record(request, response)
        finally:
            reset_current_request(token)
        return response

    def _record(self, request, response) -> None:
        if response.status_code == 403:
            record_event(
                SecurityEventKind.PERMISSION_REFUSED,
                request=request,
                detail=f"{request.method} refused (403)",
            )
            return
        if not _signed_in(request) or response.status_code >= 400:
            return
        filename = attachment_filename(response.get("Content-Disposition", ""))
        if filename is not None:
            record_event(
                SecurityEventKind.EXPORT,
                request=request,
                detail=f"Downloaded {filename}" if filename else "Downloaded a file",
            )
