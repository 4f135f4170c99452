"""Receivers of the portal app."""

from __future__ import annotations

from allauth.account.signals import user_logged_in
from django.conf import settings
from django.dispatch import receiver


@receiver(user_logged_in)
def remember_language_on_login(sender, request, user, response=None, **kwargs) -> None:
    """After sign-in, the language cookie follows the user's saved preference."""
    if response is not None:
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            user.preferred_language,
            max_age=settings.LANGUAGE_COOKIE_AGE,
            samesite="Lax",
            secure=settings.LANGUAGE_COOKIE_SECURE,
        )
