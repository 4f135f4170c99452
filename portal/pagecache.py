"""Whole public pages kept for visitors who are not signed in, fresh by construction.

The pages in ``KEPT`` (by URL name) are rendered once per address and content version
(``caching.content``) and then served from the shared cache by ``PageCacheMiddleware``,
before authentication, messages and the view run. What keeps this right:

- Only a visitor with neither a session nor a message cookie gets a kept page, and
  only for GET. Anyone signed in, or with something to be told, gets the page rendered
  for them.
- The key holds the scheme and host, the full path with its query (the language is in
  the path), the content version and the hour in Sweden. An editor's save changes the
  version, so it shows at once; the hour lets what depends on the clock (an event
  that has begun, a step's "due soon") move on without a save.
- A page is kept only when it answered 200 and set no cookie of its own.
- Forms on a kept page carry a placeholder for the CSRF token, and every response
  gets the visitor's own token there (``caching.csrf``), so the language switcher and
  feedback forms work for everyone.

A kept page lives a day at most in Redis, and only the pages of addresses without a
query go there (see ``PageCacheMiddleware``); that is about memory, never about
freshness. While Redis is down nothing is kept.
"""

from __future__ import annotations

import hashlib
import zlib
from collections.abc import Callable
from contextlib import suppress

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import CsrfViewMiddleware
from django.utils import timezone

from caching.content import content_version
from caching.csrf import placeholder_filled
from caching.recent import Recent

from .cache import REDIS_DOWN

# Pages that are the same for every visitor who is not signed in (URL names).
KEPT = frozenset(
    {
        "home",
        "about",
        "accessibility",
        "privacy",
        "contact",
        "journey_preview",
        "search",
        "places:index",
        "places:region",
        "places:municipality",
        "municipalities:area",
        "municipalities:region",
        "municipalities:associations",
        "newcomers:guides",
        "newcomers:guide",
        "newcomers:step_detail",
        "directory:list",
        "directory:service",
        "events:list",
        "events:detail",
        # The last complete quarter's figures: no editor changes them, and the hour in
        # the key draws them again hourly, as a late registration or an erasure moves
        # them (insights).
        "indicators:headlines",
    }
)
# Models no public page shows: a change to them leaves every cached page as it is.
PRIVATE = frozenset(
    {
        "django_celery_beat",  # whole apps
        "contenttypes",
        "auth",
        "sessions.session",
        "admin.logentry",
        "account.emailaddress",
        "account.emailconfirmation",
        "mfa.authenticator",
        "accounts.user",
        "outbox.outgoingmessage",
        "checklists.checklistinstance",
        "checklists.instanceitem",
        "municipalities.officeraccess",
        "municipalities.placefeedback",
        "newcomers.household",
        "newcomers.newcomerprofile",
        "newcomers.child",
        "newcomers.partnerinvitation",
        "newcomers.consent",
        "newcomers.erasedaccount",
        "newcomers.guidefeedback",
        "welcome.welcomeletter",
        "welcome.printrun",
        "welcome.printletter",
        "welcome.case",
        "employers.membership",
        "employers.memberinvitation",
        "employers.assessment",
        "employers.answer",
        "employers.hire",
        "events.calendarsource",
        "surveys",  # invitations and answers show only as figures, which are computed:
        "insights",  # the computed figures, refreshed every quarter hour; a kept page
        # with them (the headline figures) is drawn again within the hour (the key)
    }
)
LIFETIME = 24 * 60 * 60
REMEMBERED = 256  # pages a process keeps in its own memory (some 10 MB at most)
# Headers of the page itself; cookies and lengths belong to one response.
_DROPPED = {"set-cookie", "content-length"}


def is_visitor(request: HttpRequest) -> bool:
    cookies = request.COOKIES
    return (
        request.method == "GET"
        and not request.path_info.startswith(settings.STATIC_URL)
        and settings.SESSION_COOKIE_NAME not in cookies
        and not cookies.get(CookieStorage.cookie_name)  # a cleared one is ""
        and _shared_cache()
    )


def _shared_cache() -> bool:
    """The shared cache answers (not a process's fallback while Redis is down)."""
    shared = getattr(cache, "shared", None)
    return shared() if shared is not None else True


def page_key(request: HttpRequest) -> str:
    hour = timezone.localtime().strftime("%Y%m%d%H")
    address = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    return f"page:{hour}:{hashlib.blake2b(address.encode(), digest_size=16).hexdigest()}"


class PageCacheMiddleware:
    """The first middleware: serves a kept page, giving it the visitor's CSRF token and
    cookie as Django's CSRF middleware would; keeps what ``KeptPagesMiddleware``
    marked on the way out, with every header the middleware below added.

    Each process keeps its most recent pages in its own memory, so a hit costs one
    small read from Redis (the version). Redis holds the pages of addresses without a
    query, compressed: there are as many of those as there is content. An address with
    a query (a search, a preview's answers) can be anything a visitor types, so its
    page stays in the process's bounded memory only and never fills Redis."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.csrf = CsrfViewMiddleware(get_response)
        self.memory = Recent(REMEMBERED)

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not is_visitor(request):
            return self.get_response(request)
        key = page_key(request)
        shared = not request.META.get("QUERY_STRING")
        try:
            version = content_version()
            kept = self._kept(key, version, shared=shared)
        except REDIS_DOWN:  # a cache without a fallback: draw the page, keep nothing
            return self.get_response(request)
        if kept is not None:
            return self._served(request, kept)
        request.page_key = key
        response = self.get_response(request)
        kept_now = getattr(request, "page_kept", False) and _shared_cache()
        if kept_now and self._keepable(response):
            headers = {k: v for k, v in response.items() if k.lower() not in _DROPPED}
            kept = (version, response.unfilled_content, headers)
            self.memory.put(key, kept)
            if shared:
                with suppress(*REDIS_DOWN):
                    cache.set(key, (version, zlib.compress(kept[1], 1), headers), LIFETIME)
        return response

    def _kept(self, key: str, version: int, *, shared: bool) -> tuple[int, bytes, dict] | None:
        """The page of this version, from this process's memory or else Redis."""
        kept = self.memory.get(key)
        if (kept is None or kept[0] != version) and shared:
            packed = cache.get(key)
            if packed is not None and packed[0] == version:
                kept = (version, zlib.decompress(packed[1]), packed[2])
                self.memory.put(key, kept)
        return kept if kept is not None and kept[0] == version else None

    @staticmethod
    def _keepable(response: HttpResponse) -> bool:
        return (
            response.status_code == 200
            and hasattr(response, "unfilled_content")
            and not any(name != settings.CSRF_COOKIE_NAME for name in response.cookies)
        )

    def _served(self, request: HttpRequest, kept: tuple[int, bytes, dict]) -> HttpResponse:
        _version, content, headers = kept
        self.csrf.process_request(request)
        response = HttpResponse(placeholder_filled(request, content))
        for name, value in headers.items():
            response[name] = value
        return self.csrf.process_response(request, response)


class KeptPagesMiddleware:
    """Right after Django's CSRF middleware: marks the pages of ``KEPT`` for keeping
    (their forms get the CSRF placeholder), and fills the placeholder of every
    response whose request asked for it, keeping the unfilled content for the cache."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if getattr(request, "csrf_placeholder", False) and not response.streaming:
            response.unfilled_content = response.content
            response.content = placeholder_filled(request, response.content)
        return response

    def process_view(self, request: HttpRequest, view, args, kwargs) -> None:
        if getattr(request, "page_key", None) and request.resolver_match.view_name in KEPT:
            request.page_kept = True
            request.csrf_placeholder = True
