"""allauth customised: mail through the outbox, pages in the user's language."""

from __future__ import annotations

import html
import secrets
import uuid
from dataclasses import dataclass
from urllib.parse import urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.utils import translation
from django.utils.module_loading import import_string

from outbox.mail import RenderedMessage, message_enqueue, site_address

from .models import User


@dataclass(frozen=True)
class SiteInfo:
    """What allauth's mail calls ``current_site``: "Hello from Landa!" and the address
    the site is served from (without ``django.contrib.sites``, its name was empty)."""

    name: str
    address: str

    @property
    def domain(self) -> str:
        return urlsplit(self.address).netloc


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
        site = SiteInfo(name="Landa", address=site_address(allauth_context.request))
        with translation.override(language):
            message = self.render_mail(
                template_prefix, email, {"email": email, "current_site": site, **context}
            )
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

    def get_signup_redirect_url(self, request) -> str:
        """After sign-up (and confirming, which signs in): the same way in as a sign-in."""
        return self.get_login_redirect_url(request)

    def get_login_redirect_url(self, request) -> str:
        """Each role's own way in, in the person's language. The roles live above
        accounts, so the function that knows them is named by a setting
        (``LANDA_LANDING``, as ``LOGIN_REDIRECT_URL`` names a page)."""
        with translation.override(request.user.preferred_language):
            return import_string(settings.LANDA_LANDING)(request)
