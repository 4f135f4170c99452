"""allauth customised: mail through the outbox, pages in the user's language."""

from __future__ import annotations

import uuid

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.shortcuts import resolve_url
from django.utils import translation

from .mail import RenderedMessage, message_enqueue
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
        html = next(
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
            rendered=RenderedMessage(
                subject=message.subject, body_text=message.body, body_html=html
            ),
            language=language,
            idempotency_key=f"account:{template_prefix}:{uuid.uuid4().hex}",
            user=user,
        )

    def get_login_redirect_url(self, request) -> str:
        with translation.override(request.user.preferred_language):
            return resolve_url(settings.LOGIN_REDIRECT_URL)
