"""Rendered fragments of the big pages, kept in the shared cache until the data changes.

The heavy part of a page (the training analysis's tables, the Section 11 heatmap, the dataset,
the theme matrix, the lists of actions) costs the same to render every time although the data
under it changes a few times an hour. A view hands that part to `cached`:

    tables = fragments.cached(
        "training-analysis", request.user.pk, year, filters,
        render=lambda: render_to_string("training/analysis/_tables.html", heavy_context(), request),
    )

and the fragment is rendered once, then served from the cache until any of these changes:

- **the data**: every write to the database (an INSERT, UPDATE, DELETE or TRUNCATE of any table
  but the bookkeeping ones in `IGNORED_TABLES`, whatever made it: a form, a job, a bulk update,
  the admin, raw SQL) moves one data version on (`data_version`), which every key holds. It is
  moved when the transaction commits, so a page rendered from the data before the commit is
  never kept under the version after it, and before the writer's own next read of it;
- **the day** (a RAG rating or "overdue" depends on today's date);
- **what the caller varies on**: the person or the scope of what they may see, the filters, the
  page. A fragment is shared only between people the caller names by the same values, so one
  person's fragment is never served to someone who may see less: vary on the person (their
  pk) unless the fragment shows exactly the same to everyone who reaches it.

A fragment never holds a form that posts (its CSRF token belongs to one session) or a message.
It lives FRAGMENT_CACHE_SECONDS at most, which also bounds how stale a page can be if the cache
was unreachable when the data changed.

The cache must be shared by every process that writes (the web server's workers and the Celery
worker), so it is on only with Redis (`FRAGMENT_CACHE`, on when REDIS_URL is set); without it,
`cached` renders every time.
"""

from __future__ import annotations

import hashlib
import logging
import re
import secrets
from collections.abc import Callable
from typing import TypeVar

from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from . import extensions

logger = logging.getLogger(__name__)
T = TypeVar("T")

# Tables written while pages are read, or that no page shows: writing them changes no fragment.
IGNORED_TABLES = frozenset(
    {
        "django_session",
        "partnership_sentreminder",
        "partnership_securityevent",
        "axes_accessattempt",
        "axes_accessattemptexpiration",
        "axes_accesslog",
        "axes_accessfailurelog",
        "otp_totp_totpdevice",
        "otp_static_staticdevice",
        "otp_static_statictoken",
    }
)
_WRITE = re.compile(
    r'\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM|TRUNCATE(?:\s+TABLE)?)\s+"?(\w+)', re.IGNORECASE
)


def enabled() -> bool:
    return settings.FRAGMENT_CACHE


def _database() -> str:
    """The database the fragments are rendered from: two sites (or two test runs) sharing one
    Redis never share a version or a fragment."""
    return connection.settings_dict["NAME"]


def _version_key() -> str:
    return f"fragments:{_database()}:data-version"


def data_version() -> int:
    """The current data version. Missing (a new or emptied cache), it starts at a random number,
    so it never comes back to a version whose fragments may still be held."""
    if getattr(connection, "fragments_written", False):
        connection.fragments_written = False
        bump()
    key = _version_key()
    version = cache.get(key)
    if version is None:
        cache.add(key, secrets.randbits(62), timeout=None)
        version = cache.get(key)
    return version


def bump() -> None:
    """Move the data version on: every fragment rendered before is out of date."""
    key = _version_key()
    try:
        cache.incr(key)
    except ValueError:  # not there yet: any new number will do
        cache.add(key, secrets.randbits(62), timeout=None)
    except Exception:
        logger.exception("Could not move the fragments' data version on; they expire on their own")


_quiet: frozenset[str] | None = None


