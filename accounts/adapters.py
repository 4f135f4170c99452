"""allauth customised: mail through the outbox, pages in the user's language."""

from __future__ import annotations

import html
import secrets
import uuid

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.shortcuts import resolve_url
from django.utils import translation

from outbox.mail import RenderedMessage, message_enqueue

from .models import User


class AccountAdapter(DefaultAccountAdapter):
    def save_user(self, request, user, form, commit=True):
        language = translation.get_language()
        if language in dict(settings.LANGUAGES):
            user.preferred_language = language
        return super().save_user(request, user, form, commit=commit)

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        """Render allauth's mail in the recipient's language and queue it in the outbox."""
        user = User.objects.filter(email__iexact=email).first()
        language = user.preferred_language if user else translation.get_language()
        with translation.override(language):
            message = self.render_mail(template_prefix, email, {"email": email, **context})
        body_html = next(
            (
                content
                for content, mimetype in getattr(message, "alternatives", [])
                if mimetype == "text/html"
            ),
            "",
        )
        message_enqueue(
            kind=template_prefix.rsplit("/", 1)[-1],
            recipient=email,
            # allauth renders its text templates with HTML escaping; a text mail must
            # not show "&#x27;" for "'".
            rendered=RenderedMessage(
                subject=html.unescape(message.subject),
                body_text=(
                    message.body
                    if message.content_subtype == "html"
                    else html.unescape(message.body)
                ),
                body_html=body_html,
            ),
            language=language,
            idempotency_key=f"account:{template_prefix}:{uuid.uuid4().hex}",
            user=user,
            sensitive=True,  # confirmation links, reset links and login codes
        )

    def send_account_already_exists_mail(self, email: str) -> None:
        """Signing up with a new address hashes a password; with a known one it does
        not. Hash one here too, so the answer's timing does not tell which addresses
        have accounts."""
        make_password(secrets.token_urlsafe(16))
        super().send_account_already_exists_mail(email)

    def get_login_redirect_url(self, request) -> str:
        with translation.override(request.user.preferred_language):
            return resolve_url(settings.LOGIN_REDIRECT_URL)
