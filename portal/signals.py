"""Receivers of the portal app."""

from __future__ import annotations

from allauth.account.signals import email_confirmed, user_logged_in
from django.dispatch import receiver
from django.urls import reverse
from django.utils import translation

from outbox.mail import message_enqueue, message_render, site_address

from .i18n import language_cookie_set


@receiver(user_logged_in)
def remember_language_on_login(sender, request, user, response=None, **kwargs) -> None:
    """After sign-in, the language cookie follows the user's saved preference."""
    if response is not None:
        language_cookie_set(response, user.preferred_language)


@receiver(email_confirmed)
def welcome_on_first_confirmation(sender, request, email_address, **kwargs) -> None:
    """One welcome mail per account, in the user's language, however often they confirm."""
    user = email_address.user
    language = user.preferred_language
    with translation.override(language):
        home_path = reverse("home")
        language_name = translation.get_language_info(language)["name_local"]
    message_enqueue(
        kind="welcome",
        recipient=email_address.email,
        rendered=message_render(
            template="portal/email/welcome",
            context={"home_path": home_path, "language_name": language_name},
            language=language,
            site_url=site_address(request) if request is not None else None,
        ),
        language=language,
        idempotency_key=f"welcome:{user.pk}",
        user=user,
    )
