"""Signing a browser in without typing a password, for pages behind sign-in."""

from django.conf import settings
from django.test import Client


def sign_in(context, live_server, user) -> None:
    """Give a browser context the session of ``user``, as after signing in."""
    client = Client()
    client.force_login(user)
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
