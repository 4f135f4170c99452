"""Rendering a message in its recipient's language, from three templates."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.conf import settings
from django.template import Context, Template, TemplateDoesNotExist
from django.template.loader import get_template
from django.utils import translation


def site_address(request=None) -> str:
    """The address Landa is served from, for links in mail: the request's own (scheme
    and host, which ``ALLOWED_HOSTS`` has vetted) when mail is written while serving
    one, as allauth does for its mail; ``SITE_URL`` for mail written in the background
    (the digest). ``make run`` sets ``SITE_URL`` from the port it serves."""
    if request is not None:
        return f"{request.scheme}://{request.get_host()}"
    return settings.SITE_URL.rstrip("/")


@dataclass(frozen=True)
class RenderedMessage:
    subject: str
    body_text: str
    body_html: str = ""
    headers: dict = field(default_factory=dict)


@dataclass(frozen=True)
class MessageTemplate:
    """A message's three templates, looked up once: ``<name>_subject.txt``,
    ``_body.txt`` and (optional) ``_body.html``. A run that renders many messages
    (the digest) loads it once instead of searching the loaders per message."""

    subject: Template
    body_text: Template
    body_html: Template | None

    @classmethod
    def load(cls, name: str) -> MessageTemplate:
        try:
            body_html = get_template(f"{name}_body.html").template
        except TemplateDoesNotExist:
            body_html = None
        return cls(
            subject=get_template(f"{name}_subject.txt").template,
            body_text=get_template(f"{name}_body.txt").template,
            body_html=body_html,
        )

    def render(
        self,
        *,
        context: dict,
        language: str,
        headers: dict | None = None,
        site_url: str | None = None,
    ) -> RenderedMessage:
        """Render in ``language``. Text parts are not HTML-escaped: in a text mail "'"
        must stay "'", not become "&#x27;"; the HTML body is escaped as usual."""
        with translation.override(language):
            context = {
                **context,
                "site_url": site_url or site_address(),
                "LANGUAGE_CODE": language,
            }
            subject = " ".join(self.subject.render(Context(context, autoescape=False)).split())
            body_text = self.body_text.render(Context(context, autoescape=False))
            body_html = self.body_html.render(Context(context)) if self.body_html else ""
        return RenderedMessage(
            subject=subject, body_text=body_text, body_html=body_html, headers=headers or {}
        )


def message_render(
    *,
    template: str,
    context: dict,
    language: str,
    headers: dict | None = None,
    site_url: str | None = None,
) -> RenderedMessage:
    """Render the message ``template`` names in ``language``; links start with
    ``site_url`` (``site_address(request)`` while serving a request), or ``SITE_URL``."""
    return MessageTemplate.load(template).render(
        context=context, language=language, headers=headers, site_url=site_url
    )
