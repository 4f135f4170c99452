"""A page drawn for one signed-in person, kept until something it shows changes.

``kept_for_person(state)`` wraps a view (outside its role guard). The page it draws is
kept in Redis under the session and address, with a *stamp*: a digest of

- the person's own rows the page shows, read in SQL by ``state`` (whole rows as text,
  so a change to any column shows; ``state`` names the tables, and a test checks
  that every private table the view reads is among them), and what the header
  shows of them (their roles, named by the project with ``connect``),
- the session's sign-in (user, backend and password hash, as Django checks them),
- the language and the day in Sweden (what is overdue moves at midnight),

and the content version (``caching.content``) for what everyone sees. A request reads
the kept page and the version from Redis in one round trip, then the session row and
the person's state from PostgreSQL in one query, and is served the kept page only when
both match: no invalidation code, nothing waits for a timeout. Anything else (no
page, another stamp, a message waiting, Redis down, not PostgreSQL with sessions in
the database) draws the page through the view and its guard, as before.

Why serving then is right: the kept page is the view's own answer (200) for the same
session data, the same rows, the same content, language and day. Django's check that
a session is still signed in depends only on the session's data and the user's row
(its password and ``is_active``), which are in the stamp, so a session signed out,
expired or made invalid by a new password is never served a kept page.

Pages are read before the view draws them, so a change made while a page is drawn
makes the next request draw it again, never the reverse. A kept page (some 12 kB
compressed for a journey of 35 steps) lives 15 minutes, a visit: that is about
Redis's memory only.
"""

from __future__ import annotations

import functools
import hashlib
import weakref
import zlib
from collections.abc import Callable
from functools import partial, wraps

from django.conf import settings
from django.contrib.auth import (
    BACKEND_SESSION_KEY,
    HASH_SESSION_KEY,
    SESSION_KEY,
    get_user_model,
)
from django.contrib.messages.storage.cookie import CookieStorage
from django.contrib.messages.storage.session import SessionStorage
from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language

from .content import KEY as VERSION_KEY
from .content import content_version

LIFETIME = 15 * 60  # a visit; see the module text
DB_SESSIONS = "django.contrib.sessions.backends.db"
# Headers of the page itself; cookies and lengths belong to one response.
_DROPPED = {"set-cookie", "content-length"}
# What every page's header shows of the person (their ways in), for ``u.id``; the
# project names it when it connects (``connect``).
_header = "NULL"
# The prepared queries' names, and the database connections each is prepared on.
_PREPARED: dict[str, weakref.WeakSet] = {}

View = Callable[..., HttpResponse]


def connect(*, header: str) -> None:
    global _header
    _header = header
    _statement.cache_clear()


def kept_for_person(state: str) -> Callable[[View], View]:
    """``state`` is one SQL expression of the rows the page shows of the signed-in
    person ``u`` (their row in the user table); see the module's text."""

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if not _may_keep(request):
                return view(request, *args, **kwargs)
            key = _page_key(request)
            kept = cache.get_many([VERSION_KEY, key])
            served = _served(request, state, kept, key)
            if served is not None:
                return served
            version = kept.get(VERSION_KEY) or content_version()  # as _served compares it
            return _drawn(request, state, key, version, partial(view, request, *args, **kwargs))

        return wrapper

    return decorator


def state_sql(state: str) -> str:
    """The one query, of the user's id, the session's key and the time: the session
    if it has not expired, and a digest of the person's row (its password and
    ``is_active`` decide whether the session is still signed in), of the header's
    state and of the page's."""
    users = get_user_model()._meta.db_table
    return (
        f"SELECT s.session_data, md5(ROW(u, ({_header}), ({state}))::text) "  # noqa: S608
        f"FROM {Session._meta.db_table} s JOIN {users} u ON u.id = $1 "
        "WHERE s.session_key = $2 AND s.expire_date > $3"
    )


@functools.cache
def _statement(state: str) -> tuple[str, str]:
    """The query's name and text, written once for each ``state``."""
    sql = state_sql(state)
    return "person_state_" + hashlib.blake2b(sql.encode(), digest_size=8).hexdigest(), sql


