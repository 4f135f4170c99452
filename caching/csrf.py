"""A placeholder for the CSRF token in HTML that is rendered once and kept.

A page or part of a page kept in the cache cannot hold a visitor's CSRF token. While it
is rendered, ``request.csrf_placeholder = True`` makes every ``{% csrf_token %}`` write
``PLACEHOLDER`` (the context processor ``csrf_placeholder``), and each response gets the
requesting person's own token in its place (``placeholder_filled``, called by the page
cache middleware for every response whose request set the flag).
"""

from __future__ import annotations

from django.http import HttpRequest
from django.middleware.csrf import get_token

# Letters and digits only: the same escaped or not, and never a token.
PLACEHOLDER = "landaCsrfPlaceholder7f3a9c"
_PLACEHOLDER = PLACEHOLDER.encode()


def csrf_placeholder(request: HttpRequest) -> dict:
    """Context processor (after Django's own ``csrf``, which it overrides)."""
    return {"csrf_token": PLACEHOLDER} if getattr(request, "csrf_placeholder", False) else {}


def placeholder_filled(request: HttpRequest, content: bytes) -> bytes:
    if _PLACEHOLDER not in content:
        return content
    return content.replace(_PLACEHOLDER, get_token(request).encode())
