"""Writing the security log: `record_event` is the one way any part of the project records a
security event (see partnership/models/security.py for what each kind means).

Services have no request in hand, yet their events (a role granted, a person deactivated)
should say from which address and page they came. `SecurityEventMiddleware` therefore keeps
the request being served in a context variable for the length of the request; `record_event`
falls back to it when it is not given one. A command or task records no address or page.
"""

import contextvars
import ipaddress
import logging
import re
from urllib.parse import unquote, urlencode

from django.urls import Resolver404, resolve

from ..models import SecurityEvent, SecurityEventKind

logger = logging.getLogger("partnership.security")

_current_request: contextvars.ContextVar = contextvars.ContextVar("security_request", default=None)

MAX_PATH = SecurityEvent._meta.get_field("path").max_length
MAX_DETAIL = SecurityEvent._meta.get_field("detail").max_length
MAX_EMAIL = SecurityEvent._meta.get_field("email").max_length


def set_current_request(request):
    """Make `request` the one `record_event` falls back to; returns a token for `reset`."""
    return _current_request.set(request)


def reset_current_request(token) -> None:
    _current_request.reset(token)


def client_ip(request) -> str | None:
    """The client's address, resolved as django-axes resolves it for lockouts (so that the two
    agree, and a proxy is configured in one place: AXES_IPWARE_* / AXES_CLIENT_IP_CALLABLE)."""
    from axes.helpers import get_client_ip_address

    address = getattr(request, "axes_ip_address", None) or get_client_ip_address(request)
    try:
        return str(ipaddress.ip_address(str(address).strip())) if address else None
    except ValueError:
        return None  # not an address (a misconfigured proxy header): better none than a failed sign-in


# URL arguments and query parameters whose values are secrets (one-time links, reset tokens):
# the log keeps the page, never the secret.
_SECRET_NAME = re.compile(r"token|key|secret|password|signature|sig$|code", re.IGNORECASE)
REDACTED = "[redacted]"


def loggable_path(request) -> str:
    """The path and query asked for, with secrets in them replaced by "[redacted]"."""
    path = request.path
    try:
        match = resolve(request.path_info)
    except Resolver404:
        match = None
    if match is not None:
        for name, value in match.kwargs.items():
            if _SECRET_NAME.search(name) and isinstance(value, str) and value:
                path = path.replace(value, REDACTED)
    query = [
        (name, REDACTED if _SECRET_NAME.search(name) else value)
        for name, values in request.GET.lists()
        for value in values
    ]
    return f"{path}?{urlencode(query)}" if query else path


def record_event(
    kind: str,
    *,
    request=None,
    user=None,
    detail: str = "",
    actor=None,
    email: str = "",
) -> SecurityEvent:
    """Record one security event and return it.

    `kind` is a `SecurityEventKind` value ("sign_in", "password_changed", …). `user` is the
    person the event is about; when it is None and the request's user is signed in, that
    person is used. `actor` is who did it when that was someone else (left empty when it is
    the person themselves). `email` is what was typed for a failed sign-in. `request`
    (default: the request being served, if any) gives the IP address and the path.

    The row is written in the caller's transaction: if the change it records is rolled
    back, so is the event.
    """
    kind = SecurityEventKind(kind)
    request = request if request is not None else _current_request.get()
    if user is None and request is not None:
        request_user = getattr(request, "user", None)
        if request_user is not None and request_user.is_authenticated:
            user = request_user
    if actor is not None and user is not None and actor.pk == user.pk:
        actor = None
    event = SecurityEvent.objects.create(
        kind=kind,
        person=user if user is not None and user.pk else None,
        actor=actor if actor is not None and actor.pk else None,
        email=(email or "")[:MAX_EMAIL],
        ip_address=client_ip(request) if request is not None else None,
        path=loggable_path(request)[:MAX_PATH] if request is not None else "",
        detail=(detail or "")[:MAX_DETAIL],
    )
    logger.info(
        "security event %s person=%s email=%s ip=%s path=%s %s",
        kind.value,
        event.person_id,
        event.email,
        event.ip_address,
        event.path,
        event.detail,
    )
    return event


_FILENAME_STAR = re.compile(r"filename\*\s*=\s*(?:[\w-]+)?'[^']*'([^;]+)", re.IGNORECASE)
_FILENAME = re.compile(r'filename\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;\s]+))', re.IGNORECASE)


def attachment_filename(content_disposition: str) -> str | None:
    """The file name of an `attachment` Content-Disposition, "" when it names none; None when
    the header is not an attachment (a page shown inline)."""
    if not content_disposition or not content_disposition.strip().lower().startswith("attachment"):
        return None
    if match := _FILENAME_STAR.search(content_disposition):
        return unquote(match.group(1).strip())
    if match := _FILENAME.search(content_disposition):
        return (match.group(1) if match.group(1) is not None else match.group(2)).replace('\\"', '"')
    return ""