def _prepared(cursor, state: str) -> str:
    """The query's name, prepared once per database connection: planning it takes
    longer than running it. (A prepared statement outlives a rolled back transaction,
    and PostgreSQL plans it again after a migration.)"""
    name, sql = _statement(state)
    on = _PREPARED.setdefault(name, weakref.WeakSet())
    if connection.connection not in on:
        cursor.execute(f"PREPARE {name}(bigint, text, timestamptz) AS {sql}")
        on.add(connection.connection)
    return name


def _shared() -> bool:
    """The shared cache answers (not a process's fallback while Redis is down)."""
    shared = getattr(cache, "shared", None)
    return shared is not None and shared()


def _may_keep(request: HttpRequest) -> bool:
    return (
        request.method == "GET"
        and connection.vendor == "postgresql"
        and settings.SESSION_ENGINE == DB_SESSIONS
        and request.COOKIES.get(settings.SESSION_COOKIE_NAME)
        and not request.COOKIES.get(CookieStorage.cookie_name)  # a cleared one is ""
        and _shared()
    )


def _page_key(request: HttpRequest) -> str:
    """The session's key is a secret; Redis holds a digest of it."""
    address = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    session = request.COOKIES[settings.SESSION_COOKIE_NAME]
    digest = hashlib.blake2b(f"{session}\n{address}".encode(), digest_size=16).hexdigest()
    return f"person-page:{digest}"


def _read(request: HttpRequest, state: str, user_id: str) -> tuple[dict, str] | None:
    """The session's data and the person's state as they are now, in one query."""
    session = request.COOKIES[settings.SESSION_COOKIE_NAME]
    with connection.cursor() as cursor:
        name = _prepared(cursor, state)
        cursor.execute(f"EXECUTE {name}(%s, %s, %s)", [int(user_id), session, timezone.now()])
        row = cursor.fetchone()
    if row is None:  # signed out, expired, or no such person
        return None
    return request.session.decode(row[0]), row[1]


def _stamp(data: dict, person: str) -> str:
    signed_in = (data.get(SESSION_KEY), data.get(BACKEND_SESSION_KEY), data.get(HASH_SESSION_KEY))
    text = repr((signed_in, person, get_language(), timezone.localdate().isoformat()))
    return hashlib.blake2b(text.encode(), digest_size=16).hexdigest()


def _served(request: HttpRequest, state: str, kept: dict, key: str) -> HttpResponse | None:
    """The kept page, when it is still this person's page as it is now."""
    page = kept.get(key)
    if page is None or page["version"] != kept.get(VERSION_KEY):
        return None
    read = _read(request, state, page["user"])
    if read is None:
        return None
    data, person = read
    if data.get(SESSION_KEY) != page["user"] or SessionStorage.session_key in data:
        return None
    if _stamp(data, person) != page["stamp"]:
        return None
    response = HttpResponse(zlib.decompress(page["content"]))
    for name, value in page["headers"].items():
        response[name] = value
    request.csrf_placeholder = True  # the kept page's forms (caching.csrf)
    return _personal(response)


def _drawn(
    request: HttpRequest, state: str, key: str, version: int, draw: Callable[[], HttpResponse]
) -> HttpResponse:
    """The view's page, kept when it is a whole page for a signed-in person."""
    session = request.session
    user_id = session.get(SESSION_KEY)
    if user_id is None or SessionStorage.session_key in session:
        return draw()
    read = _read(request, state, user_id)  # before drawing: a change meanwhile redraws
    response = draw()
    if (
        read is not None
        and response.status_code == 200
        and not response.streaming
        and getattr(request, "csrf_placeholder", False)
        and not response.cookies
        and not _messages_shown(request)
        and _shared()
    ):
        data, person = read
        headers = {k: v for k, v in response.items() if k.lower() not in _DROPPED}
        page = {
            "version": version,
            "user": user_id,
            "stamp": _stamp(data, person),
            "content": zlib.compress(response.content, 6),
            "headers": headers,
        }
        cache.set(key, page, LIFETIME)
    return _personal(response)


def _messages_shown(request: HttpRequest) -> bool:
    storage = getattr(request, "_messages", None)
    return storage is not None and len(storage) > 0  # those read and those added


def _personal(response: HttpResponse) -> HttpResponse:
    """One person's page varies by cookie (as Django's session middleware says of a page
    that read the session); that it is never stored is ``portal.headers``' rule."""
    patch_vary_headers(response, ("Cookie",))
    return response