def quiet_tables() -> frozenset[str]:
    """The tables whose writes move no fragment on: the bookkeeping ones, and those of the models
    the apps register as keying their own fragments (`extensions.SELF_KEYED_MODELS`)."""
    global _quiet
    if _quiet is None:
        models = extensions.registered(extensions.SELF_KEYED_MODELS)
        _quiet = IGNORED_TABLES | {model._meta.db_table for model in models}
    return _quiet


def written_table(sql: str) -> str | None:
    """The table an SQL statement writes, or None for a read."""
    match = _WRITE.match(sql)
    return match.group(1).lower() if match else None


def _watch(execute, sql, params, many, context):
    result = execute(sql, params, many, context)
    if sql[:10].lstrip()[:1] in "IUDTiudt" and enabled():
        table = written_table(sql)
        if table and table not in quiet_tables():
            _changed(context["connection"])
    return result


def _changed(conn) -> None:
    """A write on `conn`: committed already (autocommit), the version moves on now; inside a
    transaction, it moves on when the transaction commits (once, however many writes), and
    before this connection next reads the version (its own pages see its own writes)."""
    if not conn.in_atomic_block:
        bump()
        return
    conn.fragments_written = True
    if not any(func is _committed for _sids, func, _robust in conn.run_on_commit):
        transaction.on_commit(_committed, using=conn.alias)


def _committed() -> None:
    """The writes are committed: the version moves on once, and the writer's next read need not
    move it again."""
    connection.fragments_written = False
    bump()


def watch_writes(sender, connection, **kwargs) -> None:
    """`connection_created` receiver: watch every statement of the connection for writes."""
    if _watch not in connection.execute_wrappers:
        connection.execute_wrappers.append(_watch)


def cached(name: str, *vary, render: Callable[[], str]) -> SafeString:
    """The fragment `name` for `vary` at the current data version and day: from the cache, or
    rendered by `render()` and kept. `vary` are plain values (ints, strings, dates, tuples,
    sorted lists) whose repr names what the fragment shows."""
    return mark_safe(kept(name, *vary, make=lambda: str(render())))  # noqa: S308 - our templates


def kept(name: str, *vary, make: Callable[[], T]) -> T:
    """`make()`, kept as `cached` keeps a fragment: for what is not HTML (an API page's data).
    The value must pickle."""
    if not enabled():
        return make()
    try:
        key = _key(name, data_version(), vary)
        value = cache.get(key)
    except Exception:
        logger.exception("Fragment cache unreachable; making %s", name)
        return make()
    if value is None:
        value = make()
        try:
            cache.set(key, value, timeout=settings.FRAGMENT_CACHE_SECONDS)
        except Exception:
            logger.exception("Could not keep fragment %s", name)
    return value


def _key(name: str, version: int, vary: tuple) -> str:
    digest = hashlib.blake2b(repr((timezone.localdate(), vary)).encode(), digest_size=16).hexdigest()
    return f"fragments:{_database()}:{name}:{version}:{digest}"


def page_part(request, name: str, template_name: str, context: Callable[[], dict], *vary) -> SafeString:
    """The common case: the part of `request`'s page rendered from `template_name` with
    `context()` (and `request` and `user`), kept per person, path and query (and `vary`).

    Rendered without the context processors: a fragment is the page's content, never its menu
    or messages."""

    def render() -> str:
        return render_to_string(template_name, {**context(), "request": request, "user": request.user})

    return cached(name, request.user.pk, request.path, sorted(request.GET.lists()), *vary, render=render)


def render_page(request, name: str, template_name: str, context: Callable[[], dict], *vary, page=None):
    """A page whose content is one kept part: `template_name` is the page (it extends the
    layout, and its content block shows `{{ body }}`, with `page`'s context), and
    `_<its name>_body.html` beside it the content, rendered from `context()` by `page_part`."""
    folder, _, file = template_name.rpartition("/")
    body_template = f"{folder}/_{file.removesuffix('.html')}_body.html"
    body = page_part(request, name, body_template, context, *vary)
    return render(request, template_name, {**(page or {}), "body": body})
