"""Signing a browser in without typing a password, for pages behind sign-in, and
moving through a page with the keyboard."""

import re

from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.test import Client

from ..factories import mfa_session


def sign_in(context, live_server, user) -> None:
    """Give a browser context the session of ``user``, as after signing in (with the
    authenticator code, when the user has one)."""
    client = Client()
    client.force_login(user)
    if is_mfa_enabled(user):
        mfa_session(client, user)
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )


def page_width(page) -> int:
    """How wide the page is drawn (wider than the window: something overflows)."""
    return page.evaluate("document.documentElement.scrollWidth")


def tab_to(page, name: re.Pattern, limit: int = 200, *, by: str = "textContent") -> None:
    """Press Tab until the focused element's text (or another property, ``by``: its
    ``id``) matches ``name``."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if name.search(page.evaluate(f"document.activeElement.{by}") or ""):
            return
    raise AssertionError(f"Tab never reached {name.pattern}")


def shot(page, name: str) -> None:
    """With LANDA_SHOTS=<folder>, keep a full-page screenshot for a person to look at."""
    import os

    folder = os.environ.get("LANDA_SHOTS")
    if folder:
        page.screenshot(path=f"{folder}/{name}.png", full_page=True)
