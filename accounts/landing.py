"""Where a person lands after signing in: each app that gives people a role says where
its people go, so that accounts need not know the roles above it.

An app registers a function of the request that returns a URL, or None when the
person has no role there (``landing_register`` in its ``AppConfig.ready``); the lowest
``order`` that answers wins, and a person with no role lands on the home page. A
``next`` the person came with still goes first (allauth honours it before asking).
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest
from django.urls import reverse

Landing = Callable[[HttpRequest], "str | None"]

_landings: dict[str, tuple[int, Landing]] = {}


def landing_register(name: str, order: int, landing: Landing) -> None:
    _landings[name] = (order, landing)


def landing_url(request: HttpRequest) -> str:
    for _order, landing in sorted(_landings.values(), key=lambda entry: entry[0]):
        url = landing(request)
        if url:
            return url
    return reverse("home")
